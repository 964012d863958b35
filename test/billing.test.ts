/**
 * Billing through the HTTP API: a monthly run from the call log (training calls and abandons out, every unit
 * traced), free lines, issue with gap-free numbers (20 concurrent issues), immutability, credit notes that
 * reverse exactly, payments, the Factur-X PDF carrying the same XML as /cii.xml, every CII passing the
 * EN 16931 rules, the value report, and who may see what.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, testDatabaseKinds, type TestDb } from './support/databases.ts';
import { startServer, type ErrorResponseBody, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { cookieOf } from './support/calls.ts';
import { associatedFiles, validateCii, xmpOf } from './support/einvoice.ts';
import type { Queryable } from '../src/core/db/types.ts';
import type { InvoiceDetail, InvoiceSummary, RunResult } from '../src/billing/schemas.ts';
import type { TermsInput } from '../src/billing/terms.ts';

const TERMS: TermsInput = {
  unit: 'call',
  subscriptionCents: 60_000,
  includedUnits: 3,
  tiers: [
    { upTo: 2, unitCents: 90 },
    { upTo: null, unitCents: 75 },
  ],
  surcharges: { evening: 30, saturday: 40, sunday: 50, holiday: 70 },
  eveningFrom: '19:00',
  morningUntil: '08:00',
  fees: { appointmentBooked: 0, messageTaken: 25, smsSent: 0 },
  options: [{ code: 'extended_hours', label: 'Horaires étendus', monthlyCents: 5_000 }],
  revision: { date: '2027-01-01', index: 'Syntec', baseValue: 322.5 },
};

/** One call in the log: ENTER, then answered (CONNECT, COMPLETE, WRAPUP) or abandoned after `wait` seconds. */
async function logCall(
  db: Queryable,
  o: { org: string; practice: string; enter: string; answered: boolean; wait?: number; training?: boolean },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, caller_number, status, training)
     values ($1, $2, 'twilio', $3, '+33140000000', '+33612345678', $4, $5) returning id`,
    [o.org, o.practice, `CA${randomUUID().replace(/-/g, '')}`, o.answered ? 'completed' : 'abandoned', o.training ?? false],
  );
  const id = rows[0]!.id;
  const t0 = Date.parse(o.enter);
  const wait = (o.wait ?? 10) * 1000;
  const steps: [number, string][] = o.answered
    ? [
        [t0, 'ENTER'],
        [t0 + wait, 'CONNECT'],
        [t0 + wait + 120_000, 'COMPLETE'],
        [t0 + wait + 150_000, 'WRAPUP'],
      ]
    : [
        [t0, 'ENTER'],
        [t0 + wait, 'ABANDON'],
      ];
  for (const [at, event] of steps) {
    const data = event === 'ENTER' && o.training ? { training: true } : {};
    await db.query('insert into call_events (at, organisation_id, practice_id, call_id, event, data) values ($1, $2, $3, $4, $5, $6)', [
      new Date(at),
      o.org,
      o.practice,
      id,
      event,
      JSON.stringify(data),
    ]);
  }
  return id;
}

const YEAR = new Date().getUTCFullYear();
const seqOf = (n: string | null) => Number(n?.split('-')[2]);

for (const kind of testDatabaseKinds()) {
  describe(`billing (${kind})`, () => {
    let t: TestDb;
    let server: TestServer;
    let org: string;
    let paris: string;
    let fdf: string;
    let admin: TestClient;
    let practitioner: TestClient;
    let agent: TestClient;
    let outsider: TestClient;
    let sellerId: string;
    let clientId: string;
    let contractId: string;
    let invoiceId: string;
    const answered: string[] = [];
    let training: string;
    const generated: { name: string; xml: string }[] = [];

    before(async () => {
      t = await openTestDb(kind);
      const db = t.db;
      org = await createOrganisation(db);
      paris = await createPractice(db, org, { name: 'Cabinet Voltaire' });
      fdf = await createPractice(db, org, { name: 'Cabinet du Carbet', region: 'martinique', timeZone: 'America/Martinique' });
      const other = await createPractice(db, org, { name: 'Cabinet Autre' });
      const drId = await createPractitioner(db, org, [paris]);
      const a = await createUser(db, { organisationId: org, role: 'admin' });
      const p = await createUser(db, { organisationId: org, role: 'practitioner', practitionerId: drId, practiceIds: [paris] });
      const g = await createUser(db, { organisationId: org, role: 'agent', practiceIds: [paris, fdf] });
      const otherDr = await createPractitioner(db, org, [other]);
      const o = await createUser(db, { organisationId: org, role: 'practitioner', practitionerId: otherDr, practiceIds: [other] });
      // November 2026 in Paris: 5 answered weekday calls, one of them at 20:00 (evening), one on Saturday 7;
      // a training call, a short abandon (2 s), an abandon after 40 s. In Martinique: one answered call on a weekday.
      for (const enter of [
        '2026-11-02T10:00:00+01:00',
        '2026-11-03T11:00:00+01:00',
        '2026-11-04T20:00:00+01:00',
        '2026-11-05T09:30:00+01:00',
        '2026-11-07T10:00:00+01:00',
      ]) {
        answered.push(await logCall(db, { org, practice: paris, enter, answered: true }));
      }
      answered.push(await logCall(db, { org, practice: fdf, enter: '2026-11-10T10:00:00-04:00', answered: true }));
      training = await logCall(db, { org, practice: paris, enter: '2026-11-06T10:00:00+01:00', answered: true, training: true });
      await logCall(db, { org, practice: paris, enter: '2026-11-06T11:00:00+01:00', answered: false, wait: 2 });
      await logCall(db, { org, practice: paris, enter: '2026-11-06T12:00:00+01:00', answered: false, wait: 40 });
      // October: two answered calls (the value report compares).
      await logCall(db, { org, practice: paris, enter: '2026-10-12T10:00:00+02:00', answered: true });
      await logCall(db, { org, practice: paris, enter: '2026-10-13T10:00:00+02:00', answered: true });
      await db.query(
        `insert into messages (organisation_id, practice_id, practitioner_id, type, body, created_by, created_at) values ($1, $2, $3, 'information', 'Rappeler le labo', $4, '2026-11-05T10:00:00+01:00')`,
        [org, paris, drId, g.id],
      );

      server = await startServer(db);
      admin = server.client();
      await admin.login(a.email, a.password);
      practitioner = server.client();
      await practitioner.login(p.email, p.password);
      agent = server.client();
      await agent.login(g.email, g.password);
      outsider = server.client();
      await outsider.login(o.email, o.password);

      const seller = await admin.post<{ id: string }>('/api/billing/sellers', {
        legalName: 'Relais Télésecrétariat SAS',
        siren: '552100554',
        addressLine: '10 rue de Lyon',
        postalCode: '75012',
        city: 'Paris',
        email: 'facturation@relais.example',
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPP',
      });
      assert.equal(seller.status, 201, seller.text);
      sellerId = seller.body.id;
      const client = await admin.post<{ id: string }>('/api/billing/clients', {
        sellerId,
        legalName: 'SCM Voltaire & Carbet',
        siren: '732829320',
        addressLine: '3 place Voltaire',
        postalCode: '75011',
        city: 'Paris',
        practiceIds: [paris, fdf],
      });
      assert.equal(client.status, 201, client.text);
      clientId = client.body.id;
      const contract = await admin.post<{ id: string }>('/api/billing/contracts', {
        clientId,
        label: 'Permanence téléphonique',
        startsOn: '2026-01-01',
        terms: TERMS,
      });
      assert.equal(contract.status, 201, contract.text);
      contractId = contract.body.id;
    });

    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('creates one draft per contract for the month, priced from the call log, and no second one', async () => {
      const run = await admin.post<RunResult>('/api/billing/runs', { month: '2026-11' });
      assert.equal(run.status, 201, run.text);
      assert.equal(run.body.drafts, 1);
      invoiceId = run.body.invoiceIds[0]!;
      const again = await admin.post<RunResult>('/api/billing/runs', { month: '2026-11' });
      assert.deepEqual([again.body.drafts, again.body.skipped], [0, 1]);

      const inv = await admin.get<InvoiceDetail>(`/api/invoices/${invoiceId}`);
      assert.equal(inv.body.status, 'draft');
      assert.equal(inv.body.number, null);
      assert.deepEqual(
        inv.body.lines.map((l) => [l.code, l.quantity, l.unitPriceCents, l.netCents, l.units]),
        [
          ['SUB', 1, 60_000, 60_000, 0],
          ['OPT-extended_hours', 1, 5_000, 5_000, 0],
          ['CALL-INC', 3, 0, 0, 3],
          ['CALL-T1', 2, 90, 180, 2],
          ['CALL-T2', 1, 75, 75, 1],
          ['SUR-saturday', 1, 40, 40, 1],
          ['SUR-evening', 1, 30, 30, 1],
          ['FEE-MSG', 1, 25, 25, 1],
        ],
      );
      // 653.50 € HT, VAT 20 % on the whole basis: 130.70 €.
      assert.deepEqual([inv.body.netCents, inv.body.vatCents, inv.body.grossCents], [65_350, 13_070, 78_420]);
      assert.deepEqual(inv.body.vat, [{ rateBp: 2000, basisCents: 65_350, vatCents: 13_070 }]);

      // Every billed call is one of the answered ones; the training call and the abandons are not billed.
      const { rows } = await t.db.query<{ source_id: string }>(
        "select source_id from invoice_units where invoice_id = $1 and source = 'call' and line_position in (3, 4, 5)",
        [invoiceId],
      );
      assert.deepEqual(rows.map((r) => r.source_id).sort(), [...answered].sort());
      assert.ok(!rows.some((r) => r.source_id === training));
    });

    it('lets the admin add and remove free lines on a draft', async () => {
      const added = await admin.post<InvoiceDetail>(`/api/invoices/${invoiceId}/lines`, {
        label: 'Paramétrage du standard',
        quantity: 1,
        unitPriceCents: 15_000,
      });
      assert.equal(added.status, 200, added.text);
      assert.equal(added.body.netCents, 80_350);
      const free = added.body.lines.find((l) => l.kind === 'free')!;
      const removed = await admin.delete<InvoiceDetail>(`/api/invoices/${invoiceId}/lines/${free.position}`);
      assert.equal(removed.body.netCents, 65_350);
      const notFree = await admin.delete<ErrorResponseBody>(`/api/invoices/${invoiceId}/lines/1`);
      assert.equal(notFree.status, 404);
      const bad = await admin.post<ErrorResponseBody>(`/api/invoices/${invoiceId}/lines`, { label: '', quantity: 0, unitPriceCents: -1 });
      assert.equal(bad.status, 400);
    });

    it('hides drafts from the practitioner and refuses billing to other roles', async () => {
      assert.equal((await practitioner.get(`/api/invoices/${invoiceId}`)).status, 404);
      assert.deepEqual((await practitioner.get<{ items: unknown[] }>('/api/invoices')).body.items, []);
      assert.equal((await agent.get('/api/invoices')).status, 403);
      assert.equal((await agent.post('/api/billing/runs', { month: '2026-11' })).status, 403);
      assert.equal((await practitioner.post(`/api/invoices/${invoiceId}/issue`)).status, 403);
    });

    it('issues the invoice with the next number, then refuses any change', async () => {
      const issued = await admin.post<InvoiceDetail>(`/api/invoices/${invoiceId}/issue`);
      assert.equal(issued.status, 200, issued.text);
      assert.equal(issued.body.status, 'issued');
      assert.equal(issued.body.number, `F-${YEAR}-00001`);
      const twice = await admin.post<ErrorResponseBody>(`/api/invoices/${invoiceId}/issue`);
      assert.equal(twice.body.error.code, 'invoice_not_draft');
      const line = await admin.post<ErrorResponseBody>(`/api/invoices/${invoiceId}/lines`, { label: 'Ajout', quantity: 1, unitPriceCents: 100 });
      assert.equal(line.body.error.code, 'invoice_not_draft');
      await assert.rejects(t.db.query('update invoices set net_cents = 1 where id = $1', [invoiceId]));
      await assert.rejects(t.db.query('update invoice_lines set label = $2 where invoice_id = $1', [invoiceId, 'x']));
      await assert.rejects(t.db.query('delete from invoices where id = $1', [invoiceId]));
      // A new contract version cannot reach back into the invoiced month.
      const version = await admin.post<ErrorResponseBody>(`/api/billing/contracts/${contractId}/versions`, { validFrom: '2026-11-15', terms: TERMS });
      assert.equal(version.body.error.code, 'contract_period_invoiced');
      assert.equal(
        (await admin.post(`/api/billing/contracts/${contractId}/versions`, { validFrom: '2026-12-01', terms: { ...TERMS, subscriptionCents: 65_000 } })).status,
        200,
      );
    });

    it('serves the Factur-X PDF carrying exactly the XML of /cii.xml, with the French mentions', async () => {
      const xml = await admin.get(`/api/invoices/${invoiceId}/cii.xml`);
      assert.equal(xml.status, 200);
      assert.match(xml.headers.get('content-type') ?? '', /application\/xml/);
      assert.match(xml.text, /<ram:TypeCode>380<\/ram:TypeCode>/);
      assert.match(xml.text, /schemeID="0002">732829320</);
      assert.match(xml.text, /schemeID="VA">FR44732829320</);
      assert.match(xml.text, /40 €/);
      assert.match(xml.text, /prestations de services/);
      assert.match(xml.text, /<ram:GrandTotalAmount>784.20<\/ram:GrandTotalAmount>/);
      generated.push({ name: 'invoice', xml: xml.text });

      const res = await fetch(`${server.baseUrl}/api/invoices/${invoiceId}/pdf`, { headers: { cookie: cookieOf(admin) } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const pdf = new Uint8Array(await res.arrayBuffer());
      assert.equal(new TextDecoder().decode(pdf.slice(0, 5)), '%PDF-');
      const files = await associatedFiles(pdf);
      assert.equal(files.length, 1);
      assert.deepEqual({ ...files[0], content: undefined }, { name: 'factur-x.xml', relationship: '/Alternative', subtype: '/text#2Fxml', content: undefined });
      assert.equal(files[0]!.content, xml.text);
      const xmp = await xmpOf(pdf);
      assert.match(xmp, /<pdfaid:part>3<\/pdfaid:part>/);
      assert.match(xmp, /<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>/);
    });

    it('shows the practitioner his practice’s issued invoice, and nobody else', async () => {
      const list = await practitioner.get<{ items: InvoiceSummary[] }>('/api/invoices?month=2026-11');
      assert.deepEqual(
        list.body.items.map((i) => i.id),
        [invoiceId],
      );
      assert.equal((await practitioner.get(`/api/invoices/${invoiceId}/cii.xml`)).status, 200);
      assert.equal((await outsider.get(`/api/invoices/${invoiceId}`)).status, 404);
      assert.deepEqual((await outsider.get<{ items: unknown[] }>('/api/invoices')).body.items, []);
    });

    it('gives the value report: the month against the last, every line reconciled with the log', async () => {
      const r = await admin.get<{
        current: Record<string, number>;
        previous: Record<string, number>;
        lines: { invoiced: number; recomputed: number | null; matches: boolean }[];
      }>(`/api/invoices/${invoiceId}/report`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.current.received, 8);
      assert.equal(r.body.current.answered, 6);
      assert.equal(r.body.current.abandoned, 1);
      assert.equal(r.body.current.shortAbandoned, 1);
      assert.equal(r.body.current.afterHours, 2);
      assert.equal(r.body.current.messages, 1);
      assert.equal(r.body.previous.answered, 2);
      assert.ok(r.body.lines.every((l) => l.matches));
      assert.deepEqual(
        r.body.lines.map((l) => l.invoiced),
        [0, 0, 3, 2, 1, 1, 1, 1],
      );
      assert.deepEqual(
        r.body.lines.map((l) => l.recomputed),
        [null, null, 3, 2, 1, 1, 1, 1],
      );
    });

    it('records payments up to the balance and marks the invoice paid', async () => {
      const part = await admin.post<InvoiceDetail>(`/api/invoices/${invoiceId}/payments`, { amountCents: 50_000, paidOn: '2026-12-05', reference: 'VIR 123' });
      assert.equal(part.status, 200, part.text);
      assert.deepEqual([part.body.status, part.body.balanceCents], ['issued', 28_420]);
      const over = await admin.post<ErrorResponseBody>(`/api/invoices/${invoiceId}/payments`, { amountCents: 30_000, paidOn: '2026-12-06' });
      assert.equal(over.body.error.code, 'payment_exceeds_balance');
      const rest = await admin.post<InvoiceDetail>(`/api/invoices/${invoiceId}/payments`, { amountCents: 28_420, paidOn: '2026-12-06' });
      assert.deepEqual([rest.body.status, rest.body.balanceCents, rest.body.payments.length], ['paid', 0, 2]);
    });

    it('reverses an invoice exactly with a credit note, once', async () => {
      const note = await admin.post<InvoiceDetail>(`/api/invoices/${invoiceId}/credit-note`, { reason: 'Erreur de périmètre' });
      assert.equal(note.status, 201, note.text);
      const inv = (await admin.get<InvoiceDetail>(`/api/invoices/${invoiceId}`)).body;
      assert.equal(note.body.kind, 'credit_note');
      assert.equal(note.body.number, `F-${YEAR}-00002`);
      assert.equal(note.body.correctsId, invoiceId);
      assert.equal(inv.creditedBy, note.body.id);
      const strip = (l: InvoiceDetail['lines'][number]) => [l.code, l.label, l.quantity, l.unitPriceCents, l.netCents, l.vatRateBp];
      assert.deepEqual(note.body.lines.map(strip), inv.lines.map(strip));
      assert.deepEqual([note.body.netCents, note.body.vatCents, note.body.grossCents], [inv.netCents, inv.vatCents, inv.grossCents]);
      assert.deepEqual(note.body.vat, inv.vat);
      const again = await admin.post<ErrorResponseBody>(`/api/invoices/${invoiceId}/credit-note`, { reason: 'encore' });
      assert.equal(again.body.error.code, 'invoice_already_credited');
      const xml = await admin.get(`/api/invoices/${note.body.id}/cii.xml`);
      assert.match(xml.text, /<ram:TypeCode>381<\/ram:TypeCode>/);
      assert.match(xml.text, new RegExp(`<ram:IssuerAssignedID>F-${YEAR}-00001</ram:IssuerAssignedID>`));
      generated.push({ name: 'credit note', xml: xml.text });
    });

    it('gives 20 concurrent issues 20 different numbers with no gap', async () => {
      // Twenty more contracts of the client, invoiced for October.
      for (let i = 0; i < 20; i++) {
        const c = await admin.post('/api/billing/contracts', {
          clientId,
          label: `Option ${i + 1}`,
          startsOn: '2026-10-01',
          terms: { ...TERMS, subscriptionCents: 1_000 + i, options: [] },
        });
        assert.equal(c.status, 201, c.text);
      }
      const run = await admin.post<RunResult>('/api/billing/runs', { month: '2026-10' });
      assert.equal(run.body.drafts, 21);
      const drafts = run.body.invoiceIds.slice(0, 20);
      const results = await Promise.all(drafts.map((id) => admin.post<InvoiceDetail>(`/api/invoices/${id}/issue`)));
      assert.deepEqual(
        results.map((r) => r.status),
        drafts.map(() => 200),
      );
      const numbers = results.map((r) => seqOf(r.body.number)).sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        Array.from({ length: 20 }, (_, i) => i + 3),
      );
      for (const r of results) {
        const xml = await admin.get(`/api/invoices/${r.body.id}/cii.xml`);
        generated.push({ name: r.body.number ?? '?', xml: xml.text });
      }
      const list = await admin.get<{ items: InvoiceSummary[] }>('/api/invoices?month=2026-10&status=draft');
      assert.equal(list.body.items.length, 1);
    });

    it('passes the EN 16931 CII rules with 0 fatal for every invoice and credit note generated', async () => {
      assert.equal(generated.length, 22);
      assert.deepEqual(await validateCii(generated), []);
    });
  });
}
