/**
 * What the notification tests run against: a fresh database, a real SMTP server, the local Twilio-like SMS
 * server, the Relais server configured for both, and the background workers with short delays.
 */
import { loadConfig, type Config } from '../../src/core/config.ts';
import type { DatabaseKind } from '../../src/core/db/types.ts';
import type { Workers } from '../../src/core/delivery/workers.ts';
import { startAppWorkers } from '../../src/background.ts';
import { transportsFromConfig } from '../../src/core/delivery/transports/index.ts';
import { openTestDb, type TestDb } from './databases.ts';
import { startServer, type TestServer } from './server.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';
import { startFakeTwilio, type FakeTwilio } from './fake-sms.ts';

export const SILENT_LOG = { info() {}, warn() {}, error() {} };
/** Worker timings short enough for tests (seconds unless named ms). */
export const FAST_WORKERS = { pollingIntervalSeconds: 0.5, outboxPollMs: 100, superviseIntervalSeconds: 1, retryDelaySeconds: 1, deliveryExpireSeconds: 3 };

export interface NotifyStack {
  t: TestDb;
  server: TestServer;
  smtp: TestSmtp;
  twilio: FakeTwilio;
  workers: Workers;
  config: Config;
  close(): Promise<void>;
}

export async function startNotifyStack(kind: DatabaseKind, senders: { smtpFrom: string; smsFrom: string }): Promise<NotifyStack> {
  const t = await openTestDb(kind);
  const [smtp, twilio] = await Promise.all([startSmtp(), startFakeTwilio()]);
  const config: Config = {
    ...loadConfig({}),
    publicUrl: 'https://relais.test',
    smtp: { url: smtp.url, from: senders.smtpFrom },
    twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, apiUrl: twilio.apiUrl },
    sms: { from: senders.smsFrom, messagingServiceSid: undefined },
  };
  const server = await startServer(t.db, config);
  const workers = await startAppWorkers(t.db, { transports: transportsFromConfig(config, () => {}), config, log: SILENT_LOG, tuning: FAST_WORKERS });
  return {
    t,
    server,
    smtp,
    twilio,
    workers,
    config,
    async close() {
      await workers.stop();
      await server.close();
      await Promise.all([smtp.close(), twilio.close()]);
      await t.close();
    },
  };
}
