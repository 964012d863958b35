/**
 * The "open doors" screens in a real browser. The practitioner subscribes his calendar: he picks what the
 * calendar shows of the patient, creates his secret address, a calendar client reads it, and once revoked it
 * answers 404. The admin subscribes a receiver to events, sees the signing secret once, a booking reaches the
 * receiver and shows in the delivery log. Saves docs/screenshots/ics-feed.png and webhooks.png when
 * UPDATE_SCREENSHOTS=1.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, type World } from './support/world.ts';
import { createUser } from '../support/fixtures.ts';
import { startReceiver, waitFor, type TestReceiver } from '../support/webhook-receiver.ts';
import { startWebhookWorkers, type WebhookWorkers } from '../../src/interop/webhooks/workers.ts';
import { verifySignature } from '../../src/interop/webhooks/signature.ts';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('open doors screens (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let hooks: WebhookWorkers;
  let receiver: TestReceiver;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    server = await startServer(t.db);
    browser = await launchBrowser();
    receiver = await startReceiver(200);
    hooks = await startWebhookWorkers(t.db, {
      sendEmail: async () => {},
      log: { warn() {}, error() {} },
      tuning: { pollMs: 100, pollingIntervalSeconds: 0.5 },
    });
  });
  after(async () => {
    await hooks?.stop();
    await receiver?.close();
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('creates, shows once and revokes the secret calendar address', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.practitioner.email, world.practitioner.password);
    await page.getByRole('button', { name: 'Abonnement agenda' }).click();
    await page.getByTestId('ics-feed-page').waitFor();
    await page.getByLabel('Nom complet').check();
    await page.getByTestId('ics-create').click();
    const url = await page.getByTestId('ics-url').inputValue();
    assert.match(url, /\/ics\/[A-Za-z0-9_-]{40,}\.ics$/);
    await page.getByTestId('ics-active').waitFor();
    assert.ok(await page.getByLabel('Nom complet').isChecked());
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'ics-feed');

    const read = await fetch(url);
    assert.equal(read.status, 200);
    assert.match(await read.text(), /^BEGIN:VCALENDAR\r\n/);

    await page.getByTestId('ics-revoke').click();
    await page.getByText('Adresse révoquée').waitFor();
    assert.equal((await fetch(url)).status, 404);
    assert.deepEqual(pageErrors, []);
  });

  it('subscribes a receiver to bookings, shows the secret once, and logs the signed delivery', async () => {
    const admin = await createUser(t.db, { organisationId: world.organisationId, role: 'admin' });
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Webhooks' }).click();
    const form = page.getByTestId('webhook-form');
    await form.getByLabel('Adresse du récepteur').fill(receiver.url);
    await form.getByRole('button', { name: 'Créer l’abonnement' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    assert.match(secret, /^whsec_/);
    await page.getByTestId('webhook-subscription').getByText(receiver.url).waitFor();

    // A booking's outbox event (the agenda writes it; the integration tests book through the API) reaches
    // the receiver, signed with the secret shown.
    await t.db.query(
      `insert into domain_events (organisation_id, practice_id, type, payload) values ($1, $2, 'appointment.booked', '{"appointmentId":"a-1"}')`,
      [world.organisationId, world.lilasId],
    );
    const hook = await waitFor('the delivery', async () => receiver.received[0]);
    assert.ok(verifySignature({ secret, header: String(hook.headers['relais-signature']), body: hook.body, nowSeconds: Math.floor(Date.now() / 1000) }));
    await page.getByRole('button', { name: 'Journal des livraisons' }).click();
    await page.getByTestId('webhook-deliveries').getByText('Livré').waitFor();
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'webhooks');
    assert.deepEqual(pageErrors, []);
  });
});
