/**
 * The admin's billing path in a real browser: prepare last month's invoices, open the draft, add a free line,
 * issue it (final number), read the value report, download the Factur-X PDF, record the payment, then cancel
 * it with a credit note. With UPDATE_SCREENSHOTS=1, saves docs/screenshots/billing-invoice.png.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { createUser } from '../support/fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, screenshot, signIn } from './support/browser.ts';
import { createWorld, type World } from './support/world.ts';

const TERMS = {
  unit: 'call',
  subscriptionCents: 69_000,
  includedUnits: 1,
  tiers: [{ upTo: null, unitCents: 85 }],
  surcharges: { evening: 30, saturday: 40, sunday: 60, holiday: 60 },
  eveningFrom: '19:00',
  morningUntil: '08:00',
  fees: { appointmentBooked: 0, messageTaken: 0, smsSent: 0 },
  options: [],
  revision: null,
};

/** The month before today's, and a weekday date in it. */
function lastMonth(): { month: string; day: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10));
  const month = d.toISOString().slice(0, 7);
  while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  return { month, day: d.toISOString().slice(0, 10) };
}

describe('billing screens (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let admin: { email: string; password: string };
  const { month, day } = lastMonth();

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    admin = await createUser(t.db, { organisationId: world.organisationId, role: 'admin' });
    server = await startServer(t.db);
    const api = server.client();
    await api.login(admin.email, admin.password);
    const seller = await api.post<{ id: string }>('/api/billing/sellers', {
      legalName: 'Relais Télésecrétariat SAS',
      siren: '552100554',
      addressLine: '10 rue de Lyon',
      postalCode: '75012',
      city: 'Paris',
      iban: 'FR7630006000011234567890189',
    });
    const client = await api.post<{ id: string }>('/api/billing/clients', {
      sellerId: seller.body.id,
      legalName: 'SCM Les Lilas',
      siren: '732829320',
      addressLine: '12 rue des Lilas',
      postalCode: '75020',
      city: 'Paris',
      practiceIds: [world.lilasId, world.martiniqueId],
    });
    const contract = await api.post('/api/billing/contracts', { clientId: client.body.id, label: 'Forfait', startsOn: '2025-01-01', terms: TERMS });
    assert.equal(contract.status, 201, contract.text);
    // Three answered calls last month, one of them at 20:30 (evening surcharge).
    for (const time of ['10:00', '11:00', '20:30']) {
      const { rows } = await t.db.query<{ id: string }>(
        `insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, status) values ($1, $2, 'twilio', $3, '+33140000001', 'completed') returning id`,
        [world.organisationId, world.lilasId, `CA${randomUUID()}`],
      );
      const enter = new Date(`${day}T${time}:00+01:00`).getTime();
      for (const [dt, event] of [
        [0, 'ENTER'],
        [8_000, 'CONNECT'],
        [90_000, 'COMPLETE'],
        [110_000, 'WRAPUP'],
      ] as const) {
        await t.db.query('insert into call_events (at, organisation_id, practice_id, call_id, event) values ($1, $2, $3, $4, $5)', [
          new Date(enter + dt),
          world.organisationId,
          world.lilasId,
          rows[0]!.id,
          event,
        ]);
      }
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('prepares, reviews, issues, cashes and credits an invoice', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Facturation' }).click();
    assert.equal(await page.getByTestId('billing-month').inputValue(), month);
    await page.getByTestId('billing-run').click();
    await page.getByTestId('billing-run-result').getByText('1 brouillon(s) créé(s)').waitFor();
    const row = page.getByTestId('invoice-row');
    await row.getByText('SCM Les Lilas').waitFor();
    await row.getByText('Brouillon').waitFor();
    await row.click();

    await page.getByTestId('invoice-title').getByText('Brouillon de facture').waitFor();
    const lines = page.getByTestId('invoice-lines');
    await lines.getByText("Appels traités, inclus dans l'abonnement").waitFor();
    await lines.getByText('Appels traités hors forfait').waitFor();
    await lines.getByText('Majoration soirée et nuit').waitFor();
    // 690 + 2 × 0.85 + 0.30 = 692.00 € HT; 830.40 € TTC.
    await page.getByTestId('invoice-gross').getByText('830,40 €').waitFor();

    await page.getByTestId('line-label').fill('Mise en service');
    await page.getByTestId('line-price').fill('150');
    await page.getByTestId('line-add').click();
    await page.getByTestId('invoice-gross').getByText('1 010,40 €').waitFor();

    await page.getByTestId('invoice-issue').click();
    const year = new Date().getFullYear();
    await page.getByTestId('invoice-title').getByText(`Facture F-${year}-00001`).waitFor();
    await page.getByTestId('invoice-status').getByText('Émise').waitFor();
    await page.getByTestId('value-report').getByTestId('report-answered').getByText('3').first().waitFor();
    assert.equal(await page.getByTestId('reconciliation').getByText('Écart').count(), 0);
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'billing-invoice');

    const href = await page.getByTestId('invoice-pdf').getAttribute('href');
    const pdf = await page.request.get(href ?? '');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.ok((await pdf.body()).includes(Buffer.from('factur-x.xml')));

    await page.getByTestId('payment-amount').fill('1010,40');
    await page.getByTestId('payment-add').click();
    await page.getByTestId('invoice-status').getByText('Payée').waitFor();
    await page.getByTestId('invoice-balance').getByText('0,00 €').waitFor();

    await page.getByTestId('credit-reason').fill('Remise commerciale : mois offert');
    await page.getByTestId('credit-note').click();
    await page.getByTestId('invoice-title').getByText(`Avoir F-${year}-00002`).waitFor();
    await page.getByText(`Avoir de la facture F-${year}-00001`).waitFor();
    await page.getByTestId('invoice-gross').getByText('1 010,40 €').waitFor();
    await page.context().close();
  });

  it('shows the practitioner his issued invoice in his portal', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.practitioner.email, world.practitioner.password);
    await page.getByRole('button', { name: 'Mes factures' }).click();
    const rows = page.getByTestId('invoice-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2, 'the invoice and its credit note');
    await page.context().close();
  });
});
