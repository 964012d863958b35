/**
 * The production build: the server bundled into dist/relais.js runs with plain node (no TypeScript loader),
 * finds the migrations and the web app from there, and serves.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureServerBuilt, SERVER_OUT } from '../scripts/build.mjs';
import { VERSION } from '../src/core/version.ts';

describe('the compiled server', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';
  before(async () => {
    await ensureServerBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-build-'));
  });
  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs `relais serve` from dist/ with plain node: migrates the empty database and answers /api/health', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    child = spawn(process.execPath, [SERVER_OUT, 'serve'], {
      env: { ...process.env, NODE_OPTIONS: '', RELAIS_DATA_DIR: dir, PORT: String(port), RELAIS_WORKERS: 'false', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    let body: unknown;
    for (let i = 0; i < 1200 && body === undefined; i++) {
      assert.equal(child.exitCode, null, `the server exited:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) body = await res.json();
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.deepEqual(body, { status: 'ok', database: 'pglite', version: VERSION });
    const res = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
    assert.equal(res.status, 200);
  });
});
