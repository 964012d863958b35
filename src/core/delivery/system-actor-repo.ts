/** SQL for the system actor: one inactive, non-login user per organisation, created on first use. */
import type { Queryable } from '../db/types.ts';

export async function ensureSystemUser(q: Queryable, o: { organisationId: string; email: string; displayName: string }): Promise<string> {
  await q.query(
    `insert into users (organisation_id, email, display_name, role, password_hash, active, internal)
     values ($1, $2, $3, 'agent', '!', false, true)
     on conflict ((lower(email))) do nothing`,
    [o.organisationId, o.email, o.displayName],
  );
  const { rows } = await q.query<{ id: string }>('select id from users where lower(email) = $1', [o.email]);
  return rows[0]!.id;
}
