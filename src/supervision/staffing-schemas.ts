/** Request and response schemas of POST /api/staffing/erlang. */
import { z } from 'zod';

const share = (what: string) => z.number().gt(0).max(1).meta({ description: what });

export const zErlangQuestion = z
  .strictObject({
    model: z
      .enum(['B', 'C', 'A'])
      .meta({ description: 'B : appels perdus ; C : attente sans fin ; A : les appelants raccrochent / B: lost calls; C: callers wait; A: callers hang up' }),
    callsPerInterval: z.number().min(0).max(1_000_000),
    intervalSeconds: z.number().gt(0).max(86_400),
    ahtSeconds: z.number().gt(0).max(86_400).meta({ description: 'Durée moyenne de traitement / average handle time (s)' }),
    targetSeconds: z.number().min(0).max(3_600).meta({ description: 'T du niveau de service / service level threshold (s)' }),
    agents: z.int().min(0).max(10_000).optional().meta({
      description: 'Effectif à évaluer ; absent : le plus petit effectif atteignant la cible / staffing to evaluate; absent: the smallest meeting the target',
    }),
    targetServiceLevel: share('Cible de niveau de service (défaut 0,8) / service level target (default 0.8)').optional(),
    maxOccupancy: share('Occupation maximale (défaut 1) / maximum occupancy (default 1)').optional(),
    patienceSeconds: z
      .number()
      .gt(0)
      .max(86_400)
      .optional()
      .meta({ description: 'Erlang A : patience moyenne avant de raccrocher / mean patience before hanging up (s)' }),
    shrinkage: z
      .number()
      .min(0)
      .max(0.95)
      .optional()
      .meta({ description: 'Part du temps planifié hors téléphone (pauses, formation, absences) / share of scheduled time off the phone' }),
  })
  .refine((q) => q.model !== 'A' || q.patienceSeconds !== undefined, {
    path: ['patienceSeconds'],
    message: 'Requis pour Erlang A / required for Erlang A',
  });
export type ErlangQuestion = z.output<typeof zErlangQuestion>;

const probability = z.number().min(0).max(1);

export const zErlangAnswer = z.object({
  agents: z.int().min(0),
  trafficErlangs: z.number().min(0),
  probabilityOfWaiting: probability,
  serviceLevel: probability.meta({ description: 'Part des appels OFFERTS décrochés en T s ou moins / share of offered calls answered within T' }),
  asaSeconds: z.number().min(0).nullable().meta({
    description: 'Attente moyenne des appels décrochés ; null si la file croît sans fin / mean wait of answered calls; null when the queue grows without end',
  }),
  occupancy: probability,
  abandonRate: probability.optional(),
  blockingProbability: probability.optional(),
  scheduledAgents: z.int().min(0).optional().meta({ description: 'Agents à planifier après absentéisme / agents to schedule after shrinkage' }),
});
