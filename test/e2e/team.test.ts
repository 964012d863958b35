/**
 * The team screen, in a real browser: an administrator creates a télésecrétaire with her practices (errors
 * shown beside the field at fault), the new user signs in with the password she was given, the admin
 * resets it and then deactivates the account; the internal "Patient (lien sécurisé)" account never shows.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { createUser } from '../support/fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { systemContext } from '../../src/core/delivery/system-actor.ts';
import { launchBrowser, openPage, pageErrors, signIn } from './support/browser.ts';
import { documentScreen } from './support/screens.ts';
import { createWorld, type World } from './support/world.ts';

async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click({ force: true });
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

describe('team screen (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let admin: { email: string; password: string };

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    admin = await createUser(t.db, { organisationId: world.organisationId, role: 'admin', email: 'admin@e2e.relais.fr' });
    await systemContext(t.db, { organisationId: world.organisationId, practiceId: world.lilasId, requestId: 'e2e' });
    server = await startServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('creates a télésecrétaire for a practice, who then signs in; resets her password; deactivates her', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Utilisateurs' }).click();
    const list = page.getByTestId('users-list');
    await list.getByText('Awa Diallo').waitFor();
    assert.equal(await list.getByText('Patient (lien sécurisé)').count(), 0, 'internal account hidden');
    await documentScreen(page, 'team');

    await page.getByTestId('user-new').click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.locator('input[name="displayName"]').fill('Fanja Rakoto');
    // An email already taken: the server's message shows beside the email field, nothing is created.
    await drawer.locator('input[name="email"]').fill(world.agent.email);
    await pick(page, 'user-practices', 'Cabinet du Dr Joseph');
    await drawer.getByTestId('user-save').click();
    await drawer.getByText('Cette adresse e-mail est déjà utilisée.').waitFor();
    assert.equal(await drawer.locator('input[name="email"]').getAttribute('aria-invalid'), 'true');

    await drawer.locator('input[name="email"]').fill('fanja.rakoto@e2e.relais.fr');
    await pick(page, 'user-dedicated', 'Cabinet du Dr Joseph');
    const password = await drawer.locator('input[name="password"]').inputValue();
    assert.ok(password.length >= 12);
    await documentScreen(page, 'team-user-form');
    await drawer.getByTestId('user-save').click();
    const row = list.locator('[data-testid="user-row"][data-email="fanja.rakoto@e2e.relais.fr"]');
    await row.getByText('Cabinet du Dr Joseph (dédiée)').waitFor();
    await row.getByText('Télésecrétaire').waitFor();

    // She signs in with the password she was given and lands on the console.
    const hers = await openPage(browser, server.baseUrl);
    await signIn(hers, 'fanja.rakoto@e2e.relais.fr', password);
    await hers.getByTestId('console').waitFor();

    // Reset: a new password is shown once, and her open session ends.
    await row.getByTestId('user-open').click();
    await drawer.getByTestId('user-reset-password').click();
    const shown = (await drawer.getByTestId('user-new-password').locator('code').textContent()) ?? '';
    assert.ok(shown.length >= 12 && shown !== password);
    const old = server.client();
    assert.equal((await old.post('/api/session', { email: 'fanja.rakoto@e2e.relais.fr', password })).status, 401);
    await old.login('fanja.rakoto@e2e.relais.fr', shown);
    await hers.reload();
    await hers.locator('input[name="email"]').waitFor();

    // Deactivated: gone from the list (shown on demand), and she can no longer sign in.
    await drawer.getByTestId('user-toggle-active').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('team-show-inactive').click();
    await row.getByText('désactivé').waitFor();
    assert.equal((await server.client().post('/api/session', { email: 'fanja.rakoto@e2e.relais.fr', password: shown })).status, 401);
    const { rows } = await t.db.query<{ role: string; active: boolean; dedicated: boolean }>(
      `select u.role, u.active, up.dedicated from users u join user_practices up on up.user_id = u.id where u.email = $1`,
      ['fanja.rakoto@e2e.relais.fr'],
    );
    assert.deepEqual(rows, [{ role: 'agent', active: false, dedicated: true }]);
    await page.context().close();
    await hers.context().close();
  });

  it('shows the team to a supervisor without the means to change it', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.supervisor.email, world.supervisor.password);
    await page.getByRole('button', { name: 'Utilisateurs' }).click();
    await page.getByTestId('users-list').getByText('Awa Diallo').waitFor();
    assert.equal(await page.getByTestId('user-new').count(), 0);
    assert.equal(await page.getByTestId('user-open').count(), 0);
    await page.context().close();
    assert.deepEqual(pageErrors, []);
  });
});
