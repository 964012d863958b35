/** SQL of the sign-in limits: counters reserved atomically, by the database's clock (one for every instance). */
import type { Queryable } from '../core/db/types.ts';

export interface Reservation {
  attempts: number;
  /** Milliseconds until the window ends. */
  windowLeftMs: number;
  /** Milliseconds until the progressive delay ends (≤ 0: none). */
  delayLeftMs: number;
}

/** Counts one more attempt on `key` (a new window when the last one is over); the row lock serialises racers. */
export async function reserve(q: Queryable, key: string, windowMinutes: number): Promise<Reservation> {
  const { rows } = await q.query<{ attempts: number; window_left_ms: number; delay_left_ms: number }>(
    `with w as (select make_interval(mins => $2) as len)
     insert into sign_in_limits as l (key, attempts, window_start) values ($1, 1, now())
     on conflict (key) do update set
       attempts = case when l.window_start <= now() - (select len from w) then 1 else l.attempts + 1 end,
       next_allowed_at = case when l.window_start <= now() - (select len from w) then null else l.next_allowed_at end,
       window_start = case when l.window_start <= now() - (select len from w) then now() else l.window_start end
     returning attempts,
       (extract(epoch from l.window_start + (select len from w) - now()) * 1000)::float8 as window_left_ms,
       coalesce((extract(epoch from l.next_allowed_at - now()) * 1000)::float8, 0) as delay_left_ms`,
    [key, windowMinutes],
  );
  const r = rows[0]!;
  return { attempts: r.attempts, windowLeftMs: r.window_left_ms, delayLeftMs: r.delay_left_ms };
}

/** Gives back an attempt that was refused without checking anything. */
export async function release(q: Queryable, key: string): Promise<void> {
  await q.query('update sign_in_limits set attempts = greatest(attempts - 1, 0) where key = $1', [key]);
}

/** Records a failure checked on `key`: the next attempt waits `delaySeconds`. */
export async function delayNext(q: Queryable, key: string, delaySeconds: number): Promise<void> {
  await q.query(`update sign_in_limits set next_allowed_at = now() + make_interval(secs => $2) where key = $1`, [key, delaySeconds]);
}

export async function clear(q: Queryable, key: string): Promise<void> {
  await q.query('delete from sign_in_limits where key = $1', [key]);
}

/** Milliseconds an account stays locked (0 when it is not). */
export async function lockedForMs(q: Queryable, key: string, o: { windowMinutes: number; maxAttempts: number }): Promise<number> {
  const { rows } = await q.query<{ ms: number }>(
    `select greatest(
       case when attempts >= $3 then extract(epoch from window_start + make_interval(mins => $2) - now()) * 1000 else 0 end,
       coalesce(extract(epoch from next_allowed_at - now()) * 1000, 0), 0)::float8 as ms
     from sign_in_limits where key = $1`,
    [key, o.windowMinutes, o.maxAttempts],
  );
  return rows[0]?.ms ?? 0;
}

export async function storedSecret(q: Queryable, name: string, fresh: string): Promise<string> {
  await q.query('insert into sign_in_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, fresh]);
  const { rows } = await q.query<{ value: string }>('select value from sign_in_secrets where name = $1', [name]);
  return rows[0]!.value;
}

export async function findSignInUser(q: Queryable, emailKey: string): Promise<{ id: string; password_hash: string } | undefined> {
  const { rows } = await q.query<{ id: string; password_hash: string }>('select id, password_hash from users where lower(email) = $1 and active', [emailKey]);
  return rows[0];
}
