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

test('"Stop inviting" turns the short codes off at once; the links keep working', async ({ page, browser }) => {
  await createWorkshop(page, 'Stop inviting');
  await page.getByRole('button', { name: 'Invite people' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite people' });
  const code = (await invite.locator('.join-code').first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const link = await invite.getByRole('textbox', { name: 'Edit link' }).inputValue();

  // Before: the code opens the workshop.
  const guest = await browser.newContext();
  const g = await guest.newPage();
  await g.goto('/');
  await g.getByRole('textbox', { name: 'Workshop link or code' }).pressSequentially(code);
  await g.getByRole('button', { name: 'Open workshop' }).click();
  await expect(g.getByRole('textbox', { name: 'Your name' })).toBeVisible();

  await invite.getByRole('button', { name: 'Stop inviting' }).click();
  await expect(invite.getByText(/short codes have been stopped/)).toBeVisible();
  await expect(invite.locator('.join-code')).toHaveCount(0);

  // After: the same code is refused with a message; the link still works.
  const later = await browser.newContext();
  const l = await later.newPage();
  await l.goto('/');
  await l.getByRole('textbox', { name: 'Workshop link or code' }).pressSequentially(code);
  await l.getByRole('button', { name: 'Open workshop' }).click();
  await expect(l.getByRole('alert')).toBeVisible();
  await expect(l.getByRole('textbox', { name: 'Your name' })).toHaveCount(0);
  await l.goto(link);
  await joinAs(l, participant);
  await expectConnected(l);
  await guest.close();
  await later.close();
});
