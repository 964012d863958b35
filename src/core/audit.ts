/**
 * The audit trail (DESIGN invariant 2): one row per read or write of patient data, written in the
 * caller's transaction so that the access and its trace stand or fall together.
 */
import type { RequestContext } from './auth/actor.ts';
import type { Queryable } from './db/types.ts';
import { AUDIT_INSERT, appendAuditRow, chainCounts, firstBrokenLink, sealBatch } from './audit-repo.ts';

export type AuditOutcome = 'ok' | 'denied' | 'not_found' | 'failed';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  practiceId?: string | null;
  patientId?: string | null;
  detail?: Record<string, unknown>;
}

export async function audit(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await appendAuditRow(tx, [
    ctx.requestId,
    ctx.actor.userId,
    ctx.actor.role,
    ctx.actor.organisationId,
    entry.practiceId ?? null,
    entry.patientId ?? null,
    entry.action,
    entry.outcome,
    entry.detail ? JSON.stringify(entry.detail) : null,
  ]);
}

/**
 * The audit append as a statement to embed in a one-statement write (a CTE), for the hot paths that
 * must write their row and its audit row at once (booking). `select` gives the nine columns in order:
 * request, actor, role, organisation, practice, patient, action, outcome, detail.
 */
export function auditInsertFrom(select: string): string {
  return `${AUDIT_INSERT} ${select}`;
}

/** Chains the committed, unsealed rows (all of them, in batches); returns how many it sealed. */
export async function sealAudit(db: Queryable, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(db, batch);
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
  const bad = await firstBrokenLink(db);
  const { sealed = 0, unsealed = 0, last_seq = 0 } = await chainCounts(db);
  if (bad) {
    const reason = bad.seq !== bad.n ? 'gap' : bad.ok_hash ? 'broken_link' : 'hash_mismatch';
    return { rows: sealed, unsealed, firstAltered: { id: bad.id ?? 0, seq: bad.seq, reason } };
  }
  // A deleted tail shows as a head pointing past the last sealed row.
  if (last_seq !== sealed) return { rows: sealed, unsealed, firstAltered: { id: 0, seq: sealed + 1, reason: 'gap' } };
  return { rows: sealed, unsealed };
}
