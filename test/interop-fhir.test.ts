import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type TestServer, type TestClient } from './support/server.ts';
import { createUser } from './support/fixtures.ts';
import { at, createAgendaWorld, upcoming, type AgendaWorld } from './support/agenda-fixtures.ts';

interface Outcome {
  resourceType: string;
  issue: { code: string; diagnostics: string }[];
}

for (const kind of testDatabaseKinds()) {
  describe(`FHIR R4 with API clients (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let w: AgendaWorld;
    let other: AgendaWorld;
    let admin: TestClient;
    let token: string;

    const fhir = async <T>(method: string, path: string, body?: unknown, bearer = token) => {
      const res = await fetch(`${server.baseUrl}/fhir/R4${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/fhir+json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
    };

    before(async () => {
      t = await openTestDb(kind);
      server = await startServer(t.db);
      w = await createAgendaWorld(t.db, { patients: 2 });
      other = await createAgendaWorld(t.db, { organisationId: w.organisationId, patients: 1 });
      const a = await createUser(t.db, { organisationId: w.organisationId, role: 'admin' });
      admin = server.client();
      await admin.login(a.email, a.password);
      const client = await admin.post<{ clientId: string; clientSecret: string }>('/api/api-clients', {
        name: 'Logiciel du cabinet',
        scopes: ['agenda.read', 'agenda.book', 'patients.read'],
        practiceIds: [w.practiceId],
      });
      assert.equal(client.status, 201, client.text);
      const res = await fetch(`${server.baseUrl}/fhir/R4/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.body.clientId, client_secret: client.body.clientSecret }).toString(),
      });
      assert.equal(res.status, 200);
      const issued = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
      assert.equal(issued.token_type, 'Bearer');
      assert.ok(issued.expires_in <= 3600);
      token = issued.access_token;
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('answers its CapabilityStatement without a token, and 401 OperationOutcome for resources', async () => {
      const meta = await fhir<{ resourceType: string; fhirVersion: string }>('GET', '/metadata', undefined, '');
      assert.equal(meta.status, 200);
      assert.equal(meta.body.resourceType, 'CapabilityStatement');
      assert.equal(meta.body.fhirVersion, '4.0.1');
      assert.match(meta.type, /^application\/fhir\+json/);
      const anonymous = await fhir<Outcome>('GET', `/Patient/${w.patientIds[0]}`, undefined, 'x'.repeat(30));
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.resourceType, 'OperationOutcome');
    });

    it('books an Appointment through the booking service, finds it, and cancels it by status', async () => {
      const start = at(w.timeZone, upcoming(w.timeZone, 2), '09:00');
      const created = await fhir<{ id: string; status: string; start: string }>('POST', '/Appointment', {
        resourceType: 'Appointment',
        status: 'booked',
        start,
        appointmentType: { coding: [{ system: 'urn:relais:motif', code: w.motifId }] },
        participant: [
          { actor: { reference: `Patient/${w.patientIds[0]}` }, status: 'accepted' },
          { actor: { reference: `Practitioner/${w.practitionerId}` }, status: 'accepted' },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.start, start);
      const { rows } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from audit_log where action = 'appointment.create' and outcome = 'ok' and detail->>'appointmentId' = $1`,
        [created.body.id],
      );
      assert.equal(rows[0]!.n, 1, 'audited like any booking');

      const again = await fhir<Outcome>('POST', '/Appointment', {
        resourceType: 'Appointment',
        start,
        appointmentType: { coding: [{ system: 'urn:relais:motif', code: w.motifId }] },
        participant: [{ actor: { reference: `Patient/${w.patientIds[1]}` } }, { actor: { reference: `Practitioner/${w.practitionerId}` } }],
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.issue[0]!.code, 'conflict');

      const found = await fhir<{ resourceType: string; total: number; entry: { resource: { id: string } }[] }>(
        'GET',
        `/Appointment?practitioner=Practitioner/${w.practitionerId}&date=ge${upcoming(w.timeZone, 2)}`,
      );
      assert.equal(found.status, 200);
      assert.equal(found.body.resourceType, 'Bundle');
      assert.ok(found.body.entry.some((e) => e.resource.id === created.body.id));

      const cancelled = await fhir<{ status: string }>('PUT', `/Appointment/${created.body.id}`, { resourceType: 'Appointment', status: 'cancelled' });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
    });

    it('cannot see another practice: its patient and practitioner answer 404 like unknown ones', async () => {
      const patient = await fhir<Outcome>('GET', `/Patient/${other.patientIds[0]}`);
      assert.equal(patient.status, 404);
      assert.equal(patient.body.resourceType, 'OperationOutcome');
      const unknown = await fhir<Outcome>('GET', `/Patient/00000000-0000-4000-8000-000000000000`);
      assert.equal(unknown.status, 404);
      const search = await fhir<Outcome>('GET', `/Appointment?practitioner=${other.practitionerId}`);
      assert.equal(search.status, 404);
      const own = await fhir<{ resourceType: string; id: string }>('GET', `/Patient/${w.patientIds[0]}`);
      assert.equal(own.status, 200);
      assert.equal(own.body.resourceType, 'Patient');
    });

    it('refuses an unknown search parameter or a malformed date with OperationOutcome 400', async () => {
      const unknown = await fhir<Outcome>('GET', `/Appointment?practitioner=${w.practitionerId}&colour=blue`);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.resourceType, 'OperationOutcome');
      assert.match(unknown.body.issue[0]!.diagnostics, /colour/);
      const bad = await fhir<Outcome>('GET', `/Appointment?practitioner=${w.practitionerId}&date=ge2026-13-45`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.issue[0]!.diagnostics, /date/i);
    });
  });
}
