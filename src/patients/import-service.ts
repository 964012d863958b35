/**
 * Importing a practice's patients from its former software's CSV export. A dry run reports what would be
 * created, which rows duplicate a patient already there (or an earlier row), and each row's errors; the import
 * itself is all-or-nothing: refused while any row is in error, otherwise every new patient is created in one
 * transaction with one audit row each. Duplicates are left out, never merged.
 */
import type { Db, Queryable } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { audit } from '../core/audit.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { identityKey } from './identity.ts';
import { createPatientBody } from './schemas.ts';
import { decodeText, guessMapping, parseCsv, rowToPatient, type ColumnMapping } from './import-csv.ts';
import { findDuplicate, valuesOf } from './service.ts';
import * as repo from './repo.ts';

export interface ImportReport {
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  /** Rows that would be (or were) created, by line number (the header is line 1). */
  created: number[];
  duplicates: { line: number; existingPatientId: string | null; sameAsLine: number | null }[];
  errors: { line: number; field: string; message: string }[];
  committed: boolean;
}

export async function importPatients(
  db: Db,
  ctx: RequestContext,
  o: { practiceId: string; content: Uint8Array; mapping?: ColumnMapping; dryRun: boolean; currentYear: number },
): Promise<ImportReport> {
  if (!ctx.actor.practiceIds.includes(o.practiceId)) throw new AppError('not_found');
  const { text, encoding } = decodeText(o.content);
  const { headers, rows, delimiter } = parseCsv(text);
  const mapping = o.mapping ?? guessMapping(headers);
  const report: ImportReport = { encoding, delimiter, headers, mapping, rows: rows.length, created: [], duplicates: [], errors: [], committed: false };
  const valid: { line: number; input: ReturnType<typeof createPatientBody.parse> }[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const { values, problems } = rowToPatient(headers, row, mapping, o.currentYear);
    for (const p of problems) report.errors.push({ line, ...p });
    const parsed = createPatientBody.safeParse({ ...values, practiceId: o.practiceId });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!problems.some((p) => p.field === field)) report.errors.push({ line, field, message: issue.message });
      }
    } else if (problems.length === 0) valid.push({ line, input: parsed.data });
  });

  const work = async (tx: Queryable) => {
    const seen = new Map<string, number>();
    for (const { line, input } of valid) {
      const key = identityKey(input);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        report.duplicates.push({ line, existingPatientId: null, sameAsLine: earlier });
        continue;
      }
      seen.set(key, line);
      const existing = await findDuplicate(tx, o.practiceId, input);
      if (existing) {
        report.duplicates.push({ line, existingPatientId: existing, sameAsLine: null });
        continue;
      }
      report.created.push(line);
      if (o.dryRun || report.errors.length > 0) continue;
      const row = await repo.insertPatient(tx, {
        organisationId: ctx.actor.organisationId,
        practiceId: o.practiceId,
        createdBy: ctx.actor.userId,
        values: valuesOf({
          ...input,
          givenNames: [input.firstGivenName],
          usualName: input.usualName ?? null,
          birthPlaceInsee: null,
          identityStatus: 'provisional',
          mobilePhone: input.mobilePhone ?? null,
          email: input.email ?? null,
          address: null,
          note: null,
        }),
      });
      await audit(tx, ctx, { action: 'patient.create', outcome: 'ok', practiceId: o.practiceId, patientId: row.id, detail: { import: true, line } });
    }
    // The dry run discloses which existing patients the file duplicates: that is a read, and it is traced.
    await audit(tx, ctx, {
      action: o.dryRun ? 'patient.import.check' : 'patient.import',
      outcome: report.errors.length > 0 && !o.dryRun ? 'failed' : 'ok',
      practiceId: o.practiceId,
      detail: {
        rows: report.rows,
        created: report.created.length,
        duplicates: report.duplicates.map((d) => d.existingPatientId).filter(Boolean),
        errors: report.errors.length,
      },
    });
  };
  await db.transaction(work);
  if (!o.dryRun && report.errors.length > 0) {
    throw new AppError('unprocessable', { field: 'content', details: { reason: 'import_rows_invalid', errors: report.errors.slice(0, 100) } });
  }
  report.committed = !o.dryRun;
  return report;
}
