// Bad input on the core routes: a stable code and the field at fault, never a 500.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody } from './support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`hostile input on core routes (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const send = (rawBody: string, contentType = 'application/json') =>
      server.client().request<ErrorResponseBody>('POST', '/api/session', { rawBody, headers: { 'content-type': contentType } });

    it('answers malformed JSON with invalid_json', async () => {
      const r = await send('{"email": "a@b.fr", ');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'invalid_json');
      assert.ok(r.body.error.requestId);
    });

    it('names the field of a wrong type', async () => {
      const r = await send(JSON.stringify({ email: 42, password: 'x' }));
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.equal(r.body.error.field, 'email');
    });

    it('refuses unknown fields', async () => {
      const r = await send(JSON.stringify({ email: 'a@b.fr', password: 'x', role: 'admin' }));
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.equal(r.body.error.field, 'role');
    });

    it('refuses a 2 MB body with body_too_large', async () => {
      const r = await send(JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(2 * 1024 * 1024) }));
      assert.equal(r.status, 413);
      assert.equal(r.body.error.code, 'body_too_large');
    });

    it('refuses a non-JSON content type', async () => {
      const r = await send('email=a@b.fr', 'application/x-www-form-urlencoded');
      assert.equal(r.status, 415);
      assert.equal(r.body.error.code, 'unsupported_media_type');
    });

    it('answers an unknown route with route_not_found, in English when asked', async () => {
      const r = await server.client().request<ErrorResponseBody>('GET', '/api/nothing-here', { headers: { 'accept-language': 'en-GB' } });
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'route_not_found');
      assert.equal(r.body.error.message, 'No such route.');
    });

    it('speaks French by default', async () => {
      const r = await server.client().get<ErrorResponseBody>('/api/me');
      assert.equal(r.status, 401);
      assert.equal(r.body.error.message, 'Veuillez vous connecter.');
    });
  });
}
