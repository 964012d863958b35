/**
 * `npm run bench [filter]`: runs every bench/*.ts module that exports `run()`, in name order, or only those
 * whose file name contains the filter ("npm run bench patient").
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run.ts' && f.includes(filter))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches "${filter}".`);
  process.exit(1);
}

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  await mod.run();
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
