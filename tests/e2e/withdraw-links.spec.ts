import { test, expect } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, card, expectConnected, joinAs, facilitator } from './helpers';

test('the facilitator withdraws their own link: this tab moves to the new one with everything, the old one opens nothing', async ({ page, browser }) => {
  const oldUrl = await createWorkshop(page, 'Withdraw my link');
  await addCard(page, 'people', 'Relationships and Connectivity', 'Ward clerks');
  const other = await openAs(browser, await editLink(page), participant);

  await page.getByRole('button', { name: 'Invite people' }).click();
  await page.getByRole('dialog', { name: 'Invite people' }).getByRole('button', { name: 'Withdraw my facilitator link' }).click();
  await expect(page).not.toHaveURL(oldUrl);
  await expect(page).toHaveURL(/#\/w\/[^?]+\?t=/);
  await expectConnected(page);
  await expect(card(page, 'Ward clerks')).toBeVisible();
  // Still the facilitator, still editing with everyone else.
  await expect(page.getByRole('button', { name: 'History' })).toBeVisible();
  await addCard(page, 'place', 'Innovation and Improvement', 'After the new link');
  await expect(card(other.page, 'After the new link')).toBeVisible();

  // Someone holding the old facilitator link is turned away.
  const stranger = await browser.newContext();
  const old = await stranger.newPage();
  await old.goto(oldUrl);
  await joinAs(old, facilitator);
  await expect(old.getByText(/withdrawn this link/).first()).toBeVisible();
  await expect(card(old, 'Ward clerks')).toHaveCount(0);
  await stranger.close();
  await other.context.close();
});
