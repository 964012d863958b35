/**
 * Footprint and start times of `npm start`, measured from outside the process (DESIGN.md budgets):
 * - first start on an empty data folder (migrations, demo seed, web and server builds when stale) until
 *   `/api/health` answers 200: ≤ 30 s; a restart on the same folder: ≤ 5 s;
 * - the resident memory of the whole process tree (npm, its shell, the server) once idle, against the floor
 *   measured in the same run: a bare Node process holding PGlite alone with the same extensions on the same
 *   data folder (both PGlite's defaults and the server's tuned settings): ≤ 80 MB above the floor.
 * Environment: BENCH_IDLE_SECONDS (10): how long the server idles before its memory is read.
 * Run: `npm run bench footprint` or `npx tsx bench/footprint.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt, ensureWebBuilt } from '../scripts/build.mjs';
import { PGLITE_START_PARAMS, PGLITE_V8_FLAGS } from '../src/core/db/pglite.ts';
import { timeUntilUp, treeMemory, type TreeMemory } from './support/process-tree.ts';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const BUDGET = { firstStartS: 30, restartS: 5, aboveFloorMB: 80 };
const mb = (n: number) => `${n.toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startDetached(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code) => {
    if (code && code !== 130) console.error(`${command} exited with ${code}:\n${output.slice(-2000)}`);
  });
  return child;
}

/** Ctrl+C to the whole process group, as a terminal would; waits for the exit. */
async function interrupt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

interface StartRun {
  seconds: number;
  memory: TreeMemory;
}

async function npmStart(dataDir: string, port: number): Promise<StartRun> {
  const child = startDetached('npm', ['start', '--silent'], { RELAIS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  try {
    const ms = await timeUntilUp(`http://127.0.0.1:${port}/api/health`, { timeoutMs: 600_000, alive: () => child.exitCode === null });
    await sleep(IDLE_SECONDS * 1000);
    return { seconds: ms / 1000, memory: treeMemory(child.pid!) };
  } finally {
    await interrupt(child);
  }
}

/** A bare Node process that opens PGlite on the folder with the same extensions (and the server's settings, unless null), then idles. */
async function bareFloor(dataDir: string, startParams: readonly string[] | null): Promise<TreeMemory> {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
    import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
    import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
    const startParams = ${JSON.stringify(startParams)};
    const pg = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)}, extensions: { btree_gist, pg_trgm, unaccent }, ...(startParams ? { startParams } : {}) });
    await pg.query('select count(*) from patients');
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const flags = startParams ? [PGLITE_V8_FLAGS] : [];
  const child = spawn(process.execPath, [...flags, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`bare PGlite exited with ${code}`)));
    });
    await sleep(IDLE_SECONDS * 1000);
    return treeMemory(child.pid!);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

export async function run(): Promise<void> {
  const started = performance.now();
  const builtServer = await ensureServerBuilt();
  const builtWeb = await ensureWebBuilt();
  if (builtServer || builtWeb) console.log(`builds were stale, rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (not counted below)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-footprint-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  try {
    const first = await npmStart(dir, port);
    const restart = await npmStart(dir, port);
    const tunedFloor = await bareFloor(dir, PGLITE_START_PARAMS);
    const defaultFloor = await bareFloor(dir, null);
    const above = restart.memory.rssMB - tunedFloor.rssMB;
    const rows = [
      ['first start → /api/health', `${first.seconds.toFixed(1)} s`, `≤ ${BUDGET.firstStartS} s`, first.seconds <= BUDGET.firstStartS],
      ['restart → /api/health', `${restart.seconds.toFixed(1)} s`, `≤ ${BUDGET.restartS} s`, restart.seconds <= BUDGET.restartS],
      [`tree after first start (${first.memory.processes} processes)`, `RSS ${mb(first.memory.rssMB)}, PSS ${mb(first.memory.pssMB)}`, '', null],
      [`tree after restart (${restart.memory.processes} processes)`, `RSS ${mb(restart.memory.rssMB)}, PSS ${mb(restart.memory.pssMB)}`, '', null],
      ['floor: bare PGlite, same settings', `RSS ${mb(tunedFloor.rssMB)}`, '', null],
      ['floor: bare PGlite, PGlite defaults', `RSS ${mb(defaultFloor.rssMB)}`, '', null],
      ['tree after restart above the same-settings floor', mb(above), `≤ ${BUDGET.aboveFloorMB} MB`, above <= BUDGET.aboveFloorMB],
      [
        'tree after restart above the defaults floor',
        mb(restart.memory.rssMB - defaultFloor.rssMB),
        `≤ ${BUDGET.aboveFloorMB} MB`,
        restart.memory.rssMB - defaultFloor.rssMB <= BUDGET.aboveFloorMB,
      ],
    ] as const;
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; idle ${IDLE_SECONDS} s before each memory reading`,
    );
    for (const [what, figure, budget, ok] of rows)
      console.log(`  ${what.padEnd(52)} ${figure.padEnd(26)} ${budget.padEnd(10)} ${ok === null ? '' : ok ? 'met' : 'NOT met'}`);
    console.log(`  after restart, by process: ${restart.memory.each.map((p) => `${p.name} ${mb(p.rssMB)}`).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
