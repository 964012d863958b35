#!/usr/bin/env node
/**
 * The production build, in plain JavaScript so that it runs before anything is compiled:
 * - the server: src/cli.ts bundled by esbuild into dist/relais.js (packages stay in node_modules), run by
 *   plain `node` — no TypeScript loader at run time;
 * - the web app: Vite into web/dist.
 * Each part is rebuilt only when one of its sources is newer than its output, unless --force.
 * Usage: `node scripts/build.mjs [server|web] [--force]` (both parts when none is named).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (...parts) => path.join(ROOT, ...parts);

export const SERVER_OUT = at('dist', 'relais.js');
export const WEB_DIST = at('web', 'dist');

const SERVER_SOURCES = [at('src'), at('package.json'), at('package-lock.json'), fileURLToPath(import.meta.url)];
// The web app also imports a few pure modules of the server (labels, phone numbers): src/ counts as a source.
const WEB_SOURCES = [at('web', 'src'), at('web', 'public'), at('web', 'index.html'), at('web', 'vite.config.ts'), at('src'), at('package-lock.json')];

function newestMtime(p) {
  let stat;
  try {
    stat = statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function isStale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(s) > built);
}

/** True when dist/relais.js is missing or older than any server source. */
export const serverBuildIsStale = () => isStale(SERVER_OUT, SERVER_SOURCES);
/** True when web/dist is missing or older than any of its sources. */
export const webBuildIsStale = () => isStale(path.join(WEB_DIST, 'index.html'), WEB_SOURCES);

/** Bundles the server (a second or two); written to a temporary file, then renamed over the old one. */
export async function buildServer() {
  const { build } = await import('esbuild');
  const tmp = `${SERVER_OUT}.${process.pid}.tmp`;
  try {
    await build({
      entryPoints: [at('src', 'cli.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    renameSync(`${tmp}.map`, `${SERVER_OUT}.map`);
    renameSync(tmp, SERVER_OUT);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.map`, { force: true });
  }
}

/**
 * Builds the web app into a temporary folder, then swaps it in: a server already running keeps serving a
 * whole build, and two builds started together do not interleave their files.
 */
export async function buildWeb() {
  const { build } = await import('vite');
  const tmp = at('web', `.dist-${process.pid}-${Math.round(performance.timeOrigin + performance.now())}`);
  try {
    await build({ configFile: at('web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    const old = `${tmp}-old`;
    if (existsSync(WEB_DIST)) renameSync(WEB_DIST, old);
    try {
      renameSync(tmp, WEB_DIST);
    } catch (error) {
      // Another build landed between the two renames: it is as fresh as ours, keep it.
      if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds the web app only when needed; returns whether it built. */
export async function ensureWebBuilt() {
  if (!webBuildIsStale()) return false;
  await buildWeb();
  return true;
}

/** Builds the server only when needed; returns whether it built. */
export async function ensureServerBuilt() {
  if (!serverBuildIsStale()) return false;
  await buildServer();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const parts = args.filter((a) => a === 'server' || a === 'web');
  const steps = [
    ['server', 'Serveur compilé / Server compiled', buildServer, ensureServerBuilt],
    ['web', 'Application web construite / Web app built', buildWeb, ensureWebBuilt],
  ];
  for (const [name, done, always, ifStale] of steps) {
    if (parts.length && !parts.includes(name)) continue;
    const started = performance.now();
    const built = force ? (await always(), true) : await ifStale();
    if (built) console.log(`${done} (${Math.round(performance.now() - started)} ms)`);
  }
}
