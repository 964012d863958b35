/**
 * Prepares a simulation through the API as an administrator: the practices and their forwarded numbers
 * (the lines the carrier will call), the simulated agents' accounts (created once, reused after with a
 * fresh password), and, when time is compressed, the practices' queue settings scaled to the same speed
 * (restored afterwards): the server's timers (tier widening, ring timeout, maximum wait) run on the
 * wall clock, callers and agents on simulated time.
 */
import { randomBytes } from 'node:crypto';
import type { AgentAccount } from './agent.ts';
import { ApiSession } from './http.ts';
import type { SimPractice } from './traffic.ts';

export const SIM_AGENT_DOMAIN = 'simulation.relais.fr';
export const simAgentEmail = (n: number) => `agent-simule-${String(n).padStart(2, '0')}@${SIM_AGENT_DOMAIN}`;

interface PracticeSummary {
  id: string;
  name: string;
  timeZone: string;
}
interface PracticeFile extends PracticeSummary {
  numbers: { e164: string }[];
  practitioners: unknown[];
}
interface UserView {
  id: string;
  email: string;
}
export interface QueueSettings {
  dedicatedAfterSeconds: number;
  trainedAfterSeconds: number;
  poolAfterSeconds: number;
  maxWaitSeconds: number;
  maxQueueLength: number;
  overflowTarget: 'voicemail' | 'callback';
  wrapUpSeconds: number;
  ringTimeoutSeconds: number;
  voicemailWhenClosed: boolean;
  openOnPublicHolidays: boolean;
}

export interface PreparedRun {
  admin: ApiSession;
  practices: (SimPractice & { name: string })[];
  agents: AgentAccount[];
  /** Puts the queue settings back as they were (a no-op when they were not changed). */
  restore(): Promise<void>;
}

/** Queue settings on a compressed clock: each delay divided by the speed (at least 1 s where 0 is refused). */
export function scaledQueueSettings(s: QueueSettings, speed: number): QueueSettings {
  const scale = (seconds: number, min = 0) => Math.max(min, Math.round(seconds / speed));
  const dedicated = scale(s.dedicatedAfterSeconds);
  const trained = Math.max(dedicated, scale(s.trainedAfterSeconds));
  return {
    ...s,
    dedicatedAfterSeconds: dedicated,
    trainedAfterSeconds: trained,
    poolAfterSeconds: Math.max(trained, scale(s.poolAfterSeconds)),
    maxWaitSeconds: scale(s.maxWaitSeconds, 1),
    wrapUpSeconds: scale(s.wrapUpSeconds, 1),
    ringTimeoutSeconds: scale(s.ringTimeoutSeconds, 1),
  };
}

export interface PrepareOptions {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  agents: number;
  /** Scale the queue settings to this speed (1 or less: leave them). */
  speed: number;
  /** Only these practices (ids); default: every practice with a forwarded number. */
  practiceIds?: readonly string[];
}

export async function prepareRun(o: PrepareOptions): Promise<PreparedRun> {
  const admin = new ApiSession(o.baseUrl);
  await admin.login(o.adminEmail, o.adminPassword);
  const { items } = await admin.get<{ items: PracticeSummary[] }>('/api/practices?limit=500');
  const chosen = o.practiceIds ? items.filter((p) => o.practiceIds!.includes(p.id)) : items;
  const files = await Promise.all(chosen.map((p) => admin.get<PracticeFile>(`/api/practices/${p.id}`)));
  const practices = files
    .filter((f) => f.numbers.length > 0)
    .map((f) => ({ practiceId: f.id, name: f.name, number: f.numbers[0]!.e164, timeZone: f.timeZone, weight: Math.max(1, f.practitioners.length) }));
  if (practices.length === 0) throw new Error('Aucun cabinet avec un numéro renvoyé / no practice has a forwarded number');

  // Each simulated agent: a share of the practices (the dedicated secretary of her first one) — the
  // others reach her through the pool tier.
  const ids = practices.map((p) => p.practiceId);
  const { users } = await admin.get<{ users: UserView[] }>('/api/users?role=agent');
  const agents: AgentAccount[] = [];
  for (let n = 1; n <= o.agents; n++) {
    const email = simAgentEmail(n);
    const password = randomBytes(18).toString('base64url');
    const mine = ids.filter((_, i) => i % o.agents === n - 1 || (i + n) % 3 === 0);
    const dedicated = ids.filter((_, i) => i % o.agents === n - 1).slice(0, 1);
    const body = { password, practiceIds: mine, dedicatedPracticeIds: dedicated };
    const existing = users.find((u) => u.email === email);
    if (existing) await admin.patch(`/api/users/${existing.id}`, { ...body, active: true });
    else await admin.post('/api/users', { email, displayName: `Agent simulé ${n}`, role: 'agent', ...body });
    agents.push({ email, password });
  }

  const originals: [string, QueueSettings][] = [];
  if (o.speed > 1) {
    for (const id of ids) {
      const { practiceId: _id, ...current } = await admin.get<QueueSettings & { practiceId: string }>(`/api/call-queues/${id}/config`);
      await admin.put(`/api/call-queues/${id}/config`, scaledQueueSettings(current, o.speed));
      originals.push([id, current]);
    }
  }
  return {
    admin,
    practices,
    agents,
    async restore() {
      for (const [id, settings] of originals) await admin.put(`/api/call-queues/${id}/config`, settings);
      originals.length = 0;
    },
  };
}
