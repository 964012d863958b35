/** Request and response schemas of GET /api/calls/metrics. */
import { z } from 'zod';
import { zInstant, zLocalDate } from '../../core/input/schemas.ts';
import { zTimeZone } from '../../core/identifiers.ts';

const instantOrDate = z
  .union([zInstant, zLocalDate])
  .meta({ description: 'Instant ISO 8601 avec décalage, ou date locale (= 00:00 ce jour-là) / an instant, or a local date (its 00:00)' });

export const zMetricsQuery = z.strictObject({
  from: instantOrDate
    .optional()
    .meta({ description: "Début [inclus) ; défaut : aujourd'hui 00:00 local (temps réel) / start; default: today's local midnight (live)" }),
  to: instantOrDate.optional().meta({ description: 'Fin (exclue) ; défaut : maintenant / end (excluded); default: now' }),
  practiceId: z.guid().optional(),
  agentId: z.guid().optional(),
  groupBy: z.enum(['practice', 'agent', 'half_hour']).default('practice'),
  timeZone: zTimeZone.optional().meta({ description: 'Fuseau des demi-heures ; défaut : celui du cabinet / zone of the half-hours; default: the practice’s' }),
  serviceLevelSeconds: z.coerce.number().min(0.1).max(600).default(20).meta({ description: 'T du niveau de service / service level threshold (s)' }),
  shortAbandonSeconds: z.coerce.number().min(0).max(60).default(5).meta({ description: 'Seuil des abandons courts / short abandon threshold (s)' }),
});
export type MetricsQueryInput = z.output<typeof zMetricsQuery>;

const count = z.int().min(0);
const nullableCount = count.nullable();
const share = z.number().min(0).max(1).nullable();
const seconds = z.number().min(0).nullable();

export const zMetricsFigures = z.object({
  offered: count.meta({ description: 'Appels entrés en file / calls that entered a queue' }),
  answered: count,
  answeredWithinThreshold: count,
  abandoned: nullableCount.meta({ description: 'Abandons hors abandons courts / abandons, short ones excluded' }),
  shortAbandoned: nullableCount,
  overflowed: nullableCount,
  waiting: nullableCount,
  closed: nullableCount.meta({ description: 'Appels hors horaires (jamais en file) / closed-line calls (never queued)' }),
  voicemails: nullableCount,
  ringNoAnswers: count,
  handled: count,
  serviceLevel: share,
  abandonRate: share,
  averageSpeedOfAnswerSeconds: seconds,
  averageTalkSeconds: seconds,
  averageWrapUpSeconds: seconds,
  averageHandleTimeSeconds: seconds,
  occupancy: share,
  busySeconds: seconds,
  staffedSeconds: seconds,
});

export const zMetricsRow = zMetricsFigures.extend({
  practiceId: z.guid().nullable(),
  agentId: z.guid().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  label: z.string().nullable().meta({ description: "Demi-heure locale avec décalage / local half-hour with offset, e.g. '2026-10-25T02:00+01:00'" }),
});

export const zMetricsReport = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  groupBy: z.enum(['practice', 'agent', 'half_hour']),
  serviceLevelSeconds: z.number(),
  shortAbandonSeconds: z.number(),
  total: zMetricsFigures,
  items: z.array(zMetricsRow),
});
