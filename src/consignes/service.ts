/**
 * Consignes use cases: read the current consignes of a practice with what changed since the caller last
 * acknowledged them, write a new version (admins, supervisors and the practice's practitioner; never
 * agents), acknowledge ("J'ai lu"), and the history of a set. Everything runs in the caller's scope;
 * consignes hold no patient data, so no audit rows — the versions themselves keep who changed what.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Role } from '../core/auth/roles.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { AppError, invalidField, notFound } from '../core/errors/catalogue.ts';
import { contentChanges } from './changes.ts';
import { orderSections, sameContent } from './content.ts';
import * as repo from './repo.ts';
import type { ConsigneSetView, ConsignesPut, ConsignesView, HistoryView, SeenInput } from './schemas.ts';

const EDITORS: ReadonlySet<Role> = new Set(['admin', 'supervisor', 'practitioner']);

/** 404 alike for an unknown practice and one outside the caller's scope. */
async function requirePractice(db: Queryable, ctx: RequestContext, practiceId: string): Promise<void> {
  if (!ctx.actor.practiceIds.includes(practiceId) || !(await repo.practiceExists(db, practiceId, ctx.actor.organisationId))) throw notFound();
}

async function requirePractitioner(db: Queryable, practiceId: string, practitionerId: string | null): Promise<void> {
  if (practitionerId && !(await repo.practitionerAtPractice(db, practiceId, practitionerId))) throw new AppError('not_found', { field: 'practitionerId' });
}

const versionInfo = (r: repo.VersionInfoRow) => ({
  version: r.version,
  authorId: r.author_id,
  authorName: r.author_name,
  createdAt: r.created_at.toISOString(),
  summary: r.summary,
});

async function toView(db: Queryable, practiceId: string, r: repo.SetRow): Promise<ConsigneSetView> {
  const current = { sections: r.sections, usefulNumbers: r.useful_numbers };
  let changes: ConsigneSetView['changes'] = null;
  if (r.seen_version !== null && r.seen_version < r.current_version && r.seen_sections && r.seen_numbers) {
    const diff = contentChanges({ sections: r.seen_sections, usefulNumbers: r.seen_numbers }, current);
    const versions = await repo.versionsBetween(db, r.id, r.seen_version, r.current_version);
    changes = { sinceVersion: r.seen_version, versions: versions.map(versionInfo), sections: diff.sections, usefulNumbers: diff.usefulNumbers };
  }
  return {
    id: r.id,
    practiceId,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    version: r.current_version,
    updatedAt: r.updated_at.toISOString(),
    authorName: r.author_name,
    summary: r.summary,
    sections: orderSections(r.sections),
    usefulNumbers: r.useful_numbers,
    seenVersion: r.seen_version,
    unread: r.seen_version === null || r.seen_version < r.current_version,
    changes,
  };
}

async function viewOf(db: Queryable, ctx: RequestContext, practiceId: string): Promise<ConsignesView> {
  const rows = await repo.setsOfPractice(db, practiceId, ctx.actor.userId);
  const items: ConsigneSetView[] = [];
  for (const r of rows) items.push(await toView(db, practiceId, r));
  return { practiceId, items, unread: items.some((i) => i.unread) };
}

/** The practice's consignes and each of its practitioners', with what changed since the caller last read them. */
export async function getConsignes(db: Db, ctx: RequestContext, practiceId: string): Promise<ConsignesView> {
  return db.transaction(async (tx) => {
    await requirePractice(tx, ctx, practiceId);
    return viewOf(tx, ctx, practiceId);
  });
}

/**
 * Writes a new version of a set, whole, in one transaction (the set's row lock orders concurrent writers).
 * Saving the same content again writes nothing. The author has read what he wrote.
 */
export async function putConsignes(
  db: Db,
  ctx: RequestContext,
  practiceId: string,
  practitionerId: string | null,
  input: ConsignesPut,
): Promise<ConsigneSetView> {
  if (!EDITORS.has(ctx.actor.role)) throw new AppError('forbidden');
  // A practitioner edits his practice's consignes and his own, not a colleague's.
  if (ctx.actor.role === 'practitioner' && practitionerId !== null && practitionerId !== ctx.actor.practitionerId) throw new AppError('forbidden');
  return db.transaction(async (tx) => {
    await requirePractice(tx, ctx, practiceId);
    await requirePractitioner(tx, practiceId, practitionerId);
    const set = await repo.lockSet(tx, { organisationId: ctx.actor.organisationId, practiceId, practitionerId });
    if (input.baseVersion != null && input.baseVersion !== set.current_version) {
      throw new AppError('consignes_outdated', { field: 'baseVersion', details: { currentVersion: set.current_version } });
    }
    const next = { sections: input.sections, usefulNumbers: input.usefulNumbers };
    const current = set.current_version > 0 ? await repo.versionContent(tx, set.id, set.current_version) : undefined;
    let version = set.current_version;
    if (!current || !sameContent({ sections: current.sections, usefulNumbers: current.useful_numbers }, next)) {
      version += 1;
      await repo.insertVersion(tx, {
        consigneId: set.id,
        version,
        organisationId: ctx.actor.organisationId,
        practiceId,
        sections: input.sections,
        usefulNumbers: input.usefulNumbers,
        summary: input.summary ?? null,
        authorId: ctx.actor.userId,
      });
    }
    await repo.markSeen(tx, ctx.actor.userId, set.id, version);
    const view = await viewOf(tx, ctx, practiceId);
    return view.items.find((i) => i.id === set.id)!;
  });
}

/** "J'ai lu": records the versions the caller was shown (never more than what exists, never backwards). */
export async function markSeen(db: Db, ctx: RequestContext, practiceId: string, input: SeenInput): Promise<ConsignesView> {
  return db.transaction(async (tx) => {
    await requirePractice(tx, ctx, practiceId);
    const current = await repo.setsByIds(
      tx,
      practiceId,
      input.items.map((i) => i.consigneId),
    );
    for (const [i, item] of input.items.entries()) {
      const version = current.get(item.consigneId);
      if (version === undefined) throw new AppError('not_found', { field: `items.${i}.consigneId` });
      if (item.version > version) throw invalidField(`items.${i}.version`, `Version inconnue (actuelle : ${version}) / unknown version (current: ${version})`);
      await repo.markSeen(tx, ctx.actor.userId, item.consigneId, item.version);
    }
    return viewOf(tx, ctx, practiceId);
  });
}

/** A set's versions, newest first: who changed what, when. */
export async function getHistory(
  db: Db,
  ctx: RequestContext,
  practiceId: string,
  practitionerId: string | null,
  q: { limit: number; before?: number | undefined },
): Promise<HistoryView> {
  return db.transaction(async (tx) => {
    await requirePractice(tx, ctx, practiceId);
    await requirePractitioner(tx, practiceId, practitionerId);
    const set = await repo.findSet(tx, practiceId, practitionerId);
    if (!set) return { items: [], hasMore: false };
    const rows = await repo.history(tx, set.id, { before: q.before ?? null, limit: q.limit + 1 });
    return {
      items: rows.slice(0, q.limit).map((r) => ({ ...versionInfo(r), sections: orderSections(r.sections), usefulNumbers: r.useful_numbers })),
      hasMore: rows.length > q.limit,
    };
  });
}
