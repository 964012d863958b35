/**
 * The supervision screens' data: live queues and agents (GET once, then kept current by the live
 * WebSocket's queue.state and agent.state messages), today's metrics (refetched when a live message says
 * something changed, at most once a second — never on a timer).
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';
import type { AgentView, QueueStateView } from '../../../src/calls/live/messages.ts';
import type { MetricsReport } from '../../../src/calls/metrics/compute.ts';
import { connectLive } from '../console/live-socket.ts';
import { upsert } from './wallboard.ts';

export type { AgentView, QueueStateView, MetricsReport };

const QUEUES_KEY = ['supervision', 'queues'] as const;
const AGENTS_KEY = ['supervision', 'agents'] as const;
const TODAY_KEY = ['supervision', 'today'] as const;

export function useQueues() {
  return useQuery({ queryKey: QUEUES_KEY, queryFn: async () => (await get<{ items: QueueStateView[] }>('/api/call-queues')).items });
}

export function useAgents() {
  return useQuery({ queryKey: AGENTS_KEY, queryFn: async () => (await get<{ items: AgentView[] }>('/api/agents')).items });
}

/** Today's figures so far (the server's local day), per practice or per agent. */
export function useToday(groupBy: 'practice' | 'agent') {
  return useQuery({
    queryKey: [...TODAY_KEY, groupBy],
    queryFn: () => get<MetricsReport>(`/api/calls/metrics${query({ groupBy })}`),
    placeholderData: (previous) => previous,
  });
}

/** Keeps the wallboard's queries current from the live socket; answers whether the socket is open. */
export function useWallboardLive(): boolean {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    const refreshFigures = () => {
      if (pending.current !== undefined) return;
      pending.current = window.setTimeout(() => {
        pending.current = undefined;
        void qc.invalidateQueries({ queryKey: TODAY_KEY });
      }, 1000);
    };
    const stop = connectLive(
      (m) => {
        if (m.type === 'queue.state') {
          qc.setQueryData<QueueStateView[]>(QUEUES_KEY, (list) => upsert(list, m.queue, (x) => x.practiceId));
          refreshFigures();
        } else if (m.type === 'agent.state') {
          qc.setQueryData<AgentView[]>(AGENTS_KEY, (list) => upsert(list, m.agent, (x) => x.id));
          refreshFigures();
        }
      },
      (isOpen) => {
        setOpen(isOpen);
        // After a drop, what happened meanwhile was missed: read everything again once.
        if (isOpen) void qc.invalidateQueries({ queryKey: ['supervision'] });
      },
    );
    return () => {
      stop();
      window.clearTimeout(pending.current);
    };
  }, [qc]);
  return open;
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
export interface PlanAnswer {
  date: string;
  timeZone: string;
  model: 'A' | 'C';
  patienceSeconds: number | null;
  rows: PlanRow[];
  alerts: {
    label: string;
    requiredAgents: number;
    plannedAgents: number;
    expectedServiceLevel: number | null;
    expectedAbandons: number | null;
    practices: { practiceId: string; calls: number }[];
  }[];
  heatmap: number[][];
}
export interface WhatIf {
  from: string;
  to: string;
  agents: number;
}

export function usePlan(date: string, whatIf: readonly WhatIf[]) {
  return useQuery({
    queryKey: ['supervision', 'plan', date, whatIf],
    queryFn: () => post<PlanAnswer>('/api/supervision/plan', { ...(date ? { date } : {}), whatIf }),
    placeholderData: (previous) => previous,
  });
}
