/**
 * The calls capability assembled: event bus, dispatcher (with its tick), live hub, the API, the live
 * WebSocket and the carriers' webhooks. server.ts registers `callsRoutes(db, config)` under /api.
 */
import type { Server } from 'node:http';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/types.ts';
import { openEventBus } from '../core/events/bus.ts';
import { createDispatcher, type Dispatcher } from './dispatcher-service.ts';
import { LiveHub } from './live/hub.ts';
import { liveRoutes } from './live/routes.ts';
import { callsApiRoutes } from './routes.ts';
import { simulateRoutes } from './simulate-routes.ts';
import { commandsRegistry, SYSTEM_CLOCK, type CallsRuntime } from './runtime.ts';
import { twilioCommands } from './telephony/twilio/commands.ts';
import { TWILIO, twilioRoutes, twilioUrls } from './telephony/twilio/routes.ts';

export interface CallsHandle {
  runtime: CallsRuntime;
  dispatcher: Dispatcher;
  hub: LiveHub;
}

const handles = new WeakMap<Server, CallsHandle>();

/** The calls capability of a running app (tests and simulations drive its clock and dispatcher). */
export function callsHandle(server: Server): CallsHandle {
  const h = handles.get(server);
  if (!h) throw new Error('the calls capability is not registered on this server');
  return h;
}

export interface CallsOptions {
  /** The dispatcher's periodic run, for tier widening, ring timeouts, wrap-up ends and overflow by wait. */
  tickMs?: number;
}

export function callsRoutes(db: Db, config: Config, options: CallsOptions = {}): FastifyPluginAsyncZod {
  return async (app) => {
    const bus = await openEventBus(db, config.databaseUrl, (err) => app.log.error({ err }, 'calls: event bus error'));
    // Where carriers reach this server: the configured public URL, else (development, tests) the listening address.
    const baseUrl = () => {
      if (config.publicUrl) return config.publicUrl;
      const a = app.server.address();
      return a && typeof a === 'object' ? `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : 'http://localhost';
    };
    const { authToken, accountSid, apiUrl } = config.twilio;
    const commandsFor = commandsRegistry(
      authToken && accountSid ? { [TWILIO]: twilioCommands({ apiUrl, accountSid, authToken, urls: () => twilioUrls(baseUrl()) }) } : {},
    );
    // The runtime and the dispatcher refer to each other: the runtime's redispatch goes through this slot.
    const slot: { dispatcher?: Dispatcher } = {};
    const runtime: CallsRuntime = {
      db,
      bus,
      clock: SYSTEM_CLOCK,
      log: app.log,
      commandsFor,
      redispatch: (org) => slot.dispatcher?.kick(org),
      recentOffers: new Map(),
    };
    const d = createDispatcher(runtime, { tickMs: options.tickMs ?? 1000 });
    slot.dispatcher = d;
    const hub = new LiveHub(runtime);
    handles.set(app.server, { runtime, dispatcher: d, hub });

    app.addHook('onClose', async () => {
      hub.close();
      await d.stop();
      await bus.close();
    });

    await app.register(websocket, { options: { maxPayload: 4096 } });
    await app.register(liveRoutes(runtime, hub, { publicUrl: config.publicUrl }));
    await app.register(callsApiRoutes(runtime));
    await app.register(simulateRoutes(runtime));
    await app.register(twilioRoutes(runtime, { authToken, publicUrl: config.publicUrl }), { prefix: '/telephony/twilio' });
  };
}
