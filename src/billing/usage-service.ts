/**
 * A client's usage in a month, per practice, each practice's month taken in its own zone: the call
 * activity with the metrics' definitions (answered calls are the billable ones; training calls and
 * abandons are not), appointments booked over the phone, messages taken, SMS sent. Reproducible: the
 * same log gives the same usage at any time. Reads ids and instants only.
 */
import type { Queryable } from '../core/db/types.ts';
import { localDaysInterval } from '../core/time/local-time.ts';
import { REGION_CODES, type Region } from '../core/time/regions.ts';
import { callActivity, type CallActivity } from '../calls/metrics/activity-service.ts';
import type { Place } from './bands.ts';
import { practicePlaces } from './contracts-repo.ts';
import { monthDays, type UsageEvent } from './pricing.ts';
import * as usage from './usage-repo.ts';

export interface PracticeMonth {
  practiceId: string;
  name: string;
  place: Place;
  from: number;
  to: number;
  calls: CallActivity;
  appointments: usage.DatedRow[];
  messages: usage.DatedRow[];
  sms: usage.DatedRow[];
}

const regionOf = (r: string): Region => ((REGION_CODES as readonly string[]).includes(r) ? (r as Region) : 'metropole');

export async function clientMonth(
  q: Queryable,
  o: { organisationId: string; practiceIds: readonly string[]; month: string; now: number },
): Promise<PracticeMonth[]> {
  const { first, last } = monthDays(o.month);
  const out: PracticeMonth[] = [];
  for (const p of await practicePlaces(q, o.organisationId, o.practiceIds)) {
    const { start, end } = localDaysInterval(p.time_zone, first, last);
    const w = { practiceId: p.id, from: new Date(start), to: new Date(end) };
    const calls = await callActivity(q, { organisationId: o.organisationId, practiceIds: [p.id], from: start, to: end, now: o.now, timeZone: p.time_zone });
    out.push({
      practiceId: p.id,
      name: p.name,
      place: { zone: p.time_zone, region: regionOf(p.region) },
      from: start,
      to: end,
      calls,
      appointments: await usage.appointmentsBooked(q, w),
      messages: await usage.messagesTaken(q, w),
      sms: await usage.smsSent(q, w),
    });
  }
  return out;
}

/** The events pricing counts: answered calls (at arrival), appointments booked, messages, SMS. */
export function usageEvents(months: readonly PracticeMonth[]): UsageEvent[] {
  return months.flatMap((m) => [
    ...m.calls.calls
      .filter((c) => c.disposition === 'answered')
      .map((c) => ({ source: 'call' as const, id: c.callId, at: c.arrivedAt, practiceId: m.practiceId })),
    ...m.appointments.map((a) => ({ source: 'appointment' as const, id: a.id, at: a.at.getTime(), practiceId: m.practiceId })),
    ...m.messages.map((a) => ({ source: 'message' as const, id: a.id, at: a.at.getTime(), practiceId: m.practiceId })),
    ...m.sms.map((a) => ({ source: 'sms' as const, id: a.id, at: a.at.getTime(), practiceId: m.practiceId })),
  ]);
}

export function placesOf(months: readonly PracticeMonth[]): Map<string, Place> {
  return new Map(months.map((m) => [m.practiceId, m.place]));
}
