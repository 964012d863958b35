/**
 * The live sockets this instance holds, and the fan-out of signals (from any instance, through the event
 * bus) to them: the offered agent gets the screen-pop, supervisors get agent and queue updates. Signals
 * about one agent (or one queue) are handled in order, so that a withdraw never overtakes its offer.
 */
import type { Actor } from '../../core/auth/actor.ts';
import { agentStateMessage, offerScreenPop, queueStateMessage, screenPop } from './live-service.ts';
import type { CallsRuntime } from '../runtime.ts';
import type { LiveMessage } from './messages.ts';
import { CALLS_CHANNEL, isSignal, type Signal } from './signals.ts';

export interface LiveConnection {
  actor: Actor;
  send(message: LiveMessage): void;
  close(): void;
}

const WATCHER_ROLES = new Set(['admin', 'supervisor', 'trainer']);

export class LiveHub {
  private readonly byUser = new Map<string, Set<LiveConnection>>();
  private readonly watchers = new Map<string, Set<LiveConnection>>();
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly rt: CallsRuntime) {
    this.unsubscribe = rt.bus.subscribe(CALLS_CHANNEL, (payload) => {
      if (isSignal(payload)) this.enqueue(payload);
    });
  }

  /** Registers a connection; returns the function that forgets it. */
  attach(conn: LiveConnection): () => void {
    const add = (map: Map<string, Set<LiveConnection>>, key: string) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(conn);
    };
    add(this.byUser, conn.actor.userId);
    if (WATCHER_ROLES.has(conn.actor.role)) add(this.watchers, conn.actor.organisationId);
    return () => {
      this.byUser.get(conn.actor.userId)?.delete(conn);
      if (this.byUser.get(conn.actor.userId)?.size === 0) this.byUser.delete(conn.actor.userId);
      this.watchers.get(conn.actor.organisationId)?.delete(conn);
      if (this.watchers.get(conn.actor.organisationId)?.size === 0) this.watchers.delete(conn.actor.organisationId);
    };
  }

  connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.byUser.values()) for (const c of set) c.close();
    this.byUser.clear();
    this.watchers.clear();
  }

  private enqueue(s: Signal): void {
    const lane = s.t === 'queue' ? `q:${s.practiceId}` : `a:${s.agentId}`;
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const next = previous
      .then(() => this.handle(s))
      .catch((err: unknown) => this.rt.log.error({ err, signal: s.t }, 'calls: live fan-out failed'))
      .finally(() => {
        if (this.lanes.get(lane) === next) this.lanes.delete(lane);
      });
    this.lanes.set(lane, next);
  }

  private async handle(s: Signal): Promise<void> {
    switch (s.t) {
      case 'offer': {
        const cached = this.rt.recentOffers.get(s.callId);
        this.rt.recentOffers.delete(s.callId);
        const conns = this.byUser.get(s.agentId);
        if (!conns?.size) return;
        const pop = cached ? screenPop(this.rt, cached, s.agentId) : await offerScreenPop(this.rt, { callId: s.callId, agentId: s.agentId });
        // Stale (already answered, withdrawn or hung up): the later signal tells the rest.
        if (pop) send(conns, pop);
        return;
      }
      case 'withdraw':
        send(this.byUser.get(s.agentId), { type: 'call.withdrawn', callId: s.callId, reason: s.reason });
        return;
      case 'call':
        send(this.byUser.get(s.agentId), { type: 'call.state', callId: s.callId, status: s.status });
        return;
      case 'agent': {
        const targets = [...(this.byUser.get(s.agentId) ?? []), ...(this.watchers.get(s.org) ?? [])];
        if (!targets.length) return;
        const message = await agentStateMessage(this.rt, { organisationId: s.org, agentId: s.agentId });
        if (message) send(new Set(targets), message);
        return;
      }
      case 'queue': {
        const targets = [...(this.watchers.get(s.org) ?? [])].filter((c) => c.actor.practiceIds.includes(s.practiceId));
        if (!targets.length) return;
        const message = await queueStateMessage(this.rt, s.practiceId);
        if (message) send(new Set(targets), message);
        return;
      }
    }
  }
}

function send(conns: Set<LiveConnection> | undefined, message: LiveMessage): void {
  if (!conns) return;
  for (const c of conns) c.send(message);
}
