/**
 * The monthly activity report of a practice (or of one of its practitioners): calls on its line, appointments
 * booked / moved / cancelled and by whom, outcomes, messages, waitlist refills. Counts only: no patient data is
 * read, so no audit row. Administrators and supervisors read any practice in scope; a practitioner his own figures.
 */
import type { Db } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { AppError, notFound } from '../core/errors/catalogue.ts';
import { localToInstant } from '../core/time/local-time.ts';
import { getCallMetrics } from '../calls/metrics/service.ts';
import * as repo from './activity-repo.ts';
import type { ActivityQuery, ActivityReport } from './activity-schemas.ts';

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const n = (v: number | null | undefined) => v ?? 0;

export async function monthlyActivity(db: Db, ctx: RequestContext, practiceId: string, q: ActivityQuery): Promise<ActivityReport> {
  const { actor } = ctx;
  if (!actor.practiceIds.includes(practiceId)) throw notFound();
  let practitionerId = q.practitionerId ?? null;
  if (actor.role === 'practitioner') {
    if (practitionerId !== null && practitionerId !== actor.practitionerId) throw notFound();
    practitionerId = actor.practitionerId;
  } else if (actor.role !== 'admin' && actor.role !== 'supervisor') {
    throw new AppError('forbidden');
  }
  const zone = await repo.practiceZone(db, actor.organisationId, practiceId);
  if (!zone) throw notFound();
  const from = localToInstant(zone, `${q.month}-01`, '00:00');
  const to = localToInstant(zone, `${nextMonth(q.month)}-01`, '00:00');
  const window = { organisationId: actor.organisationId, practiceId, practitionerId, from: new Date(from), to: new Date(to) };

  // The line's figures exactly as the call metrics compute them, for this one practice, whoever reads the report.
  const metricsCtx: RequestContext = { ...ctx, actor: { ...actor, role: 'supervisor', practiceIds: [practiceId] } };
  const [calls, appointments, messages, waitlist] = await Promise.all([
    getCallMetrics(db, metricsCtx, {
      practiceId,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      groupBy: 'practice',
      serviceLevelSeconds: 20,
      shortAbandonSeconds: 5,
    }),
    repo.appointmentCounts(db, window),
    repo.messageCounts(db, window),
    repo.waitlistCounts(db, window),
  ]);
  const booked = appointments.booked_by_channel;
  const cancelled = appointments.cancelled_by_kind;
  return {
    practiceId,
    practitionerId,
    month: q.month,
    timeZone: zone,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    calls: {
      offered: calls.total.offered,
      answered: calls.total.answered,
      abandoned: n(calls.total.abandoned),
      shortAbandoned: n(calls.total.shortAbandoned),
      closed: n(calls.total.closed),
      voicemails: n(calls.total.voicemails),
      averageWaitSeconds: calls.total.averageSpeedOfAnswerSeconds,
      serviceLevel: calls.total.serviceLevel,
    },
    appointments: {
      booked: {
        total: Object.values(booked).reduce((a, b) => a + b, 0),
        secretariat: n(booked['phone']),
        patient: n(booked['online']),
        practitioner: n(booked['practitioner']),
        desk: n(booked['desk']),
      },
      moved: appointments.moved,
      cancelled: {
        total: Object.values(cancelled).reduce((a, b) => a + b, 0),
        patient: n(cancelled['patient']),
        practitioner: n(cancelled['practitioner']),
        secretariat: n(cancelled['secretariat']),
      },
      honoured: appointments.honoured,
      noShows: appointments.no_show,
      noShowsExcused: appointments.no_show_excused,
    },
    messages: {
      total: Object.values(messages).reduce((a, b) => a + b, 0),
      urgent: n(messages['urgent']),
      task: n(messages['task']),
      dated_task: n(messages['dated_task']),
      home_visit: n(messages['home_visit']),
      information: n(messages['information']),
    },
    waitlist,
  };
}
