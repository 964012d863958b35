import { readFileSync } from 'node:fs';
import { appPath } from './paths.ts';

export const VERSION: string = (JSON.parse(readFileSync(appPath('package.json'), 'utf8')) as { version: string }).version;
