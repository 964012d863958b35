// A route importing its own service (allowed) and its own repo (refused).
import { getOrder } from './service.ts';
import { findOrder } from './repo.ts';

export const handlers = { getOrder, findOrder };
