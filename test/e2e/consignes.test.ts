/**
 * The consignes in the console, in a real browser: the practice file shows the emergencies first and,
 * for an agent who read an older version, what changed since (inserted and removed words, who changed
 * it); "J'ai lu" (L) acknowledges and the highlighting goes. Saves docs/screenshots/consignes-changes.png.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { startServer, type TestClient, type TestServer } from '../support/server.ts';
import { createUser } from '../support/fixtures.ts';
import { ensureWebBuilt } from '../../src/web/build.ts';
import type { ConsignesView } from '../../src/consignes/schemas.ts';
import { launchBrowser, openPage, pageErrors, screenshot, signIn } from './support/browser.ts';
import { createWorld, NUMBERS, type World } from './support/world.ts';

const V1 = {
  sections: [
    { kind: 'appointments', body: 'Ne pas donner de RDV le mercredi après-midi.\nConsultations de 15 minutes.' },
    { kind: 'emergencies', body: 'Urgence : si douleur thoracique → orienter vers le 15.' },
    { kind: 'refusals', body: 'Pas de certificat de sport par téléphone.' },
  ],
  usefulNumbers: [
    { label: 'SAMU', number: '15' },
    { label: 'Laboratoire Pasteur', number: '01 45 00 00 00' },
  ],
  summary: 'Mise en place',
};
const V2 = {
  sections: [
    { kind: 'appointments', body: 'Ne pas donner de RDV le jeudi après-midi.\nConsultations de 15 minutes.' },
    { kind: 'emergencies', body: 'Urgence : si douleur thoracique → orienter vers le 15.\n<b>Malaise</b> : le 15 aussi.' },
    { kind: 'refusals', body: 'Pas de certificat de sport par téléphone.' },
  ],
  usefulNumbers: [
    { label: 'SAMU', number: '15' },
    { label: 'Laboratoire Pasteur', number: '01 45 00 00 09' },
    { label: 'Pharmacie de garde', number: '3237' },
  ],
  summary: 'Jeudi au lieu du mercredi',
};

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('consignes in the console (pglite, browser)', () => {
  let t: TestDb;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let supervisor: TestClient;

  before(async () => {
    await ensureWebBuilt();
    t = await openTestDb('pglite');
    world = await createWorld(t.db);
    server = await startServer(t.db);
    supervisor = server.client();
    await supervisor.login(world.supervisor.email, world.supervisor.password);
    const agent = server.client();
    await agent.login(world.agent.email, world.agent.password);
    // The agent read the first version; the supervisor then changed the consignes.
    const v1 = await supervisor.put<{ id: string }>(`/api/practices/${world.lilasId}/consignes`, V1);
    assert.equal(v1.status, 200, v1.text);
    const seen = await agent.post(`/api/practices/${world.lilasId}/consignes/seen`, { items: [{ consigneId: v1.body.id, version: 1 }] });
    assert.equal(seen.status, 200, seen.text);
    const v2 = await supervisor.put(`/api/practices/${world.lilasId}/consignes`, V2);
    assert.equal(v2.status, 200, v2.text);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('shows what changed since the agent last read the consignes, emergencies first, and "J\'ai lu" (L) clears it', async () => {
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, world.agent.email, world.agent.password);
    const form = page.getByTestId('simulate-call');
    await form.locator('input[name="calledNumber"]').fill(NUMBERS.lilas);
    await form.locator('input[name="callerNumber"]').fill(NUMBERS.returningPatient);
    await form.locator('input[name="callerNumber"]').press('Enter');
    await page.locator('[data-testid="call-panel"][data-phase="ringing"]').waitFor();

    const head = page.getByTestId('consignes-head');
    const unread = head.getByTestId('consignes-unread');
    await unread.getByText('modifiées depuis votre dernière lecture (version 1 → 2)').waitFor();
    await unread.getByText(/Sophie Bernard : Jeudi au lieu du mercredi/).waitFor();

    // The emergencies are pinned at the top, with the added line highlighted, markup shown as typed.
    const urgent = head.getByTestId('consignes-urgent');
    await urgent.getByText('Urgences', { exact: true }).waitFor();
    assert.equal(await urgent.getByTestId('diff-insert').first().textContent(), '\n<b>Malaise</b> : le 15 aussi.');
    assert.equal(await page.locator('[data-testid="consignes-urgent"] b').count(), 0, 'consignes are text, never HTML');

    const body = page.getByTestId('consignes');
    const booking = body.locator('[data-testid="consigne-section"][data-kind="appointments"]');
    assert.equal(await booking.getAttribute('data-status'), 'changed');
    assert.equal(await booking.getByTestId('diff-delete').textContent(), 'mercredi');
    assert.equal(await booking.getByTestId('diff-insert').textContent(), 'jeudi');
    assert.equal(await body.locator('[data-testid="consigne-section"][data-kind="refusals"]').getAttribute('data-status'), 'unchanged');
    const numbers = body.getByTestId('useful-number');
    assert.deepEqual(await numbers.evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('data-status')])), [
      ['SAMU15', 'unchanged'],
      ['Laboratoire Pasteur01 45 00 00 00 01 45 00 00 09', 'changed'],
      ['Pharmacie de garde3237', 'added'],
    ]);
    await screenshot(page, 'consignes-changes');

    await page.keyboard.press('l');
    await head.getByTestId('consignes-read').waitFor();
    assert.equal(await page.getByTestId('diff-insert').count(), 0, 'nothing is highlighted once read');
    assert.equal(await page.getByTestId('diff-delete').count(), 0);
    await body.getByText('Ne pas donner de RDV le jeudi après-midi.', { exact: false }).waitFor();
    const { rows } = await t.db.query<{ version: number }>(`select r.version from consigne_reads r join users u on u.id = r.user_id where u.email = $1`, [
      world.agent.email,
    ]);
    assert.deepEqual(rows, [{ version: 2 }]);
    await page.context().close();
  });

  it('tells an agent who never read the consignes so; the button acknowledges the version shown', async () => {
    const v3 = await supervisor.put(`/api/practices/${world.lilasId}/consignes`, {
      ...V2,
      sections: [...V2.sections, { kind: 'transfers', body: 'Passer les pharmaciens au médecin.' }],
      summary: 'Transferts',
    });
    assert.equal(v3.status, 200, v3.text);
    const newcomer = await createUser(t.db, { organisationId: world.organisationId, role: 'agent', practiceIds: [world.lilasId] });
    const page = await openPage(browser, server.baseUrl);
    await signIn(page, newcomer.email, newcomer.password);
    const form = page.getByTestId('simulate-call');
    await form.locator('input[name="calledNumber"]').fill(NUMBERS.lilas);
    await form.locator('input[name="callerNumber"]').press('Enter');
    await page.getByTestId('consignes-unread').getByText('Vous n’avez pas encore lu ces consignes.').waitFor();
    await page.getByTestId('consignes-ack').click();
    await page.getByTestId('consignes-read').waitFor();
    const c = server.client();
    await c.login(newcomer.email, newcomer.password);
    const view = await c.get<ConsignesView>(`/api/practices/${world.lilasId}/consignes`);
    assert.equal(view.body.unread, false);
    assert.equal(view.body.items[0]!.seenVersion, 3);
    await page.context().close();
    assert.deepEqual(pageErrors, []);
  });
});
