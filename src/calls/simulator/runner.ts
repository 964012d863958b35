/**
 * Runs a simulation against a Relais server: the simulated agents sign in and become available, then
 * every call of the traffic is played by its caller at its (compressed) time through the carrier's
 * webhooks; the run ends when every call is over and every agent has wrapped up and logged out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SimAgent, type AgentAccount } from './agent.ts';
import { playCaller } from './caller.ts';
import { SimClock } from './clock.ts';
import { Carrier } from './http.ts';
import { emptyTally, LiveCalls, type Tally } from './live-call.ts';
import type { SimCall } from './traffic.ts';
import { systemClock } from '../../core/time/clock.ts';

export interface SimulationOptions {
  baseUrl: string;
  /** The Twilio auth token the server checks webhook signatures with. */
  authToken: string;
  /** The URL the server believes the carrier calls (RELAIS_PUBLIC_URL), when not baseUrl. */
  publicUrl?: string;
  agents: readonly AgentAccount[];
  /** The traffic (generateTraffic), its instants in simulated time. */
  calls: readonly SimCall[];
  /** Simulated instant of the start (the traffic's start). */
  simStart: number;
  /** Simulated seconds per real second. */
  speed: number;
  signal?: AbortSignal;
  /** Simulated seconds between two requests of the hold loop (default 12). */
  holdLoopSeconds?: number;
  /**
   * Makes the carrier's call ids unique to this run (the server takes a known id for a carrier's retry):
   * a random one by default; '' keeps the traffic's own ids.
   */
  runId?: string;
  /** Each notable step of a call, for a live display. */
  onCall?: (sim: SimCall, what: string) => void;
}

export interface SimulationSummary extends Tally {
  agents: number;
  realSeconds: number;
}

/** The call id of a simulated call in one run: 'CA' + 32 hex digits, as Twilio's. */
export function runCallSid(runId: string, callSid: string): string {
  return runId === '' ? callSid : `CA${createHash('sha256').update(`${runId}/${callSid}`).digest('hex').slice(0, 32)}`;
}

export async function runSimulation(o: SimulationOptions): Promise<SimulationSummary> {
  const started = systemClock.nowMs();
  const runId = o.runId ?? randomBytes(8).toString('hex');
  const calls = o.calls.map((c) => ({ ...c, callSid: runCallSid(runId, c.callSid) }));
  const tally = emptyTally();
  const live = new LiveCalls();
  const clock = new SimClock(o.speed, o.simStart, o.signal);
  const carrier = new Carrier(o.baseUrl, o.authToken, o.publicUrl ?? o.baseUrl);
  const agents = o.agents.map((account) => new SimAgent(account, { baseUrl: o.baseUrl, clock, live, tally }));
  await Promise.all(agents.map((a) => a.start()));
  try {
    const ctx = { clock, carrier, live, tally, holdLoopSeconds: o.holdLoopSeconds ?? 12, minPollMs: 100, ...(o.onCall ? { onCall: o.onCall } : {}) };
    await Promise.all(
      calls.map((sim) =>
        playCaller(ctx, sim).catch((err: unknown) => {
          tally.errors.push(`${sim.callSid}: ${err instanceof Error ? err.message : String(err)}`);
        }),
      ),
    );
  } finally {
    await Promise.all(agents.map((a) => a.stop().catch((err: unknown) => tally.errors.push(String(err)))));
  }
  return { ...tally, agents: agents.length, realSeconds: (systemClock.nowMs() - started) / 1000 };
}
