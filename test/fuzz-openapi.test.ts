// Walks EVERY operation of the OpenAPI document with hostile values, as a signed-in administrator and
// anonymously: never a 5xx, and a refused request writes no row. Prints the counts of requests and statuses.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient } from './support/server.ts';
import { createUser } from './support/fixtures.ts';
import { agentClient, createAgendaWorld } from './support/agenda-fixtures.ts';
import { HOSTILE_BODIES, HOSTILE_PARAMS, hostileValues, sample, type JsonSchema, type KnownIds } from './support/fuzz.ts';
import type { Db } from '../src/core/db/types.ts';
import { FakeClock } from '../src/core/time/clock.ts';
import { callsHandle } from '../src/calls/module.ts';

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface Attempt {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: string;
  what: string;
}

// Rows a refused request may legitimately leave: the audit of the refusal itself, the failed sign-ins the
// throttle counts, sessions, the background sealer's head, and the link-signing key created on first use.
const NOT_FINGERPRINTED = new Set(['audit_log', 'audit_head', 'sessions', 'sign_in_limits', 'sign_in_secrets', 'notify_secrets']);

/**
 * A digest of every table's content. Cheap first: when no transaction has been assigned an id since the last
 * call (the next xid is unchanged), nothing can have been written and the previous digest stands.
 */
async function fingerprinter(db: Db): Promise<() => Promise<string>> {
  const { rows } = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const tables = rows.map((r) => r.name).filter((n) => !NOT_FINGERPRINTED.has(n));
  const sql = tables.map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(' union all ');
  let lastXid = '';
  let last = '';
  return async () => {
    const { rows: x } = await db.query<{ xid: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as xid');
    if (x[0]!.xid === lastXid) return last;
    last = (await db.query<{ t: string; h: string }>(sql)).rows.map((r) => `${r.t}:${r.h}`).join(',');
    lastXid = (await db.query<{ xid: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as xid')).rows[0]!.xid;
    return last;
  };
}

/** The id a path parameter named `id` stands for, from the collection before it. */
function idFor(path: string, param: string, ids: KnownIds): string | undefined {
  if (param !== 'id') return ids[param];
  const collection = path.split('/{id}')[0]!.split('/').pop()!;
  return ids[`${collection.replace(/s$/, '')}Id`];
}

function attemptsFor(path: string, method: string, op: Operation, ids: KnownIds): Attempt[] {
  const params = op.parameters ?? [];
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const pathValues = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(String(idFor(path, p.name, ids) ?? sample(p.schema, p.name, ids)))]),
  );
  const baseQuery = Object.fromEntries(params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema, p.name, ids))]));
  const baseBody = bodySchema ? (sample(bodySchema, 'body', ids) as Record<string, unknown>) : undefined;
  const fill = (values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
  const attempts: Attempt[] = [];
  const add = (a: Omit<Attempt, 'method'>) => attempts.push({ method, ...a });
  const body = baseBody === undefined ? undefined : JSON.stringify(baseBody);

  add({ path: fill(pathValues), query: baseQuery, body, what: 'plausible' });
  for (const p of params.filter((x) => x.in === 'path')) {
    for (const bad of HOSTILE_PARAMS) add({ path: fill({ ...pathValues, [p.name]: bad }), query: baseQuery, body, what: `path ${p.name}=${bad.slice(0, 20)}` });
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    for (const bad of HOSTILE_PARAMS)
      add({ path: fill(pathValues), query: { ...baseQuery, [p.name]: bad }, body, what: `query ${p.name}=${bad.slice(0, 20)}` });
  }
  add({ path: fill(pathValues), query: { ...baseQuery, unknownParam: 'x' }, body, what: 'unknown query parameter' });
  if (bodySchema) {
    for (const raw of HOSTILE_BODIES) add({ path: fill(pathValues), query: baseQuery, body: raw, what: `body ${raw.slice(0, 20)}` });
    add({ path: fill(pathValues), query: baseQuery, body: JSON.stringify({ ...baseBody, unknownField: 1 }), what: 'unknown field' });
    for (const [key, sub] of Object.entries(bodySchema.properties ?? {})) {
      const { [key]: _omitted, ...missing } = baseBody ?? {};
      add({ path: fill(pathValues), query: baseQuery, body: JSON.stringify(missing), what: `missing ${key}` });
      const nested = sub.items?.properties ?? sub.properties;
      for (const bad of hostileValues(sub))
        add({ path: fill(pathValues), query: baseQuery, body: JSON.stringify({ ...baseBody, [key]: bad }), what: `field ${key}` });
      // One level down (array items, sub-objects): the first property of each gets the text values.
      for (const [inner, innerSchema] of Object.entries(nested ?? {})) {
        const base = sample(sub, key, ids);
        for (const bad of hostileValues(innerSchema).slice(0, 3)) {
          const value = Array.isArray(base) ? [{ ...(base[0] as object), [inner]: bad }] : { ...(base as object), [inner]: bad };
          add({ path: fill(pathValues), query: baseQuery, body: JSON.stringify({ ...baseBody, [key]: value }), what: `field ${key}.${inner}` });
        }
      }
    }
  }
  return attempts;
}

async function send(client: TestClient, a: Attempt) {
  const qs = Object.entries(a.query)
    .map(([k, v]) => `${k}=${/%[0-9A-F]{2}/i.test(v) ? v : encodeURIComponent(v)}`)
    .join('&');
  const headers: Record<string, string> = a.body === undefined ? {} : { 'content-type': 'application/json' };
  return client.request(a.method, qs ? `${a.path}?${qs}` : a.path, { rawBody: a.body, headers });
}

for (const kind of testDatabaseKinds()) {
  describe(`every operation of the OpenAPI document, with hostile values (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let admin: TestClient;
    let ids: KnownIds;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      // Calls ring and time out on the calls clock: frozen, the dispatcher's ticks write nothing between requests.
      callsHandle(server.app.server).runtime.clock = new FakeClock(Date.now());
      const w = await createAgendaWorld(t.db, { patients: 2 });
      const a = await createUser(t.db, { organisationId: w.organisationId, role: 'admin', practiceIds: [w.practiceId] });
      admin = server.client();
      await admin.login(a.email, a.password);
      const agent = await agentClient(server, w);
      const slots = await agent.get<{ start: string }[]>(`/api/slots/next?practitionerIds=${w.practitionerId}&motifId=${w.motifId}&limit=1`);
      const booked = await agent.post<{ id: string }>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[0],
        motifId: w.motifId,
        start: slots.body[0]!.start,
      });
      ids = {
        practiceId: w.practiceId,
        practitionerId: w.practitionerId,
        patientId: w.patientIds[1]!,
        motifId: w.motifId,
        appointmentId: booked.body.id,
        userId: w.agent.id,
        agentId: w.agent.id,
      };
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('answers no 5xx and writes nothing for a refused request', async () => {
      const doc = await admin.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
      const fingerprint = await fingerprinter(t.db);
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      let requests = 0;
      let operations = 0;
      let state = await fingerprint();
      for (const [path, ops] of Object.entries(doc.body.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          operations++;
          // Signing out would end the fuzzing administrator's session: that one is tried anonymously only.
          // Anonymously, a route that is not public answers 401 before reading anything: tried once.
          const anonymous = server.client();
          const clients = path === '/api/session' && method === 'delete' ? [anonymous] : [admin, anonymous];
          for (const attempt of attemptsFor(path, method.toUpperCase(), op, ids)) {
            for (const client of [...clients]) {
              const r = await send(client, attempt);
              requests++;
              // A call taken in starts the dispatcher: let it finish before judging what the next request writes.
              await callsHandle(server.app.server).dispatcher.idle();
              statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
              const after = await fingerprint();
              if (r.status >= 500) failures.push(`${r.status} ${attempt.method} ${path} ${attempt.what}: ${r.text.slice(0, 200)}`);
              if (r.status >= 400 && after !== state) failures.push(`${r.status} ${attempt.method} ${path} ${attempt.what} wrote rows`);
              state = after;
              if (client === anonymous && r.status === 401 && attempt.what === 'plausible') clients.splice(clients.indexOf(anonymous), 1);
            }
          }
        }
      }
      const counts = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      console.log(`[fuzz ${kind}] ${operations} operations, ${requests} requests: ${counts}`);
      assert.deepEqual(failures, []);
    });
  });
}
