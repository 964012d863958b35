/**
 * Live events between server instances. On PostgreSQL: NOTIFY to publish, one dedicated connection
 * LISTENing, so that an event raised on one instance reaches the sockets held by every instance. Without
 * a shared database (PGlite, which one process owns), an in-process bus does the same job.
 *
 * Payloads carry ids only (never names or numbers): they travel through the database server and its logs.
 * Publish after the transaction that made the change has committed, so that listeners read it.
 */
import pg from 'pg';
import type { Db } from '../db/types.ts';

export type BusHandler = (payload: unknown) => void;

export interface EventBus {
  readonly kind: 'postgresql' | 'in-process';
  publish(channel: string, payloads: readonly object[]): Promise<void>;
  subscribe(channel: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** PostgreSQL limits a NOTIFY payload to 8000 bytes; ours are a few ids. */
const MAX_PAYLOAD = 7900;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

class Handlers {
  private readonly map = new Map<string, Set<BusHandler>>();
  add(channel: string, handler: BusHandler): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`invalid channel name: ${channel}`);
    let set = this.map.get(channel);
    if (!set) this.map.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
  channels(): string[] {
    return [...this.map.keys()];
  }
  deliver(channel: string, payload: unknown, onError: (err: unknown) => void): void {
    for (const handler of this.map.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        onError(err);
      }
    }
  }
}

export function inProcessBus(onError: (err: unknown) => void = () => undefined): EventBus {
  const handlers = new Handlers();
  let closed = false;
  return {
    kind: 'in-process',
    async publish(channel, payloads) {
      if (closed) return;
      // Asynchronous like a NOTIFY: the publisher never runs its listeners' code inline.
      const copies = payloads.map((p) => JSON.parse(JSON.stringify(p)) as unknown);
      setImmediate(() => {
        for (const p of copies) handlers.deliver(channel, p, onError);
      });
    },
    subscribe: (channel, handler) => handlers.add(channel, handler),
    async close() {
      closed = true;
    },
  };
}

/**
 * NOTIFY through the application's pool, LISTEN on a connection of its own (reconnected after a failure;
 * events raised while it was down are lost, which live screens survive: they reload their state).
 */
export async function postgresBus(db: Db, connectionString: string, onError: (err: unknown) => void = () => undefined): Promise<EventBus> {
  const handlers = new Handlers();
  const listening = new Set<string>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      let payload: unknown;
      try {
        payload = JSON.parse(msg.payload);
      } catch (err) {
        onError(err);
        return;
      }
      handlers.deliver(msg.channel, payload, onError);
    });
    c.on('error', (err) => {
      onError(err);
      scheduleReconnect(c);
    });
    c.on('end', () => scheduleReconnect(c));
    await c.connect();
    client = c;
    listening.clear();
    for (const channel of handlers.channels()) await listen(channel);
  }

  function scheduleReconnect(dead: pg.Client): void {
    if (closed || client !== dead || retry) return;
    client = null;
    dead.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      connect().catch((err) => {
        onError(err);
        if (!closed && !client) retry = setTimeout(() => void connect().catch(onError), 2000).unref();
      });
    }, 500);
    retry.unref();
  }

  async function listen(channel: string): Promise<void> {
    if (!client || listening.has(channel)) return;
    listening.add(channel);
    await client.query(`listen ${channel}`);
  }

  await connect();
  return {
    kind: 'postgresql',
    async publish(channel, payloads) {
      if (closed || payloads.length === 0) return;
      const texts = payloads.map((p) => JSON.stringify(p));
      for (const t of texts) if (t.length > MAX_PAYLOAD) throw new Error(`event payload too large (${t.length} bytes)`);
      await db.query('select pg_notify($1, t) from unnest($2::text[]) as t', [channel, texts]);
    },
    subscribe(channel, handler) {
      const off = handlers.add(channel, handler);
      void listen(channel).catch(onError);
      return off;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** The bus for a database: NOTIFY/LISTEN when PostgreSQL and its address are known, else in-process. */
export async function openEventBus(db: Db, databaseUrl: string | undefined, onError?: (err: unknown) => void): Promise<EventBus> {
  if (db.kind === 'postgresql' && databaseUrl) return postgresBus(db, databaseUrl, onError);
  return inProcessBus(onError);
}
