import { setMaxListeners } from 'node:events';
import { systemClock } from '../../core/time/clock.ts';

/**
 * Simulated time on the wall clock: `speed` simulated seconds pass per real second (60 = an hour in a
 * minute). Sleeps end early, returning false, when the run is stopped.
 */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly speed: number,
    /** The simulated instant the run starts at (ms). */
    readonly simStart: number,
    readonly signal?: AbortSignal,
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be positive');
    this.realStart = systemClock.nowMs();
    // Every pending sleep listens to the stop signal: hundreds at once in a busy run.
    if (signal) setMaxListeners(0, signal);
  }

  /** The simulated instant now. */
  simNow(): number {
    return this.simStart + (systemClock.nowMs() - this.realStart) * this.speed;
  }

  /** Waits for a simulated duration; false when stopped first. */
  sleep(simMs: number): Promise<boolean> {
    return this.sleepReal(simMs / this.speed);
  }

  /** Waits until a simulated instant; false when stopped first. */
  sleepUntil(simAt: number): Promise<boolean> {
    return this.sleepReal(this.realStart + (simAt - this.simStart) / this.speed - systemClock.nowMs());
  }

  sleepReal(ms: number): Promise<boolean> {
    const signal = this.signal;
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (completed: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(completed);
      };
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(true), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
