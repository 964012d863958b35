import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { TestClient } from './support/server.ts';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../src/demo/users.ts';

const CLI = path.resolve('src/cli.ts');

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function environment(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return env;
}

/** Runs one `relais` command to its end. */
async function relais(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
  stop(): Promise<number | null>;
}

/** `relais start` in the background, once it prints that it is ready. */
async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ctrl+C')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(([code]) => reject(new Error(`relais start exited (${code}) before being ready:\n${out}`)));
  });
  return {
    child,
    output: () => out,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

describe('the relais command', () => {
  let dataDir: string;
  let port: number;
  let first: Started | undefined;
  let organisationId: string;
  let addedPassword: string;
  const running: Started[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
    port = await freePort();
  });
  after(async () => {
    for (const s of running) await s.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from an empty folder: seeds the demo, serves, and prints the URL and the demo logins', async () => {
    first = await start(environment(dataDir, port));
    running.push(first);
    const out = first.output();
    assert.match(out, /Première exécution/);
    assert.match(out, /5\s000 patients/);
    assert.ok(out.includes(`http://localhost:${port}`), out);
    assert.ok(out.includes(DEMO_PASSWORD));
    for (const email of DEMO_EMAILS) assert.ok(out.includes(email), `${email} printed`);
    const c = new TestClient(first.baseUrl);
    const health = await c.get<{ status: string; database: string }>('/api/health');
    assert.equal(health.status, 200);
    assert.deepEqual([health.body.status, health.body.database], ['ok', 'pglite']);
    await c.login('admin@demo.relais.fr', DEMO_PASSWORD);
    organisationId = (await c.get<{ organisationId: string }>('/api/me')).body.organisationId;
  });

  it('refuses a second process on the same data folder with exit code 2 and a clear message', async () => {
    const r = await relais(['start'], environment(dataDir, await freePort()));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /déjà utilisé par un autre processus Relais/);
    assert.ok(r.stderr.includes(`pid ${first!.child.pid}`), r.stderr);
    assert.equal((await new TestClient(first!.baseUrl).get('/api/health')).status, 200, 'the first one still serves');
  });

  it('stops cleanly on SIGTERM and releases the folder', async () => {
    assert.equal(await first!.stop(), 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'relais.lock')), false);
  });

  it('refuses to seed the demo again into a database that has data', async () => {
    const r = await relais(['seed', '--demo'], environment(dataDir, port));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /déjà 1 organisation/);
  });

  it('adds a user with a generated password, and refuses a short one', async () => {
    const short = await relais(
      ['user', 'add', '--email', 'court@exemple.fr', '--role', 'admin', '--name', 'Court', '--password', 'trop-court'],
      environment(dataDir, port),
    );
    assert.equal(short.code, 1);
    assert.match(short.stderr, /--password/);
    const r = await relais(['user', 'add', '--email', 'Nouvelle.Admin@exemple.fr', '--role', 'admin', '--name', 'Nouvelle Admin'], environment(dataDir, port));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Utilisateur créé : nouvelle\.admin@exemple\.fr/);
    assert.match(r.stdout, /Relais Démo Télésecrétariat/, 'joins the only organisation');
    const m = /Mot de passe : (\S+)/.exec(r.stdout);
    assert.ok(m, r.stdout);
    addedPassword = m[1]!;
    assert.ok(addedPassword.length >= 12);
  });

  it('starts again on the same folder reusing the data, without reseeding', async () => {
    const again = await start(environment(dataDir, port));
    running.push(again);
    const out = again.output();
    assert.match(out, /Données existantes réutilisées \(30 cabinets, 5\s000 patients\)/);
    assert.doesNotMatch(out, /Première exécution/);
    assert.ok(out.includes('agent1@demo.relais.fr'), 'the demo logins are printed again');
    const admin = new TestClient(again.baseUrl);
    await admin.login('admin@demo.relais.fr', DEMO_PASSWORD);
    assert.equal((await admin.get<{ organisationId: string }>('/api/me')).body.organisationId, organisationId, 'same organisation');
    const added = new TestClient(again.baseUrl);
    await added.login('nouvelle.admin@exemple.fr', addedPassword);
    const me = await added.get<{ role: string; organisationId: string }>('/api/me');
    assert.deepEqual([me.body.role, me.body.organisationId], ['admin', organisationId]);
    assert.equal(await again.stop(), 0);
  });
});

describe('relais user add on an empty database', () => {
  it('creates the organisation, then the user, who can sign in', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
    try {
      const port = await freePort();
      const r = await relais(
        [
          'user',
          'add',
          '--email',
          'premier@cabinet.fr',
          '--role',
          'admin',
          '--name',
          'Premier Admin',
          '--password',
          'un mot de passe solide',
          '--organisation',
          'Allô Docteur',
        ],
        environment(dataDir, port),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Organisation créée : Allô Docteur/);
      assert.doesNotMatch(r.stdout, /Mot de passe :/);
      const s = await start(environment(dataDir, port));
      try {
        assert.doesNotMatch(s.output(), /Comptes de démonstration/, 'no demo accounts when the demo was not seeded');
        const c = new TestClient(s.baseUrl);
        await c.login('premier@cabinet.fr', 'un mot de passe solide');
        assert.equal((await c.get<{ role: string }>('/api/me')).body.role, 'admin');
      } finally {
        await s.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
