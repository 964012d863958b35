import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { DataDirLockedError, lockDataDir } from '../src/core/db/lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relais-lock-'));

it('refuses a data folder another live process holds, naming that process', async () => {
  const dir = tmp();
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('${path.resolve('src/core/db/lock.ts')}').then(m => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const [chunk] = (await once(holder.stdout, 'data')) as [Buffer];
    assert.match(chunk.toString(), /locked/);
    assert.throws(
      () => lockDataDir(dir),
      (e: unknown) => {
        assert.ok(e instanceof DataDirLockedError);
        assert.equal(e.pid, holder.pid);
        assert.match(e.message, /déjà utilisé par un autre processus Relais/);
        return true;
      },
    );
  } finally {
    holder.kill();
    await once(holder, 'exit');
  }
  // Once the holder is gone, its lock is stale and the folder can be taken.
  const release = lockDataDir(dir);
  assert.equal(fs.readFileSync(path.join(dir, 'relais.lock'), 'utf8'), String(process.pid));
  release();
  assert.equal(fs.existsSync(path.join(dir, 'relais.lock')), false);
});

it('refuses a second lock within the same process', () => {
  const dir = tmp();
  const release = lockDataDir(dir);
  try {
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
  } finally {
    release();
  }
});
