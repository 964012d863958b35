import type { Queryable } from '../core/db.ts';

export async function findOrder(q: Queryable, id: string): Promise<unknown> {
  return q.query('select * from orders where id = $1', [id]);
}
