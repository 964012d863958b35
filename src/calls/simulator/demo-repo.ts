/** SQL of the in-process demo traffic: the demo organisation's lines and its simulated agents' accounts. */
import type { Db } from '../../core/db/types.ts';

export interface DemoLine {
  practiceId: string;
  number: string;
  timeZone: string;
  weight: number;
}

/** The first organisation (the demo's) and its practices' first forwarded numbers. */
export async function demoLines(db: Db): Promise<{ organisationId: string; lines: DemoLine[] } | null> {
  const org = await db.query<{ id: string }>('select id from organisations order by created_at, id limit 1');
  const organisationId = org.rows[0]?.id;
  if (organisationId === undefined) return null;
  const { rows } = await db.query<{ practice_id: string; number: string; time_zone: string; practitioners: number }>(
    `select p.id as practice_id, p.time_zone,
            (select n.e164 from practice_numbers n where n.practice_id = p.id order by n.e164 limit 1) as number,
            (select count(*)::int from practice_practitioners pp where pp.practice_id = p.id) as practitioners
     from practices p where p.organisation_id = $1 order by p.id`,
    [organisationId],
  );
  return {
    organisationId,
    lines: rows
      .filter((r) => r.number !== null)
      .map((r) => ({ practiceId: r.practice_id, number: r.number, timeZone: r.time_zone, weight: Math.max(1, r.practitioners) })),
  };
}

/**
 * Creates or updates a simulated agent (a fresh password each start), working for the practices given
 * and the dedicated secretary of those listed. Returns her id.
 */
export async function upsertSimAgent(
  db: Db,
  o: { organisationId: string; email: string; displayName: string; passwordHash: string; practiceIds: readonly string[]; dedicated: readonly string[] },
): Promise<string> {
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ id: string }>('select id from users where lower(email) = lower($1)', [o.email]);
    let id = existing.rows[0]?.id;
    if (id === undefined) {
      const inserted = await tx.query<{ id: string }>(
        `insert into users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, 'agent', $4) returning id`,
        [o.organisationId, o.email, o.displayName, o.passwordHash],
      );
      id = inserted.rows[0]!.id;
    } else {
      await tx.query('update users set password_hash = $2, active = true where id = $1', [id, o.passwordHash]);
    }
    await tx.query('delete from user_practices where user_id = $1', [id]);
    for (const practiceId of o.practiceIds) {
      await tx.query('insert into user_practices (user_id, practice_id, dedicated) values ($1, $2, $3)', [id, practiceId, o.dedicated.includes(practiceId)]);
    }
    return id;
  });
}
