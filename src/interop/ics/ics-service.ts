/**
 * ICS feeds: a practitioner creates, relabels or revokes his secret calendar URL; a calendar client reads
 * it without a session. Reading goes through the agenda's list service, so scope and audit apply as for
 * the practitioner himself.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../../core/auth/actor.ts';
import type { Db } from '../../core/db/types.ts';
import { audit } from '../../core/audit.ts';
import { AppError, notFound } from '../../core/errors/catalogue.ts';
import type { Clock } from '../../core/time/clock.ts';
import { DAY_MS } from '../../core/time/local-time.ts';
import { listAppointments } from '../../agenda/appointment-list-service.ts';
import { renderCalendar, type PatientLabel } from './calendar.ts';
import { feedByToken, insertFeed, liveFeed, revokeLive, setLabel, type FeedRow } from './feeds-repo.ts';

/** The feed shows a month back and eleven months ahead (the agenda lists at most 366 days at once). */
const PAST_DAYS = 30;
const FUTURE_DAYS = 330;

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

function practitionerOf(ctx: RequestContext): string {
  if (ctx.actor.role !== 'practitioner' || !ctx.actor.practitionerId) throw new AppError('forbidden');
  return ctx.actor.practitionerId;
}

export async function getFeed(db: Db, ctx: RequestContext): Promise<FeedRow | null> {
  practitionerOf(ctx);
  return liveFeed(db, ctx.actor.userId);
}

/** A new secret URL (the previous one stops working). The token is shown this once. */
export async function createFeed(db: Db, ctx: RequestContext, o: { label: PatientLabel; clock: Clock }): Promise<FeedRow & { token: string }> {
  const practitionerId = practitionerOf(ctx);
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const at = o.clock.now();
    await revokeLive(tx, ctx.actor.userId, at);
    const row = await insertFeed(tx, {
      organisationId: ctx.actor.organisationId,
      userId: ctx.actor.userId,
      practitionerId,
      tokenHash: hashFeedToken(token),
      label: o.label,
      at,
    });
    await audit(tx, ctx, { action: 'ics_feed.create', outcome: 'ok', detail: { feedId: row.id, patientLabel: o.label } });
    return { ...row, token };
  });
}

export async function relabelFeed(db: Db, ctx: RequestContext, label: PatientLabel): Promise<FeedRow> {
  practitionerOf(ctx);
  return db.transaction(async (tx) => {
    const row = await setLabel(tx, ctx.actor.userId, label);
    if (!row) throw notFound();
    await audit(tx, ctx, { action: 'ics_feed.relabel', outcome: 'ok', detail: { feedId: row.id, patientLabel: label } });
    return row;
  });
}

export async function revokeFeed(db: Db, ctx: RequestContext, clock: Clock): Promise<void> {
  practitionerOf(ctx);
  await db.transaction(async (tx) => {
    if (!(await revokeLive(tx, ctx.actor.userId, clock.now()))) throw notFound();
    await audit(tx, ctx, { action: 'ics_feed.revoke', outcome: 'ok' });
  });
}

/** The calendar behind a token; an unknown or revoked token is a 404. */
export async function readFeed(db: Db, o: { token: string; requestId: string; clock: Clock; uidDomain: string }): Promise<string> {
  const now = o.clock.nowMs();
  const owner = await feedByToken(db, hashFeedToken(o.token), new Date(now));
  if (!owner || !owner.actor.practitionerId) throw notFound();
  const ctx: RequestContext = { actor: owner.actor, requestId: o.requestId, clock: o.clock };
  const items = await listAppointments(db, ctx, {
    practitionerId: owner.actor.practitionerId,
    from: new Date(now - PAST_DAYS * DAY_MS).toISOString(),
    to: new Date(now + FUTURE_DAYS * DAY_MS).toISOString(),
    includeCancelled: true,
  });
  return renderCalendar(
    items.map((a) => ({ ...a, moves: a.history.length })),
    { name: `Relais — ${owner.calendarName}`, label: owner.label, uidDomain: o.uidDomain, stamp: new Date(now).toISOString() },
  );
}
