// A person who uses only the keyboard: every key press that moves or acts is counted, so a
// journey's length can be kept as a budget that a later change must not exceed. Text the person
// types is content, not effort spent finding their way, and is counted apart.
import { expect, type Locator, type Page } from '@playwright/test';
import { card } from './helpers';

export class KeyboardPerson {
  presses = 0;
  typed = 0;
  constructor(readonly page: Page) {}

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.presses++;
      await this.page.keyboard.press(key);
    }
  }

  /** Types text key by key (real keystrokes, never fill()). */
  async type(text: string): Promise<void> {
    this.typed += [...text].length;
    await this.page.keyboard.type(text);
  }

  /** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
  async tabTo(target: Locator, { max = 40, backwards = false } = {}): Promise<void> {
    for (let i = 0; i <= max; i++) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      if (i === max) break;
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    await expect(target, `reached with at most ${max} presses of Tab`).toBeFocused({ timeout: 1 });
  }

  /** Presses F6 until focus is inside `region`. */
  async f6To(region: Locator, max = 10): Promise<void> {
    for (let i = 0; i <= max; i++) {
      if (await region.evaluate((el) => el.contains(document.activeElement)).catch(() => false)) return;
      if (i === max) break;
      await this.press('F6');
    }
    throw new Error(`F6 did not reach the region within ${max} presses`);
  }
}

/** Answers "who are you" by keyboard (the name box has focus when it opens). */
export async function answerJoin(k: KeyboardPerson, name: string, organisation: string, type: string) {
  const page = k.page;
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused();
  await k.type(name);
  await k.press('Tab');
  await k.type(organisation);
  await k.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Organisation type' })).toBeFocused();
  await k.type(type);
  await k.tabTo(page.getByRole('button', { name: 'Join' }), { max: 2 });
  await k.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 15_000 });
}

/** Adds a card by its lens's shortcut (Alt+Shift+1 to 4) into the domain chosen for new cards. */
export async function addCardByKeyboard(k: KeyboardPerson, digit: number, text: string) {
  await k.press(`Alt+Shift+Digit${digit}`);
  await expect(k.page.getByRole('textbox', { name: 'Card text' })).toBeFocused();
  await k.type(text);
  await k.press('Enter');
  await expect(card(k.page, text)).toBeVisible();
}
