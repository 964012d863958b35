/**
 * GET /api/ws: the live WebSocket of consoles and supervision screens, authenticated by the session
 * cookie like any API call (no session → 401 before the upgrade; a cross-site Origin → 403). The session
 * is checked again every heartbeat: a signed-out user's socket is closed (code 4401).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { actorForSession } from '../../core/auth/sessions.ts';
import { AppError } from '../../core/errors/catalogue.ts';
import { currentScreenPop } from './live-service.ts';
import type { CallsRuntime } from '../runtime.ts';
import type { LiveHub } from './hub.ts';
import type { LiveMessage } from './messages.ts';

const HEARTBEAT_MS = 30_000;
/** A client that stops reading is dropped rather than buffered without end. */
const MAX_BUFFERED = 1024 * 1024;

function sameOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === request.headers.host) return true;
  return publicUrl !== undefined && host === new URL(publicUrl).host;
}

export function liveRoutes(rt: CallsRuntime, hub: LiveHub, o: { publicUrl: string | undefined }): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/ws',
      {
        websocket: true,
        schema: { summary: 'Événements en direct (WebSocket) / Live events (WebSocket)' },
        preValidation: async (request) => {
          if (!request.actor) throw new AppError('unauthenticated');
          if (request.actor.role === 'practitioner' || !sameOrigin(request, o.publicUrl)) throw new AppError('forbidden');
        },
      },
      (socket: WebSocket, request) => {
        const actor = request.actor!;
        const tokenHash = request.sessionTokenHash;
        const send = (message: LiveMessage) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > MAX_BUFFERED) {
            socket.terminate();
            return;
          }
          socket.send(JSON.stringify(message));
        };
        const detach = hub.attach({ actor, send, close: () => socket.close(1001) });
        let alive = true;
        const heartbeat = setInterval(() => {
          if (!alive) {
            socket.terminate();
            return;
          }
          alive = false;
          socket.ping();
          if (tokenHash) {
            actorForSession(rt.db, tokenHash)
              .then((a) => {
                if (!a) socket.close(4401, 'session ended');
              })
              .catch(() => undefined);
          }
        }, HEARTBEAT_MS);
        heartbeat.unref();
        socket.on('pong', () => {
          alive = true;
        });
        socket.on('message', (data) => {
          try {
            if ((JSON.parse(String(data)) as { type?: unknown }).type === 'ping') send({ type: 'pong' });
          } catch {
            // Clients send nothing else; anything unreadable is ignored.
          }
        });
        socket.on('close', () => {
          clearInterval(heartbeat);
          detach();
        });
        send({ type: 'hello', userId: actor.userId, role: actor.role });
        if (actor.role === 'agent') void resendCurrentOffer(rt, actor.userId, send);
      },
    );
  };
}

/** A console that (re)connects while its phone rings gets the screen-pop again. */
async function resendCurrentOffer(rt: CallsRuntime, agentId: string, send: (m: LiveMessage) => void): Promise<void> {
  try {
    const pop = await currentScreenPop(rt, agentId);
    if (pop) send(pop);
  } catch (err) {
    rt.log.error({ err }, 'calls: resending the current offer failed');
  }
}
