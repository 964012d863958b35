// The bad inputs a security review found causing 500s or silent corruption: each now a 400 naming the field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type ErrorResponseBody, type TestClient } from './support/server.ts';
import { createUser } from './support/fixtures.ts';
import { agentClient, createAgendaWorld, rowCount, type AgendaWorld } from './support/agenda-fixtures.ts';

for (const kind of testDatabaseKinds()) {
  describe(`unsafe input is refused with the field named (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let agent: TestClient;
    let admin: TestClient;

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db, { patients: 1 });
      agent = await agentClient(server, w);
      const a = await createUser(t.db, { organisationId: w.organisationId, role: 'admin', practiceIds: [w.practiceId] });
      admin = server.client();
      await admin.login(a.email, a.password);
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    const expect400 = (r: { status: number; body: unknown }, field: string, message?: RegExp) => {
      const body = r.body as ErrorResponseBody;
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(body.error.code, 'validation_failed');
      assert.equal(body.error.field, field);
      if (message) assert.match(body.error.issues?.[0]?.message ?? '', message);
    };

    it('refuses a NUL byte in the sign-in e-mail', async () => {
      expect400(await server.client().post('/api/session', { email: 'a\u0000b@x.fr', password: 'whatever' }), 'email', /U\+0000/);
    });

    it('refuses a NUL byte in a patient search', async () => {
      expect400(await agent.get('/api/patients?q=%00abc'), 'q', /U\+0000/);
    });

    it('refuses control characters and bidi overrides in consignes, and writes nothing', async () => {
      const before = await rowCount(t.db, 'select 1 from consigne_versions');
      const r = await agent.put(`/api/practices/${w.practiceId}/consignes`, { sections: [{ kind: 'other', body: 'Rappeler\u0000 le 15' }] });
      expect400(r, 'sections.0.body');
      const rtl = await agent.put(`/api/practices/${w.practiceId}/consignes`, { sections: [{ kind: 'other', body: 'Dr \u202Eeiram' }] });
      expect400(rtl, 'sections.0.body', /U\+202E/);
      assert.equal(await rowCount(t.db, 'select 1 from consigne_versions'), before);
    });

    it('keeps multi-line text', async () => {
      const r = await admin.put(`/api/practices/${w.practiceId}/consignes`, { sections: [{ kind: 'appointments', body: 'Ligne 1\n\tLigne 2\r\n' }] });
      assert.ok(r.status < 300, r.text);
    });

    it('refuses a booking in year 9999 and next slots from year 9999', async () => {
      const r = await agent.post('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[0],
        motifId: w.motifId,
        start: '9999-12-31T10:00:00Z',
      });
      expect400(r, 'start', /1900.2100/);
      const s = await agent.get(`/api/slots/next?practitionerIds=${w.practitionerId}&motifId=${w.motifId}&from=9999-01-01`);
      expect400(s, 'from');
    });

    it('refuses a forced booking beyond the booking horizon', async () => {
      const start = new Date(Date.now() + 4 * 366 * 86_400_000).toISOString();
      const r = await agent.post<ErrorResponseBody>('/api/appointments', {
        practitionerId: w.practitionerId,
        patientId: w.patientIds[0],
        motifId: w.motifId,
        start,
        force: { reason: 'test de dépassement' },
      });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.details?.reason, 'beyond_horizon');
    });

    it('refuses an absence starting in year 0001 instead of storing it as 2001', async () => {
      const before = await rowCount(t.db, 'select 1 from absences');
      const r = await admin.post(`/api/practitioners/${w.practitionerId}/absences`, { start: '0001-01-01T08:00:00Z', end: '2026-01-02T08:00:00Z' });
      expect400(r, 'start', /1900.2100/);
      assert.equal(await rowCount(t.db, 'select 1 from absences'), before);
    });
  });
}
