#!/usr/bin/env node
// Entry point of the `relais` command: the compiled server (dist/relais.js), in this process, with plain
// node. The bundle is (re)built first when it is missing or older than src/ (a second or two).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { ensureServerBuilt, SERVER_OUT } = await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href);
await ensureServerBuilt();
await import(pathToFileURL(SERVER_OUT).href);
