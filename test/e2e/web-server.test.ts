/** How the server hands out the web app: SPA fallback, cache headers, Content-Security-Policy, and /api kept apart. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { webAppRoutes } from '../../src/web/plugin.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';

describe('web app serving (pglite)', () => {
  let t: TestDb;
  let server: TestServer;
  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    server = await startServer(t.db);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  const get = (path: string) => fetch(server.baseUrl + path);

  it('serves the app at / and at every app route, revalidated on each load, with a strict CSP', async () => {
    for (const path of ['/', '/console', '/practices/123', '/users?x=1']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, 'no inline or eval scripts');
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /object-src 'none'/);
      assert.match(await res.text(), /<div id="root"><\/div>/);
    }
  });

  it('caches hashed assets for a year and refuses what is not there', async () => {
    const html = await (await get('/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html names its script');
    const res = await get(script);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await get('/assets/nothing-here.js')).status, 404);
    assert.equal((await get('/missing.png')).status, 404);
    assert.equal((await get('/favicon.svg')).status, 200);
  });

  it('never serves files outside the build nor the app for API paths', async () => {
    for (const path of ['/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
      const res = await get(path);
      const body = await res.text();
      // Refused, or the app's own page (an odd app route); never the file, never a 500.
      assert.ok(res.status < 500, `${path} answered ${res.status}`);
      assert.doesNotMatch(body, /"name": "relais"/);
      if (res.status === 200) assert.match(body, /<div id="root"><\/div>/);
    }
    const api = await get('/api/no-such-route');
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'route_not_found');
    assert.equal(api.headers.get('content-security-policy'), null, 'the API keeps its own headers');
  });
});

describe('web app serving before the app is built', () => {
  it('says how to build it instead of failing', async () => {
    const app = Fastify();
    await app.register(webAppRoutes({ distDir: '/nonexistent/relais-web-dist' }));
    const page = await app.inject({ url: '/console' });
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /npm run build:web/);
    assert.equal((await app.inject({ url: '/assets/index.js' })).statusCode, 404);
    await app.close();
  });
});
