/**
 * Counts what the user does: every key press and click a test performs through this wrapper is one
 * action. Waiting for the screen is not an action. Used to measure the console's design, not its speed.
 */
import type { Locator, Page } from 'playwright-core';

export class UserActions {
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}

  get count(): number {
    return this.log.length;
  }

  async press(key: string): Promise<void> {
    this.log.push(key);
    await this.page.keyboard.press(key);
  }

  async click(target: Locator, name = 'click'): Promise<void> {
    this.log.push(name);
    await target.click();
  }
}
