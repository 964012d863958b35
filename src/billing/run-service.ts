/**
 * The monthly run (admins): a draft invoice for every contract in force during the month that has none
 * yet, priced from the month's usage, with every unit traced to its call, appointment, message or SMS.
 * One transaction: a run is whole or nothing. Running it again creates only the missing drafts.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { AppError } from '../core/errors/catalogue.ts';
import type { Clock } from '../core/time/clock.ts';
import { localDateOf } from '../core/time/local-time.ts';
import * as contracts from './contracts-repo.ts';
import * as invoices from './invoices-repo.ts';
import { monthDays, priceMonth, type ContractVersion, type PricedLine } from './pricing.ts';
import type { RunResult } from './schemas.ts';
import { zContractTerms } from './terms.ts';
import { totalsOf } from './totals.ts';
import { clientMonth, placesOf, usageEvents } from './usage-service.ts';

const COMPANY_ZONE = 'Europe/Paris';

/** The priced lines of a contract's month, from the usage as the log holds it now (also used to reconcile). */
export async function priceContractMonth(
  q: Queryable,
  o: { organisationId: string; contract: contracts.ContractRow; practiceIds: readonly string[]; month: string; now: number },
): Promise<PricedLine[]> {
  const { last } = monthDays(o.month);
  const versions: ContractVersion[] = (await contracts.versionsFor(q, o.contract.id, last)).map((v) => ({
    validFrom: v.valid_from,
    terms: zContractTerms.parse(v.terms),
  }));
  const months = await clientMonth(q, { organisationId: o.organisationId, practiceIds: o.practiceIds, month: o.month, now: o.now });
  return priceMonth({
    month: o.month,
    contract: { startsOn: o.contract.starts_on, endsOn: o.contract.ends_on },
    versions,
    places: placesOf(months),
    events: usageEvents(months),
  });
}

export interface RunRequest {
  organisationId: string;
  /** The practices the caller may see: a client with any practice outside them is left out. */
  scope: readonly string[];
  userId: string;
  month: string;
  now: number;
}

/** The drafts of a month, in the caller's transaction. */
export async function runMonth(tx: Queryable, r: RunRequest): Promise<RunResult> {
  const { organisationId, scope, month } = r;
  const { first, last } = monthDays(month);
  const invoiceIds: string[] = [];
  let skipped = 0;
  for (const contract of await contracts.contractsInForce(tx, organisationId, first, last)) {
    const client = await contracts.clientById(tx, organisationId, contract.client_id);
    if (!client || client.practice_ids.some((p) => !scope.includes(p))) continue;
    const periodStart = contract.starts_on > first ? contract.starts_on : first;
    const periodEnd = contract.ends_on !== null && contract.ends_on < last ? contract.ends_on : last;
    const id = await invoices.insertDraft(tx, {
      organisationId,
      sellerId: client.seller_id,
      clientId: client.id,
      contractId: contract.id,
      kind: 'invoice',
      correctsId: null,
      month,
      periodStart,
      periodEnd,
      creditReason: null,
    });
    if (id === null) {
      skipped++;
      continue;
    }
    const lines = await priceContractMonth(tx, { organisationId, contract, practiceIds: client.practice_ids, month, now: r.now });
    await invoices.insertLines(tx, id, lines);
    await invoices.setTotals(tx, id, totalsOf(lines));
    invoiceIds.push(id);
  }
  const id = await invoices.insertRun(tx, { organisationId, month, drafts: invoiceIds.length, skipped, userId: r.userId });
  return { id, month, drafts: invoiceIds.length, skipped, invoiceIds };
}

export async function createRun(db: Db, ctx: RequestContext, clock: Clock, month: string): Promise<RunResult> {
  const today = localDateOf(COMPANY_ZONE, clock.nowMs());
  if (monthDays(month).first > today)
    throw new AppError('validation_failed', { field: 'month', issues: [{ field: 'month', message: 'Mois à venir / future month' }] });
  const { organisationId, practiceIds, userId } = ctx.actor;
  return db.transaction((tx) => runMonth(tx, { organisationId, scope: practiceIds, userId, month, now: clock.nowMs() }));
}
