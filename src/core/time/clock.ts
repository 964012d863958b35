/**
 * The one clock. Feature code never reads the system time itself: it is handed a `Clock` (the system's in
 * production, a `FakeClock` in tests and simulations), so that every instant it records can be substituted.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The current instant in epoch milliseconds. */
  nowMs(): number;
}

export const systemClock: Clock = {
  // The only place allowed to read the system time (eslint forbids it elsewhere).
  now: () => new Date(),
  nowMs: () => Date.now(),
};

/** A clock that moves only when told to: tests advance it instead of sleeping. */
export class FakeClock implements Clock {
  private ms: number;
  constructor(start: Date | number | string = '2026-01-05T08:00:00Z') {
    this.ms = typeof start === 'number' ? start : new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }
  set(at: Date | number | string): void {
    this.ms = typeof at === 'number' ? at : new Date(at).getTime();
  }
}
