// Another feature's service (allowed), its repo (refused), its routes (refused).
import { getOrder } from '../shop/service.ts';
import { findOrder } from '../shop/repo.ts';
import { handlers } from '../shop/routes.ts';

export const invoice = { getOrder, findOrder, handlers };
