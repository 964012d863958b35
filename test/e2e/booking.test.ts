/**
 * Booking from the console in a real browser, against the real server on the embedded database: a full
 * real call (the carrier's signed webhooks, played by a fake Twilio) where a returning patient books the
 * next available consultation and the outcome is logged — user actions counted and time measured from
 * ring to outcome; a new patient created then booked; a slot taken by someone else between display and
 * key press, shown as such, and the next one booked instead. Saves the finder and conflict screenshots.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestClient, type TestServer } from '../support/server.ts';
import { createPatient } from '../support/fixtures.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { FakeClock } from '../../src/core/time/clock.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { callsHandle } from '../../src/calls/module.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { NUMBERS } from './support/world.ts';
import { createAgendaWorld, type AgendaWorld } from './support/agenda-world.ts';
import { endCall, inWordsFr, nextSlots, phase, ring } from './support/agenda-helpers.ts';
import { UserActions } from './support/actions.ts';

const PARIS = 'Europe/Paris';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('booking from the console in the browser (pglite)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: AgendaWorld;
  let api: TestClient;
  let fake: FakeTwilio;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createAgendaWorld(t.db);
    // The agent is the Lilas practice's dedicated secretary: its real calls ring at her first.
    await t.db.query(`update user_practices set dedicated = true where practice_id = $1 and user_id = (select id from users where email = $2)`, [
      world.lilasId,
      world.agent.email,
    ]);
    fake = new FakeTwilio();
    server = await startServer(t.db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
    fake.baseUrl = server.baseUrl;
    // The telephony's clock: a Monday at 10:00 in Paris, the line open; it stands still (no wrap-up timeout).
    // The agenda keeps the real clock: the slots offered are the real next ones.
    callsHandle(server.app.server).runtime.clock = new FakeClock(Date.parse('2026-03-02T10:00:00+01:00'));
    browser = await launchBrowser();
    api = server.client();
    await api.login(world.agent.email, world.agent.password);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const consultation = () => ({ ids: [world.lefevreId, world.nguyenId], motifs: [world.motifs.lefevreConsultation, world.motifs.nguyenConsultation] });

  async function appointmentsOf(patientId: string) {
    const { rows } = await t.db.query<{ practitioner_id: string; motif_id: string; start: Date; status: string; channel: string; booked_by: string }>(
      `select practitioner_id, motif_id, lower(during) as start, status, channel, booked_by from appointments where patient_id = $1 order by lower(during)`,
      [patientId],
    );
    return rows.map((r) => ({ ...r, start: new Date(r.start).toISOString() }));
  }

  it('a full call: a returning patient books the next available consultation and the outcome is logged, in at most 6 actions', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    // Before the call: the agent takes calls (her state, not part of handling a call).
    await page.getByTestId('live-indicator').filter({ hasText: 'Appels en direct' }).waitFor();
    await page.getByTestId('agent-status-select').click();
    await page.getByRole('option', { name: 'Disponible' }).click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="agent-status-select"]') as HTMLInputElement | null)?.value === 'Disponible');
    const user = new UserActions(page);

    const { callSid } = await fake.incoming({ to: NUMBERS.lilas, from: NUMBERS.returningPatient });
    await phase(page, 'ringing');
    const ringAt = performance.now();
    // The practice file is open and the caller recognised (and selected: one patient has this number) before answering.
    await page.getByTestId('practice-file').getByText('B1234').waitFor();
    await page.getByTestId('caller-matches').getByText('Appelant reconnu (1)').waitFor();
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Moreau Élise' }).waitFor();
    await page.getByTestId('last-appointment').getByText('aucun').waitFor();

    await user.press('Enter'); // answer
    await phase(page, 'answered');
    await user.press('1'); // motif n° 1: "Consultation" (Dr Lefèvre 20 min, M. Nguyen 30 min)
    const first = page.getByTestId('finder-slot').first();
    await first.waitFor();
    await page.getByTestId('finder-hint').getByText('pour réserver le 1er créneau pour Moreau Élise').waitFor();
    const expected = (await nextSlots(api, consultation().ids, consultation().motifs))[0]!;
    assert.equal(await first.getAttribute('data-start'), expected.start, 'the finder offers the server’s next free slot first');
    assert.equal(await first.getAttribute('data-practitioner-id'), expected.practitionerId);
    const who = expected.practitionerId === world.lefevreId ? 'Dr Claire Lefèvre' : 'Hugo Nguyen';
    const when = inWordsFr(expected.start, PARIS);
    assert.equal(await first.getAttribute('title'), `${when} — ${who}`, 'the slot in words on hover');
    assert.match((await first.textContent()) ?? '', new RegExp(`^\\S+ \\d+ \\S+ ${when.slice(-5)} — ${who}Entrée$`), 'in short, with the Enter key');
    await screenshot(page, 'agenda-finder');

    await user.press('Enter'); // book the first answer
    const banner = page.getByTestId('booking-banner');
    await banner.waitFor();
    assert.equal(await banner.textContent(), `Rendez-vous pris : Moreau Élise avec ${who}, ${when} (Consultation).`);
    const booked = await appointmentsOf(world.returningPatientId);
    assert.equal(booked.length, 1);
    assert.deepEqual(
      { practitioner: booked[0]!.practitioner_id, motif: booked[0]!.motif_id, start: booked[0]!.start, status: booked[0]!.status, channel: booked[0]!.channel },
      { practitioner: expected.practitionerId, motif: expected.motifId, start: expected.start, status: 'booked', channel: 'phone' },
    );
    // The caller panel shows it as the patient's next appointment.
    await page.getByTestId('next-appointment').getByText(when, { exact: false }).waitFor();
    // A second Enter does not book a second appointment.
    await page.keyboard.press('Enter');
    assert.equal((await appointmentsOf(world.returningPatientId)).length, 1, 'one Enter books once');

    await user.press('F4'); // hang up → wrap-up, where the outcome proposed is what the agenda did
    await phase(page, 'wrapUp');
    const outcome = page.getByTestId('wrap-up-outcome');
    await outcome.getByTestId('outcome-links').filter({ hasText: 'patient, rendez-vous' }).waitFor();
    await user.press('1'); // outcome n° 1: appointment booked
    await outcome.getByRole('status').filter({ hasText: 'Rendez-vous pris' }).waitFor();
    const seconds = (performance.now() - ringAt) / 1000;
    console.log(`[measure] returning patient booking: ${user.count} actions (${user.log.join(', ')}), ${seconds.toFixed(1)} s from ring to outcome`);
    assert.ok(user.count <= 6, `at most 6 user actions from ring to outcome, got ${user.count}: ${user.log.join(', ')}`);

    const { rows } = await t.db.query<{ outcome: string; appointment_id: string; patient_id: string }>(
      'select outcome, appointment_id, patient_id from calls where provider_call_id = $1',
      [callSid],
    );
    const { rows: appts } = await t.db.query<{ id: string }>('select id from appointments where patient_id = $1', [world.returningPatientId]);
    assert.deepEqual(
      rows[0],
      { outcome: 'booked', appointment_id: appts[0]!.id, patient_id: world.returningPatientId },
      'the call log holds the outcome, the patient and the appointment',
    );
    await page.keyboard.press('F9');
    await phase(page, 'ended');
    await page.getByTestId('dismiss').click();
    await page.context().close();
  });

  it('a new patient is created during the call, then booked for a first consultation', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.lilas, '07 81 22 33 45');
    await page.getByTestId('caller-matches').getByText('Numéro inconnu pour ce cabinet').waitFor();
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    // No patient yet: the finder shows slots but asks for the patient before booking.
    await page.keyboard.press('2');
    await page.getByTestId('finder-slot').first().waitFor();
    await page.getByTestId('finder-hint').getByText('Sélectionnez d’abord le patient pour réserver.').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('booking-banner').count(), 0, 'nothing is booked without a patient');

    await page.keyboard.press('n');
    const form = page.getByTestId('patient-create-form');
    await form.locator('input[name="birthName"]').fill('Benali');
    await form.locator('input[name="firstGivenName"]').fill('Yasmine');
    await form.locator('input[name="birthDate"]').fill('03/09/1992');
    await form.locator('input[name="birthDate"]').press('Enter');
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Benali Yasmine' }).waitFor();
    const patientId = (await t.db.query<{ id: string }>(`select id from patients where birth_name = 'Benali'`)).rows[0]!.id;

    // She can only come on Friday afternoons.
    await page.getByTestId('finder-part-of-day').getByText('Après-midi').click();
    await page.getByTestId('finder-weekday').filter({ hasText: 'Ve' }).click();
    const answers = await nextSlots(api, [world.lefevreId], [world.motifs.lefevreFirst], '&partOfDay=afternoon&weekdays=5');
    const expected = answers[0]!;
    assert.ok(answers.every((s) => new Date(s.start).getUTCDay() === 5 && Number(inWordsFr(s.start, PARIS).slice(-5, -3)) >= 12));
    await page.locator(`[data-testid="finder-slot"][data-start="${expected.start}"]`).first().waitFor();
    assert.deepEqual(
      await page.getByTestId('finder-slot').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-start'))),
      answers.map((s) => s.start),
      'only Dr Lefèvre offers a first consultation: his Friday afternoon slots',
    );
    await page.keyboard.press('Enter');
    await page
      .getByTestId('booking-banner')
      .getByText(`Rendez-vous pris : Benali Yasmine avec Dr Claire Lefèvre, ${inWordsFr(expected.start, PARIS)} (Première consultation).`)
      .waitFor();
    const booked = await appointmentsOf(patientId);
    assert.deepEqual(
      booked.map((b) => [b.practitioner_id, b.motif_id, b.start]),
      [[world.lefevreId, world.motifs.lefevreFirst, expected.start]],
    );
    await endCall(page);
    await page.context().close();
  });

  it('a slot taken between display and key press: the console says so, offers the next slots, and books the first with Enter', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await ring(page, NUMBERS.lilas, NUMBERS.returningPatient);
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Moreau Élise' }).waitFor();
    await page.keyboard.press('Enter');
    await phase(page, 'answered');
    await page.keyboard.press('1');
    const first = page.getByTestId('finder-slot').first();
    await first.waitFor();
    const shown = { start: (await first.getAttribute('data-start'))!, practitionerId: (await first.getAttribute('data-practitioner-id'))! };
    const motifId = shown.practitionerId === world.lefevreId ? world.motifs.lefevreConsultation : world.motifs.nguyenConsultation;

    // Another secretary books that very slot for another patient meanwhile.
    const other = await createPatient(t.db, { organisationId: world.organisationId, practiceId: world.lilasId, birthName: 'Rapide', firstGivenName: 'Paul' });
    const taken = await api.post('/api/appointments', { practitionerId: shown.practitionerId, patientId: other, motifId, start: shown.start });
    assert.equal(taken.status, 201);

    await page.keyboard.press('Enter');
    const conflict = page.getByTestId('conflict-banner');
    await conflict.getByText('Ce créneau vient d’être pris').waitFor();
    const offered = conflict.getByTestId('conflict-slot');
    await offered.first().waitFor();
    const next = { start: (await offered.first().getAttribute('data-start'))!, practitionerId: (await offered.first().getAttribute('data-practitioner-id'))! };
    assert.ok(next.start > shown.start, 'the next slot offered comes after the taken one');
    assert.equal(next.practitionerId, shown.practitionerId, 'with the same practitioner');
    assert.equal((await appointmentsOf(world.returningPatientId)).filter((a) => a.start === shown.start).length, 0);
    await screenshot(page, 'agenda-conflict');

    await page.keyboard.press('Enter');
    await page.getByTestId('booking-banner').getByText(`Rendez-vous pris : Moreau Élise`, { exact: false }).waitFor();
    assert.match((await page.getByTestId('booking-banner').textContent()) ?? '', new RegExp(inWordsFr(next.start, PARIS)));
    const mine = await appointmentsOf(world.returningPatientId);
    assert.ok(
      mine.some((a) => a.start === next.start && a.practitioner_id === next.practitionerId && a.status === 'booked'),
      'the next slot is booked for the caller',
    );
    await endCall(page);
    await page.context().close();
  });

  it('no screen raised a script error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
