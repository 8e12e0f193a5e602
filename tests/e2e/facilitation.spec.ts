// Steering the room with a facilitator and two participants in three browsers.
import { test, expect, type Page, type Browser, type BrowserContext } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, card, type Person } from './helpers';

const second: Person = { name: 'Tom Birch', organisation: 'Riverside and Vale ICB', organisationType: 'ICB' };

async function room(page: Page, browser: Browser, title: string, sample = false): Promise<{ p1: Page; p2: Page; contexts: BrowserContext[] }> {
  await createWorkshop(page, title, { sample });
  const link = await editLink(page);
  const a = await openAs(browser, link, participant);
  const b = await openAs(browser, link, second);
  return { p1: a.page, p2: b.page, contexts: [a.context, b.context] };
}

const seconds = (text: string) => {
  const m = /(\d+):(\d{2})/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

test('only the facilitator has the controls; the timer agrees on every screen', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Timer');
  for (const p of [p1, p2]) {
    await expect(p.getByRole('button', { name: 'Lock board' })).toHaveCount(0);
    await expect(p.getByRole('button', { name: 'Bring everyone here' })).toHaveCount(0);
    await expect(p.getByRole('button', { name: 'Present' })).toHaveCount(0);
  }
  await page.getByLabel('Timer minutes').selectOption('2');
  await page.getByRole('button', { name: 'Start timer' }).click();
  for (const p of [page, p1, p2]) await expect(p.getByRole('timer')).toHaveText(/^1:5\d$|^2:00$/);
  const readings = await Promise.all([page, p1, p2].map(async (p) => seconds((await p.getByRole('timer').textContent()) ?? '')));
  expect(Math.max(...readings) - Math.min(...readings)).toBeLessThanOrEqual(1);

  await page.getByRole('button', { name: 'Pause timer' }).click();
  await page.getByRole('button', { name: '+1 min' }).click();
  // The added minute shows once the relay's state comes back.
  await expect.poll(async () => seconds((await page.getByRole('timer').textContent()) ?? '')).toBeGreaterThan(170);
  for (const p of [p1, p2]) await expect(p.getByRole('timer')).toHaveText((await page.getByRole('timer').textContent()) ?? '');

  // A participant who reconnects sees the same time.
  await p2.reload();
  await expect(p2.getByRole('timer')).toHaveText((await page.getByRole('timer').textContent()) ?? '');
  for (const c of contexts) await c.close();
});

test('votes stay hidden until the facilitator reveals them, then add up', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Vote', true);
  await page.getByRole('button', { name: 'Start vote' }).click();
  await page.getByLabel('What can be voted on').selectOption('items');
  await page.getByLabel('Dots per person').fill('2');
  await page.getByLabel(/Anonymous/).uncheck();
  await page.getByRole('button', { name: 'Open the vote' }).click();

  const vote = (p: Page) => p.getByRole('region', { name: 'Dot vote' });
  await expect(vote(p1)).toContainText('2 dots left');
  await vote(p1).getByRole('button', { name: 'Place a dot on Action Learning Sets' }).click();
  await vote(p1).getByRole('button', { name: 'Place a dot on Action Learning Sets' }).click();
  await expect(vote(p1)).toContainText('0 dots left');
  await vote(p2).getByRole('button', { name: 'Place a dot on Coaching and Mentoring' }).click();
  await vote(p2).getByRole('button', { name: 'Place a dot on Action Learning Sets' }).click();
  await vote(p2).getByRole('button', { name: 'Remove a dot from Coaching and Mentoring' }).click();

  // Everyone sees progress, nobody sees where the dots are.
  for (const p of [page, p1, p2]) await expect(vote(p)).toContainText('3 dots from 2 people');
  await expect(vote(page)).not.toContainText('Grace Okafor');
  await expect(page.getByRole('table', { name: 'Plan' })).not.toContainText('votes');

  await vote(page).getByRole('button', { name: 'Reveal votes' }).click();
  for (const p of [page, p1, p2]) {
    await expect(vote(p)).toContainText('Vote results');
    await expect(vote(p).getByRole('listitem').first()).toContainText('Action Learning Sets');
    await expect(vote(p).getByRole('listitem').first()).toContainText('3');
    await expect(vote(p).getByRole('listitem').first()).toContainText('Grace Okafor, Tom Birch');
    // The results stay with the item and show in the Plan.
    await expect(p.getByRole('table', { name: 'Plan' }).getByRole('columnheader', { name: 'Votes' })).toBeVisible();
    const row = p.getByRole('table', { name: 'Plan' }).getByRole('row').filter({ hasText: 'Action Learning Sets' });
    await expect(row.getByRole('cell').last()).toHaveText('3');
  }
  for (const c of contexts) await c.close();
});

test('a locked board refuses a participant’s edits; unlocking lets them edit again', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Lock');
  await page.getByRole('button', { name: 'Lock board' }).click();
  await expect(page.getByRole('button', { name: 'Unlock board' })).toBeVisible();
  await expect(p1.getByText('The facilitator has locked the board')).toBeVisible();
  await expect(p1.getByRole('button', { name: 'Add people card' })).toBeDisabled();
  // The facilitator can still work while the room is locked.
  await addCard(page, 'priority', 'Relationships and Connectivity', 'One shared plan per person');
  await expect(card(p1, 'One shared plan per person')).toBeVisible();

  await page.getByRole('button', { name: 'Unlock board' }).click();
  await expect(p1.getByRole('button', { name: 'Add people card' })).toBeEnabled();
  await addCard(p1, 'people', 'Individual Effectiveness', 'Ward managers');
  await expect(card(p2, 'Ward managers')).toBeVisible();
  for (const c of contexts) await c.close();
});

test('private drafts stay on their author’s machine until they are revealed', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Drafts');
  await p1.getByRole('tab', { name: 'Drafts' }).click();
  await p1.getByLabel('Draft card').fill('Carers told 48 hours ahead');
  await p1.getByRole('button', { name: 'Save draft' }).click();
  await expect(p1.getByRole('region', { name: 'My private drafts' })).toContainText('Carers told 48 hours ahead');
  // Not on the board, and not in anyone else's copy of the document.
  for (const p of [page, p2]) {
    await expect(card(p, 'Carers told 48 hours ahead')).toHaveCount(0);
    expect(await p.evaluate(() => document.body.innerText.includes('Carers told 48 hours ahead'))).toBe(false);
  }
  await page.getByRole('button', { name: 'Reveal drafts' }).click();
  for (const p of [page, p1, p2]) await expect(card(p, 'Carers told 48 hours ahead')).toBeVisible();
  await expect(p1.getByRole('region', { name: 'My private drafts' })).not.toContainText('Carers told 48 hours ahead');
  for (const c of contexts) await c.close();
});

test('presentation steps reach everyone following, who can step out and back in', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Present', true);
  await page.getByRole('button', { name: 'Present' }).click();
  const pres = (p: Page) => p.getByRole('dialog', { name: /^Presentation/ });
  for (const p of [page, p1, p2]) await expect(pres(p)).toContainText('Step 1 of 6: Individual Effectiveness');
  await page.keyboard.press('ArrowRight');
  for (const p of [page, p1, p2]) await expect(pres(p)).toContainText('Step 2 of 6: Relationships and Connectivity');
  await expect(pres(p1)).toContainText('Action Learning Sets');

  await pres(p2).getByRole('button', { name: 'Leave presentation' }).click();
  await expect(pres(p2)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(pres(p1)).toContainText('Step 5 of 6: The plan');
  await p2.getByRole('button', { name: 'Rejoin the presentation' }).click();
  await expect(pres(p2)).toContainText('Step 5 of 6: The plan');
  await page.keyboard.press('ArrowRight');
  await expect(pres(p1)).toContainText('Plan health');

  await pres(page).getByRole('button', { name: 'End presentation' }).click();
  for (const p of [page, p1, p2]) await expect(pres(p)).toHaveCount(0);
  for (const c of contexts) await c.close();
});

test('bring everyone here moves the others to the facilitator’s view; a participant can follow someone', async ({ page, browser }) => {
  const { p1, p2, contexts } = await room(page, browser, 'Follow');
  const transform = (p: Page) => p.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  // The facilitator zooms in somewhere particular.
  const box = (await page.getByRole('application', { name: 'Workshop board' }).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
  await page.waitForTimeout(400);
  const target = await transform(page);
  expect(await transform(p1)).not.toBe(target);
  await page.getByRole('button', { name: 'Bring everyone here' }).click();
  await expect.poll(() => transform(p1)).toBe(target);
  await expect.poll(() => transform(p2)).toBe(target);

  // p2 follows p1; p1 moves; p2 goes with them, and the list shows who follows whom.
  await p2.getByRole('region', { name: 'Participants' }).getByRole('button', { name: 'Follow Grace Okafor' }).click();
  await expect(page.getByRole('region', { name: 'Participants' })).toContainText('Tom Birch following Grace Okafor');
  const b1 = (await p1.getByRole('application', { name: 'Workshop board' }).boundingBox())!;
  await p1.mouse.move(b1.x + b1.width * 0.3, b1.y + b1.height * 0.3);
  for (let i = 0; i < 3; i++) await p1.mouse.wheel(0, 250);
  await p1.waitForTimeout(400);
  await expect.poll(() => transform(p2)).toBe(await transform(p1));
  await p2.getByRole('region', { name: 'Participants' }).getByRole('button', { name: 'Stop following' }).click();
  await expect(page.getByRole('region', { name: 'Participants' })).not.toContainText('following');
  for (const c of contexts) await c.close();
});

test('starting an agenda step sets everyone’s timer and shows the step', async ({ page, browser }) => {
  const { p1, contexts } = await room(page, browser, 'Agenda');
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await page.getByRole('button', { name: 'Use the suggested agenda' }).click();
  await expect(page.getByRole('region', { name: 'Agenda' }).getByRole('listitem')).toHaveCount(5);
  await page.getByRole('button', { name: 'Start step Dot vote' }).click();
  await expect(p1.getByText('Now: Dot vote')).toBeVisible();
  await expect(p1.getByRole('timer')).toHaveText(/^[45]:\d{2}$/);
  // Participants see the agenda but cannot change it.
  await p1.getByRole('tab', { name: 'Agenda' }).click();
  await expect(p1.getByRole('region', { name: 'Agenda' })).toContainText('Shape the plan');
  await expect(p1.getByRole('button', { name: 'Start step Dot vote' })).toHaveCount(0);
  for (const c of contexts) await c.close();
});

test('the audience view (the projector screen) shows only the presentation, following the presenter', async ({ page, browser }) => {
  await createWorkshop(page, 'Projector', { sample: true });
  const viewLink = await editLink(page, 'View-only link');
  const screen = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await screen.newPage();
  await projector.goto(`${viewLink}&a=1`);
  await projector.getByRole('textbox', { name: 'Your name' }).fill('Room projector');
  await projector.getByRole('textbox', { name: 'Organisation', exact: true }).fill('Riverside General');
  await projector.getByRole('combobox', { name: 'Organisation type' }).selectOption('NHS trust');
  await projector.getByRole('button', { name: 'Join' }).click();
  await expect(projector.getByRole('heading', { name: 'Projector' })).toBeVisible();
  await expect(projector.getByText('The presentation will appear here.')).toBeVisible();
  await expect(projector.getByRole('button')).toHaveCount(0);

  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('button', { name: 'Present' }).click();
  const pres = projector.getByRole('dialog', { name: /^Presentation/ });
  await expect(pres).toContainText('Step 1 of 6: Individual Effectiveness');
  await page.keyboard.press('ArrowRight');
  await expect(pres).toContainText('Step 2 of 6: Relationships and Connectivity');
  await expect(projector.getByRole('button')).toHaveCount(0);
  await expect(projector.getByLabel(/Presenter notes/)).toHaveCount(0);
  // A running timer is large on the screen the room watches, and still has no controls there.
  const clock = pres.getByRole('timer', { name: 'Workshop timer' });
  await expect(clock).toHaveText(/^[45]:\d{2}$/);
  expect(await clock.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
  await expect(projector.getByRole('button')).toHaveCount(0);
  await screen.close();
});
