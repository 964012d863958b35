/**
 * The sign-in limits, as data and pure functions. Three counters, each reserved before a password is checked:
 * the account (e-mail, known or not), the source address (password spraying over many e-mails), and — instead
 * of both — a known device of that account, so that a locked account's owner still signs in from the
 * workstation he used before (an attacker elsewhere cannot lock a call centre out).
 */
export interface LimitRule {
  /** Attempts checked per window at most. */
  maxAttempts: number;
  windowMinutes: number;
  /** Failures before the progressive delay starts (1 s, 2 s, 4 s… after them). */
  freeFailures: number;
}

export const SIGN_IN_LIMITS = {
  account: { maxAttempts: 10, windowMinutes: 15, freeFailures: 3 },
  source: { maxAttempts: 30, windowMinutes: 15, freeFailures: 10 },
  device: { maxAttempts: 10, windowMinutes: 15, freeFailures: 3 },
} as const satisfies Record<string, LimitRule>;

const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds the next attempt waits after `failures` failures in the window. */
export function delayAfter(failures: number, rule: LimitRule): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(2 ** (failures - rule.freeFailures - 1), MAX_DELAY_SECONDS);
}

/** Milliseconds to wait before retrying, when a reserved attempt may not be checked; undefined when it may. */
export function refusal(r: { attempts: number; windowLeftMs: number; delayLeftMs: number }, rule: LimitRule): number | undefined {
  if (r.attempts > rule.maxAttempts) return Math.max(r.windowLeftMs, r.delayLeftMs, 1000);
  if (r.delayLeftMs > 0) return r.delayLeftMs;
  return undefined;
}
