/**
 * Retrying a transaction that the database aborted for concurrency (serialisation failure, deadlock):
 * the whole transaction function runs again from the start, so whatever it gathers for after the commit
 * must be built inside it (a retry then starts clean).
 */
import { sqlState } from './types.ts';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
export const TRANSACTION_ATTEMPTS = 3;

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(sqlState(error) ?? '');
}

/** Runs `attempt` until it succeeds, fails with a non-retryable error, or has failed TRANSACTION_ATTEMPTS times. */
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n < TRANSACTION_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}
