/** The practice's online booking settings: its page's address, open or not, secretary confirmation or not. */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { Clock } from '../core/time/clock.ts';
import { settingsOf, upsertSettings, type OnlineSettings } from './online-repo.ts';

function inScope(ctx: RequestContext, practiceId: string): void {
  if (!ctx.actor.practiceIds.includes(practiceId)) throw notFound();
}

export async function getOnlineSettings(db: Db, ctx: RequestContext, practiceId: string): Promise<OnlineSettings | null> {
  inScope(ctx, practiceId);
  return settingsOf(db, practiceId);
}

export async function setOnlineSettings(db: Db, ctx: RequestContext, o: { settings: OnlineSettings; clock: Clock }): Promise<OnlineSettings> {
  inScope(ctx, o.settings.practiceId);
  return db.transaction(async (tx) => {
    const saved = await upsertSettings(tx, { ...o.settings, organisationId: ctx.actor.organisationId, at: o.clock.now() });
    if (!saved) throw new AppError('conflict', { field: 'slug', details: { reason: 'slug_taken' } });
    await audit(tx, ctx, { action: 'online_booking.configure', outcome: 'ok', practiceId: saved.practiceId, detail: { ...saved } });
    return saved;
  });
}
