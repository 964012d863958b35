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

export interface AuditVerification {
  rows: number;
  /** The first row whose content or link no longer matches its hash; undefined when the chain is intact. */
  firstAltered?: { id: number; reason: 'hash_mismatch' | 'broken_link' | 'gap' };
}

/** Recomputes every row's hash in chain order and reports the first that does not match. */
export async function verifyAuditChain(db: Queryable): Promise<AuditVerification> {
  const { rows } = await db.query<{ id: number; n: number; ok_hash: boolean; ok_link: boolean }>(
    `with chain as (
       select id,
              (row_number() over (order by id))::bigint as n,
              hash = encode(sha256(convert_to(audit_row_text(a), 'UTF8')), 'hex') as ok_hash,
              prev_hash = coalesce(lag(hash) over (order by id), repeat('0', 64)) as ok_link
         from audit_log a)
     select id, n, ok_hash, ok_link from chain
      where id <> n or not ok_hash or not ok_link
      order by id limit 1`,
  );
  const counts = await db.query<{ total: number; last_id: number }>(
    'select (select count(*) from audit_log)::bigint as total, last_id from audit_head',
  );
  const total = counts.rows[0]?.total ?? 0;
  const bad = rows[0];
  if (bad) {
    if (bad.id !== bad.n) return { rows: total, firstAltered: { id: bad.n, reason: 'gap' } };
    return { rows: total, firstAltered: { id: bad.id, reason: bad.ok_hash ? 'broken_link' : 'hash_mismatch' } };
  }
  // A deleted tail shows as a head pointing past the last row.
  if ((counts.rows[0]?.last_id ?? 0) !== total) return { rows: total, firstAltered: { id: total + 1, reason: 'gap' } };
  return { rows: total };
}
