// core/ never imports a feature.
import { getOrder } from '../../shop/service.ts';

export const post = getOrder;
