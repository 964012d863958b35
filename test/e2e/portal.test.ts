/**
 * The practitioner's own space, in a real browser, with the notification workers running: he enters an
 * absence, sees the appointments it covers, cancels them and watches the patients' notices go out (SMS
 * and e-mail reach the fake providers); he marks a past appointment as a no-show and sees the count per
 * patient; he edits his consignes (a new version agents read); he sets his message channels; he reads his
 * monthly activity report.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startNotifyStack, type NotifyStack } from '../support/notify-stack.ts';
import type { TestClient } from '../support/server.ts';
import { createPatient } from '../support/fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { addDays } from '../../web/src/agenda/time.ts';
import { instantToLocal } from '../../src/core/time/local-time.ts';
import type { SlotDto } from '../../src/agenda/schemas.ts';
import type { ConsignesView } from '../../src/consignes/schemas.ts';
import { inDays } from '../support/agenda-fixtures.ts';
import { launchBrowser, openPage, pageErrors, signIn } from './support/browser.ts';
import { documentScreen } from './support/screens.ts';
import { createAgendaWorld, type AgendaWorld } from './support/agenda-world.ts';

const ZONE = 'America/Martinique';
const ALICE_MOBILE = '+596696112233';
const BRUNO_EMAIL = 'bruno.celestine@example.fr';

describe('practitioner self-service (pglite, browser)', () => {
  let stack: NotifyStack;
  let browser: Browser;
  let world: AgendaWorld;
  let agent: TestClient;
  let page: Page;
  let slotDate: string;
  let alice: string;

  before(async () => {
    await ensureWebBuilt();
    stack = await startNotifyStack('pglite', { smtpFrom: 'Relais <rdv@relais.test>', smsFrom: 'CABINET' });
    world = await createAgendaWorld(stack.t.db);
    const { organisationId, martiniqueId: practiceId } = world;
    alice = await createPatient(stack.t.db, { organisationId, practiceId, birthName: 'Lubin', firstGivenName: 'Alice', mobilePhone: ALICE_MOBILE });
    const bruno = await createPatient(stack.t.db, { organisationId, practiceId, birthName: 'Célestine', firstGivenName: 'Bruno', email: BRUNO_EMAIL });
    agent = stack.server.client();
    await agent.login(world.agent.email, world.agent.password);
    // Two appointments on the first open day at least two days ahead.
    const from = inDays(ZONE, 2);
    const slots = await agent.get<SlotDto[]>(
      `/api/practitioners/${world.josephId}/slots?motifId=${world.motifs.josephConsultation}&from=${from}&to=${addDays(from, 14)}`,
    );
    assert.equal(slots.status, 200, slots.text);
    const [first, second] = slots.body;
    assert.ok(first && second);
    slotDate = instantToLocal(ZONE, Date.parse(first.start)).date;
    assert.equal(instantToLocal(ZONE, Date.parse(second.start)).date, slotDate);
    for (const [patientId, slot] of [
      [alice, first],
      [bruno, second],
    ] as const) {
      const r = await agent.post('/api/appointments', {
        practitionerId: world.josephId,
        patientId,
        motifId: world.motifs.josephConsultation,
        start: slot.start,
        channel: 'phone',
      });
      assert.equal(r.status, 201, r.text);
    }
    // A past appointment still open, for the no-show.
    await stack.t.db.query(
      `insert into appointments (organisation_id, practice_id, practitioner_id, patient_id, motif_id, during, channel, booked_by)
       select $1, $2, $3, $4, $5, tstzrange(now() - interval '26 hours', now() - interval '25 hours 40 minutes'), 'phone', null`,
      [organisationId, practiceId, world.josephId, alice, world.motifs.josephConsultation],
    );
    browser = await launchBrowser();
    page = await openPage(browser, stack.server.baseUrl);
    await signIn(page, world.practitioner.email, world.practitioner.password);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('enters an absence, sees the appointments it covers, cancels them and sees the patients notified', async () => {
    await page.getByRole('button', { name: 'Mon espace' }).click();
    const absences = page.getByTestId('absences');
    await absences.locator('input[name="startDate"]').fill(slotDate);
    await absences.locator('input[name="startTime"]').fill('00:00');
    await absences.locator('input[name="endDate"]').fill(addDays(slotDate, 1));
    await absences.locator('input[name="endTime"]').fill('00:00');
    await absences.locator('input[name="reason"]').fill('Congrès de cardiologie');
    await page.getByTestId('absence-check').click();
    const impacted = page.getByTestId('absence-impacted');
    await impacted.getByText('LUBIN Alice').waitFor();
    await impacted.getByText('CÉLESTINE Bruno').waitFor();
    assert.equal(await impacted.getByTestId('appointment-row').count(), 2);
    await absences.locator('textarea[name="cancelReason"]').fill('Le docteur est absent ce jour-là ; merci de reprendre rendez-vous.');
    await page.getByTestId('absence-save').click();

    const result = page.getByTestId('absence-result');
    await result.locator('[data-testid="appointment-row"][data-status="cancelled"]').nth(1).waitFor();
    // Each patient's notice goes out through his channel, and the screen follows it.
    for (const name of ['LUBIN Alice', 'CÉLESTINE Bruno']) {
      const row = result.getByTestId('appointment-row').filter({ hasText: name });
      await row.locator('[data-testid="notice"][data-status="sent"], [data-testid="notice"][data-status="delivered"]').waitFor({ timeout: 30_000 });
    }
    await result.getByText('SMS · ').waitFor();
    await result.getByText('E-mail · ').waitFor();
    await documentScreen(page, 'portal-absence');
    assert.ok(
      stack.twilio.to(ALICE_MOBILE).some((m) => /annul/i.test(m.body)),
      'Alice got the cancellation SMS',
    );
    assert.ok(
      stack.smtp.received.some((m) => m.to.includes(BRUNO_EMAIL)),
      'Bruno got an e-mail',
    );
    const { rows } = await stack.t.db.query<{ status: string; cancelled_by_kind: string }>(
      `select status, cancelled_by_kind from appointments where practitioner_id = $1 and lower(during) > now() order by lower(during)`,
      [world.josephId],
    );
    assert.deepEqual(rows, [
      { status: 'cancelled', cancelled_by_kind: 'practitioner' },
      { status: 'cancelled', cancelled_by_kind: 'practitioner' },
    ]);
    await page.getByTestId('absence-list').getByText('Congrès de cardiologie').waitFor();
  });

  it('marks a past appointment as a no-show and counts the no-shows per patient', async () => {
    await page.getByTestId('portal-tab-presence').click();
    const list = page.getByTestId('outcome-list');
    const row = list.locator('[data-testid="appointment-row"][data-status="booked"]').filter({ hasText: 'LUBIN Alice' });
    await row.getByTestId('mark-no-show').click();
    await list.locator('[data-testid="appointment-row"][data-status="no_show"]').filter({ hasText: 'LUBIN Alice' }).waitFor();
    const counts = page.getByTestId('no-show-counts').getByTestId('no-show-row').filter({ hasText: 'LUBIN Alice' });
    assert.match((await counts.textContent()) ?? '', /LUBIN Alice\s*1\s*0/);
    await documentScreen(page, 'portal-presence');
    const { rows } = await stack.t.db.query<{ no_show_excused: boolean }>(
      `select no_show_excused from appointments where patient_id = $1 and status = 'no_show'`,
      [alice],
    );
    assert.deepEqual(rows, [{ no_show_excused: false }]);
  });

  it('saves a new version of his consignes, which agents then read', async () => {
    await page.goto('/portal/consignes');
    const editor = page.getByTestId('consignes-editor');
    await editor.locator('textarea[name="section-emergencies"]').fill('Douleur thoracique : appeler le 15.');
    await editor.locator('textarea[name="section-appointments"]').fill('Pas de rendez-vous le mercredi.');
    await editor.locator('input[name="summary"]').fill('Plus de rendez-vous le mercredi');
    await page.getByTestId('consignes-save').click();
    await page.getByTestId('consignes-saved').getByText('Version 1 enregistrée', { exact: false }).waitFor();
    await documentScreen(page, 'portal-consignes');
    const view = await agent.get<ConsignesView>(`/api/practices/${world.martiniqueId}/consignes`);
    const set = view.body.items.find((i) => i.practitionerId === null);
    assert.equal(set?.version, 1);
    assert.equal(set?.summary, 'Plus de rendez-vous le mercredi');
    assert.deepEqual(
      set?.sections.map((s) => s.kind),
      ['emergencies', 'appointments'],
    );
    assert.equal(set?.unread, true, 'the agent has a change to read');
  });

  it('chooses to receive messages by SMS too; a missing mobile is shown beside its field', async () => {
    await page.goto('/portal/channels');
    const channels = page.getByTestId('channels');
    await page.getByTestId('channel-sms').check();
    await page.getByTestId('channels-save').click();
    await channels.getByText('Un numéro de mobile est requis pour les SMS', { exact: false }).waitFor();
    await channels.locator('input[name="mobilePhone"]').fill('0696 44 55 66');
    await page.getByTestId('channels-save').click();
    await channels.getByText('Préférences enregistrées.').waitFor();
    const { rows } = await stack.t.db.query<{ sms: boolean; mobile_phone: string }>(
      'select sms, mobile_phone from practitioner_message_prefs where practitioner_id = $1',
      [world.josephId],
    );
    assert.deepEqual(rows, [{ sms: true, mobile_phone: '+596696445566' }]);
  });

  it('reads this month’s activity report: appointments by whom, cancellations by whom, no-shows', async () => {
    await page.getByTestId('portal-tab-report').click();
    const figure = (card: string, label: string) =>
      page
        .getByTestId(card)
        .getByTestId('figure')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('td')
        .nth(1);
    await figure('report-appointments', 'Annulés').getByText('2', { exact: true }).waitFor();
    assert.equal(await figure('report-appointments', 'Pris').textContent(), '3');
    assert.equal(await figure('report-appointments', '… par le secrétariat').first().textContent(), '3');
    assert.equal(await figure('report-appointments', '… par le praticien').textContent(), '2');
    // The no-show was held 26 hours ago: in this month's figures unless the month has just begun.
    const month = (instant: number) => instantToLocal(ZONE, instant).date.slice(0, 7);
    const noShows = month(Date.now() - 26 * 3_600_000) === month(Date.now()) ? 1 : 0;
    assert.equal(await figure('report-appointments', 'Lapins').textContent(), `${noShows} (dont 0 excusés)`);
    assert.equal(await figure('report-calls', 'Appels reçus').textContent(), '0');
    await documentScreen(page, 'portal-report');
    assert.deepEqual(pageErrors, []);
  });
});
