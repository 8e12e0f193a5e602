// What a screen-reader user hears of other people, and the first steps of a keyboard-only person.
import { test, expect } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, card, joinAs } from './helpers';

test('another person adding and removing a card is announced in the Activity log, in plain words and by name', async ({ page, browser }) => {
  await createWorkshop(page, 'Announcements');
  const link = await editLink(page);
  const other = await openAs(browser, link, participant);
  const activity = page.getByRole('log', { name: 'Activity' });
  await expect(activity).toBeAttached();
  await addCard(other.page, 'priority', 'Relationships and Connectivity', 'Shared care records');
  await expect(activity).toContainText('Grace Okafor added a priority card to Relationships and Connectivity.');
  // My own changes are never read back to me.
  await expect(other.page.getByRole('log', { name: 'Activity' })).not.toContainText('added');
  // A removal names its remover too, though nothing in the doc says who made it.
  await card(other.page, 'Shared care records').click();
  await other.page.keyboard.press('Delete');
  await expect(activity).toContainText('Grace Okafor removed the card “Shared care records”.');
  await expect(activity).not.toContainText('Someone');
  await other.context.close();

  // Someone on a phone hears the room too.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await p.goto(link);
  await joinAs(p, { ...participant, name: 'Tom Birch' });
  await expect(p.getByRole('combobox', { name: 'Domain' })).toBeVisible();
  await addCard(page, 'place', 'Innovation and Improvement', 'Riverside discharge lounge');
  await expect(p.getByRole('log', { name: 'Activity' })).toContainText('Hannah Reid added a place card to Innovation and Improvement.');
  await phone.close();
});

test('the keyboard reaches New workshop’s title at once, the board tools in two presses, and the shortcut list with ?', async ({ page }) => {
  await page.goto('/');
  let presses = 0;
  const press = async (key: string) => {
    presses++;
    await page.keyboard.press(key);
  };
  // From the top of the start screen to the "New workshop" button.
  while (!(await page.getByRole('button', { name: 'New workshop' }).evaluate((el) => el === document.activeElement))) {
    await press('Tab');
    expect(presses).toBeLessThan(8);
  }
  await press('Enter');
  await expect(page.getByRole('textbox', { name: 'Workshop title' })).toBeFocused();
  await page.keyboard.type('Keyboard only');
  await expect(page.getByRole('textbox', { name: 'Workshop title' })).toHaveValue('Keyboard only');
  await press('Enter'); // submits the form from the title field
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused();
  await page.keyboard.type('Hannah Reid');
  await press('Tab');
  await page.keyboard.type('Yorkshire Leadership Academy');
  await press('Tab');
  await expect(page.getByRole('combobox', { name: 'Organisation type' })).toBeFocused();
  await page.keyboard.type('Other');
  await press('Tab');
  await expect(page.getByRole('button', { name: 'Join' })).toBeFocused();
  await press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 15_000 });

  // From the top of the workspace: Tab reaches the first skip link, Enter lands in the board tools.
  await page.locator('body').focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to board tools' })).toBeFocused();
  await press('Enter');
  await expect(page.getByRole('combobox', { name: 'Domain for new cards' })).toBeFocused();

  // F6 moves on through the regions (the intervention menu starts collapsed: Alt+Shift+M brings it back).
  await press('Alt+Shift+KeyM');
  await expect(page.getByRole('region', { name: 'Intervention menu' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Domain for new cards' })).toBeFocused();
  await press('F6');
  await expect(page.getByRole('application', { name: 'Workshop board' })).toBeFocused();
  await press('F6');
  await expect(page.locator('[aria-label="Intervention menu"]')).toBeFocused();

  // Shortcuts: "?" opens the list; Escape closes it and focus returns where it was.
  await press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('cell', { name: 'F6 / Shift+F6' })).toBeVisible();
  await press('Escape');
  await expect(help).toBeHidden();
  await expect(page.locator('[aria-label="Intervention menu"]')).toBeFocused();

  // Alt+Shift+2 adds a priority card, focused for typing.
  await press('Alt+Shift+Digit2');
  await expect(page.getByRole('textbox', { name: 'Card text' })).toBeFocused();
});
