/**
 * A patient books online on a phone-sized page (360 × 740), in French, end to end: practitioner and motif,
 * a free slot, identity and mobile, the code read from the SMS fake, the confirmation with the access
 * directions, the motif's instructions and the move/cancel link. axe-core finds no serious or critical
 * violation on each step, and the page never scrolls sideways. Saves docs/screenshots/online-booking.png
 * when UPDATE_SCREENSHOTS=1.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/build.ts';
import { startNotifyStack, type NotifyStack } from '../support/notify-stack.ts';
import { createAgendaWorld, type AgendaWorld } from '../support/agenda-fixtures.ts';
import { launchBrowser, pageErrors, screenshot } from './support/browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = '06 98 76 54 32';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
}

// Browser tests run once, on PGlite: the browser adds nothing a second database would check.
describe('online booking on a phone (pglite, browser)', () => {
  let stack: NotifyStack;
  let browser: Browser;
  let w: AgendaWorld;

  before(async () => {
    await ensureWebBuilt();
    stack = await startNotifyStack('pglite', { smtpFrom: 'Relais <no-reply@relais.test>', smsFrom: '+33700000000' });
    w = await createAgendaWorld(stack.t.db, { patients: 1 });
    const db = stack.t.db;
    await db.query(`update motifs set online_bookable = true, patient_instructions = 'Apportez votre carte Vitale.' where id = $1`, [w.motifId]);
    await db.query(`insert into online_booking_settings (practice_id, organisation_id, slug) values ($1, $2, 'cabinet-des-lilas')`, [
      w.practiceId,
      w.organisationId,
    ]);
    await db.query(
      `insert into practice_sites (practice_id, label, address_line, postal_code, city, floor, digicode, transport)
       values ($1, 'Cabinet', '12 rue des Lilas', '75019', 'Paris', '2e étage', '4512B', 'Métro 11, Place des Fêtes')`,
      [w.practiceId],
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('books with the SMS code and shows the confirmation, accessibly, at 360 px', async () => {
    const context = await browser.newContext({
      baseURL: stack.server.baseUrl,
      viewport: { width: 360, height: 740 },
      locale: 'fr-FR',
      hasTouch: true,
      bypassCSP: true,
    }); // CSP bypassed only to inject axe-core
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    await page.goto('/rdv/cabinet-des-lilas');
    await page.getByRole('heading', { name: 'Prendre rendez-vous en ligne' }).waitFor();
    await page.getByLabel(/Consultation/).check();
    await page.getByTestId('online-slot').first().waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await noSidewaysScroll(page);
    await page.getByTestId('online-slot').first().click();

    await page.getByLabel('Nom de naissance').fill('Moreau');
    await page.getByLabel('Premier prénom').fill('Léa');
    await page.getByLabel('Date de naissance').fill('1988-04-12');
    await page.getByLabel('Téléphone mobile').fill(PHONE);
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: 'Recevoir le code par SMS' }).click();
    await page.getByLabel('Code à 6 chiffres').waitFor();

    const sms = stack.twilio.to('+33698765432').at(-1);
    assert.ok(sms, 'the code went out by SMS');
    const code = /(\d{6})/.exec(sms.body)![1]!;
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();

    const done = page.getByTestId('online-confirmation');
    await done.getByText('Rendez-vous confirmé').waitFor();
    await done.getByText('Apportez votre carte Vitale.').waitFor();
    await done.getByText('Digicode : 4512B').waitFor();
    assert.match((await page.getByTestId('online-manage').getAttribute('href')) ?? '', /\/l\/[A-Za-z0-9_-]+$/);
    assert.deepEqual(await seriousViolations(page), []);
    await noSidewaysScroll(page);
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, 'online-booking');
    const { rows } = await stack.t.db.query<{ channel: string }>(
      `select a.channel from appointments a join patients p on p.id = a.patient_id where p.birth_name = 'Moreau'`,
    );
    assert.deepEqual(rows, [{ channel: 'online' }]);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
