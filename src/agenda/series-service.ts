/**
 * Recurring series (e.g. ten kiné sessions, Tuesdays and Fridays): all sessions are booked in one
 * transaction, or none. When a date does not fit (rules or an existing appointment) the answer is a
 * 409 `series_conflict` listing, for each such date, the reason and the alternatives (the next free
 * slots from that local day, within a week), and nothing is written. The exclusion constraint stays
 * the guarantee: a booking that slips in meanwhile makes the INSERT fail and the analysis is redone.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { audit } from '../core/audit.ts';
import { DAY_MS, instantToLocal, localToInstant } from '../core/time/local-time.ts';
import { nextFreeSlots, ruleViolation, type Interval } from './engine/index.ts';
import { slotDto } from './availability-service.ts';
import { appointmentPractice, PatientNotFound, violation } from './booking-rules.ts';
import { requireMotif, requireOwner, requirePatient } from './booking-checks-service.ts';
import { insertAppointment } from './appointments-repo.ts';
import { emitEvents } from './events-repo.ts';
import { loadBusy, loadRules } from './rules-repo.ts';
import { fulfilEntries } from './waitlist-repo.ts';
import { appointmentEvent, isOverlap } from './booking-service.ts';
import { once, type Idempotency } from './idempotency-service.ts';
import type { AgendaOwner } from './owners-repo.ts';
import { seriesStarts } from './series.ts';
import type { AppointmentDto, MotifDto, SeriesInput, SlotDto } from './schemas.ts';

const ALTERNATIVES = 3;
const ALTERNATIVES_DAYS = 7;

export interface SeriesConflict {
  date: string;
  start: string;
  reason: string;
  alternatives: SlotDto[];
}

interface Plan {
  owner: AgendaOwner;
  motif: MotifDto;
  practiceId: string;
  patientId: string;
  starts: number[];
}

/** The dates of a plan that cannot be booked, with alternatives; empty when all fit. */
async function conflicts(q: Queryable, plan: Plan, force: boolean, now: number): Promise<SeriesConflict[]> {
  const { owner, motif, starts } = plan;
  const duration = motif.durationMinutes * 60_000;
  const window = { from: starts[0]!, to: starts[starts.length - 1]! + (ALTERNATIVES_DAYS + 1) * DAY_MS };
  const [rulesMap, busyMap] = await Promise.all([loadRules(q, [owner], window), loadBusy(q, [owner.id], window)]);
  const rules = rulesMap.get(owner.id)!;
  const busy = busyMap.get(owner.id)!;
  const engineMotif = { id: motif.id, durationMinutes: motif.durationMinutes };
  const accepted: Interval[] = [];
  const found: SeriesConflict[] = [];
  for (const start of starts) {
    const end = start + duration;
    let reason: string | null = ruleViolation(rules, engineMotif, start, { now, force, includeUrgent: true });
    if (!reason && [...busy, ...accepted].some((b) => b.start < end && start < b.end)) reason = 'slot_taken';
    if (!reason) {
      accepted.push({ start, end });
      continue;
    }
    const local = instantToLocal(owner.timeZone, start);
    const dayStart = localToInstant(owner.timeZone, local.date, '00:00');
    const alternatives = nextFreeSlots([{ rules, busy }], engineMotif, Math.max(dayStart, now), {
      limit: ALTERNATIVES,
      horizonDays: ALTERNATIVES_DAYS,
      now,
      includeUrgent: true,
    }).map((s) => slotDto(s, motif.id));
    found.push({ date: local.date, start: new Date(start).toISOString(), reason, alternatives });
  }
  return found;
}

export async function bookSeries(
  db: Db,
  ctx: RequestContext,
  input: SeriesInput,
  opts: { idempotency?: Idempotency } = {},
): Promise<{ result: { seriesId: string; appointments: AppointmentDto[] }; replayed: boolean }> {
  const now = ctx.clock.nowMs();
  const force = input.force !== undefined;
  let plan: Plan | undefined;
  try {
    const { body, replayed } = await db.transaction((tx) =>
      once(tx, opts.idempotency, 201, async () => {
        const owner = await requireOwner(tx, ctx, input.practitionerId);
        const patient = await requirePatient(tx, ctx, input.patientId);
        const motif = await requireMotif(tx, owner.id, input.motifId);
        if (!motif.active) throw violation('motif_inactive');
        const practiceId = appointmentPractice(owner, patient, input.practiceId);
        plan = { owner, motif, practiceId, patientId: patient.id, starts: seriesStarts(owner.timeZone, Date.parse(input.start), input.rule) };
        const found = await conflicts(tx, plan, force, now);
        if (found.length > 0) throw new AppError('series_conflict', { details: { conflicts: found } });
        const seriesId = randomUUID();
        const appointments: AppointmentDto[] = [];
        for (const start of plan.starts) {
          appointments.push(
            await insertAppointment(tx, {
              organisationId: ctx.actor.organisationId,
              practiceId,
              practitionerId: owner.id,
              patientId: patient.id,
              motifId: motif.id,
              start,
              end: start + motif.durationMinutes * 60_000,
              bookedBy: ctx.actor.userId,
              channel: input.channel ?? 'phone',
              forcedReason: input.force?.reason ?? null,
              seriesId,
            }),
          );
        }
        for (const a of appointments) await fulfilEntries(tx, { practitionerId: owner.id, patientId: patient.id, start: a.start, end: a.end });
        await emitEvents(
          tx,
          appointments.map((a) => appointmentEvent(ctx, 'appointment.booked', a, { channel: a.channel })),
        );
        await audit(tx, ctx, {
          action: 'appointment.series.create',
          outcome: 'ok',
          practiceId,
          patientId: patient.id,
          detail: { seriesId, appointmentIds: appointments.map((a) => a.id) },
        });
        return { seriesId, appointments };
      }),
    );
    return { result: body, replayed };
  } catch (error) {
    if (error instanceof PatientNotFound) {
      await audit(db, ctx, { action: 'appointment.series.create', outcome: 'not_found', patientId: error.patientId });
    }
    if (isOverlap(error) && plan) {
      // Someone booked one of the dates between our analysis and our INSERT: analyse again.
      const found = await conflicts(db, plan, force, now);
      throw new AppError('series_conflict', { details: { conflicts: found } });
    }
    throw error;
  }
}
