/**
 * The practitioner subscribes his calendar in a real browser: he picks what the calendar shows of the
 * patient, creates his secret address, a calendar client reads it, and once revoked it answers 404.
 * Saves docs/screenshots/ics-feed.png when UPDATE_SCREENSHOTS=1.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, type World } from './support/world.ts';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('ICS feed screen (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    server = await startServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
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
});
