import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';

describe('API documentation', () => {
  let t: TestDb;
  let server: TestServer;
  before(async () => {
    t = await openTestDb('pglite');
    server = await startServer(t.db);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  it('serves an OpenAPI 3 document describing every API route with a summary', async () => {
    const r = await server.client().get<{ openapi: string; paths: Record<string, Record<string, { summary?: string }>> }>('/api/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.body.openapi, /^3\./);
    for (const path of ['/api/health', '/api/session', '/api/me']) assert.ok(r.body.paths[path], `${path} missing from the document`);
    for (const [path, ops] of Object.entries(r.body.paths)) {
      for (const [method, op] of Object.entries(ops)) assert.ok(op.summary, `${method.toUpperCase()} ${path} has no summary`);
    }
  });

  it('serves a readable docs page', async () => {
    const r = await server.client().get('/api/docs/');
    assert.equal(r.status, 200);
    assert.match(r.text, /<html/i);
  });

  it('protects the docs page with a Content-Security-Policy and from framing', async () => {
    for (const path of ['/api/docs/', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
      const r = await server.client().get(path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
      assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/, path);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
    }
  });
});
