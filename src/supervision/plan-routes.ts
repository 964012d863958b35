/** POST /api/supervision/plan: requirement vs plan for a day, funnel alerts, what-if. Thin. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../core/db/types.ts';
import { requireActor } from '../core/auth/guard.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import { planDay } from './plan-service.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[03]0$|^24:00$/, 'HH:00 ou HH:30 / HH:00 or HH:30');

const zPlanQuestion = z.strictObject({
  date: z.iso.date().optional().meta({ description: 'Jour local ; défaut : demain / local day; default: tomorrow' }),
  targetSeconds: z.number().min(0).max(600).default(20),
  targetServiceLevel: z.number().gt(0).max(1).default(0.8),
  whatIf: z
    .array(z.strictObject({ from: time, to: time, agents: z.int().min(-50).max(50) }))
    .max(48)
    .default([])
    .meta({ description: 'Ex. [{ from: "08:00", to: "10:00", agents: 2 }] : +2 agents de 8 h à 10 h / +2 agents from 8:00 to 10:00' }),
});

const n = z.number();
const zRow = z.object({
  slot: z.int(),
  label: z.string(),
  forecastCalls: n,
  ahtSeconds: n.nullable(),
  requiredAgents: z.int(),
  plannedAgents: z.int(),
  expectedServiceLevel: n.nullable(),
  expectedAbandons: n.nullable(),
});
const zPlanAnswer = z.object({
  date: z.string(),
  timeZone: z.string(),
  model: z.enum(['A', 'C']),
  patienceSeconds: n.nullable(),
  rows: z.array(zRow),
  alerts: z.array(
    z.object({
      label: z.string(),
      requiredAgents: z.int(),
      plannedAgents: z.int(),
      expectedServiceLevel: n.nullable(),
      expectedAbandons: n.nullable(),
      practices: z.array(z.object({ practiceId: z.guid(), calls: n })),
    }),
  ),
  heatmap: z.array(z.array(n)),
});

export function planRoutes(db: Db, clock: Clock = systemClock): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/supervision/plan',
      {
        schema: {
          tags: ['supervision'],
          summary: 'Besoin vs planifié par demi-heure, alertes entonnoir, simulation / Requirement vs plan per half-hour, funnel alerts, what-if',
          body: zPlanQuestion,
          response: { 200: zPlanAnswer },
        },
      },
      async (request) => planDay(db, { actor: requireActor(request), requestId: String(request.id) }, request.body, clock),
    );
  };
}
