/** Reads the environment once, at the edge; the rest of the code receives a Config. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  sessionTtlMinutes: number;
  secureCookies: boolean;
  logLevel: string;
  /** Maximum accepted request body, in bytes. */
  bodyLimit: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.RELAIS_DATA_DIR || './data'),
    sessionTtlMinutes: intFrom(env.RELAIS_SESSION_TTL_MINUTES, 12 * 60, 'RELAIS_SESSION_TTL_MINUTES'),
    secureCookies: env.RELAIS_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: intFrom(env.RELAIS_BODY_LIMIT, 1024 * 1024, 'RELAIS_BODY_LIMIT'),
  };
}
