/**
 * The one place that launches a browser for the end-to-end tests: Debian's Chromium, headless, driven by
 * playwright-core (which never downloads a browser of its own).
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** The screen size the console is designed for. */
export const VIEWPORT = { width: 1366, height: 768 };

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

/** Script errors and console errors (CSP violations are reported there) seen by any page opened so far. */
export const pageErrors: string[] = [];

/** A fresh browser context (own cookies and storage) on the given server, French by default. */
export async function openPage(browser: Browser, baseUrl: string, locale = 'fr-FR'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    // A refused request (e.g. the 401 of GET /api/me before sign-in) is the app working, not an error.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      pageErrors.push(`${page.url()}: ${message.text()}`);
    }
  });
  return page;
}

/**
 * Takes the screenshot <name>.png: into docs/screenshots/ only when UPDATE_SCREENSHOTS=1 (the tracked images
 * change on request), into the system's temporary folder otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env['UPDATE_SCREENSHOTS'] === '1' ? SCREENSHOT_DIR : path.join(os.tmpdir(), 'relais-screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Signs in through the login form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.getByTestId('sign-out').waitFor();
}
