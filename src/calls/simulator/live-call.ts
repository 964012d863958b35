/**
 * What the simulated caller and the simulated agent of one call tell each other (they share this
 * process; the server only sees their HTTP requests), and the run's tally.
 */
import type { SimCall } from './traffic.ts';

export class Deferred<T = void> {
  settled = false;
  resolve!: (value: T) => void;
  readonly promise: Promise<T>;
  constructor() {
    this.promise = new Promise<T>((resolve) => {
      this.resolve = (value: T) => {
        if (this.settled) return;
        this.settled = true;
        resolve(value);
      };
    });
  }
}

export class LiveCall {
  /** Rings so far (offers the simulated agents saw). */
  offers = 0;
  /** A simulated agent answered (else a person at a console did: the caller ends the call herself). */
  answeredBySimulator = false;
  /** An agent answered: the caller stops waiting. */
  readonly connected = new Deferred();
  /** The conversation is over: the agent hung up, or the caller must now hang up. */
  readonly ended = new Deferred<'agent' | 'caller'>();
  /** The caller's leg is over (hung up, left a message…): the agent's answer may come too late. */
  readonly callerGone = new Deferred();
  constructor(readonly sim: SimCall) {}
}

/** Calls in progress by called number and caller number (what a screen-pop shows). */
export class LiveCalls {
  private readonly byKey = new Map<string, LiveCall[]>();

  add(call: LiveCall): void {
    const key = `${call.sim.to}|${call.sim.from}`;
    const list = this.byKey.get(key);
    if (list) list.push(call);
    else this.byKey.set(key, [call]);
  }

  remove(call: LiveCall): void {
    const key = `${call.sim.to}|${call.sim.from}`;
    const list = (this.byKey.get(key) ?? []).filter((c) => c !== call);
    if (list.length) this.byKey.set(key, list);
    else this.byKey.delete(key);
  }

  /** The oldest call in progress between these numbers. */
  find(calledNumber: string, callerNumber: string | null): LiveCall | undefined {
    return this.byKey.get(`${calledNumber}|${callerNumber ?? ''}`)?.[0];
  }
}

export interface Tally {
  /** Calls the carrier brought in (webhooks answered). */
  calls: number;
  queued: number;
  /** Closed line (announcement, maybe voicemail) or a number Relais does not know. */
  notQueued: number;
  /** Answered by a simulated agent. */
  connected: number;
  /** Callers who hung up while waiting (patience ran out). */
  callerHangUps: number;
  /** Calls the server took out of the queue (overflow), seen through the hold loop. */
  leftQueue: number;
  voicemailsLeft: number;
  /** First rings the simulated agents let go on purpose. */
  ringsLetGo: number;
  /** Answers that came too late (the caller had hung up, the ring had been withdrawn). */
  lateAnswers: number;
  /** Unexpected answers from the server (not counting the races above). */
  errors: string[];
}

export const emptyTally = (): Tally => ({
  calls: 0,
  queued: 0,
  notQueued: 0,
  connected: 0,
  callerHangUps: 0,
  leftQueue: 0,
  voicemailsLeft: 0,
  ringsLetGo: 0,
  lateAnswers: 0,
  errors: [],
});
