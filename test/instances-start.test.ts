// Two instances started together on a fresh PostgreSQL database (migrations, pg-boss' schema and queues,
// workers) both come up and serve. PGlite admits one process per data folder (see data-dir-lock.test.ts).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { testDatabaseKinds } from './support/databases.ts';
import { SILENT_LOG } from './support/notify-stack.ts';
import { openPostgres } from '../src/core/db/postgres.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { buildApp } from '../src/server.ts';
import { loadConfig } from '../src/core/config.ts';
import { startAppWorkers as startWorkers } from '../src/background.ts';
import type { Workers } from '../src/core/delivery/workers.ts';
import { transportsFromConfig } from '../src/core/delivery/transports/index.ts';
import type { Db } from '../src/core/db/types.ts';

for (const kind of testDatabaseKinds().filter((k) => k === 'postgresql')) {
  describe(`two instances starting together on a fresh database (${kind})`, () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `relais_t_${randomBytes(6).toString('hex')}`;
    const running: { db: Db; app: FastifyInstance; workers: Workers }[] = [];

    after(async () => {
      for (const r of running) {
        await r.workers.stop();
        await r.app.close();
        await r.db.close();
      }
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('both migrate, create the job schema and serve', async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const config = { ...loadConfig({}), databaseUrl: url.toString() };

      const start = async () => {
        const db = await openPostgres(url.toString(), 5);
        await migrate(db);
        const app = await buildApp({ db, config });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const workers = await startWorkers(db, { transports: transportsFromConfig(config, () => {}), config, log: SILENT_LOG });
        running.push({ db, app, workers });
        return app;
      };
      const apps = await Promise.all([start(), start(), start()]);
      for (const app of apps) {
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        assert.equal(r.status, 200);
      }
    });
  });
}
