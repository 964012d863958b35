/**
 * Builds the web app into web/dist when it is missing or older than its sources, so `npm start` and the
 * browser tests work on a fresh clone. Run directly: `tsx src/web/build.ts [--force]`.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WEB = path.join(REPO, 'web');
export const DIST = path.join(WEB, 'dist');
// The web app also imports a few pure modules of the server (labels, phone numbers): src/ counts as a source.
const SOURCES = [path.join(WEB, 'src'), path.join(WEB, 'public'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts'), path.join(REPO, 'src'), path.join(REPO, 'package-lock.json')];

function newestMtime(p: string): number {
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

/** True when web/dist is missing or older than any of its sources. */
export function webBuildIsStale(): boolean {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/**
 * Builds into a temporary folder, then swaps it in: a server already running keeps serving a whole build,
 * and two builds started together do not interleave their files.
 */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const tmp = path.join(WEB, `.dist-${process.pid}-${Date.now()}`);
  try {
    await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    const old = `${tmp}-old`;
    if (existsSync(DIST)) renameSync(DIST, old);
    try {
      renameSync(tmp, DIST);
    } catch (error) {
      // Another build landed between the two renames: it is as fresh as ours, keep it.
      if (!existsSync(path.join(DIST, 'index.html'))) throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds only when needed; returns whether it built. */
export async function ensureWebBuilt(): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  await buildWeb();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const started = Date.now();
  const built = force ? (await buildWeb(), true) : await ensureWebBuilt();
  process.stdout.write(built ? `Application web construite en ${Date.now() - started} ms. / Web app built.\n` : 'Application web à jour. / Web app up to date.\n');
}
