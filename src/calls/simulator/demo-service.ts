/**
 * Demo traffic inside the server (opt-in): with RELAIS_DEMO_CALLS set, once the server listens, a few
 * simulated agents sign in and callers ring the demo practices' lines in real time, through the server's
 * own Twilio webhooks on loopback — so that `npm start` shows calls arriving, ringing at consoles and
 * being routed (a human signed in as an agent gets her share). Outside the practices' service hours the
 * callers hear the closed-line announcement, as they would.
 *
 *   RELAIS_DEMO_CALLS=1 (60 calls an hour) or a number of calls per hour; RELAIS_DEMO_CALLS_AGENTS (4).
 *   The webhooks are signed: RELAIS_TWILIO_AUTH_TOKEN must be set (any value for a local demo).
 *   Ignored in production (NODE_ENV=production).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db/types.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { setMyStatus } from '../agent-service.ts';
import { callsHandle } from '../module.ts';
import { demoLines, upsertSimAgent } from './demo-repo.ts';
import { runSimulation } from './runner.ts';
import { simAgentEmail } from './setup.ts';
import { generateTraffic } from './traffic.ts';
import { systemClock } from '../../core/time/clock.ts';

const CHUNK_MS = 8 * 3_600_000;

export interface DemoCallsSettings {
  callsPerHour: number;
  agents: number;
}

/** The demo traffic asked for in the environment, or null when it is off. */
export function demoCallsSettings(env: NodeJS.ProcessEnv): DemoCallsSettings | null {
  const v = (env.RELAIS_DEMO_CALLS ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'off' || v === 'no') return null;
  const n = Number(v);
  const agents = Number(env.RELAIS_DEMO_CALLS_AGENTS ?? 4);
  return {
    callsPerHour: Number.isFinite(n) && n > 1 ? n : 60,
    agents: Number.isInteger(agents) && agents > 0 && agents <= 50 ? agents : 4,
  };
}

/** The Fastify plugin that runs the demo traffic; does nothing unless RELAIS_DEMO_CALLS is set. */
export function demoCallsPlugin(db: Db, config: Config, env: NodeJS.ProcessEnv = process.env): FastifyPluginAsync {
  return async (app) => {
    const settings = demoCallsSettings(env);
    if (settings === null) return;
    if (config.production) {
      app.log.warn('RELAIS_DEMO_CALLS is ignored in production (NODE_ENV=production): no fake calls on real lines');
      return;
    }
    const authToken = config.twilio.authToken;
    if (!authToken) {
      app.log.warn('RELAIS_DEMO_CALLS needs RELAIS_TWILIO_AUTH_TOKEN (any value for a local demo): no demo calls');
      return;
    }
    const controller = new AbortController();
    const agentIds: string[] = [];
    let organisationId = '';
    let running: Promise<void> | null = null;

    async function run(baseUrl: string): Promise<void> {
      const found = await demoLines(db);
      if (found === null || found.lines.length === 0) {
        app.log.warn('RELAIS_DEMO_CALLS: no practice with a forwarded number: no demo calls');
        return;
      }
      organisationId = found.organisationId;
      const ids = found.lines.map((l) => l.practiceId);
      const accounts = [];
      for (let n = 1; n <= settings!.agents; n++) {
        const password = randomBytes(18).toString('base64url');
        const email = simAgentEmail(n);
        const id = await upsertSimAgent(db, {
          organisationId,
          email,
          displayName: `Agent simulé ${n}`,
          passwordHash: await hashPassword(password),
          practiceIds: ids.filter((_, i) => i % settings!.agents === n - 1 || (i + n) % 3 === 0),
          dedicated: ids.filter((_, i) => i % settings!.agents === n - 1).slice(0, 1),
        });
        agentIds.push(id);
        accounts.push({ email, password });
      }
      app.log.info({ agents: accounts.length, lines: found.lines.length, callsPerHour: settings!.callsPerHour }, 'demo calls: started');
      for (let chunk = 0; !controller.signal.aborted; chunk++) {
        const start = systemClock.nowMs();
        const calls = generateTraffic({ seed: `demo-${start}`, start, durationMs: CHUNK_MS, callsPerHour: settings!.callsPerHour, practices: found.lines });
        const summary = await runSimulation({
          baseUrl,
          authToken: authToken!,
          ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
          agents: accounts,
          calls,
          simStart: start,
          speed: 1,
          signal: controller.signal,
          onCall: (sim, what) => app.log.info({ callSid: sim.callSid, practiceId: sim.practiceId, step: what }, 'demo call'),
        });
        if (summary.errors.length && !controller.signal.aborted) app.log.warn({ errors: summary.errors.slice(0, 5) }, 'demo calls: unexpected answers');
      }
    }

    app.addHook('onListen', async () => {
      const a = app.server.address();
      if (!a || typeof a !== 'object') return;
      const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
      running = run(`http://${host}:${a.port}`).catch((err: unknown) => app.log.error({ err }, 'demo calls stopped'));
    });

    // On shutdown the server refuses new requests: the simulated agents are logged out directly.
    app.addHook('preClose', async () => {
      controller.abort();
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      const { runtime } = callsHandle(app.server);
      for (const userId of agentIds) {
        const actor = {
          userId,
          organisationId,
          role: 'agent' as const,
          email: '',
          displayName: '',
          locale: 'fr' as const,
          practitionerId: null,
          practiceIds: [],
        };
        await setMyStatus(runtime, { actor, requestId: 'demo-calls-shutdown', clock: runtime.clock }, 'logged_out').catch(() => undefined);
      }
    });
  };
}
