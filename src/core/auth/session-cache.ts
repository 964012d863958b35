/**
 * A short-lived, bounded, per-process cache of live sessions (token hash → actor), so that a burst of
 * requests from one console reads its session once instead of on every request. Off unless configured
 * (`configureSessionCache`); the process that serves HTTP turns it on.
 *
 * What a cached entry may and may not miss:
 * - it is never served at or after the session's expiry instant, whatever the TTL: the deadline is
 *   checked on every hit, from the expiry the database gave (made conservative against clock skew);
 * - sign-out in this process forgets the token at once (sessions.ts), and any successful change made
 *   through this process's API to users, practices or practitioners (deactivation, password reset,
 *   role or practice assignment…) forgets every entry before the answer leaves (plugin.ts);
 * - a change made elsewhere — another instance, the CLI, SQL — is seen within `ttlMs` at most: that is the
 *   bounded delay of a multi-instance deployment (a session ended there is still honoured here for up
 *   to `ttlMs`).
 * Unknown, ended or expired sessions are never cached (random tokens cannot fill the cache).
 */
import type { Actor } from './actor.ts';

/** A live session as the database resolved it. */
export interface LiveSession {
  actor: Actor;
  /** Epoch ms after which the session must be refused, in this process's clock. */
  expiresAt: number;
}

interface Entry extends LiveSession {
  /** Epoch ms after which the entry must be read again from the database. */
  staleAt: number;
}

export interface SessionCacheOptions {
  /** How long an entry is served without reading the database again; 0 turns the cache off. */
  ttlMs: number;
  /** Entries kept at most; the least recently used goes first. */
  maxEntries?: number;
  now?: () => number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: SessionCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached actor of a token, or undefined when absent, stale or past the session's expiry. */
  get(tokenHash: string): Actor | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.expiresAt || now >= entry.staleAt) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    // Most recently used goes last: eviction takes the first.
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    return entry.actor;
  }

  /** A mark to take BEFORE reading a session from the database, and to hand back to `set`. */
  mark(): number {
    return this.generation;
  }

  /**
   * Keeps a session read from the database. Dropped when anything was forgotten since `mark` was taken
   * (the read may predate a sign-out or a deactivation) or when the session is already past its expiry.
   */
  set(tokenHash: string, session: LiveSession, mark: number): void {
    if (!this.enabled || mark !== this.generation) return;
    const now = this.now();
    if (now >= session.expiresAt) return;
    this.entries.delete(tokenHash);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    // One object serves many requests: frozen, so that no request can change what another sees.
    Object.freeze(session.actor.practiceIds);
    this.entries.set(tokenHash, { actor: Object.freeze(session.actor), expiresAt: session.expiresAt, staleAt: now + this.ttlMs });
  }

  /** Forgets one session (sign-out). */
  forgetToken(tokenHash: string): void {
    this.generation++;
    this.entries.delete(tokenHash);
  }

  /** Forgets every session of a user (deactivation, password change or reset, role or scope change). */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(hash);
  }

  /** Forgets everything (a change whose effect on sessions is not worth working out: practices, assignments). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

let current = new SessionCache({ ttlMs: 0 });

/** The process's session cache (off until configured). */
export function sessionCache(): SessionCache {
  return current;
}

/**
 * Sets the process's session cache, e.g. `{ ttlMs: 3000 }` for the server; `{ ttlMs: 0 }` turns it off.
 * Replacing it forgets what the previous one held.
 */
export function configureSessionCache(options: SessionCacheOptions): SessionCache {
  current.clear();
  current = new SessionCache(options);
  return current;
}
