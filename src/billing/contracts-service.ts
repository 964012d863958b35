/**
 * Contracts use cases (admins): the company's invoicing entities (sellers), clients (a practice or a legal
 * entity grouping several), contracts and their versions. A version applies from its date; one that would
 * start inside a period already invoiced is refused (issued invoices never move). No patient data.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import * as repo from './contracts-repo.ts';
import { frenchVatNumber } from './numbering.ts';
import type { ClientInput, ContractInput, SellerInput, VersionInput } from './schemas.ts';

export async function createSeller(db: Db, ctx: RequestContext, s: SellerInput): Promise<{ id: string }> {
  const id = await repo.insertSeller(db, { ...s, organisationId: ctx.actor.organisationId, vatNumber: s.vatNumber ?? frenchVatNumber(s.siren) });
  return { id };
}

export async function createClient(db: Db, ctx: RequestContext, c: ClientInput): Promise<{ id: string }> {
  const { organisationId, practiceIds: scope } = ctx.actor;
  return db.transaction(async (tx) => {
    if (!(await repo.sellerById(tx, organisationId, c.sellerId))) throw new AppError('not_found', { field: 'sellerId' });
    const unknown = c.practiceIds.findIndex((p) => !scope.includes(p));
    if (unknown >= 0) throw new AppError('not_found', { field: `practiceIds.${unknown}` });
    const billed = await repo.practicesAlreadyBilled(tx, c.practiceIds);
    if (billed.length > 0) throw new AppError('practice_already_billed', { field: `practiceIds.${c.practiceIds.indexOf(billed[0]!)}` });
    const id = await repo.insertClient(tx, { ...c, organisationId, vatNumber: c.vatNumber ?? frenchVatNumber(c.siren) });
    return { id };
  });
}

export async function createContract(db: Db, ctx: RequestContext, c: ContractInput): Promise<{ id: string }> {
  const { organisationId } = ctx.actor;
  if (c.endsOn !== null && c.endsOn < c.startsOn)
    throw new AppError('validation_failed', { field: 'endsOn', issues: [{ field: 'endsOn', message: 'endsOn ≥ startsOn' }] });
  return db.transaction(async (tx) => {
    const client = await repo.clientById(tx, organisationId, c.clientId);
    if (!client || client.practice_ids.some((p) => !ctx.actor.practiceIds.includes(p))) throw new AppError('not_found', { field: 'clientId' });
    const id = await repo.insertContract(tx, { organisationId, clientId: c.clientId, label: c.label, startsOn: c.startsOn, endsOn: c.endsOn });
    await repo.upsertVersion(tx, { contractId: id, validFrom: c.startsOn, terms: c.terms, userId: ctx.actor.userId });
    return { id };
  });
}

export async function addContractVersion(db: Db, ctx: RequestContext, contractId: string, v: VersionInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const contract = await repo.contractById(tx, ctx.actor.organisationId, contractId);
    if (!contract) throw notFound();
    if (await repo.issuedCovering(tx, contractId, v.validFrom)) throw new AppError('contract_period_invoiced', { field: 'validFrom' });
    await repo.upsertVersion(tx, {
      contractId,
      validFrom: v.validFrom < contract.starts_on ? contract.starts_on : v.validFrom,
      terms: v.terms,
      userId: ctx.actor.userId,
    });
    return { id: contractId };
  });
}

export async function listContracts(db: Db, ctx: RequestContext) {
  const rows = await repo.contractsOfOrganisation(db, ctx.actor.organisationId);
  return {
    items: rows
      .filter((r) => r.practice_ids.every((p) => ctx.actor.practiceIds.includes(p)))
      .map((r) => ({
        id: r.id,
        clientId: r.client_id,
        clientName: r.client_name,
        label: r.label,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        practiceIds: r.practice_ids,
      })),
  };
}
