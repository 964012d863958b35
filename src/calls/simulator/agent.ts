/**
 * One simulated agent, through the same API and live WebSocket as a console: she signs in, becomes
 * available, answers the calls that ring at her after a short delay (or lets a ring go on purpose),
 * talks, hangs up or lets the caller hang up, records the outcome, ends her wrap-up, and comes back
 * from the pause an unanswered ring puts her in.
 */
import WebSocket from 'ws';
import type { SimClock } from './clock.ts';
import { ApiSession, HttpError } from './http.ts';
import type { LiveCalls, Tally } from './live-call.ts';

export interface AgentAccount {
  email: string;
  password: string;
}

export interface AgentContext {
  baseUrl: string;
  clock: SimClock;
  live: LiveCalls;
  tally: Tally;
}

/** What the live socket sends that a simulated agent reads (see src/calls/live/messages.ts). */
type Message =
  | { type: 'hello'; userId: string }
  | { type: 'call.offered'; callId: string; calledNumber: string; callerNumber: string | null }
  | { type: 'call.withdrawn'; callId: string }
  | { type: 'agent.state'; agent: { id: string; status: string; statusReason: string | null } }
  | { type: string };

/** A call that is not the simulator's (a human calling the demo line): a plain two-minute call. */
const DEFAULT_BEHAVIOUR = { answerDelayMs: 2000, talkMs: 120_000, wrapUpMs: 20_000, agentEndsCall: true, outcome: 'information' as const };

export class SimAgent {
  readonly session: ApiSession;
  userId = '';
  private ws: WebSocket | null = null;
  private readonly withdrawn = new Set<string>();
  private readonly flows = new Set<Promise<void>>();
  private unpausing = false;

  constructor(
    readonly account: AgentAccount,
    private readonly ctx: AgentContext,
  ) {
    this.session = new ApiSession(ctx.baseUrl);
  }

  /** Signs in, opens the live socket and becomes available. */
  async start(): Promise<void> {
    await this.session.login(this.account.email, this.account.password);
    const ws = new WebSocket(`${this.ctx.baseUrl.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie: this.session.cookieHeader } });
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`live socket refused: HTTP ${res.statusCode}`)));
      ws.on('message', (data) => {
        let m: Message;
        try {
          m = JSON.parse(String(data)) as Message;
        } catch {
          return;
        }
        if (m.type === 'hello') {
          this.userId = (m as { userId: string }).userId;
          resolve();
        } else this.onMessage(m);
      });
    });
    await this.session.put('/api/agents/me/status', { status: 'available' });
  }

  /** Waits for her calls in progress, logs out and closes the socket. */
  async stop(): Promise<void> {
    while (this.flows.size) await Promise.all([...this.flows]);
    await this.session.put('/api/agents/me/status', { status: 'logged_out' }).catch(() => undefined);
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      });
    }
  }

  private track(flow: Promise<void>): void {
    const p = flow.catch((err: unknown) => {
      this.ctx.tally.errors.push(err instanceof Error ? err.message : String(err));
    });
    this.flows.add(p);
    void p.finally(() => this.flows.delete(p));
  }

  private onMessage(m: Message): void {
    if (m.type === 'call.offered') this.track(this.takeCall(m as Extract<Message, { type: 'call.offered' }>));
    else if (m.type === 'call.withdrawn') this.withdrawn.add((m as { callId: string }).callId);
    else if (m.type === 'agent.state') {
      const a = (m as Extract<Message, { type: 'agent.state' }>).agent;
      if (a.id === this.userId && a.statusReason === 'ring_no_answer' && !this.unpausing) this.track(this.comeBack());
    }
  }

  /** After the pause an unanswered ring put her in, she is available again a few seconds later. */
  private async comeBack(): Promise<void> {
    this.unpausing = true;
    try {
      await this.ctx.clock.sleep(5000);
      await this.session.put('/api/agents/me/status', { status: 'available' });
    } finally {
      this.unpausing = false;
    }
  }

  private async takeCall(offer: { callId: string; calledNumber: string; callerNumber: string | null }): Promise<void> {
    const { clock, tally } = this.ctx;
    const call = this.ctx.live.find(offer.calledNumber, offer.callerNumber);
    const b = call?.sim ?? DEFAULT_BEHAVIOUR;
    const gone = call?.callerGone.promise ?? new Promise<void>(() => undefined);
    if (call) {
      call.offers++;
      if (call.sim.firstRingUnanswered && call.offers === 1) {
        tally.ringsLetGo++;
        return;
      }
    }
    await Promise.race([clock.sleep(b.answerDelayMs), gone]);
    if (this.withdrawn.has(offer.callId) || call?.callerGone.settled) {
      this.withdrawn.delete(offer.callId);
      return;
    }
    try {
      await this.session.post(`/api/calls/${offer.callId}/answer`);
    } catch (err) {
      // The caller hung up or the ring was withdrawn while she picked up: a race a console sees too.
      if (err instanceof HttpError && err.status >= 400 && err.status < 500) {
        tally.lateAnswers++;
        return;
      }
      throw err;
    }
    tally.connected++;
    if (call) call.answeredBySimulator = true;
    call?.connected.resolve();
    await Promise.race([clock.sleep(b.talkMs), gone]);
    if (b.agentEndsCall) {
      await this.session.post(`/api/calls/${offer.callId}/hangup`).catch(ignoreClientError);
      call?.ended.resolve('agent');
    } else {
      call?.ended.resolve('caller');
      await call?.callerGone.promise;
    }
    await clock.sleep(b.wrapUpMs);
    await this.session.post(`/api/calls/${offer.callId}/outcome`, { outcome: b.outcome }).catch(ignoreClientError);
    // The wrap-up timer may have ended it first.
    await this.session.post(`/api/calls/${offer.callId}/wrap-up-done`).catch(ignoreClientError);
  }
}

function ignoreClientError(err: unknown): void {
  if (err instanceof HttpError && err.status >= 400 && err.status < 500) return;
  throw err;
}
