/** Runs the HTTP server until SIGINT/SIGTERM, then closes the server and the database cleanly. */
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { buildApp } from '../server.ts';

export async function serve(db: Db, config: Config, onListening?: (url: string) => void): Promise<void> {
  const app = await buildApp({ db, config, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  onListening?.(url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await db.close();
}
