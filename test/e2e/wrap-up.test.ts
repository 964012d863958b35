/**
 * A real call in the browser (the carrier's signed webhooks, played by a fake Twilio): during the call
 * the agent leaves a message for the practitioner (M, Ctrl+Enter), found afterwards through the API;
 * at wrap-up one key records the call's outcome, linked to the patient and the message.
 * Saves docs/screenshots/message-form.png and wrap-up.png.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestClient, type TestServer } from '../support/server.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { FakeClock } from '../../src/core/time/clock.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { callsHandle } from '../../src/calls/module.ts';
import type { MessageDto } from '../../src/messages/schemas.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, NUMBERS, type World } from './support/world.ts';

const MESSAGE = 'Mme Moreau demande le renouvellement de son ordonnance de Levothyrox avant vendredi.';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('message to the practitioner and call outcome at wrap-up (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let fake: FakeTwilio;
  let page: Page;
  let supervisor: TestClient;
  let callSid = '';
  let messageId = '';

  const phase = (p: string) => page.locator(`[data-testid="call-panel"][data-phase="${p}"]`).waitFor();
  async function callRow(): Promise<{ status: string; outcome: string | null; message_id: string | null; patient_id: string | null }> {
    const { rows } = await t.db.query<{ status: string; outcome: string | null; message_id: string | null; patient_id: string | null }>(
      'select status, outcome, message_id, patient_id from calls where provider_call_id = $1',
      [callSid],
    );
    return rows[0]!;
  }
  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(what);
  }

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    // The agent is the Lilas practice's dedicated secretary: its calls ring at her first.
    await t.db.query(`update user_practices set dedicated = true where practice_id = $1 and user_id = (select id from users where email = $2)`, [
      world.lilasId,
      world.agent.email,
    ]);
    fake = new FakeTwilio();
    server = await startServer(t.db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
    fake.baseUrl = server.baseUrl;
    // A Monday at 10:00 in Paris: the line is open; the clock stands still, so the wrap-up never times out.
    callsHandle(server.app.server).runtime.clock = new FakeClock(Date.parse('2026-03-02T10:00:00+01:00'));
    supervisor = server.client();
    await supervisor.login(world.supervisor.email, world.supervisor.password);
    browser = await launchBrowser();
    page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await page.getByTestId('live-indicator').filter({ hasText: 'Appels en direct' }).waitFor();
    await page.getByTestId('agent-status-select').click();
    await page.getByRole('option', { name: 'Disponible' }).click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="agent-status-select"]') as HTMLInputElement | null)?.value === 'Disponible');
  });
  after(async () => {
    await page?.context().close();
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('the message form sends a dated task with the selected patient and the caller’s number, found through the API', async () => {
    ({ callSid } = await fake.incoming({ to: NUMBERS.lilas, from: NUMBERS.returningPatient }));
    await phase('ringing');
    await page.keyboard.press('Enter');
    await phase('answered');
    await page.getByTestId('caller-matches').getByTestId('patient-row').first().click();
    await page.getByTestId('selected-patient-name').filter({ hasText: 'Moreau Élise' }).waitFor();

    await page.keyboard.press('m');
    const form = page.getByTestId('message-form');
    await form.waitFor();
    assert.equal(await form.locator('input[name="callbackNumber"]').inputValue(), '06 12 34 56 78', 'the caller’s number is filled in');
    await form.getByTestId('message-type').getByText('Tâche datée').click();
    await form.locator('input[name="dueDate"]').fill('2026-03-05');
    await form.getByTestId('message-practitioner').click();
    await page.getByRole('option', { name: 'Dr Claire Lefèvre' }).click();
    await form.getByTestId('message-patient').getByText('Moreau Élise').waitFor();
    await form.locator('textarea[name="body"]').fill(MESSAGE);
    await screenshot(page, 'message-form');
    await form.locator('textarea[name="body"]').press('Control+Enter');
    await page.getByTestId('message-sent').filter({ hasText: 'Message envoyé à Dr Claire Lefèvre.' }).waitFor();
    await form.waitFor({ state: 'detached' });

    const { rows } = await t.db.query<{ id: string }>(`select id from practitioners where last_name = 'Lefèvre'`);
    const inbox = await supervisor.get<{ items: MessageDto[] }>(`/api/messages?practiceId=${world.lilasId}`);
    assert.equal(inbox.status, 200, inbox.text);
    const m = inbox.body.items.find((x) => x.body === MESSAGE);
    assert.ok(m, 'the message is in the practice’s messages');
    assert.deepEqual(
      { type: m.type, dueDate: m.dueDate, patientId: m.patientId, callbackNumber: m.callbackNumber, practitionerId: m.practitionerId, status: m.status },
      {
        type: 'dated_task',
        dueDate: '2026-03-05',
        patientId: world.returningPatientId,
        callbackNumber: NUMBERS.returningPatient,
        practitionerId: rows[0]!.id,
        status: 'new',
      },
    );
    messageId = m.id;
  });

  it('at wrap-up, one key records the outcome, linked to the patient and the message; another key corrects it', async () => {
    assert.ok(messageId, 'the previous test left a message on this call');
    await page.keyboard.press('F4');
    await phase('wrapUp');
    const outcome = page.getByTestId('wrap-up-outcome');
    await outcome.getByTestId('outcome-links').filter({ hasText: 'patient, message' }).waitFor();

    await page.keyboard.press('4');
    await outcome.getByRole('status').filter({ hasText: 'Issue enregistrée. Message pris' }).waitFor();
    assert.deepEqual(await callRow(), { status: 'wrap_up', outcome: 'message', message_id: messageId, patient_id: world.returningPatientId });
    await screenshot(page, 'wrap-up');

    await page.keyboard.press('7');
    await outcome.getByRole('status').filter({ hasText: 'Orienté vers le 15' }).waitFor();
    assert.equal((await callRow()).outcome, 'sent_to_15');

    await page.keyboard.press('F9');
    await phase('ended');
    await until(async () => (await callRow()).status === 'completed', 'the call did not complete');
    await page.getByTestId('dismiss').click();
    await phase('idle');
    assert.deepEqual(pageErrors, []);
  });
});
