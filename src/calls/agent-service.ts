/**
 * Agents: the status each agent chooses (available, break, lunch, training, back_office, logged_out),
 * recorded in the call log as LOGIN / LOGOFF / PAUSE / UNPAUSE, apart from the system state the
 * dispatcher and the calls set (idle, ringing, on_call, wrap_up). Supervisors read everyone's live state.
 */
import type { RequestContext } from '../core/auth/actor.ts';
import type { Queryable } from '../core/db/types.ts';
import { AppError } from '../core/errors/catalogue.ts';
import type { AgentStatus, PauseStatus } from './events.ts';
import type { AgentView } from './live/messages.ts';
import * as repo from './repo.ts';
import { commit, type CallsRuntime } from './runtime.ts';

export type { AgentView };

export function toAgentView(r: repo.AgentListRow): AgentView {
  return {
    id: r.user_id,
    displayName: r.display_name,
    status: r.status,
    statusReason: r.status_reason,
    statusSince: r.status_since.toISOString(),
    systemState: r.system_state,
    systemSince: r.system_since.toISOString(),
    callId: r.call_id,
    practiceId: r.practice_id,
    idleSince: r.idle_since.toISOString(),
  };
}

const isPause = (s: AgentStatus): s is PauseStatus => s !== 'available' && s !== 'logged_out';

/** Who watches the floor (agents and queues). */
export function isSupervisor(ctx: RequestContext): boolean {
  return ctx.actor.role === 'admin' || ctx.actor.role === 'supervisor' || ctx.actor.role === 'trainer';
}

export async function setMyStatus(rt: CallsRuntime, ctx: RequestContext, status: AgentStatus): Promise<AgentView> {
  if (ctx.actor.role !== 'agent') throw new AppError('forbidden');
  const { actor } = ctx;
  await commit(rt, async (tx, fx) => {
    const now = rt.clock.now();
    const before = await repo.lockAgentState(tx, actor.userId, actor.organisationId, now);
    if (before.status === status) return;
    await changeStatus(tx, before, status, now);
    fx.signal({ t: 'agent', org: actor.organisationId, agentId: actor.userId });
    if (status === 'available') fx.redispatch(actor.organisationId);
  });
  return myState(rt, ctx);
}

async function changeStatus(tx: Queryable, before: repo.AgentStateRow, status: AgentStatus, now: Date): Promise<void> {
  const from = before.status;
  const set: Parameters<typeof repo.updateAgentState>[2] = { status, status_reason: null, status_since: now };
  // Logging in joins the idle line at its end: an agent who just arrived does not jump the others.
  if (from === 'logged_out' && before.system_state === 'idle') set.idle_since = now;
  await repo.updateAgentState(tx, before.user_id, set, {}, now);
  const base = { organisationId: before.organisation_id, practiceId: null, callId: null, agentId: before.user_id, at: now };
  const events: repo.NewEvent[] = [];
  if (from === 'logged_out') events.push({ ...base, event: 'LOGIN', data: { status } });
  if (status === 'logged_out') events.push({ ...base, event: 'LOGOFF', data: {} });
  else if (isPause(status)) events.push({ ...base, event: 'PAUSE', data: { status, reason: null } });
  else if (isPause(from)) events.push({ ...base, event: 'UNPAUSE', data: { from } });
  await repo.appendEvents(tx, events);
}

export async function myState(rt: CallsRuntime, ctx: RequestContext): Promise<AgentView> {
  if (ctx.actor.role !== 'agent') throw new AppError('forbidden');
  const [row] = await repo.listAgents(rt.db, ctx.actor.organisationId, ctx.actor.userId);
  if (!row) throw new AppError('not_found');
  return toAgentView(row);
}

export async function listAgents(rt: CallsRuntime, ctx: RequestContext): Promise<{ items: AgentView[] }> {
  if (!isSupervisor(ctx)) throw new AppError('forbidden');
  const rows = await repo.listAgents(rt.db, ctx.actor.organisationId);
  return { items: rows.map(toAgentView) };
}
