/**
 * The audit trail (DESIGN invariant 2): one row per read or write of patient data, written in the
 * caller's transaction so that the access and its trace stand or fall together.
 */
import type { RequestContext } from './auth/actor.ts';
import type { Queryable } from './db/types.ts';

export type AuditOutcome = 'ok' | 'denied' | 'not_found' | 'failed';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  practiceId?: string | null;
  patientId?: string | null;
  detail?: Record<string, unknown>;
}

export async function audit(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_log (request_id, actor_user_id, actor_role, organisation_id, practice_id, patient_id, action, outcome, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      ctx.requestId,
      ctx.actor.userId,
      ctx.actor.role,
      ctx.actor.organisationId,
      entry.practiceId ?? null,
      entry.patientId ?? null,
      entry.action,
      entry.outcome,
      entry.detail ? JSON.stringify(entry.detail) : null,
    ],
  );
}

/** Chains the committed, unsealed rows (all of them, in batches); returns how many it sealed. */
export async function sealAudit(db: Queryable, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ n: number }>('select audit_seal($1) as n', [batch]);
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < batch) return total;
  }
}

export interface AuditVerification {
  /** Sealed rows checked. */
  rows: number;
  /** Rows not sealed yet (appended after the last seal). */
  unsealed: number;
  /** The first row (by id) whose content or link no longer matches the chain; undefined when intact. */
  firstAltered?: { id: number; seq: number; reason: 'hash_mismatch' | 'broken_link' | 'gap' };
}

/** Recomputes every sealed row's hash in chain order and reports the first that does not match. */
export async function verifyAuditChain(db: Queryable): Promise<AuditVerification> {
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
  const counts = await db.query<{ sealed: number; unsealed: number; last_seq: number }>(
    `select (select count(*) from audit_log where seq is not null)::bigint as sealed,
            (select count(*) from audit_log where seq is null)::bigint as unsealed,
            last_seq from audit_head`,
  );
  const { sealed = 0, unsealed = 0, last_seq = 0 } = counts.rows[0] ?? {};
  const bad = rows[0];
  if (bad) {
    const reason = bad.seq !== bad.n ? 'gap' : bad.ok_hash ? 'broken_link' : 'hash_mismatch';
    return { rows: sealed, unsealed, firstAltered: { id: bad.id ?? 0, seq: bad.seq, reason } };
  }
  // A deleted tail shows as a head pointing past the last sealed row.
  if (last_seq !== sealed) return { rows: sealed, unsealed, firstAltered: { id: 0, seq: sealed + 1, reason: 'gap' } };
  return { rows: sealed, unsealed };
}
