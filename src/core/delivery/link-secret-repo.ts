/** SQL for the stored link key (one row, created once by whichever instance comes first). */
import type { Queryable } from '../db/types.ts';

export async function storedLinkSecret(q: Queryable, candidate: string): Promise<string> {
  await q.query(`insert into notify_secrets (name, value) values ('link', $1) on conflict (name) do nothing`, [candidate]);
  const { rows } = await q.query<{ value: string }>(`select value from notify_secrets where name = 'link'`);
  return rows[0]!.value;
}
