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
  /** The server's public base URL (e.g. https://relais.example.fr), as telephony providers reach it. */
  publicUrl: string | undefined;
  /** Twilio: the auth token that signs webhooks (none: every webhook is refused); REST API for call commands. */
  twilio: { authToken: string | undefined; accountSid: string | undefined; apiUrl: string };
  /** Outgoing email over SMTP (smtp://user:pass@host:587, smtps://…); none: emails go to the log transport. */
  smtp: { url: string | undefined; from: string };
  /** SMS through Twilio Messaging (account above): a sender (E.164 or alphanumeric) or a Messaging Service; none: the log transport. */
  sms: { from: string | undefined; messagingServiceSid: string | undefined };
  /** Signs the links sent to patients; none: a random key kept in the database (warned about in production). */
  linkSecret: string | undefined;
  /** Runs the background workers (notifications, reminders, escalations) in this process. */
  workers: boolean;
  /** Per-process session cache lifetime in ms (0: off); sign-outs in other instances take up to this long to apply. */
  sessionCacheMs: number;
  production: boolean;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function linkSecretFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('RELAIS_LINK_SECRET must be at least 32 characters');
  return value;
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
    publicUrl: env.RELAIS_PUBLIC_URL ? env.RELAIS_PUBLIC_URL.replace(/\/+$/, '') : undefined,
    twilio: {
      authToken: env.RELAIS_TWILIO_AUTH_TOKEN || undefined,
      accountSid: env.RELAIS_TWILIO_ACCOUNT_SID || undefined,
      apiUrl: (env.RELAIS_TWILIO_API_URL || 'https://api.twilio.com').replace(/\/+$/, ''),
    },
    smtp: { url: env.RELAIS_SMTP_URL || undefined, from: env.RELAIS_SMTP_FROM || 'Relais <no-reply@relais.localhost>' },
    sms: { from: env.RELAIS_SMS_FROM || undefined, messagingServiceSid: env.RELAIS_TWILIO_MESSAGING_SERVICE_SID || undefined },
    linkSecret: linkSecretFrom(env.RELAIS_LINK_SECRET),
    workers: env.RELAIS_WORKERS !== 'false',
    sessionCacheMs: env.RELAIS_SESSION_CACHE_MS ? intFrom(env.RELAIS_SESSION_CACHE_MS, 0, 'RELAIS_SESSION_CACHE_MS') : 0,
    production: env.NODE_ENV === 'production',
  };
}
