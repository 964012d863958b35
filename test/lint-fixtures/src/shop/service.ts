import type { Queryable } from '../core/db.ts';
import { findOrder } from './repo.ts';

export async function getOrder(q: Queryable, id: string): Promise<unknown> {
  return findOrder(q, id);
}
