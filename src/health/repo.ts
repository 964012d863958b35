/** SQL of the health check: the database answers. */
import type { Queryable } from '../core/db/types.ts';

export async function ping(q: Queryable): Promise<void> {
  await q.query('select 1');
}
