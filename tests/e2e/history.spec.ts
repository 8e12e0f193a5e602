import { test, expect, type Page } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, card, fitBoard } from './helpers';

async function deleteCard(page: Page, text: string): Promise<void> {
  await fitBoard(page);
  await card(page, text).click();
  await page.keyboard.press('Delete');
  await expect(card(page, text)).toHaveCount(0);
}

test('a facilitator restores a wiped board from History and everyone sees it back; a participant has no History', async ({ page, browser }) => {
  await createWorkshop(page, 'History and restore');
  await addCard(page, 'people', 'Relationships and Connectivity', 'Discharge coordinators');
  await addCard(page, 'priority', 'Innovation and Improvement', 'Same-day discharge');
  const other = await openAs(browser, await editLink(page), participant);
  await expect(card(other.page, 'Same-day discharge')).toBeVisible();

  // The participant has no History, and no restore anywhere.
  await expect(other.page.getByRole('button', { name: 'History' })).toHaveCount(0);
  await expect(other.page.getByRole('button', { name: 'Restore' })).toHaveCount(0);

  // The facilitator keeps the board as it is.
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History' });
  await history.getByRole('button', { name: 'Create restore point' }).click();
  await expect(history.getByRole('status')).toContainText('Kept the workshop as it is now');
  const kept = history.getByRole('listitem').filter({ hasText: 'Kept by the facilitator' });
  await expect(kept).toHaveCount(1);
  // A look inside lists the cards it holds.
  await kept.getByRole('button', { name: 'Look' }).click();
  await expect(kept.getByRole('group')).toContainText('Discharge coordinators');
  await expect(kept.getByRole('group')).toContainText('Same-day discharge');
  await history.getByRole('button', { name: 'Close' }).click();

  // The board is wiped and changed.
  await deleteCard(page, 'Discharge coordinators');
  await deleteCard(page, 'Same-day discharge');
  await addCard(page, 'place', 'Individual Effectiveness', 'Something else entirely');
  await expect(card(other.page, 'Same-day discharge')).toHaveCount(0);
  await expect(card(other.page, 'Something else entirely')).toBeVisible();

  await page.getByRole('button', { name: 'History' }).click();
  await expect(history.getByRole('listitem').filter({ hasText: 'Kept by the facilitator' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/history-dialog.png' });
  await kept.getByRole('button', { name: 'Restore' }).click();
  // It asks first: nothing has changed for anyone yet.
  await expect(kept.getByRole('group', { name: /^Restore to/ })).toContainText('Everyone’s board goes back');
  await expect(card(other.page, 'Something else entirely')).toBeVisible();
  await kept.getByRole('button', { name: 'Restore for everyone' }).click();
  await expect(history.getByRole('status')).toContainText('Restored the workshop');
  // The other person hears one sentence for the restore, not its cards read out as someone's additions.
  const heard = other.page.getByRole('log', { name: 'Activity' }).locator('p');
  await expect(heard.last()).toContainText('The facilitator restored the board to how it was at');
  await other.page.waitForTimeout(4000);
  await expect(heard.last()).toContainText('The facilitator restored the board to how it was at');
  // The board as it was before the restore is a point of its own, so the restore can be undone.
  await expect(history.getByRole('listitem').filter({ hasText: 'Just before a restore' })).toHaveCount(1);
  await history.getByRole('button', { name: 'Close' }).click();

  for (const p of [page, other.page]) {
    await expect(card(p, 'Discharge coordinators')).toBeVisible();
    await expect(card(p, 'Same-day discharge')).toBeVisible();
    await expect(card(p, 'Something else entirely')).toHaveCount(0);
  }
  await other.context.close();
});
