/**
 * The supervisor's live wallboard in a real browser: a simulated call appears waiting in its queue, then
 * ringing and on an agent (with its practice), then in today's counts — each step pushed over the live
 * WebSocket, with no reload. A caller left waiting past T turns the queue red and raises the alert. The
 * wall mode fills a 1920×1080 display. Screenshots (UPDATE_SCREENSHOTS=1): wallboard-laptop, wallboard-wall.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dateOfDayNumber, dayNumberOf, instantToLocal, localToInstant, weekdayOfDayNumber } from '../../src/core/time/local-time.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestClient, type TestServer } from '../support/server.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, NUMBERS, type World } from './support/world.ts';

describe('live wallboard in the browser (pglite)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let page: Page;
  let agent: TestClient;
  let supervisorApi: TestClient;
  let agentId: string;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    server = await startServer(t.db);
    browser = await launchBrowser();
    agent = server.client();
    await agent.login(world.agent.email, world.agent.password);
    supervisorApi = server.client();
    await supervisorApi.login(world.supervisor.email, world.supervisor.password);
    const { rows } = await t.db.query<{ id: string }>('select id from users where email = $1', [world.agent.email]);
    agentId = rows[0]!.id;
    // Her practice's dedicated secretary: offered at once, not after the trained tier's wait.
    await t.db.query('update user_practices set dedicated = true where user_id = $1 and practice_id = $2', [agentId, world.lilasId]);
    // The agent is logged in but on a break: the call will wait.
    assert.equal((await agent.put('/api/agents/me/status', { status: 'break' })).status, 200);
    page = await openPage(browser, server.baseUrl);
    await signIn(page, world.supervisor.email, world.supervisor.password);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const queueRow = () => page.locator(`[data-testid="wall-queue"][data-practice="${world.lilasId}"]`);
  const agentRow = () => page.locator(`[data-testid="wall-agent"][data-agent="${agentId}"]`);

  it('shows a simulated call waiting, then on the agent, then in today’s counts, live', async () => {
    await page.getByRole('button', { name: 'Supervision' }).click();
    await page.locator('[data-testid="wall-live"][data-live="yes"]').waitFor();
    await page.locator('[data-testid="wall-agent"][data-state="break"]').waitFor();

    const call = await supervisorApi.post<{ callId: string; status: string }>('/api/calls/simulate', {
      calledNumber: NUMBERS.lilas,
      callerNumber: NUMBERS.unknownCaller,
    });
    assert.equal(call.status, 201, call.text);
    assert.equal(call.body.status, 'queued');
    await queueRow().locator('[data-testid="wall-queue-waiting"]', { hasText: /^1$/ }).waitFor();

    assert.equal((await agent.put('/api/agents/me/status', { status: 'available' })).status, 200);
    await page.locator(`[data-testid="wall-agent"][data-agent="${agentId}"][data-state="ringing"]`).waitFor();
    await queueRow().locator('[data-testid="wall-queue-waiting"]', { hasText: /^0$/ }).waitFor();

    assert.equal((await agent.post(`/api/calls/${call.body.callId}/answer`)).status, 200);
    await page.locator(`[data-testid="wall-agent"][data-agent="${agentId}"][data-state="on_call"]`).waitFor();
    assert.match(await agentRow().getByTestId('wall-agent-practice').innerText(), /Cabinet médical pluridisciplinaire des Lilas/);
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'wallboard-laptop');

    assert.equal((await agent.post(`/api/calls/${call.body.callId}/hangup`)).status, 200);
    assert.equal((await agent.post(`/api/calls/${call.body.callId}/wrap-up-done`)).status, 200);
    await page.locator(`[data-testid="wall-agent"][data-agent="${agentId}"][data-state="available"]`).waitFor();
    const total = page.getByTestId('wall-today-practice-total');
    await total.locator('[data-testid="kpi-answered"]', { hasText: /^1$/ }).waitFor();
    assert.equal(await total.getByTestId('kpi-offered').innerText(), '1');
    await page.getByTestId('wall-today-agent-total').locator('[data-testid="kpi-answered"]', { hasText: /^1$/ }).waitFor();
  });

  it('turns a queue red and raises the alert when a caller waits past T; the wall mode fills 1920×1080', async () => {
    assert.equal((await agent.put('/api/agents/me/status', { status: 'break' })).status, 200);
    // A caller who has already waited 40 s (T = 20 s): entered through the intake, then dated back.
    const call = await supervisorApi.post<{ callId: string; status: string }>('/api/calls/simulate', {
      calledNumber: NUMBERS.lilas,
      callerNumber: NUMBERS.unknownCaller,
    });
    assert.equal(call.body.status, 'queued');
    await t.db.query(`update calls set enqueued_at = enqueued_at - interval '40 seconds' where id = $1`, [call.body.callId]);
    // A second caller enters: the queue's live update carries the first one's 40 s.
    await supervisorApi.post('/api/calls/simulate', { calledNumber: NUMBERS.lilas, callerNumber: NUMBERS.returningPatient });
    await queueRow().locator('[data-testid="wall-queue-waiting"]', { hasText: /^2$/ }).waitFor();
    await queueRow().and(page.locator('[data-breach="wait"]')).waitFor();
    const waited = /attend depuis (\d+):(\d\d)/.exec(await page.getByTestId('wall-alert').innerText());
    // The display's clock ticks once a second: it may read a second short.
    assert.ok(waited && Number(waited[1]) * 60 + Number(waited[2]) >= 39, String(waited));

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('wall-mode').click();
    await page.locator('[data-testid="wallboard"][data-mode="wall"]').waitFor();
    const box = await page.getByTestId('wallboard').boundingBox();
    assert.deepEqual([box?.width, box?.height], [1920, 1080]);
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'wallboard-wall');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="wallboard"][data-mode="laptop"]').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('forecast and staffing: the funnel at 09:00 next Monday, a what-if that clears it, the CSV', async () => {
    const today = dayNumberOf(instantToLocal('Europe/Paris', Date.now()).date);
    const monday = dateOfDayNumber(today + ((8 - weekdayOfDayNumber(today)) % 7 || 7));
    // Eight past Mondays, 40 calls each between 09:00 and 09:30, handled in 180 s.
    const starts = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => new Date(localToInstant('Europe/Paris', dateOfDayNumber(dayNumberOf(monday) - 7 * k), '09:00')));
    await t.db.query(
      `with c as (
         insert into calls (organisation_id, practice_id, provider, provider_call_id, called_number, status, created_at)
         select $1, $2, 'twilio', 'hist-' || w.k || '-' || i, '+33140000001', 'completed', w.start + make_interval(secs => i * 40)
         from unnest($3::timestamptz[]) with ordinality as w(start, k), generate_series(0, 39) i
         returning id, created_at)
       insert into call_events (at, organisation_id, practice_id, call_id, event, data)
       select c.created_at + make_interval(secs => e.s), $1, $2, c.id, e.event, '{}'::jsonb
       from c cross join (values ('ENTER', 0), ('CONNECT', 5), ('COMPLETE', 155), ('WRAPUP', 185)) as e(event, s)`,
      [world.organisationId, world.lilasId, starts],
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Prévisions' }).click();
    await page.getByTestId('plan-date').fill(monday);
    // The organisation's half-hours are those of its most common zone (here a tie: Martinique's clock).
    const alert = page.getByTestId('plan-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /^\d\d:\d\d : 7 agents nécessaires, 0 prévus.*Cabinet médical pluridisciplinaire des Lilas/);
    const label = text.slice(0, 5);
    const next = `${label.slice(0, 2)}:30`;
    await page.getByTestId('plan-chart').locator('.recharts-bar-rectangle').first().waitFor();
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'staffing-plan');

    await page.getByTestId('whatif-from').selectOption(label);
    await page.getByTestId('whatif-to').selectOption(next);
    await page.getByTestId('whatif-agents').fill('8');
    await page.getByTestId('whatif-apply').click();
    await page.getByTestId('plan-no-alert').waitFor();
    assert.equal(await page.locator(`[data-testid="plan-row"][data-label="${label}"] [data-testid="plan-planned"]`).innerText(), '8');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    assert.match(csv, /^\uFEFFDemi-heure;Appels prévus;/);
    assert.ok(csv.includes(`\r\n${label};40;180;7;8;`), csv);
    assert.deepEqual(pageErrors, []);
  });
});
