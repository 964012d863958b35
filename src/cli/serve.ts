/** Runs the HTTP server until SIGINT/SIGTERM, then closes the server and the database cleanly. */
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { buildApp } from '../server.ts';
import { startBackgroundWorkers } from '../background.ts';
import { configureSessionCache } from '../core/auth/session-cache.ts';
import { startInteropWorkers } from '../interop/workers.ts';

/** The address people type: loopback and "any interface" read better as localhost. */
export function publicUrl(host: string, port: number): string {
  const name = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export async function serve(db: Db, config: Config, onListening?: (url: string) => void | Promise<void>): Promise<void> {
  if (config.sessionCacheMs > 0) configureSessionCache({ ttlMs: config.sessionCacheMs });
  const app = await buildApp({ db, config, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const workers = await startBackgroundWorkers(db, config, app.log);
  const interop = workers && (await startInteropWorkers(db, { config, jobs: workers.jobs, log: app.log }));
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  await onListening?.(publicUrl(config.host, port));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await interop?.stop();
  await workers?.stop();
  await app.close();
  await db.close();
}
