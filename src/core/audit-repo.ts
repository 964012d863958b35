/** SQL of the audit trail: the append, the sealer's call, the chain check. Only core/audit.ts uses it. */
import type { Queryable } from './db/types.ts';

/** The columns of an audit row, in the order every append gives them. */
export const AUDIT_INSERT = 'insert into audit_log (request_id, actor_user_id, actor_role, organisation_id, practice_id, patient_id, action, outcome, detail)';

export async function appendAuditRow(tx: Queryable, values: unknown[]): Promise<void> {
  await tx.query(`${AUDIT_INSERT} values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, values);
}

export async function sealBatch(db: Queryable, batch: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select audit_seal($1) as n', [batch]);
  return rows[0]?.n ?? 0;
}

/** The first sealed row whose place, content or link no longer matches the chain. */
export async function firstBrokenLink(db: Queryable) {
  const { rows } = await db.query<{ id: number | null; seq: number; n: number; ok_hash: boolean; ok_link: boolean }>(
    `with chain as (
       select id, seq,
              row_number() over (order by seq) as n,
              hash = encode(sha256(convert_to(audit_row_text(a), 'UTF8')), 'hex') as ok_hash,
              prev_hash = coalesce(lag(hash) over (order by seq), repeat('0', 64)) as ok_link
         from audit_log a where seq is not null)
     select id, seq, n, ok_hash, ok_link from chain
      where seq <> n or not ok_hash or not ok_link
      order by seq limit 1`,
  );
  return rows[0];
}

export async function chainCounts(db: Queryable): Promise<{ sealed: number; unsealed: number; last_seq: number }> {
  const counts = await db.query<{ sealed: number; unsealed: number; last_seq: number }>(
    `select (select count(*) from audit_log where seq is not null)::bigint as sealed,
            (select count(*) from audit_log where seq is null)::bigint as unsealed,
            last_seq from audit_head`,
  );
  return counts.rows[0] ?? { sealed: 0, unsealed: 0, last_seq: 0 };
}
