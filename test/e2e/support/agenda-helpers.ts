/** What the agenda browser tests share: ringing the console, the expected wording of a slot, API look-ups. */
import type { Browser, Page } from 'playwright-core';
import type { TestClient } from '../../support/server.ts';
import { pageErrors, VIEWPORT } from './browser.ts';

/** Rings the console with a simulated call (the caller's doing, not the agent's: not counted as an action). */
export async function ring(page: Page, called: string, caller: string): Promise<void> {
  const form = page.getByTestId('simulate-call');
  await form.locator('input[name="calledNumber"]').fill(called);
  await form.locator('input[name="callerNumber"]').fill(caller);
  await form.locator('input[name="callerNumber"]').press('Enter');
  await page.locator('[data-testid="call-panel"][data-phase="ringing"]').waitFor();
}

export async function phase(page: Page, name: 'idle' | 'ringing' | 'answered' | 'wrapUp' | 'ended'): Promise<void> {
  await page.locator(`[data-testid="call-panel"][data-phase="${name}"]`).waitFor();
}

/** Ends the call (hang up, finish the wrap-up, close) so the next test starts idle. */
export async function endCall(page: Page): Promise<void> {
  await page.keyboard.press('F4');
  await phase(page, 'wrapUp');
  await page.keyboard.press('F9');
  await phase(page, 'ended');
  await page.getByTestId('dismiss').click();
  await phase(page, 'idle');
}

/**
 * "mardi 24 novembre à 09:15" written independently of the app's own formatting: Intl in the
 * practice's zone, the year added when it is not this year.
 */
export function inWordsFr(iso: string, zone: string): string {
  const d = new Date(iso);
  const thisYear = new Intl.DateTimeFormat('fr-FR', { timeZone: zone, year: 'numeric' }).format(new Date());
  const year = new Intl.DateTimeFormat('fr-FR', { timeZone: zone, year: 'numeric' }).format(d);
  const day = new Intl.DateTimeFormat('fr-FR', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year !== thisYear ? { year: 'numeric' } : {}),
  }).format(d);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${day} à ${time}`;
}

export interface ApiSlot {
  practitionerId: string;
  motifId: string;
  start: string;
  end: string;
}

/** The server's own answer to the finder's question. */
export async function nextSlots(api: TestClient, practitionerIds: string[], motifIds: string[], extra = ''): Promise<ApiSlot[]> {
  const r = await api.get<ApiSlot[]>(`/api/slots/next?practitionerIds=${practitionerIds.join(',')}&motifId=${motifIds.join(',')}&limit=4${extra}`);
  if (r.status !== 200) throw new Error(`next slots: ${r.status} ${r.text}`);
  return r.body;
}

/** A page whose browser runs in another time zone than the practice (an offshore agent). */
export async function openPageIn(browser: Browser, baseUrl: string, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT, locale: 'fr-FR', timezoneId });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      pageErrors.push(`${page.url()}: ${message.text()}`);
    }
  });
  return page;
}
