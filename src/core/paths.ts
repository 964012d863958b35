/**
 * Where the application's files are, whether this code runs from its TypeScript sources (src/…, through
 * tsx) or from the compiled bundle (dist/relais.js): the folder holding package.json and migrations/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findAppRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no application folder (package.json and migrations/) above ${from}`);
  }
}

export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the application folder. */
export const appPath = (...parts: string[]): string => path.join(APP_ROOT, ...parts);
