/** Seals the audit trail in the background: rows join the hash chain about a second after they commit. */
import type { Db } from './db/types.ts';
import { sealAudit } from './audit.ts';

export interface AuditSealer {
  stop(): Promise<void>;
}

export function startAuditSealer(db: Db, options: { intervalMs?: number; onError?: (e: unknown) => void } = {}): AuditSealer {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? 0 : sealAudit(db))).catch((e: unknown) => options.onError?.(e));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      // What was appended until now is sealed before the database closes.
      await sealAudit(db).catch((e: unknown) => options.onError?.(e));
    },
  };
}
