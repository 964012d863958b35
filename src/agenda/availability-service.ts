/**
 * Free slots and next free slots: loads rules and busy intervals for the window the engine needs,
 * then lets the pure engine compute. Slots are not patient data: no audit.
 *
 * "Any of a set" (GET /api/slots/next): `motifId` may list several ids. Each practitioner of the set
 * is searched with his own motif: one of the listed ids that belongs to him, or else his active motif
 * whose label matches (case- and accent-insensitive) the label of a listed motif. Practitioners with
 * no such motif are left out. Each slot names the practitioner and the motif it was found for.
 */
import { AppError, notFound } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { searchKey } from '../core/text.ts';
import { freeSlots, localToInstant, nextFreeSlots, type AgendaInput, type PartOfDay, type Slot } from './engine/index.ts';
import { DAY_MS } from '../core/time/local-time.ts';
import { MAX_BOOKING_HORIZON_DAYS } from './booking-rules.ts';
import { findOwners, type AgendaOwner } from './owners-repo.ts';
import { getMotif, listMotifs } from './config-repo.ts';
import { loadBusy, loadRules } from './rules-repo.ts';
import type { MotifDto, NextSlotsQuery, SlotDto } from './schemas.ts';

/** The widest window GET /slots computes in one call. */
export const MAX_SLOT_WINDOW_DAYS = 93;
const DEFAULT_NEXT_LIMIT = 10;
const DEFAULT_HORIZON_DAYS = 84;

/** An instant given as ISO text, or a local date read as that date's 00:00 in `zone`. */
export function parseInstantOrDate(value: string, zone: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? localToInstant(zone, value, '00:00') : Date.parse(value);
}

export function slotDto(s: Slot, motifId: string): SlotDto {
  return { practitionerId: s.practitionerId, motifId, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), urgent: s.urgent };
}

export async function requireOwner(q: Queryable, ctx: RequestContext, practitionerId: string): Promise<AgendaOwner> {
  const [owner] = await findOwners(q, ctx.actor, [practitionerId]);
  if (!owner) throw notFound();
  return owner;
}

export async function requireMotif(q: Queryable, practitionerId: string, motifId: string): Promise<MotifDto> {
  const motif = await getMotif(q, practitionerId, motifId);
  if (!motif) throw new AppError('not_found', { field: 'motifId' });
  return motif;
}

export async function listSlots(
  db: Db,
  ctx: RequestContext,
  practitionerId: string,
  query: { motifId: string; from: string; to: string; includeUrgent?: boolean },
): Promise<SlotDto[]> {
  const now = ctx.clock.nowMs();
  const owner = await requireOwner(db, ctx, practitionerId);
  const motif = await requireMotif(db, practitionerId, query.motifId);
  const from = parseInstantOrDate(query.from, owner.timeZone);
  // A local date as `to` includes that whole day.
  const to = /^\d{4}-\d{2}-\d{2}$/.test(query.to) ? localToInstant(owner.timeZone, query.to, '24:00') : Date.parse(query.to);
  if (!(to > from)) throw new AppError('validation_failed', { field: 'to', issues: [{ field: 'to', message: 'to must be after from' }] });
  if (to - from > MAX_SLOT_WINDOW_DAYS * DAY_MS) {
    throw new AppError('validation_failed', { field: 'to', issues: [{ field: 'to', message: `at most ${MAX_SLOT_WINDOW_DAYS} days per request` }] });
  }
  if (!motif.active) return [];
  const window = { from, to: to + DAY_MS };
  const [rules, busy] = await Promise.all([loadRules(db, [owner], window), loadBusy(db, [owner.id], window)]);
  return freeSlots(rules.get(owner.id)!, busy.get(owner.id)!, { id: motif.id, durationMinutes: motif.durationMinutes }, from, to, {
    now,
    includeUrgent: query.includeUrgent ?? false,
  }).map((s) => slotDto(s, motif.id));
}

export interface NextSearch {
  owners: readonly AgendaOwner[];
  /** The motif each owner is searched with. */
  motifs: ReadonlyMap<string, MotifDto>;
  from: number;
  limit: number;
  horizonDays?: number;
  partOfDay?: PartOfDay;
  weekdays?: readonly number[];
  notBefore?: string;
  includeUrgent?: boolean;
  exceptAppointmentId?: string;
  now: number;
}

/**
 * The first `limit` free slots across owners. Rules and appointments are loaded in growing chunks
 * (7, 14, 28… days) so a well-filled agenda is answered from its first days without loading the horizon.
 */
export async function searchNextSlots(q: Queryable, s: NextSearch): Promise<SlotDto[]> {
  const horizonEnd = s.from + (s.horizonDays ?? DEFAULT_HORIZON_DAYS) * DAY_MS;
  // Owners grouped by motif duration: the engine then merges each group in one lazy pass.
  const groups = new Map<number, AgendaOwner[]>();
  for (const o of s.owners) {
    const m = s.motifs.get(o.id);
    if (!m || !m.active) continue;
    const g = groups.get(m.durationMinutes) ?? [];
    g.push(o);
    groups.set(m.durationMinutes, g);
  }
  if (groups.size === 0) return [];
  const found: SlotDto[] = [];
  let chunkFrom = s.from;
  let chunkDays = 7;
  while (chunkFrom < horizonEnd && found.length < s.limit) {
    const chunkTo = Math.min(chunkFrom + chunkDays * DAY_MS, horizonEnd);
    const owners = [...groups.values()].flat();
    const window = { from: chunkFrom, to: chunkTo + DAY_MS };
    const [rules, busy] = await Promise.all([
      loadRules(q, owners, window, aliasMap(s.motifs, owners)),
      loadBusy(
        q,
        owners.map((o) => o.id),
        window,
        s.exceptAppointmentId,
      ),
    ]);
    const chunkSlots: SlotDto[] = [];
    for (const [duration, group] of groups) {
      const agendas: AgendaInput[] = group.map((o) => ({ rules: rules.get(o.id)!, busy: busy.get(o.id)! }));
      const slots = nextFreeSlots(agendas, { id: aliasOf(duration), durationMinutes: duration }, chunkFrom, {
        limit: s.limit - found.length,
        horizonDays: (chunkTo - chunkFrom) / DAY_MS,
        now: s.now,
        includeUrgent: s.includeUrgent ?? false,
        ...(s.partOfDay ? { partOfDay: s.partOfDay } : {}),
        ...(s.weekdays ? { weekdays: s.weekdays } : {}),
        ...(s.notBefore ? { notBefore: s.notBefore } : {}),
      });
      for (const slot of slots) chunkSlots.push(slotDto(slot, s.motifs.get(slot.practitionerId)!.id));
    }
    chunkSlots.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.practitionerId < b.practitionerId ? -1 : 1));
    found.push(...chunkSlots.slice(0, s.limit - found.length));
    chunkFrom = chunkTo;
    chunkDays *= 2;
  }
  return found;
}

const aliasOf = (duration: number) => `any-${duration}`;

function aliasMap(motifs: ReadonlyMap<string, MotifDto>, owners: readonly AgendaOwner[]): Map<string, string> {
  const alias = new Map<string, string>();
  for (const o of owners) {
    const m = motifs.get(o.id);
    if (m) alias.set(m.id, aliasOf(m.durationMinutes));
  }
  return alias;
}

/** Each owner's motif for a search naming `motifIds` (see the file's comment). */
export async function motifsForSet(q: Queryable, owners: readonly AgendaOwner[], motifIds: readonly string[]): Promise<Map<string, MotifDto>> {
  const all = await listMotifs(
    q,
    owners.map((o) => o.id),
  );
  const listed = all.filter((m) => motifIds.includes(m.id));
  if (listed.length === 0) throw new AppError('not_found', { field: 'motifId' });
  const labels = new Set(listed.map((m) => searchKey(m.label)));
  const chosen = new Map<string, MotifDto>();
  for (const o of owners) {
    const own = all.filter((m) => m.practitionerId === o.id);
    const m = own.find((x) => motifIds.includes(x.id)) ?? own.find((x) => x.active && labels.has(searchKey(x.label)));
    if (m) chosen.set(o.id, m);
  }
  return chosen;
}

export async function nextSlots(db: Db, ctx: RequestContext, query: NextSlotsQuery): Promise<SlotDto[]> {
  const now = ctx.clock.nowMs();
  const ids = [...new Set(query.practitionerIds)];
  const owners = await findOwners(db, ctx.actor, ids);
  // One practitioner out of scope answers like one that does not exist.
  if (owners.length !== ids.length) throw new AppError('not_found', { field: 'practitionerIds' });
  const motifs = await motifsForSet(db, owners, query.motifId);
  const zone = owners[0]!.timeZone;
  const from = query.from === undefined ? now : parseInstantOrDate(query.from, zone);
  if (from >= now + MAX_BOOKING_HORIZON_DAYS * DAY_MS) return [];
  return searchNextSlots(db, {
    owners,
    motifs,
    from: Math.max(from, now),
    limit: query.limit ?? DEFAULT_NEXT_LIMIT,
    now,
    ...(query.horizonDays ? { horizonDays: query.horizonDays } : {}),
    ...(query.partOfDay ? { partOfDay: query.partOfDay } : {}),
    ...(query.weekdays ? { weekdays: query.weekdays } : {}),
    ...(query.notBefore ? { notBefore: query.notBefore } : {}),
    ...(query.includeUrgent ? { includeUrgent: true } : {}),
  });
}
