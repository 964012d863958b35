/**
 * In the browser: the practitioner's inbox (open, acknowledge, answer), the agent's task list (done),
 * and the page a patient's signed link opens without signing in (confirm; a tampered link refused).
 * Saves docs/screenshots/messages-inbox.png and patient-link.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from './support/databases.ts';
import { startServer, type TestClient, type TestServer } from './support/server.ts';
import { createOrganisation, createPatient, createPractice, createPractitioner, createUser } from './support/fixtures.ts';
import { at, createMotif, inDays } from './support/agenda-fixtures.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './e2e/support/browser.ts';
import { ensureWebBuilt } from '../src/web/build.ts';
import { linkSecret } from '../src/core/delivery/link-secret.ts';
import { signLink } from '../src/core/delivery/links.ts';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('messages and patient links in the browser (pglite)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let agent: TestClient;
  let organisationId: string;
  let practiceId: string;
  let practitionerId: string;
  let doctor: { email: string; password: string };
  let agentUser: { email: string; password: string };

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    organisationId = await createOrganisation(t.db);
    practiceId = await createPractice(t.db, organisationId, { name: 'Cabinet du Parc' });
    practitionerId = await createPractitioner(t.db, organisationId, [practiceId], { lastName: 'Martin' });
    doctor = await createUser(t.db, { organisationId, role: 'practitioner', practitionerId });
    agentUser = await createUser(t.db, { organisationId, role: 'agent', practiceIds: [practiceId] });
    server = await startServer(t.db);
    agent = server.client();
    await agent.login(agentUser.email, agentUser.password);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('the practitioner opens an urgent message, acknowledges it and answers; the agent marks the task done', async () => {
    const patientId = await createPatient(t.db, { organisationId, practiceId, birthName: 'Moreau', firstGivenName: 'Alice' });
    const sent = await agent.post<{ id: string }>('/api/messages', {
      practiceId,
      practitionerId,
      type: 'urgent',
      patientId,
      callbackNumber: '06 12 34 56 78',
      body: 'Fièvre à 40 depuis hier soir, souhaite être rappelée.',
    });
    assert.equal(sent.status, 201, sent.text);

    const page = await openPage(browser, server.baseUrl);
    await signIn(page, doctor.email, doctor.password);
    await page.getByRole('button', { name: 'Messages' }).click();
    await page.getByTestId('inbox-row').first().click();
    const detail = page.getByTestId('message-detail');
    await detail.getByText('MOREAU Alice').waitFor();
    await detail.getByText('Rappeler : 06 12 34 56 78').waitFor();
    await page.getByTestId('acknowledge').click();
    await detail.getByText(/^Reçu le /).waitFor();
    await page.locator('textarea[name="answer"]').fill('Rappeler la patiente : RDV demain 9h');
    await page.getByTestId('answer-send').click();
    await page.getByTestId('message-task').getByText('Tâche en cours pour le secrétariat : Rappeler la patiente : RDV demain 9h').waitFor();
    await screenshot(page, 'messages-inbox');

    const m = await agent.get<{ acknowledgedAt: string | null; status: string }>(`/api/messages/${sent.body.id}`);
    assert.ok(m.body.acknowledgedAt);

    const office = await openPage(browser, server.baseUrl);
    await signIn(office, agentUser.email, agentUser.password);
    await office.getByRole('button', { name: 'Tâches' }).click();
    await office.getByTestId('task').getByText('Rappeler la patiente : RDV demain 9h').waitFor();
    await office.getByTestId('task-done').click();
    await office.getByText('Aucune tâche en attente.').waitFor();
    assert.equal((await agent.get<{ status: string }>(`/api/messages/${sent.body.id}`)).body.status, 'processed');
    assert.deepEqual(pageErrors, []);
  });

  it('a patient’s link opens the appointment without signing in; he confirms; a tampered link is refused', async () => {
    const motifId = await createMotif(t.db, { organisationId, practitionerId, durationMinutes: 20 });
    const date = inDays('Europe/Paris', 6);
    const { rows } = await t.db.query<{ id: string }>(
      `insert into opening_ranges (organisation_id, practitioner_id, practice_id, kind, on_date, start_time, end_time)
       values ($1, $2, $3, 'exceptional', $4, '08:00', '18:00') returning id`,
      [organisationId, practitionerId, practiceId, date],
    );
    await t.db.query('insert into opening_range_motifs (range_id, motif_id, practitioner_id) values ($1, $2, $3)', [rows[0]!.id, motifId, practitionerId]);
    await t.db.query(
      `insert into practice_sites (practice_id, label, address_line, postal_code, city, digicode) values ($1, 'Principal', '12 rue des Lilas', '75011', 'Paris', '4512B')`,
      [practiceId],
    );
    const patientId = await createPatient(t.db, { organisationId, practiceId });
    const booked = await agent.post<{ id: string; start: string }>('/api/appointments', {
      practitionerId,
      patientId,
      motifId,
      start: at('Europe/Paris', date, '09:20'),
    });
    assert.equal(booked.status, 201, booked.text);
    const token = signLink(await linkSecret(t.db, undefined), { action: 'appointment', subject: booked.body.id, expiresAt: Date.parse(booked.body.start) });

    const page = await openPage(browser, server.baseUrl);
    await page.goto(`/l/${token}`);
    await page.getByTestId('patient-link').getByText('Votre rendez-vous').waitFor();
    assert.match(await page.getByTestId('link-when').innerText(), /09:20/);
    await page.getByText('12 rue des Lilas, 75011 Paris').waitFor();
    await page.getByTestId('link-confirm').click();
    await page.getByText('Vous avez confirmé votre venue. Merci !').waitFor();
    await screenshot(page, 'patient-link');

    const tampered = token.slice(0, 8) + (token[8] === 'A' ? 'B' : 'A') + token.slice(9);
    await page.goto(`/l/${tampered}`);
    await page.getByTestId('link-error').getByText("Ce lien n'est pas valide.").waitFor();
    assert.deepEqual(
      pageErrors.filter((e) => !/status of 403/.test(e)),
      [],
    );
  });
});
