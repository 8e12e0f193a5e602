// Live sessions as people experience them: joining by link, seeing each other, view-only
// links, working offline and withdrawn links.
import { test, expect, type Page } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, card, type Person } from './helpers';

const observer: Person = { name: 'Jean Lowther', organisation: 'Healthwatch Riverside', organisationType: 'Patient or citizen' };

async function moveOverBoard(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await page.getByRole('application', { name: 'Workshop board' }).boundingBox())!;
  for (let i = 0; i < 5; i++) await page.mouse.move(box.x + box.width * fx + i * 7, box.y + box.height * fy + i * 5);
}

test('two people joined by the edit link see each other and each other’s cursors', async ({ page, browser }) => {
  await createWorkshop(page, 'Presence');
  const other = await openAs(browser, await editLink(page), participant);

  const mine = page.getByRole('region', { name: 'Participants' });
  const theirs = other.page.getByRole('region', { name: 'Participants' });
  await expect(mine).toContainText('Grace Okafor');
  await expect(mine).toContainText('Riverside City Council');
  await expect(theirs).toContainText('Hannah Reid (you)'.replace(' (you)', ''));
  await expect(theirs).toContainText('Grace Okafor (you)');

  await moveOverBoard(page, 0.4, 0.4);
  await expect(other.page.getByTestId('remote-cursor').filter({ hasText: 'Hannah Reid' })).toBeVisible();
  await moveOverBoard(other.page, 0.6, 0.5);
  await expect(page.getByTestId('remote-cursor').filter({ hasText: 'Grace Okafor' })).toBeVisible();

  // Leaving removes the person from everyone else's list.
  await other.context.close();
  await expect(mine).not.toContainText('Grace Okafor');
});

test('a view-only link can look but not change anything', async ({ page, browser }) => {
  await createWorkshop(page, 'View only');
  await addCard(page, 'priority', 'Innovation and Improvement', 'Reduce delayed discharges');
  const viewer = await openAs(browser, await editLink(page, 'View-only link'), observer);

  await expect(viewer.page.getByRole('status')).toContainText('View only');
  await expect(card(viewer.page, 'Reduce delayed discharges')).toBeVisible();
  await expect(viewer.page.getByRole('button', { name: 'Add people card' })).toBeDisabled();
  await expect(viewer.page.getByRole('button', { name: 'Invite people' })).toHaveCount(0);

  // Keyboard deletion on a focused card does nothing for a viewer.
  await card(viewer.page, 'Reduce delayed discharges').focus();
  await viewer.page.keyboard.press('Delete');
  await expect(card(viewer.page, 'Reduce delayed discharges')).toBeVisible();
  await expect(card(page, 'Reduce delayed discharges')).toBeVisible();
  await viewer.context.close();
});

test('edits made offline are kept, shown as waiting, and merge when the connection returns', async ({ page, browser }) => {
  await createWorkshop(page, 'Flaky venue Wi-Fi');
  const other = await openAs(browser, await editLink(page), participant);

  await other.context.setOffline(true);
  await expect(other.page.getByRole('status')).toContainText('Offline');
  await addCard(other.page, 'purpose', 'Learning and Capacity Building', 'Learn from the virtual ward pilot');
  await expect(other.page.getByRole('status')).toContainText(/[1-9][0-9]* changes? waiting/);
  // Meanwhile the room carries on.
  await addCard(page, 'people', 'Individual Effectiveness', 'Ward managers');
  await expect(card(page, 'Learn from the virtual ward pilot')).toHaveCount(0);

  await other.context.setOffline(false);
  await expect(other.page.getByRole('status')).toContainText('Connected');
  await expect(other.page.getByRole('status')).toContainText('all changes saved');
  await expect(card(page, 'Learn from the virtual ward pilot')).toBeVisible();
  await expect(card(other.page, 'Ward managers')).toBeVisible();
  await other.context.close();
});

test('a withdrawn link is refused with a reason instead of retrying', async ({ page, browser }) => {
  await createWorkshop(page, 'Withdrawn');
  const link = await editLink(page);
  const other = await openAs(browser, link, participant);

  await page.getByRole('button', { name: 'Invite people' }).click();
  await page.getByRole('button', { name: 'Withdraw edit link' }).click();
  await expect(page.getByRole('textbox', { name: 'Edit link' })).not.toHaveValue(link);
  await expect(other.page.getByRole('alert')).toContainText('withdrawn');
  await expect(other.page.getByRole('status')).toContainText('Offline');

  // Opening the old link again is refused too.
  const again = await browser.newContext();
  const p2 = await again.newPage();
  await p2.goto(link);
  await p2.getByRole('textbox', { name: 'Your name' }).fill('Late Comer');
  await p2.getByRole('textbox', { name: 'Organisation', exact: true }).fill('Somewhere');
  await p2.getByRole('combobox', { name: 'Organisation type' }).selectOption('Other');
  await p2.getByRole('button', { name: 'Join' }).click();
  await expect(p2.getByRole('alert')).toContainText('withdrawn');
  await again.close();
  await other.context.close();
});

test('someone in the room joins by typing the short code shown in Invite people', async ({ page, browser }) => {
  await createWorkshop(page, 'Code to type');
  await page.getByRole('button', { name: 'Invite people' }).click();
  const code = (await page.locator('.join-code').first().textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await page.getByRole('button', { name: 'Close' }).click();

  const context = await browser.newContext();
  const p2 = await context.newPage();
  await p2.goto('/');
  await p2.getByLabel('Workshop link or code').fill(code.toLowerCase().replace('-', ' '));
  await p2.getByRole('button', { name: 'Open workshop' }).click();
  await p2.getByRole('textbox', { name: 'Your name' }).fill(participant.name);
  await p2.getByRole('textbox', { name: 'Organisation', exact: true }).fill(participant.organisation);
  await p2.getByRole('combobox', { name: 'Organisation type' }).selectOption(participant.organisationType);
  await p2.getByRole('button', { name: 'Join' }).click();
  await expect(p2.getByRole('heading', { name: 'Code to type' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Participants' })).toContainText(participant.name);

  await p2.goto('/');
  await p2.getByLabel('Workshop link or code').fill('ZZZZ-ZZZZ');
  await p2.getByRole('button', { name: 'Open workshop' }).click();
  await expect(p2.getByRole('alert')).toContainText('no workshop has that code');
  await context.close();
});
