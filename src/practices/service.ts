/** Practice use cases: each runs in the caller's scope, each change in one transaction. No patient data here, so no audit. */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { sqlState } from '../core/db/types.ts';
import { AppError, invalidField, notFound } from '../core/errors/catalogue.ts';
import { searchKey } from '../core/text.ts';
import { REGIONS, type Region } from '../core/time/regions.ts';
import * as repo from './repo.ts';
import type { NumberInput, PracticeCreate, PracticeFile, PracticeListQuery, PracticePatch, PracticeSummary, SiteInput } from './schemas.ts';
import { normaliseServiceHours } from './service-hours.ts';

function scopeOf(ctx: RequestContext): repo.Scope {
  return { organisationId: ctx.actor.organisationId, practiceIds: ctx.actor.practiceIds };
}

function toFile(row: repo.PracticeFileRow): PracticeFile {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    siren: row.siren,
    siret: row.siret,
    region: row.region,
    timeZone: row.time_zone,
    serviceHours: normaliseServiceHours(row.service_hours),
    phone: row.phone,
    email: row.email,
    sites: row.sites,
    numbers: row.numbers,
    practitioners: row.practitioners,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listPractices(db: Db, ctx: RequestContext, query: PracticeListQuery): Promise<PracticeSummary[]> {
  const search = query.q ? searchKey(query.q) : '';
  const rows = await repo.listPractices(db, scopeOf(ctx), { search: search || null, limit: query.limit, offset: query.offset });
  return rows.map((r) => ({ id: r.id, name: r.name, legalName: r.legal_name, region: r.region, timeZone: r.time_zone, city: r.city }));
}

/** The practice's file; 404 alike for an unknown id and one outside the scope. */
export async function getPractice(db: Queryable, ctx: RequestContext, id: string): Promise<PracticeFile> {
  const row = await repo.findPracticeFile(db, id, scopeOf(ctx));
  if (!row) throw notFound();
  return toFile(row);
}

/** The practice a forwarded number (E.164) belongs to: the screen-pop of an incoming call. */
export async function getPracticeByNumber(db: Queryable, ctx: RequestContext, e164: string): Promise<PracticeFile> {
  const row = await repo.findPracticeFileByNumber(db, e164, scopeOf(ctx));
  if (!row) throw notFound();
  return toFile(row);
}

async function insertNumbers(tx: Queryable, practiceId: string, numbers: readonly NumberInput[]): Promise<void> {
  for (const [i, n] of numbers.entries()) {
    try {
      await repo.insertNumber(tx, practiceId, n);
    } catch (error) {
      // The primary key on e164 decides, not a prior lookup: two admins racing for one number cannot both win.
      if (sqlState(error) === '23505') throw new AppError('phone_number_taken', { field: `numbers.${i}.e164`, cause: error });
      throw error;
    }
  }
}

/** Creates a practice with its sites, numbers and service hours, all or nothing. */
export async function createPractice(db: Db, ctx: RequestContext, input: PracticeCreate): Promise<PracticeFile> {
  return db.transaction(async (tx) => {
    const id = await repo.insertPractice(tx, ctx.actor.organisationId, {
      name: input.name,
      legalName: input.legalName,
      siren: input.siren,
      siret: input.siret ?? null,
      region: input.region,
      timeZone: input.timeZone ?? REGIONS[input.region].timeZone,
      serviceHours: input.serviceHours ?? normaliseServiceHours({}),
      phone: input.phone ?? null,
      email: input.email ?? null,
    });
    for (const [i, site] of input.sites.entries()) await repo.insertSite(tx, id, site, i);
    await insertNumbers(tx, id, input.numbers ?? []);
    // The caller's scope was computed before this practice existed; the new one is theirs by creation.
    const row = await repo.findPracticeFile(tx, id, { organisationId: ctx.actor.organisationId, practiceIds: [id] });
    return toFile(row!);
  });
}

/** The time zone after a region change: it follows the region unless someone had chosen another one. */
function zoneAfter(current: repo.PracticeRow, patch: PracticePatch): string {
  if (patch.timeZone) return patch.timeZone;
  const oldDefault = REGIONS[current.region as Region]?.timeZone;
  if (patch.region && current.time_zone === oldDefault) return REGIONS[patch.region].timeZone;
  return current.time_zone;
}

export async function patchPractice(db: Db, ctx: RequestContext, id: string, patch: PracticePatch): Promise<PracticeFile> {
  return db.transaction(async (tx) => {
    const current = await repo.lockPractice(tx, id, scopeOf(ctx));
    if (!current) throw notFound();
    const next: repo.PracticeValues = {
      name: patch.name ?? current.name,
      legalName: patch.legalName ?? current.legal_name,
      siren: patch.siren ?? current.siren,
      siret: patch.siret !== undefined ? patch.siret : current.siret,
      region: patch.region ?? current.region,
      timeZone: zoneAfter(current, patch),
      serviceHours: patch.serviceHours ?? normaliseServiceHours(current.service_hours),
      phone: patch.phone !== undefined ? patch.phone : current.phone,
      email: patch.email !== undefined ? patch.email : current.email,
    };
    if (next.siret && !next.siret.startsWith(next.siren)) {
      throw invalidField(patch.siret ? 'siret' : 'siren', 'Le SIRET doit commencer par le SIREN / the SIRET must start with the SIREN');
    }
    await repo.updatePractice(tx, id, next);
    return toFile((await repo.findPracticeFile(tx, id, scopeOf(ctx)))!);
  });
}

/** Replaces the practice's sites: listed ids are kept and updated, new ones inserted, the others removed. */
export async function replaceSites(db: Db, ctx: RequestContext, id: string, sites: readonly SiteInput[]): Promise<PracticeFile> {
  return db.transaction(async (tx) => {
    if (!(await repo.lockPractice(tx, id, scopeOf(ctx)))) throw notFound();
    const existing = new Set(await repo.siteIds(tx, id));
    sites.forEach((s, i) => {
      if (s.id && !existing.has(s.id)) throw invalidField(`sites.${i}.id`, "Ce site n'appartient pas à ce cabinet / no such site in this practice");
    });
    try {
      await repo.deleteSites(
        tx,
        id,
        sites.flatMap((s) => (s.id ? [s.id] : [])),
      );
    } catch (error) {
      // A site something else still points to cannot go.
      if (sqlState(error) === '23503') throw new AppError('conflict', { field: 'sites', cause: error });
      throw error;
    }
    for (const [i, site] of sites.entries()) {
      if (site.id) await repo.updateSite(tx, id, site.id, site, i);
      else await repo.insertSite(tx, id, site, i);
    }
    await repo.touchPractice(tx, id);
    return toFile((await repo.findPracticeFile(tx, id, scopeOf(ctx)))!);
  });
}

/** Replaces the practice's forwarded numbers; a number another practice holds answers 409 and changes nothing. */
export async function replaceNumbers(db: Db, ctx: RequestContext, id: string, numbers: readonly NumberInput[]): Promise<PracticeFile> {
  return db.transaction(async (tx) => {
    if (!(await repo.lockPractice(tx, id, scopeOf(ctx)))) throw notFound();
    await repo.deleteNumbers(tx, id);
    await insertNumbers(tx, id, numbers);
    await repo.touchPractice(tx, id);
    return toFile((await repo.findPracticeFile(tx, id, scopeOf(ctx)))!);
  });
}
