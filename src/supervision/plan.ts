/**
 * Requirement vs plan per half-hour: agents required for the forecast (Erlang A with the observed
 * patience, else Erlang C) against agents planned, the expected service level and abandons with the plan,
 * and the funnel alerts (half-hours where planned < required, with the practices that suffer). A what-if
 * adds agents over a range of half-hours. Pure.
 */
import { evaluateC, type Performance } from './erlang.ts';
import { evaluateA } from './erlang-a.ts';
import { staffing } from './staffing.ts';

export interface PlanSlot {
  slot: number;
  label: string;
  forecastCalls: number;
  ahtSeconds: number | null;
  /** Forecast calls per practice in this half-hour. */
  practices: { practiceId: string; calls: number }[];
  /** Average agents staffed (planned). */
  plannedAgents: number;
}

export interface WhatIf {
  /** Half-hour slots [fromSlot, toSlot). */
  fromSlot: number;
  toSlot: number;
  agents: number;
}

export interface PlanRow {
  slot: number;
  label: string;
  forecastCalls: number;
  ahtSeconds: number | null;
  requiredAgents: number;
  plannedAgents: number;
  expectedServiceLevel: number | null;
  expectedAbandons: number | null;
}

export interface FunnelAlert {
  label: string;
  requiredAgents: number;
  plannedAgents: number;
  expectedServiceLevel: number | null;
  expectedAbandons: number | null;
  practices: { practiceId: string; calls: number }[];
}

export interface PlanTarget {
  targetSeconds: number;
  targetServiceLevel: number;
  /** Observed mean patience; null: Erlang C. */
  patienceSeconds: number | null;
}

const HALF_HOUR = 1800;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function evaluate(agents: number, calls: number, aht: number, t: PlanTarget): Performance {
  const load = { arrivalRate: calls / HALF_HOUR, ahtSeconds: aht };
  return t.patienceSeconds === null
    ? evaluateC(agents, load, t.targetSeconds)
    : evaluateA(agents, load, { targetSeconds: t.targetSeconds, patienceSeconds: t.patienceSeconds });
}

export function requirementVsPlan(slots: readonly PlanSlot[], t: PlanTarget, whatIf: readonly WhatIf[] = []): { rows: PlanRow[]; alerts: FunnelAlert[] } {
  const rows: PlanRow[] = [];
  const alerts: FunnelAlert[] = [];
  for (const s of slots) {
    const extra = whatIf.filter((w) => s.slot >= w.fromSlot && s.slot < w.toSlot).reduce((n, w) => n + w.agents, 0);
    const planned = Math.max(0, Math.round(s.plannedAgents) + extra);
    if (s.forecastCalls < 0.05 || s.ahtSeconds === null) {
      rows.push({
        slot: s.slot,
        label: s.label,
        forecastCalls: round(s.forecastCalls, 1),
        ahtSeconds: s.ahtSeconds,
        requiredAgents: 0,
        plannedAgents: planned,
        expectedServiceLevel: null,
        expectedAbandons: null,
      });
      continue;
    }
    const need = staffing({
      model: t.patienceSeconds === null ? 'C' : 'A',
      callsPerInterval: s.forecastCalls,
      intervalSeconds: HALF_HOUR,
      ahtSeconds: s.ahtSeconds,
      targetSeconds: t.targetSeconds,
      targetServiceLevel: t.targetServiceLevel,
      ...(t.patienceSeconds === null ? {} : { patienceSeconds: t.patienceSeconds }),
    });
    const withPlan = evaluate(planned, s.forecastCalls, s.ahtSeconds, t);
    // Erlang C has no abandons: callers beyond the capacity are counted as lost when the load exceeds the plan.
    const abandonRate = withPlan.abandonRate ?? (withPlan.asaSeconds === null ? 1 : 0);
    const row: PlanRow = {
      slot: s.slot,
      label: s.label,
      forecastCalls: round(s.forecastCalls, 1),
      ahtSeconds: round(s.ahtSeconds, 0),
      requiredAgents: need?.agents ?? planned,
      plannedAgents: planned,
      expectedServiceLevel: round(withPlan.serviceLevel, 4),
      expectedAbandons: round(s.forecastCalls * abandonRate, 1),
    };
    rows.push(row);
    if (planned < row.requiredAgents) {
      alerts.push({
        label: s.label,
        requiredAgents: row.requiredAgents,
        plannedAgents: planned,
        expectedServiceLevel: row.expectedServiceLevel,
        expectedAbandons: row.expectedAbandons,
        practices: [...s.practices]
          .sort((a, b) => b.calls - a.calls)
          .slice(0, 3)
          .map((p) => ({ practiceId: p.practiceId, calls: round(p.calls, 1) })),
      });
    }
  }
  return { rows, alerts };
}
