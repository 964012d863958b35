/**
 * Onboarding in a real browser, through the web app only: an administrator creates a new client practice
 * from an empty form (a wrong SIREN and postal code are refused beside their fields, nothing saved), adds a
 * practitioner (a wrong RPPS refused), his motif and weekly ranges, assigns a dedicated agent, writes the
 * consignes while the checklist empties, and imports the practice's patients (Windows-1252 CSV, dry run
 * first); then that agent rings the new number in her console, answers, creates the caller as a patient and
 * books the first appointment.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { createUser, randomRpps } from '../support/fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, pageErrors, signIn } from './support/browser.ts';
import { documentScreen } from './support/screens.ts';
import { phase, ring } from './support/agenda-helpers.ts';
import { createWorld, type World } from './support/world.ts';

describe('onboarding a new client practice (pglite, browser)', () => {
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
    server = await startServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('goes from an empty form to the first call answered and the first appointment booked', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    const identity = page.getByTestId('onboarding-identity');
    const fill = (name: string, value: string) => identity.locator(`input[name="${name}"]`).fill(value);
    await fill('name', 'Cabinet des Tilleuls');
    await fill('legalName', 'SCM des Tilleuls');
    await fill('siren', '732 829 321');
    await fill('number', '04 72 00 00 99');
    await fill('addressLine', '3 place des Tilleuls');
    await fill('postalCode', '6900');
    await fill('city', 'Lyon');
    await fill('digicode', '4521A');
    await fill('transport', 'Métro D Sans Souci');
    await fill('latitude', '45.7485');
    await fill('longitude', '4.8467');
    await page.getByTestId('onboarding-create').click();
    await page.getByTestId('onboarding-errors').waitFor();
    await identity.getByText('SIREN invalide', { exact: false }).waitFor();
    assert.equal(await identity.locator('input[name="siren"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await identity.locator('input[name="postalCode"]').getAttribute('aria-invalid'), 'true');
    assert.equal((await t.db.query(`select 1 from practices where name = 'Cabinet des Tilleuls'`)).rows.length, 0, 'nothing half-saved');

    await fill('siren', '732 829 320');
    await fill('postalCode', '69003');
    await page.getByTestId('onboarding-create').click();
    await page.getByTestId('onboarding-practice').getByText('Cabinet des Tilleuls').waitFor();
    const practiceId = new URL(page.url()).pathname.split('/')[2]!;
    const checklist = page.getByTestId('checklist');
    assert.equal(await checklist.getAttribute('data-missing'), '5');

    const add = page.getByTestId('add-practitioner');
    await add.locator('input[name="firstName"]').fill('Inès');
    await add.locator('input[name="lastName"]').fill('Garnier');
    await add.locator('input[name="rpps"]').fill('12345678901');
    await page.getByTestId('add-practitioner-submit').click();
    await add.getByText('RPPS invalide', { exact: false }).waitFor();
    await add.locator('input[name="rpps"]').fill(randomRpps());
    await page.getByTestId('add-practitioner-submit').click();
    const garnier = page.locator('[data-testid="practitioner-setup"][data-name="Garnier"]');
    await garnier.waitFor();
    await garnier.locator('input[name="motifLabel"]').fill('Consultation');
    await garnier.getByTestId('add-motif').click();
    await garnier.getByText('Consultation · 20 min').waitFor();
    await garnier.getByTestId('add-ranges').click();
    await garnier.getByTestId('ranges').getByText('ven. 09:00–12:00').waitFor();

    const agents = page.getByTestId('onboarding-agents');
    await page.getByTestId('agent-select').click();
    await page.getByRole('option', { name: 'Awa Diallo' }).click();
    await page.getByTestId('assign-agent').click();
    await agents.getByTestId('assigned-agent').getByText('Awa Diallo (dédiée)').waitFor();

    const consignes = page.getByTestId('consignes-editor');
    await consignes.locator('textarea[name="section-emergencies"]').fill('Douleur thoracique : le 15.');
    await page.getByTestId('consignes-save').click();
    await page.getByTestId('consignes-saved').waitFor();
    await page.locator('[data-testid="checklist"][data-missing="0"]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await documentScreen(page, 'onboarding');

    // The practice's patients from its former software: a Windows-1252 export, dry run first.
    const csv = Buffer.from(
      [
        ...'Nom;Prénom;Date de naissance;Sexe;Portable\r\nRoux-Bérenger;Cécile;12/03/1985;Mme;06 11 22 33 44\r\nGarçon;Noël;01/01/1960;M;\r\nGARÇON;Noël;1-1-1960;M;\r\n',
      ].map((c) => ({ é: 0xe9, ç: 0xe7, Ç: 0xc7, ë: 0xeb })[c] ?? c.charCodeAt(0)),
    );
    const importer = page.getByTestId('patient-import');
    await importer.locator('input[type="file"]').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: csv });
    await importer.getByTestId('import-created').getByText('2 à créer').waitFor();
    await importer.getByTestId('import-duplicates').getByText('1 doublons ignorés').waitFor();
    await importer.getByText('même patient que la ligne 3').waitFor();
    assert.equal((await t.db.query(`select 1 from patients where practice_id = $1`, [practiceId])).rows.length, 0, 'a dry run writes nothing');
    await documentScreen(page, 'onboarding-import');
    await page.getByTestId('import-commit').click();
    await importer.getByTestId('import-created').getByText('2 créés').waitFor();
    const imported = await t.db.query<{ birth_name: string }>(`select birth_name from patients where practice_id = $1 order by birth_name`, [practiceId]);
    assert.deepEqual(
      imported.rows.map((r) => r.birth_name),
      ['Garçon', 'Roux-Bérenger'],
    );
    await page.context().close();

    // The dedicated agent takes the new line's first call and books its first appointment.
    const console = await openPage(browser, server.baseUrl);
    await signIn(console, world.agent.email, world.agent.password);
    await ring(console, '04 72 00 00 99', '06 12 00 00 01');
    await console.getByTestId('practice-name').getByText('Cabinet des Tilleuls').waitFor();
    await console.keyboard.press('Enter');
    await phase(console, 'answered');
    await console.keyboard.press('n');
    const form = console.getByTestId('patient-create-form');
    await form.locator('input[name="birthName"]').fill('Roux');
    await form.locator('input[name="firstGivenName"]').fill('Léa');
    await form.locator('input[name="birthDate"]').fill('12/04/1990');
    await form.locator('input[name="birthDate"]').press('Enter');
    await console.getByTestId('selected-patient-name').filter({ hasText: 'Roux Léa' }).waitFor();
    await console.keyboard.press('1');
    await console.getByTestId('finder-slot').first().waitFor();
    await console.keyboard.press('Enter');
    await console.getByTestId('booking-banner').getByText('Rendez-vous pris : Roux Léa avec', { exact: false }).waitFor();
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from appointments a join patients p on p.id = a.patient_id where a.practice_id = $1 and p.birth_name = 'Roux' and a.status = 'booked'`,
      [practiceId],
    );
    assert.deepEqual(rows, [{ n: 1 }]);
    await console.context().close();
    assert.deepEqual(pageErrors, []);
  });
});
