/**
 * The console in a real browser with real calls: the carrier (fake Twilio) posts a call, the agent's
 * screen rings through the live WebSocket, and the console's buttons drive the calls API.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDb, type TestDb } from './support/databases.ts';
import { startServer, type TestServer } from './support/server.ts';
import { FakeTwilio } from './support/fake-twilio.ts';
import { FakeClock } from '../src/core/time/clock.ts';
import { ensureWebBuilt } from '../src/web/build.ts';
import { callsHandle } from '../src/calls/module.ts';
import { launchBrowser, openPage, signIn } from './e2e/support/browser.ts';
import { createWorld, NUMBERS, type World } from './e2e/support/world.ts';

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('calls: the console rings with real calls (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let fake: FakeTwilio;
  let page: Page;

  const phase = (p: string) => page.locator(`[data-testid="call-panel"][data-phase="${p}"]`).waitFor();
  async function callStatus(callSid: string, expected: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await t.db.query<{ status: string }>('select status from calls where provider_call_id = $1', [callSid]);
      if (rows[0]?.status === expected) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`call ${callSid} did not become ${expected}`);
  }

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    // The agent is the Lilas practice's dedicated secretary: its calls ring at her first, without waiting.
    await t.db.query(`update user_practices set dedicated = true where practice_id = $1 and user_id = (select id from users where email = $2)`, [
      world.lilasId,
      world.agent.email,
    ]);
    fake = new FakeTwilio();
    server = await startServer(t.db, { twilio: { authToken: fake.authToken, accountSid: undefined, apiUrl: 'http://127.0.0.1:9' } });
    fake.baseUrl = server.baseUrl;
    // A Monday at 10:00 in Paris: the Lilas practice's line is open.
    callsHandle(server.app.server).runtime.clock = new FakeClock(Date.parse('2026-03-02T10:00:00+01:00'));
    browser = await launchBrowser();
    page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    await page.getByTestId('console').waitFor();
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

  it('rings on the agent’s screen, then answer, hang up, the outcome and the wrap-up go to the server', async () => {
    const { callSid } = await fake.incoming({ to: NUMBERS.lilas, from: NUMBERS.returningPatient });
    await phase('ringing');
    assert.match((await page.getByTestId('caller-number').textContent()) ?? '', /06 12 34 56 78/);
    await page.keyboard.press('Enter');
    await phase('answered');
    await callStatus(callSid, 'connected');
    await page.keyboard.press('F4');
    await phase('wrapUp');
    await callStatus(callSid, 'wrap_up');
    // The wrap-up form records the call's outcome in the call log.
    await page.getByTestId('outcome-select').click();
    await page.getByRole('option', { name: 'Message pris' }).click();
    await page.getByTestId('outcome-save').click();
    await page.getByRole('status').filter({ hasText: 'Issue enregistrée' }).waitFor();
    const { rows } = await t.db.query<{ outcome: string }>('select outcome from calls where provider_call_id = $1', [callSid]);
    assert.equal(rows[0]!.outcome, 'message');
    await page.keyboard.press('F9');
    await phase('ended');
    await callStatus(callSid, 'completed');
    await page.getByTestId('dismiss').click();
    await phase('idle');
  });

  it('stops ringing when the caller hangs up before the answer', async () => {
    const { callSid } = await fake.incoming({ to: NUMBERS.lilas, from: NUMBERS.returningPatient });
    await phase('ringing');
    await fake.hangUp(callSid);
    await phase('ended');
    assert.equal(await page.getByTestId('call-phase').textContent(), 'Appel manqué');
    await callStatus(callSid, 'abandoned');
  });
});
