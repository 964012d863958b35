/**
 * The web app in a real browser (Debian's Chromium) against the real server on the embedded database:
 * sign-in, the agent's console from ring to caller, quick patient creation, the language switch, the XSS
 * case, and the supervisor's views. Saves screenshots of the main screens to docs/screenshots/.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, LONG_NAME, NUMBERS, XSS_NAME, type World } from './support/world.ts';

/** Rings the console with a simulated call, the way an agent would: type the numbers, press Enter. */
async function simulateCall(page: Page, called: string, caller: string): Promise<void> {
  const form = page.getByTestId('simulate-call');
  await form.locator('input[name="calledNumber"]').fill(called);
  await form.locator('input[name="callerNumber"]').fill(caller);
  await form.locator('input[name="callerNumber"]').press('Enter');
  await page.locator('[data-testid="call-panel"][data-phase="ringing"]').waitFor();
}

async function endCall(page: Page): Promise<void> {
  await page.keyboard.press('F4');
  await page.locator('[data-testid="call-panel"][data-phase="wrapUp"]').waitFor();
  await page.keyboard.press('F9');
  await page.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
  await page.getByTestId('dismiss').click();
  await page.locator('[data-testid="call-panel"][data-phase="idle"]').waitFor();
}

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('web app in the browser (pglite)', () => {
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

  /** The switch also stores the language on the account (PATCH /api/me), so server messages follow it. */
  async function accountLocaleBecomes(email: string, locale: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await t.db.query<{ locale: string }>('select locale from users where email = $1', [email]);
      if (rows[0]?.locale === locale) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`the account's language did not become ${locale}`);
  }

  it('an agent signs in and lands on the console; a wrong password is refused with the server message', async () => {
    const page = await openPage(browser, server.baseUrl);
    await page.goto('/');
    await page.locator('input[name="email"]').fill(world.agent.email);
    await page.locator('input[name="password"]').fill('not the password');
    await screenshot(page, 'login');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await page.getByRole('alert').filter({ hasText: 'mot de passe incorrect' }).waitFor();
    await page.locator('input[name="password"]').fill(world.agent.password);
    await page.locator('input[name="password"]').press('Enter');
    await page.getByTestId('console').waitFor();
    assert.equal(new URL(page.url()).pathname, '/console');
    assert.equal(await page.getByTestId('user-name').textContent(), 'Awa Diallo');
    await page.context().close();
  });

  it('a call rings: the practice file opens before answering and the returning patient is recognised by number', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await simulateCall(page, '01 40 00 00 01', '06 12 34 56 78');

    const file = page.getByTestId('practice-file');
    assert.equal(await page.getByTestId('practice-name').textContent(), LONG_NAME);
    await file.getByText('B1234').waitFor();
    await file.getByText('Métro 11 Place des Fêtes').waitFor();
    const mapHref = await file.getByRole('link', { name: /OpenStreetMap/ }).getAttribute('href');
    assert.match(mapHref ?? '', /^https:\/\/www\.openstreetmap\.org\/\?mlat=48\.876800&mlon=2\.392500/);
    await file.getByText(/Lefèvre/).waitFor();
    await file.getByText('Masseur-kinésithérapeute').waitFor();
    await file.getByText('08:00–12:00, 14:00–19:00').first().waitFor();

    const matches = page.getByTestId('caller-matches');
    await matches.getByText('Appelant reconnu (1)').waitFor();
    const rows = matches.getByTestId('patient-row');
    assert.equal(await rows.count(), 1, 'the patient with the same number in another practice is not shown');
    assert.match((await rows.first().textContent()) ?? '', /Moreau Élise/);

    // The long practice name is cut, not wrapped over the layout, and readable in full on hover.
    const title = page.getByTestId('practice-name');
    assert.equal(await title.getAttribute('title'), LONG_NAME);
    const box = await title.boundingBox();
    assert.ok(box && box.height < 50, `the practice name stays on one line (height ${box?.height})`);
    await screenshot(page, 'console-ringing');

    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-panel"][data-phase="answered"]').waitFor();
    await rows.first().click();
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Moreau Élise' }).waitFor();
    await screenshot(page, 'console-answered');
    await endCall(page);
    await page.context().close();
  });

  it('a new patient is created during the call, then a duplicate offers the existing file or another person', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await simulateCall(page, NUMBERS.lilas, '07 81 22 33 44');
    await page.getByTestId('caller-matches').getByText('Numéro inconnu pour ce cabinet').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-panel"][data-phase="answered"]').waitFor();

    await page.keyboard.press('n');
    const form = page.getByTestId('patient-create-form');
    await form.waitFor();
    assert.equal(await form.locator('input[name="mobilePhone"]').inputValue(), '+33781223344', 'the caller number is filled in');
    await form.locator('input[name="birthName"]').fill('Dubois-Lambert');
    await form.locator('input[name="firstGivenName"]').fill('Léa');
    await form.locator('input[name="birthDate"]').fill('31/02/1990');
    await form.getByTestId('create-patient-submit').click();
    await form.getByText('Date invalide (JJ/MM/AAAA)').waitFor();
    await form.locator('input[name="birthDate"]').fill('21/06/1990');
    await screenshot(page, 'console-new-patient');
    await form.getByTestId('create-patient-submit').click();
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Dubois-Lambert Léa' }).waitFor();
    await page.getByTestId('selected-patient').getByText('Identité provisoire').waitFor();
    // The new patient is now recognised by the caller's number.
    await page.getByTestId('caller-matches').getByText('Appelant reconnu (1)').waitFor();

    // The same identity again: the agent is offered the existing file.
    await page.getByTestId('new-patient').click();
    await form.locator('input[name="birthName"]').fill('DUBOIS-LAMBERT');
    await form.locator('input[name="firstGivenName"]').fill('Lea');
    await form.locator('input[name="birthDate"]').fill('21061990');
    await form.getByTestId('create-patient-submit').click();
    await page.getByTestId('duplicate-alert').waitFor();
    await form.getByTestId('different-person').waitFor();
    await form.getByTestId('use-existing').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Dubois-Lambert Léa' }).waitFor();
    const count = await t.db.query<{ n: number }>(`select count(*)::int as n from patients where birth_name ilike 'dubois-lambert'`);
    assert.equal(count.rows[0]?.n, 1, 'using the existing file creates nothing');
    await endCall(page);
    await page.context().close();
  });

  it('patients are found by name, birth date or phone with F2; a name holding a script shows as typed and never runs', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await simulateCall(page, NUMBERS.lilas, NUMBERS.scriptName);
    const matches = page.getByTestId('caller-matches');
    await matches.getByText('Appelant reconnu (1)').waitFor();
    assert.match((await matches.getByTestId('patient-row').first().textContent()) ?? '', /<script>window\.__xss=1<\/script> Script/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-panel"][data-phase="answered"]').waitFor();

    await page.keyboard.press('F2');
    const search = page.getByTestId('patient-search');
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'F2 puts the cursor in the search box');
    await search.fill('moreau 12/03/1985');
    const panel = page.getByTestId('caller-panel');
    await panel.getByTestId('patient-row').filter({ hasText: 'Moreau Élise' }).waitFor();
    await search.fill('script');
    const row = panel.getByTestId('patient-row').filter({ hasText: XSS_NAME }).last();
    await row.click();
    await page.getByTestId('selected-patient-name').filter({ hasText: XSS_NAME }).waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script element was created');
    await endCall(page);
    await page.context().close();
  });

  it('the language switch turns the console to English and back, and is kept on reload', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await page.getByText('Simuler un appel entrant', { exact: true }).first().waitFor();
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByText('Simulate an incoming call', { exact: true }).first().waitFor();
    await page.getByTestId('sign-out').filter({ hasText: 'Sign out' }).waitFor();
    await page.reload();
    await page.getByText('Simulate an incoming call', { exact: true }).first().waitFor();
    await simulateCall(page, NUMBERS.lilas, NUMBERS.returningPatient);
    await page.getByText('Caller recognised (1)').waitFor();
    await page.getByTestId('practice-file').getByText('Physiotherapist').waitFor();
    await screenshot(page, 'console-english');
    await accountLocaleBecomes(world.agent.email, 'en');
    await page.getByTestId('language-switch').getByText('FR').click();
    await page.getByText('Appelant reconnu (1)').waitFor();
    await accountLocaleBecomes(world.agent.email, 'fr');
    await page.context().close();
  });

  it('? lists every keyboard shortcut; a number no practice owns says so', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    for (const text of ['Décrocher l’appel qui sonne', 'Raccrocher', 'Rechercher un patient', 'Créer un patient', 'Afficher cette aide']) {
      await help.getByText(text, { exact: true }).waitFor();
    }
    await screenshot(page, 'shortcut-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await simulateCall(page, '01 99 99 99 99', NUMBERS.unknownCaller);
    await page.getByTestId('practice-error').getByText('Ce numéro n’est attribué à aucun cabinet de votre périmètre.').waitFor();
    // Hung up while ringing: a missed call, no wrap-up.
    await page.keyboard.press('F4');
    await page.getByTestId('call-phase').filter({ hasText: 'Appel manqué' }).waitFor();
    await page.getByTestId('dismiss').click();

    // Choosing a practice fills in its forwarded number.
    const practice = page.getByTestId('simulate-practice');
    await practice.click();
    await practice.fill('Joseph');
    await page.getByRole('option', { name: 'Cabinet du Dr Joseph' }).click();
    const called = page.getByTestId('simulate-call').locator('input[name="calledNumber"]');
    await page.waitForFunction(() => (document.querySelector('input[name="calledNumber"]') as HTMLInputElement | null)?.value === '+596596000001');
    await page.getByTestId('simulate-call').locator('input[name="callerNumber"]').fill('');
    await called.press('Enter');
    await page.locator('[data-testid="call-panel"][data-phase="ringing"]').waitFor();
    assert.equal(await page.getByTestId('practice-name').textContent(), 'Cabinet du Dr Joseph');
    await page.getByTestId('caller-panel').getByText('Numéro masqué').waitFor();
    await page.getByTestId('caller-number').filter({ hasText: 'Numéro masqué' }).waitFor();
    await page.context().close();
  });

  it('a supervisor sees the practices overview with numbers and practitioners, a practice file, and the users', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.supervisor.email, world.supervisor.password);
    await page.getByTestId('practices-overview').waitFor();
    assert.equal(new URL(page.url()).pathname, '/practices');
    const lilas = page.getByTestId('practice-row').filter({ hasText: 'Porte de Montreuil' });
    await lilas.getByText('01 40 00 00 01').waitFor();
    assert.match((await lilas.textContent()) ?? '', /France métropolitaine.*Paris.*01 40 00 00 01\s*2$/);
    const martinique = page.getByTestId('practice-row').filter({ hasText: 'Cabinet du Dr Joseph' });
    await martinique.getByText('Martinique').waitFor();
    await martinique.getByText('0596 00 00 01').waitFor();
    await screenshot(page, 'practices-overview');

    await martinique.getByRole('link').click();
    await page.getByTestId('practice-file').getByText('5 rue Victor Hugo, 97200 Fort-de-France').waitFor();
    await page.getByText('Heures locales (America/Martinique)').waitFor();

    await page.getByRole('button', { name: 'Utilisateurs' }).click();
    const users = page.getByTestId('users-list');
    await users.getByText('Awa Diallo').waitFor();
    await users.getByText('Sophie Bernard').waitFor();
    await screenshot(page, 'users');
    // An agent has no business on the office screens: the app sends him home.
    await page.context().close();
    const agentPage = await openPage(browser, server.baseUrl);
    await signIn(agentPage, world.agent.email, world.agent.password);
    await agentPage.goto('/users');
    await agentPage.getByTestId('console').waitFor();
    assert.equal(new URL(agentPage.url()).pathname, '/console');
    await agentPage.context().close();
  });

  it('a practitioner lands on his practice file; office screens are not his', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.practitioner.email, world.practitioner.password);
    const home = page.getByTestId('practitioner-home');
    await home.waitFor();
    assert.equal(new URL(page.url()).pathname, '/my-practice');
    assert.equal(await home.getByTestId('practice-name').textContent(), 'Cabinet du Dr Joseph');
    assert.equal(await home.getByTestId('practice-file').count(), 1, 'only his own practice');
    await screenshot(page, 'practitioner-home');
    await page.goto('/practices');
    await home.waitFor();
    assert.equal(new URL(page.url()).pathname, '/my-practice');
    await page.context().close();
  });

  it('no screen raised a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(pageErrors, []);
  });
});
