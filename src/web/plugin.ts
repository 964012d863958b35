/**
 * Serves the built web app (web/dist) at `/`: hashed assets cached for a year, index.html for every other
 * non-API path (the app routes in the browser), and a Content-Security-Policy that allows only this origin.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { appPath } from '../core/paths.ts';

export const DEFAULT_DIST_DIR = appPath('web', 'dist');

/**
 * Scripts only from this origin (no inline script, no eval). Styles allow 'unsafe-inline' because Mantine
 * sets CSS variables in style attributes and one <style> element; no data from users reaches CSS.
 * connect-src 'self' also covers same-origin WebSockets (the live call events, later).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function webAppRoutes(options: { distDir?: string } = {}): FastifyPluginAsync {
  const root = path.resolve(options.distDir ?? DEFAULT_DIST_DIR);
  return async (app) => {
    // serve: false — only reply.sendFile, which confines paths to root; the routes below decide the rest.
    await app.register(fastifyStatic, { root, serve: false, decorateReply: true, cacheControl: false, index: false });

    const sendIndex = (reply: FastifyReply) => {
      if (!existsSync(path.join(root, 'index.html'))) {
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send("L'application web n'est pas construite : lancez `npm run build:web`. / The web app is not built: run `npm run build:web`.\n");
      }
      // Revalidated on every load so a new release is picked up at once; the assets it names are immutable.
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    };

    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/api')) {
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('x-frame-options', 'DENY');
      }
      return payload;
    });

    app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      // Vite names every asset after its content hash: a changed file is a new URL.
      return reply.header('cache-control', IMMUTABLE).sendFile(`assets/${file}`);
    });

    app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
      const name = pathname.slice(1);
      // Files at the top of dist (favicon…) are served as they are; other paths are the app's own routes.
      if (/^[\w.-]+\.[a-z0-9]+$/i.test(name)) {
        if (isFile(path.join(root, name))) return reply.header('cache-control', 'public, max-age=3600').sendFile(name);
        return reply.callNotFound();
      }
      return sendIndex(reply);
    });
  };
}
