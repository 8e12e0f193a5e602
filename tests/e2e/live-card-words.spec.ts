// A card's words reach everyone as they are typed, not on Enter: a second browser watches the
// words arrive key by key, sees who is typing, and two people typing in one card both keep
// their words. Escape puts back what was there; one Undo takes back a whole edit.
import { test, expect } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, card, board } from './helpers';

test('a second browser sees a card’s words while they are typed, and who is typing them', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await createWorkshop(page, 'Live card words');
  const other = await openAs(browser, await editLink(page), participant);

  await page.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: 'Relationships and Connectivity' });
  await page.getByRole('button', { name: 'Add people card' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('Ward sisters', { delay: 30 });

  // Before Enter: the words are on the other screen, with the typist's name on the card.
  const watched = card(other.page, 'Ward sisters');
  await expect(watched).toBeVisible();
  await expect(watched).toContainText('Hannah is typing');
  // The picture in docs/ is refreshed on request; a normal run keeps it with the test's results.
  await watched.screenshot({ path: process.env.SLC_SCREENSHOTS ? 'docs/screenshots/live-card-words.png' : test.info().outputPath('live-card-words.png') });
  await page.keyboard.type(' on nights', { delay: 30 });
  await expect(card(other.page, 'Ward sisters on nights')).toBeVisible();
  await expect(editor).toBeFocused();

  await page.keyboard.press('Enter');
  const done = card(other.page, 'Ward sisters on nights');
  await expect(done).toBeVisible();
  await expect(done).not.toContainText('is typing');
  await other.context.close();
});

test('two people typing in one card both keep their words; Escape puts back what was there, and Undo takes an edit back whole', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createWorkshop(page, 'Two typists');
  const other = await openAs(browser, await editLink(page), participant);

  await page.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: 'Individual Effectiveness' });
  await page.getByRole('button', { name: 'Add priority card' }).click();
  await page.keyboard.type('Discharge before noon');
  await page.keyboard.press('Enter');
  await expect(card(other.page, 'Discharge before noon')).toBeVisible();

  // Both open the card. The facilitator types at the end, the participant at the start.
  await card(page, 'Discharge before noon').dblclick();
  const mine = page.getByRole('textbox', { name: 'Card text' });
  await expect(mine).toBeFocused();
  await page.keyboard.press('End');
  await card(other.page, 'Discharge before noon').dblclick();
  const theirs = other.page.getByRole('textbox', { name: 'Card text' });
  await expect(theirs).toBeFocused();
  await other.page.keyboard.press('Control+Home');

  await page.keyboard.type(' every day', { delay: 40 });
  await other.page.keyboard.type('Safe ', { delay: 40 });
  const merged = 'Safe Discharge before noon every day';
  await expect(mine).toHaveValue(merged);
  await expect(theirs).toHaveValue(merged);
  await page.keyboard.press('Enter');
  await other.page.keyboard.press('Enter');
  await expect(card(page, merged)).toBeVisible();
  await expect(card(other.page, merged)).toBeVisible();

  // Escape: what was typed since the editor opened goes, for everyone.
  await card(page, merged).dblclick();
  await expect(mine).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' (draft)');
  await expect(card(other.page, `${merged} (draft)`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card(page, merged)).toBeVisible();
  await expect(card(other.page, merged)).toBeVisible();

  // Undo takes the facilitator's last whole edit back (their " every day"), not a letter of it.
  await board(page).click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(card(page, 'Safe Discharge before noon')).toBeVisible();
  await expect(card(other.page, 'Safe Discharge before noon')).toBeVisible();
  await other.context.close();
});
