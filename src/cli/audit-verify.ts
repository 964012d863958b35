/** `relais audit verify`: seals pending rows, recomputes the audit hash chain and names the first altered row (exit code 1). */
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/open.ts';
import { sealAudit, verifyAuditChain } from '../core/audit.ts';

export async function auditVerifyCommand(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    // Rows appended since the last seal join the chain first, so that every row is checked.
    await sealAudit(db);
    const result = await verifyAuditChain(db);
    const bad = result.firstAltered;
    if (bad) {
      const where = bad.reason === 'gap' ? `une ligne manque avant la position ${bad.seq}` : `la ligne ${bad.id} (position ${bad.seq}) a été modifiée`;
      const whereEn = bad.reason === 'gap' ? `a row is missing before position ${bad.seq}` : `row ${bad.id} (position ${bad.seq}) was altered`;
      console.error(`ALTÉRÉ : ${where} (${bad.reason}). / ALTERED: ${whereEn} (${bad.reason}).`);
      process.exitCode = 1;
    } else {
      console.log(`Journal d'audit intact : ${result.rows} lignes vérifiées. / Audit trail intact: ${result.rows} rows.`);
    }
  } finally {
    await db.close();
  }
}
