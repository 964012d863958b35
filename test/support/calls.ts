/** Helpers for the calls tests: a live WebSocket client with the session cookie, numbers, a settable clock. */
import WebSocket from 'ws';
import type { Queryable } from '../../src/core/db/types.ts';
import type { LiveMessage } from '../../src/calls/live/messages.ts';
import type { TestClient } from './server.ts';

/** A random Paris number (+33 1 4x xx xx xx), valid for libphonenumber. */
export function randomParisNumber(): string {
  return `+3314${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

export async function addNumber(db: Queryable, practiceId: string, e164 = randomParisNumber()): Promise<string> {
  await db.query('insert into practice_numbers (e164, practice_id) values ($1, $2)', [e164, practiceId]);
  return e164;
}

export async function assign(db: Queryable, userId: string, practiceId: string, dedicated = false): Promise<void> {
  await db.query(
    `insert into user_practices (user_id, practice_id, dedicated) values ($1, $2, $3)
     on conflict (user_id, practice_id) do update set dedicated = excluded.dedicated`,
    [userId, practiceId, dedicated],
  );
}

/** The session cookie a TestClient holds (after login). */
export function cookieOf(client: TestClient): string {
  const jar = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export class LiveClient {
  readonly messages: LiveMessage[] = [];
  private waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as LiveMessage;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  /** Opens /api/ws with the client's cookie; resolves once the server said hello. */
  static async open(baseUrl: string, cookie: string | null, headers: Record<string, string> = {}): Promise<LiveClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    const client = new LiveClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
      ws.once('error', reject);
      client.next('hello').then(() => resolve(), reject);
    });
    return client;
  }

  /** The first message of this type (already received or to come) that satisfies `where`; fails after `ms`. */
  next<T extends LiveMessage['type']>(
    type: T,
    where: (m: Extract<LiveMessage, { type: T }>) => boolean = () => true,
    ms = 10_000,
  ): Promise<Extract<LiveMessage, { type: T }>> {
    const test = (m: LiveMessage) => m.type === type && where(m as Extract<LiveMessage, { type: T }>);
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen as Extract<LiveMessage, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${ms} ms`)), ms);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<LiveMessage, { type: T }>);
        },
      });
    });
  }

  of<T extends LiveMessage['type']>(type: T): Extract<LiveMessage, { type: T }>[] {
    return this.messages.filter((m) => m.type === type) as Extract<LiveMessage, { type: T }>[];
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
