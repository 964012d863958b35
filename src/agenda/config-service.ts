/**
 * Configuring an agenda: motifs, opening ranges, the grid step. Admins and supervisors configure
 * every agenda in their scope; a practitioner configures his own only.
 */
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { requireOwner } from './availability-service.ts';
import type { AgendaOwner } from './owners-repo.ts';
import {
  countOwnMotifs,
  deleteRange,
  getRange,
  insertMotif,
  insertRange,
  listMotifs,
  listRanges,
  replaceRange,
  updateMotif,
  upsertStep,
} from './config-repo.ts';
import type { MotifCreate, MotifDto, MotifPatch, RangeDto, RangeInput } from './schemas.ts';

/** The agenda's owner, once the caller may change it (a practitioner only his own: 403 otherwise). */
export async function ownerForChange(q: Queryable, ctx: RequestContext, practitionerId: string): Promise<AgendaOwner> {
  const owner = await requireOwner(q, ctx, practitionerId);
  if (ctx.actor.role === 'practitioner' && ctx.actor.practitionerId !== owner.id) throw new AppError('forbidden');
  return owner;
}

export async function getMotifs(db: Db, ctx: RequestContext, practitionerId: string): Promise<MotifDto[]> {
  const owner = await requireOwner(db, ctx, practitionerId);
  return listMotifs(db, [owner.id]);
}

export async function createMotif(db: Db, ctx: RequestContext, practitionerId: string, input: MotifCreate): Promise<MotifDto> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    return insertMotif(tx, owner.organisationId, owner.id, input);
  });
}

export async function patchMotif(db: Db, ctx: RequestContext, practitionerId: string, motifId: string, patch: MotifPatch): Promise<MotifDto> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    const motif = await updateMotif(tx, owner.id, motifId, patch);
    if (!motif) throw notFound();
    return motif;
  });
}

/** Motifs are archived, not deleted: past appointments keep pointing at them. */
export async function archiveMotif(db: Db, ctx: RequestContext, practitionerId: string, motifId: string): Promise<void> {
  await patchMotif(db, ctx, practitionerId, motifId, { active: false });
}

export async function getRanges(db: Db, ctx: RequestContext, practitionerId: string): Promise<RangeDto[]> {
  const owner = await requireOwner(db, ctx, practitionerId);
  return listRanges(db, owner.id);
}

/** The practice a range belongs to: the one named (his, in scope), or his only practice in scope. */
function rangePractice(owner: AgendaOwner, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!owner.practiceIds.includes(requested)) throw new AppError('not_found', { field: 'practiceId' });
    return requested;
  }
  if (owner.practiceIds.length !== 1) {
    throw new AppError('validation_failed', { field: 'practiceId', issues: [{ field: 'practiceId', message: 'practiceId required: several practices' }] });
  }
  return owner.practiceIds[0]!;
}

async function checkMotifs(tx: Queryable, owner: AgendaOwner, input: RangeInput): Promise<void> {
  const ids = [...new Set(input.motifIds)];
  if ((await countOwnMotifs(tx, owner.id, ids)) !== ids.length) throw new AppError('not_found', { field: 'motifIds' });
}

export async function createRange(db: Db, ctx: RequestContext, practitionerId: string, input: RangeInput): Promise<RangeDto> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    const practiceId = rangePractice(owner, input.practiceId);
    await checkMotifs(tx, owner, input);
    const id = await insertRange(tx, owner.organisationId, owner.id, practiceId, input);
    return (await getRange(tx, owner.id, id))!;
  });
}

export async function updateRange(db: Db, ctx: RequestContext, practitionerId: string, rangeId: string, input: RangeInput): Promise<RangeDto> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    const practiceId = rangePractice(owner, input.practiceId);
    await checkMotifs(tx, owner, input);
    if (!(await replaceRange(tx, owner.id, rangeId, practiceId, input))) throw notFound();
    return (await getRange(tx, owner.id, rangeId))!;
  });
}

export async function removeRange(db: Db, ctx: RequestContext, practitionerId: string, rangeId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    if (!(await deleteRange(tx, owner.id, rangeId))) throw notFound();
  });
}

export async function getSettings(db: Db, ctx: RequestContext, practitionerId: string): Promise<{ practitionerId: string; stepMinutes: number | null }> {
  const owner = await requireOwner(db, ctx, practitionerId);
  return { practitionerId: owner.id, stepMinutes: owner.stepMinutes };
}

export async function setSettings(
  db: Db,
  ctx: RequestContext,
  practitionerId: string,
  stepMinutes: number | null,
): Promise<{ practitionerId: string; stepMinutes: number | null }> {
  return db.transaction(async (tx) => {
    const owner = await ownerForChange(tx, ctx, practitionerId);
    await upsertStep(tx, owner.id, stepMinutes);
    return { practitionerId: owner.id, stepMinutes };
  });
}
