/** Practitioner use cases, in the caller's scope; each change in one transaction. No patient data here, so no audit. */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { sqlState } from '../core/db/types.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import { searchKey } from '../core/text.ts';
import { PROFESSIONS, SPECIALTIES } from './professions.ts';
import * as repo from './repo.ts';
import type { Practitioner, PractitionerCreate, PractitionerListQuery, PractitionerPatch } from './schemas.ts';

function scopeOf(ctx: RequestContext): repo.Scope {
  return { organisationId: ctx.actor.organisationId, practiceIds: ctx.actor.practiceIds };
}

function toPractitioner(row: repo.PractitionerRow): Practitioner {
  return {
    id: row.id,
    title: row.title,
    firstName: row.first_name,
    lastName: row.last_name,
    profession: row.profession,
    specialty: row.specialty,
    rpps: row.rpps,
    timeZone: row.time_zone,
    practices: row.practices ?? [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The organisation already has this RPPS: the unique constraint decides, not a prior lookup. */
function rppsTaken(error: unknown): never {
  if (sqlState(error) === '23505') throw new AppError('rpps_taken', { field: 'rpps', cause: error });
  throw error;
}

export async function listPractitioners(db: Db, ctx: RequestContext, query: PractitionerListQuery): Promise<Practitioner[]> {
  const search = query.q ? searchKey(query.q) : '';
  const rows = await repo.listPractitioners(db, scopeOf(ctx), {
    practiceId: query.practiceId ?? null,
    search: search || null,
    limit: query.limit,
    offset: query.offset,
  });
  return rows.map(toPractitioner);
}

export async function getPractitioner(db: Queryable, ctx: RequestContext, id: string): Promise<Practitioner> {
  const row = await repo.findPractitioner(db, id, scopeOf(ctx));
  if (!row) throw notFound();
  return toPractitioner(row);
}

/** The practices asked for, all of which must be in the scope; otherwise 404, as for an unknown id. */
async function requirePractices(tx: Queryable, ctx: RequestContext, ids: readonly string[]) {
  const found = await repo.practicesInScope(tx, ids, scopeOf(ctx));
  const missing = ids.findIndex((id) => !found.some((p) => p.id === id));
  if (missing >= 0) throw new AppError('not_found', { field: `practiceIds.${missing}` });
  return found;
}

export async function createPractitioner(db: Db, ctx: RequestContext, input: PractitionerCreate): Promise<Practitioner> {
  return db.transaction(async (tx) => {
    const practices = await requirePractices(tx, ctx, input.practiceIds);
    const id = await repo
      .insertPractitioner(tx, ctx.actor.organisationId, {
        title: input.title ?? null,
        firstName: input.firstName,
        lastName: input.lastName,
        profession: input.profession,
        specialty: input.specialty ?? null,
        rpps: input.rpps,
        timeZone: input.timeZone ?? practices[0]!.time_zone,
      })
      .catch(rppsTaken);
    await repo.setPractices(tx, id, input.practiceIds, scopeOf(ctx));
    return toPractitioner((await repo.findPractitioner(tx, id, scopeOf(ctx)))!);
  });
}

export async function patchPractitioner(db: Db, ctx: RequestContext, id: string, patch: PractitionerPatch): Promise<Practitioner> {
  return db.transaction(async (tx) => {
    const current = await repo.lockPractitioner(tx, id, scopeOf(ctx));
    if (!current) throw notFound();
    if (patch.practiceIds) await requirePractices(tx, ctx, patch.practiceIds);
    await repo
      .updatePractitioner(tx, id, {
        title: patch.title !== undefined ? patch.title : current.title,
        firstName: patch.firstName ?? current.first_name,
        lastName: patch.lastName ?? current.last_name,
        profession: patch.profession ?? current.profession,
        specialty: patch.specialty !== undefined ? patch.specialty : current.specialty,
        rpps: patch.rpps ?? current.rpps,
        timeZone: patch.timeZone ?? current.time_zone,
      })
      .catch(rppsTaken);
    if (patch.practiceIds) await repo.setPractices(tx, id, patch.practiceIds, scopeOf(ctx));
    return toPractitioner((await repo.findPractitioner(tx, id, scopeOf(ctx)))!);
  });
}

/** The professions and specialties a practitioner may have, with their labels. */
export function vocabulary() {
  return {
    professions: Object.entries(PROFESSIONS).map(([code, l]) => ({ code, fr: l.fr, en: l.en })),
    specialties: Object.entries(SPECIALTIES).map(([code, l]) => ({ code, fr: l.fr, en: l.en })),
  };
}

/** "Dr Anne Martin": what a message's link shows (no scope: the signed link is the authority). */
export async function practitionerDisplayName(q: Queryable, id: string): Promise<string> {
  return (await repo.displayName(q, id)) ?? '';
}
