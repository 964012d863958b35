/**
 * The value report of an invoice (admins; the practitioner for his own issued invoices): the client's month
 * and the month before from the call log, the agenda and deliveries, and each invoice line's units
 * recomputed from the log today (reproducibility shown, not assumed).
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import { notFound } from '../core/errors/catalogue.ts';
import type { Clock } from '../core/time/clock.ts';
import { bandOf } from './bands.ts';
import * as contracts from './contracts-repo.ts';
import * as repo from './invoices-repo.ts';
import { previousMonthOf, reconcile, RULES, type MonthFigures, type ValueReport } from './report.ts';
import { priceContractMonth } from './run-service.ts';
import { clientMonth, type PracticeMonth } from './usage-service.ts';
import { agendaFigures } from './usage-repo.ts';

const EVENING = { eveningFrom: '19:00', morningUntil: '08:00' };

async function figuresOf(q: Queryable, months: readonly PracticeMonth[]): Promise<MonthFigures> {
  const f: MonthFigures = {
    received: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    overflowed: 0,
    closed: 0,
    voicemails: 0,
    averageWaitSeconds: null,
    afterHours: 0,
    appointmentsBooked: 0,
    appointmentsMoved: 0,
    appointmentsCancelled: 0,
    messages: 0,
    sms: 0,
    waitlistRefills: 0,
  };
  let waitSum = 0;
  for (const m of months) {
    const t = m.calls.figures;
    f.received += t.offered;
    f.answered += t.answered;
    f.abandoned += t.abandoned ?? 0;
    f.shortAbandoned += t.shortAbandoned ?? 0;
    f.overflowed += t.overflowed ?? 0;
    f.closed += t.closed ?? 0;
    f.voicemails += t.voicemails ?? 0;
    waitSum += (t.averageSpeedOfAnswerSeconds ?? 0) * t.answered;
    f.afterHours += m.calls.calls.filter((c) => c.disposition === 'closed' || bandOf(c.arrivedAt, m.place, EVENING) !== null).length;
    f.appointmentsBooked += m.appointments.length;
    f.messages += m.messages.length;
    f.sms += m.sms.length;
    const agenda = await agendaFigures(q, { practiceId: m.practiceId, from: new Date(m.from), to: new Date(m.to) });
    f.appointmentsMoved += agenda.moved;
    f.appointmentsCancelled += agenda.cancelled;
    f.waitlistRefills += agenda.waitlistRefills;
  }
  f.averageWaitSeconds = f.answered > 0 ? Math.round((waitSum / f.answered) * 10) / 10 : null;
  return f;
}

export async function valueReport(db: Db, ctx: RequestContext, clock: Clock, invoiceId: string): Promise<ValueReport> {
  return db.transaction(async (tx) => {
    const row = await repo.invoiceById(tx, ctx.actor.organisationId, invoiceId);
    if (!row || !row.practice_ids.some((p) => ctx.actor.practiceIds.includes(p))) throw notFound();
    if (ctx.actor.role !== 'admin' && row.status === 'draft') throw notFound();
    const o = { organisationId: row.organisation_id, practiceIds: row.practice_ids, now: clock.nowMs() };
    const previousMonth = previousMonthOf(row.month);
    const current = await figuresOf(tx, await clientMonth(tx, { ...o, month: row.month }));
    const previous = await figuresOf(tx, await clientMonth(tx, { ...o, month: previousMonth }));
    const recomputed = new Map<string, number>();
    const contract = row.contract_id ? await contracts.contractById(tx, row.organisation_id, row.contract_id) : undefined;
    if (contract) {
      for (const l of await priceContractMonth(tx, { ...o, contract, month: row.month })) recomputed.set(`${l.code}|${l.label}`, l.units.length);
    }
    const lines = await repo.linesOf(tx, row.id);
    const invoiced = lines.map((l) => ({ position: l.position, key: `${l.code}|${l.label}`, label: l.label, units: l.units }));
    return { month: row.month, previousMonth, current, previous, lines: reconcile(invoiced, recomputed), rules: RULES };
  });
}
