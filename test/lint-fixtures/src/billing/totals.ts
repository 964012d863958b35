// Named like pure logic, but imports a repo and runs SQL.
import type { Queryable } from '../core/db.ts';
import { findOrder } from '../shop/repo.ts';

export async function total(q: Queryable): Promise<unknown> {
  await findOrder(q, 'x');
  return q.query(`select sum(amount) from invoices`);
}
