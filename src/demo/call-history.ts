/**
 * Writes the demo's eight weeks of call history (call-history-model.ts) into the tables the live system
 * writes: `calls` and the append-only call log `call_events`, so that metrics, forecasts and invoices
 * read it like real traffic. Set-based: one INSERT … SELECT FROM unnest(…) per table.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../core/db/types.ts';
import { systemClock } from '../core/time/clock.ts';
import { publicHolidays } from '../core/time/holidays.ts';
import { dayNumberOf, instantToLocal, weekdayOfDayNumber } from '../core/time/local-time.ts';
import { generateHistory, type HistoryAgent } from './call-history-model.ts';
import type { Rng } from './random.ts';
import { DEMO_EMAIL_DOMAIN } from './users.ts';
import type { DemoPart, DemoState } from './state.ts';

export const HISTORY_WEEKS = 8;
const TRAINING_PRACTICES = new Set(['paris-vavin', 'lyon-part-dieu']);

/** Shifts in Paris time: four day agents with staggered lunches, an early one (Réunion), a late one (Antilles). */
const SHIFTS: readonly Omit<HistoryAgent, 'id'>[] = [
  { start: 8 * 60, end: 17 * 60, lunch: 12 * 60, saturday: true },
  { start: 8 * 60, end: 17 * 60, lunch: 12 * 60 + 45, saturday: false },
  { start: 8 * 60 + 30, end: 17 * 60 + 30, lunch: 12 * 60 + 30, saturday: false },
  { start: 9 * 60, end: 18 * 60, lunch: 13 * 60 + 15, saturday: true },
  { start: 5 * 60, end: 13 * 60 + 30, lunch: null, saturday: false },
  { start: 14 * 60, end: 23 * 60 + 30, lunch: 18 * 60 + 30, saturday: false },
];

const OUTCOMES: readonly (readonly [string, number])[] = [
  ['booked', 45],
  ['moved', 10],
  ['cancelled', 8],
  ['message', 20],
  ['information', 15],
  ['put_through', 2],
];

export async function seedCallHistory(db: Queryable, rng: Rng, state: DemoState, now = systemClock.nowMs()): Promise<{ calls: number; events: number }> {
  const org = state.organisationId;
  const { rows: users } = await db.query<{ id: string; email: string }>(
    "select id, email from users where organisation_id = $1 and role in ('agent', 'trainer') order by email",
    [org],
  );
  const agents = users.filter((u) => u.email.startsWith('agent')).map((u, i) => ({ id: u.id, ...(SHIFTS[i % SHIFTS.length] as Omit<HistoryAgent, 'id'>) }));
  const trainer = users.find((u) => u.email === `formateur@${DEMO_EMAIL_DOMAIN}`);
  if (agents.length === 0 || !trainer) return { calls: 0, events: 0 };
  const { rows: numbers } = await db.query<{ practice_id: string; e164: string }>(
    'select distinct on (practice_id) practice_id, e164 from practice_numbers where practice_id = any($1::uuid[]) order by practice_id, e164',
    [state.practices.map((p) => p.id)],
  );
  const numberOf = new Map(numbers.map((n) => [n.practice_id, n.e164]));

  const today = dayNumberOf(instantToLocal('Europe/Paris', now).date);
  const fromDay = today - HISTORY_WEEKS * 7;
  const thisMonday = today - (weekdayOfDayNumber(today) - 1);
  const year = Number(instantToLocal('Europe/Paris', now).date.slice(0, 4));
  const { calls, agentEvents } = generateHistory(rng, {
    fromDay,
    toDay: today - 1,
    epidemicMonday: thisMonday - 4 * 7,
    maxWaitSeconds: 180,
    meanPatienceSeconds: 140,
    trainerId: trainer.id,
    agents,
    practices: state.practices.map((p) => ({
      id: p.id,
      timeZone: p.timeZone,
      holidays: publicHolidays(p.data.region, year - 1, year),
      dailyCalls: rng.int(6, 12),
      training: TRAINING_PRACTICES.has(p.key),
    })),
  });

  const ids = calls.map(() => randomUUID());
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const status = { answered: 'completed', abandoned: 'abandoned', overflowed: 'voicemail' } as const;
  const outcome = calls.map((c) => (c.disposition === 'answered' ? rng.weighted(OUTCOMES) : c.disposition === 'abandoned' ? 'abandoned' : 'voicemail'));
  await db.query(
    `insert into calls (id, organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, status, training,
                        enqueued_at, attempts, agent_id, offered_at, answered_at, ended_at, outcome, outcome_at, outcome_by, created_at, updated_at)
     select c.id, $1, c.practice_id, case when c.training then 'simulator' else 'twilio' end, 'demo-' || c.id, c.called, c.caller, c.status, c.training,
            c.arrived, case when c.agent_id is null then 0 else 1 end, c.agent_id, c.offered, c.answered, coalesce(c.ended, c.arrived), c.outcome,
            coalesce(c.ended, c.arrived), c.agent_id, c.arrived, coalesce(c.ended, c.arrived)
     from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::uuid[],
                 $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[])
          as c(id, practice_id, called, caller, status, training, arrived, agent_id, offered, answered, ended, outcome)`,
    [
      org,
      ids,
      calls.map((c) => c.practiceId),
      calls.map((c) => numberOf.get(c.practiceId) ?? '+33100000000'),
      calls.map(() => `+336${rng.digits(8)}`),
      calls.map((c) => status[c.disposition]),
      calls.map((c) => c.training),
      calls.map((c) => iso(c.arrivedAt)),
      calls.map((c) => c.agentId),
      calls.map((c) => iso(c.offeredAt)),
      calls.map((c) => iso(c.connectedAt)),
      calls.map((c) => iso(c.wrappedAt ?? c.leftAt)),
      outcome,
    ],
  );
  // The log of each call, step by step, as the live intake writes it (see src/calls/events.ts).
  const { rowCount } = await db.query(
    `insert into call_events (at, organisation_id, practice_id, call_id, agent_id, event, data)
     select e.at, $1, c.practice_id, c.id, e.agent_id, e.event, e.data
     from unnest($2::uuid[], $3::uuid[], $4::text[], $5::boolean[], $6::uuid[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[],
                 $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])
          as c(id, practice_id, disposition, training, agent_id, arrived, offered, connected, completed, wrapped, left_at)
     cross join lateral (values
       (1, c.arrived, null::uuid, 'ENTER', case when c.training then '{"urgent": false, "training": true}'::jsonb else '{"urgent": false}'::jsonb end),
       (2, c.offered, c.agent_id, 'OFFER', jsonb_build_object('attempt', 1, 'tier', 'trained', 'waitSeconds', floor(extract(epoch from c.offered - c.arrived))::int)),
       (3, c.connected, c.agent_id, 'CONNECT', jsonb_build_object('attempt', 1, 'waitSeconds', floor(extract(epoch from c.connected - c.arrived))::int,
                                                                  'ringSeconds', floor(extract(epoch from c.connected - c.offered))::int)),
       (4, c.completed, c.agent_id, 'COMPLETE', jsonb_build_object('by', 'caller', 'talkSeconds', floor(extract(epoch from c.completed - c.connected))::int)),
       (5, c.wrapped, c.agent_id, 'WRAPUP', jsonb_build_object('wrapUpSeconds', floor(extract(epoch from c.wrapped - c.completed))::int, 'by', 'agent')),
       (6, c.left_at, null::uuid, 'ABANDON', jsonb_build_object('waitSeconds', floor(extract(epoch from c.left_at - c.arrived))::int, 'phase', 'queued')),
       (7, c.left_at, null::uuid, 'TIMEOUT', jsonb_build_object('waitSeconds', floor(extract(epoch from c.left_at - c.arrived))::int, 'target', 'voicemail')),
       (8, c.left_at + interval '35 seconds', null::uuid, 'VOICEMAIL', '{"durationSeconds": 30, "recording": null}'::jsonb)
     ) as e(step, at, agent_id, event, data)
     where e.step = 1
        or (c.disposition = 'answered' and e.step between 2 and 5)
        or (c.disposition = 'abandoned' and e.step = 6)
        or (c.disposition = 'overflowed' and e.step in (7, 8))
     order by e.at, e.step`,
    [
      org,
      ids,
      calls.map((c) => c.practiceId),
      calls.map((c) => c.disposition),
      calls.map((c) => c.training),
      calls.map((c) => c.agentId),
      calls.map((c) => iso(c.arrivedAt)),
      calls.map((c) => iso(c.offeredAt)),
      calls.map((c) => iso(c.connectedAt)),
      calls.map((c) => iso(c.completedAt)),
      calls.map((c) => iso(c.wrappedAt)),
      calls.map((c) => iso(c.leftAt)),
    ],
  );
  await db.query(
    `insert into call_events (at, organisation_id, agent_id, event, data)
     select e.at, $1, e.agent_id, e.event, e.data from unnest($2::timestamptz[], $3::uuid[], $4::text[], $5::jsonb[]) as e(at, agent_id, event, data)`,
    [
      org,
      agentEvents.map((e) => iso(e.at)),
      agentEvents.map((e) => e.agentId),
      agentEvents.map((e) => e.event),
      agentEvents.map((e) => JSON.stringify(e.data)),
    ],
  );
  return { calls: calls.length, events: (rowCount ?? 0) + agentEvents.length };
}

export const callHistoryPart: DemoPart = {
  name: 'call-history',
  async run(db, rng, state) {
    await seedCallHistory(db, rng, state);
  },
};
