// The one place allowed to read the system time.
export const systemClock = { now: () => new Date(), nowMs: () => Date.now() };
