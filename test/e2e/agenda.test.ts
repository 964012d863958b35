/**
 * The agenda screens in a real browser against the real server on the embedded database: practitioners
 * side by side, one practitioner's day and week, keyboard navigation, the practice's clock for an
 * offshore agent, moving and cancelling, a refusal explained in French, and the practitioner's portal.
 * Saves screenshots of the agenda screens to docs/screenshots/.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestClient, type TestServer } from '../support/server.ts';
import { at, upcoming } from '../support/agenda-fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { dayNumberOf, instantToLocal } from '../../src/core/time/local-time.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { NUMBERS, XSS_NAME } from './support/world.ts';
import { createAgendaWorld, type AgendaWorld } from './support/agenda-world.ts';
import { endCall, inWordsFr, nextSlots, openPageIn, phase, ring } from './support/agenda-helpers.ts';

const PARIS = 'Europe/Paris';
const MARTINIQUE = 'America/Martinique';

describe('agenda screens in the browser (pglite)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: AgendaWorld;
  let api: TestClient;
  /** A Tuesday ahead (no public holiday) where the tests place appointments. */
  let day: string;
  let xssPatientId: string;
  let returningAppointmentId: string;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createAgendaWorld(t.db);
    server = await startServer(t.db);
    browser = await launchBrowser();
    api = server.client();
    await api.login(world.agent.email, world.agent.password);
    day = upcoming(PARIS, 2, 2);
    xssPatientId = (await t.db.query<{ id: string }>('select id from patients where birth_name = $1', [XSS_NAME])).rows[0]!.id;
    const book = async (practitionerId: string, patientId: string, motifId: string, start: string) => {
      const r = await api.post<{ id: string }>('/api/appointments', { practitionerId, patientId, motifId, start });
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    };
    returningAppointmentId = await book(world.lefevreId, world.returningPatientId, world.motifs.lefevreConsultation, at(PARIS, day, '09:00'));
    await book(world.nguyenId, xssPatientId, world.motifs.nguyenRehab, at(PARIS, day, '10:00'));
    await book(world.lefevreId, xssPatientId, world.motifs.lefevreFirst, at(PARIS, day, '10:00'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  /** Presses → until the agenda shows `date` (from today, in the practice's zone). */
  async function goTo(page: Page, date: string, zone: string): Promise<void> {
    const today = instantToLocal(zone, Date.now()).date;
    for (let i = 0; i < dayNumberOf(date) - dayNumberOf(today); i++) await page.keyboard.press('ArrowRight');
    await page.locator(`[data-testid="agenda-view"][data-date="${date}"]`).waitFor();
  }

  const block = (page: Page, id: string) => page.locator(`[data-testid="appointment-block"][data-appointment-id="${id}"]`);

  it('shows the practitioners side by side, one practitioner’s day and week, coloured by motif, with free slots, by keyboard', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.lilas, NUMBERS.returningPatient);
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    await page.keyboard.press('a');
    const view = page.getByTestId('agenda-view');
    await view.waitFor();
    await view.getByText('Heures du cabinet (Europe/Paris', { exact: false }).waitFor();
    await goTo(page, day, PARIS);
    assert.equal(await view.getByTestId('agenda-title').textContent(), inWordsFr(at(PARIS, day, '12:00'), PARIS).replace(/ à 12:00$/, ''));
    assert.deepEqual(await view.getByTestId('column-title').allTextContents(), ['Dr Claire Lefèvre', 'Hugo Nguyen']);

    const mine = block(page, returningAppointmentId);
    await mine.waitFor();
    assert.match((await mine.textContent()) ?? '', /^09:00 MOREAU Élise/);
    // Coloured by motif: Dr Lefèvre's consultation is blue (#228be6).
    assert.match(await mine.evaluate((el) => getComputedStyle(el).borderLeftColor), /rgb\(34, 139, 230\)/);
    // A patient's name holding a script shows as typed, in a block that never runs it.
    const xss = view.locator('[data-testid="appointment-block"]').filter({ hasText: '<SCRIPT>' });
    assert.equal(await xss.count(), 2);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

    // Free slots of the motif chosen (1 = Consultation) appear in each practitioner's column; 09:00 is taken.
    await page.keyboard.press('1');
    const lefevre = view.locator(`[data-testid="agenda-column"][data-practitioner-id="${world.lefevreId}"]`);
    await lefevre.locator(`[data-testid="free-slot"][data-start="${at(PARIS, day, '09:20')}"]`).waitFor();
    assert.equal(await lefevre.locator(`[data-testid="free-slot"][data-start="${at(PARIS, day, '09:00')}"]`).count(), 0);
    const nguyen = view.locator(`[data-testid="agenda-column"][data-practitioner-id="${world.nguyenId}"]`);
    await nguyen.locator(`[data-testid="free-slot"][data-start="${at(PARIS, day, '09:00')}"]`).waitFor();
    // The details of an appointment on click.
    await mine.click();
    await page
      .getByTestId('appointment-details')
      .getByText(inWordsFr(at(PARIS, day, '09:00'), PARIS))
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('appointment-details').waitFor({ state: 'hidden' });
    await screenshot(page, 'agenda-side-by-side');

    // P: Dr Lefèvre alone; W: his week; T: back to today.
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="agenda-column"]').length === 1);
    assert.equal(await view.getByTestId('column-title').textContent(), 'Dr Claire Lefèvre');
    await mine.waitFor();
    await screenshot(page, 'agenda-day');
    await page.keyboard.press('w');
    await page.locator('[data-testid="agenda-view"][data-mode="week"]').waitFor();
    assert.equal(await view.getByTestId('agenda-column').count(), 7);
    assert.match((await view.getByTestId('agenda-title').textContent()) ?? '', /^Semaine du lundi \d+ \S+/);
    await mine.waitFor();
    await screenshot(page, 'agenda-week');
    await page.keyboard.press('ArrowRight');
    await mine.waitFor({ state: 'detached' });
    await page.keyboard.press('t');
    await page.keyboard.press('w');
    await page.locator(`[data-testid="agenda-view"][data-mode="day"][data-date="${instantToLocal(PARIS, Date.now()).date}"]`).waitFor();
    // A is the file again.
    await page.keyboard.press('a');
    await page.getByTestId('practice-file').waitFor();
    await endCall(page);
    await page.context().close();
  });

  it('shows the practice’s times to an agent whose browser is in Madagascar', async () => {
    const joseph = upcoming(MARTINIQUE, 3, 2);
    const r = await api.post('/api/appointments', {
      practitionerId: world.josephId,
      patientId: (await t.db.query<{ id: string }>(`select id from patients where practice_id = $1`, [world.martiniqueId])).rows[0]!.id,
      motifId: world.motifs.josephConsultation,
      start: at(MARTINIQUE, joseph, '09:00'),
    });
    assert.equal(r.status, 201, r.text);
    const page = await openPageIn(browser, server.baseUrl, 'Indian/Antananarivo');
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.fortDeFrance, NUMBERS.returningPatient);
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    // The finder speaks Fort-de-France time.
    const first = page.getByTestId('finder-slot').first();
    await first.waitFor();
    const expected = (await nextSlots(api, [world.josephId], [world.motifs.josephConsultation]))[0]!;
    assert.equal(await first.getAttribute('title'), `${inWordsFr(expected.start, MARTINIQUE)} — Dr Claire Joseph`);
    await page.keyboard.press('a');
    await goTo(page, joseph, MARTINIQUE);
    const appointment = page.getByTestId('appointment-block').first();
    // 13:00 UTC: 09:00 in Fort-de-France, 16:00 on the agent's own clock.
    assert.match((await appointment.textContent()) ?? '', /^09:00 AUTRE Cabinet/);
    await page.getByTestId('agenda-zone').getByText('America/Martinique', { exact: false }).waitFor();
    await endCall(page);
    await page.context().close();
  });

  it('moves an appointment with the finder and in the agenda, then cancels it with who asked and why', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.lilas, NUMBERS.returningPatient);
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    const next = page.getByTestId('next-appointment');
    await next.getByText(inWordsFr(at(PARIS, day, '09:00'), PARIS), { exact: false }).waitFor();

    // Move with the finder: motif and practitioner follow the appointment; Enter takes the first slot.
    await next.getByTestId('move-appointment').click();
    await page.getByTestId('moving-banner').getByText('Déplacement du RDV de MOREAU Élise', { exact: false }).waitFor();
    const expected = (await nextSlots(api, [world.lefevreId], [world.motifs.lefevreConsultation]))[0]!;
    await page.locator(`[data-testid="finder-slot"][data-start="${expected.start}"]`).first().waitFor();
    assert.equal(await page.getByTestId('finder-slot').first().getAttribute('data-start'), expected.start);
    await page.keyboard.press('Enter');
    await page
      .getByTestId('booking-banner')
      .getByText(`Rendez-vous déplacé : MOREAU Élise avec Dr Claire Lefèvre, ${inWordsFr(expected.start, PARIS)} (Consultation).`)
      .waitFor();
    const row = async () =>
      (
        await t.db.query<{ start: Date; status: string; history: unknown[]; cancelled_by_kind: string | null; cancel_reason: string | null }>(
          'select lower(during) as start, status, history, cancelled_by_kind, cancel_reason from appointments where id = $1',
          [returningAppointmentId],
        )
      ).rows[0]!;
    assert.equal(new Date((await row()).start).toISOString(), expected.start);
    assert.equal((await row()).history.length, 1, 'the move is kept in the history');

    // Move in the agenda: the appointment's details, Move, then a free slot of the day.
    await page.keyboard.press('a');
    await goTo(page, instantToLocal(PARIS, Date.parse(expected.start)).date, PARIS);
    await block(page, returningAppointmentId).click();
    await page.getByTestId('appointment-details').getByTestId('move-appointment').click();
    await page.getByTestId('moving-banner').waitFor();
    await page.keyboard.press('t');
    await goTo(page, day, PARIS);
    const eleven = page.locator(
      `[data-testid="agenda-column"][data-practitioner-id="${world.lefevreId}"] [data-testid="free-slot"][data-start="${at(PARIS, day, '11:00')}"]`,
    );
    await eleven.click();
    await page
      .getByTestId('booking-banner')
      .getByText(`Rendez-vous déplacé : MOREAU Élise avec Dr Claire Lefèvre, ${inWordsFr(at(PARIS, day, '11:00'), PARIS)}`, { exact: false })
      .waitFor();
    assert.equal(new Date((await row()).start).toISOString(), at(PARIS, day, '11:00'));
    await block(page, returningAppointmentId).waitFor();

    // Cancel from the caller's next appointment: who asked, why, Enter.
    await next.getByText(inWordsFr(at(PARIS, day, '11:00'), PARIS), { exact: false }).waitFor();
    await next.getByTestId('cancel-appointment').click();
    const form = next.getByTestId('cancel-form');
    await form.getByText('Praticien').click();
    await form.locator('input[name="cancelReason"]').fill('Le Dr Lefèvre est appelé en visite');
    await form.locator('input[name="cancelReason"]').press('Enter');
    await page
      .getByTestId('booking-banner')
      .getByText(`Rendez-vous annulé : MOREAU Élise, ${inWordsFr(at(PARIS, day, '11:00'), PARIS)}.`)
      .waitFor();
    const cancelled = await row();
    assert.deepEqual(
      [cancelled.status, cancelled.cancelled_by_kind, cancelled.cancel_reason],
      ['cancelled', 'practitioner', 'Le Dr Lefèvre est appelé en visite'],
    );
    await block(page, returningAppointmentId).waitFor({ state: 'detached' });
    await next.getByText('aucun').waitFor();
    await endCall(page);
    await page.context().close();
  });

  it('a rule broken meanwhile (the practitioner now away) is refused with the reason in French', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.lilas, NUMBERS.returningPatient);
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    await page.keyboard.press('1');
    await page.keyboard.press('a');
    await goTo(page, day, PARIS);
    const slot = page.locator(
      `[data-testid="agenda-column"][data-practitioner-id="${world.lefevreId}"] [data-testid="free-slot"][data-start="${at(PARIS, day, '15:00')}"]`,
    );
    await slot.waitFor();
    await t.db.query(`insert into absences (organisation_id, practitioner_id, during, reason) values ($1, $2, tstzrange($3, $4, '[)'), 'Formation')`, [
      world.organisationId,
      world.lefevreId,
      at(PARIS, day, '14:00'),
      at(PARIS, day, '18:00'),
    ]);
    await slot.click();
    await page.getByTestId('booking-error').getByText('Impossible : le praticien est absent à ce moment.').waitFor();
    await endCall(page);
    await page.context().close();
  });

  it('the practitioner’s portal shows his own agenda, day and week, in his practice’s time', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.practitioner.email, world.practitioner.password);
    const agenda = page.getByTestId('practitioner-agenda');
    await agenda.waitFor();
    await agenda.getByTestId('agenda-zone').getByText('America/Martinique', { exact: false }).waitFor();
    await page.keyboard.press('w');
    await agenda.locator('[data-testid="agenda-view"][data-mode="week"]').waitFor();
    const joseph = upcoming(MARTINIQUE, 3, 2);
    const today = dayNumberOf(instantToLocal(MARTINIQUE, Date.now()).date);
    const monday = today - ((today + 3) % 7);
    for (let w = 0; w < Math.floor((dayNumberOf(joseph) - monday) / 7); w++) await page.keyboard.press('ArrowRight');
    await agenda.locator(`[data-testid="agenda-column"][data-date="${joseph}"] [data-testid="appointment-block"]`).waitFor();
    assert.equal(await agenda.getByTestId('agenda-column').count(), 7);
    assert.equal(await page.getByTestId('practice-file').count(), 1, 'his practice file stays beside the agenda');
    await screenshot(page, 'practitioner-agenda');
    // In English, the same agenda.
    await page.getByTestId('language-switch').getByText('EN').click();
    await agenda.getByTestId('agenda-zone').getByText('Practice time (America/Martinique', { exact: false }).waitFor();
    assert.match((await agenda.getByTestId('agenda-title').textContent()) ?? '', /^Week of Monday \d+ [A-Z][a-z]+/);
    await page.context().close();
  });

  it('no screen raised a script error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
