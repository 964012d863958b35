/** Screenshots of the back-office screens, written only when UPDATE_SCREENSHOTS=1 (tracked files stay as they are). */
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

export async function documentScreen(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot(page, name);
}
