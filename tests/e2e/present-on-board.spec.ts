// The presentation moves across the real board: each domain step shows the live board with that
// domain fitted to the screen, its words large enough to read from the back of the room, on the
// presenter's screen and on everyone following. Presenter notes and the next step are in a
// presenter view of the presenter's own; neither the room's screens nor the presenter's shared
// screen ever hold them.
import { test, expect, type Page } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant } from './helpers';

const presentation = (p: Page) => p.getByRole('dialog', { name: /^Presentation/ });
const presentedBoard = (p: Page, domain: string) => presentation(p).getByRole('application', { name: `The board: ${domain}` });

/** The smallest on-screen height of card words on the presented board: font size times the board's scale. */
async function smallestCardWords(p: Page, domain: string): Promise<{ px: number; cards: number }> {
  return presentedBoard(p, domain).evaluate((el) => {
    const viewport = el.querySelector<HTMLElement>('.react-flow__viewport')!;
    const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const texts = [...el.querySelectorAll<HTMLElement>('.card .card-text')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
    });
    const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    return { px: Math.min(...sizes), cards: texts.length };
  });
}

test('each domain step shows the live board fitted to that domain, readable, on the presenter’s and the followers’ screens', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createWorkshop(page, 'Present on the board', { sample: true });
  const other = await openAs(browser, await editLink(page), participant);
  await other.page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Present', exact: true }).click();
  for (const p of [page, other.page]) {
    await expect(presentation(p)).toContainText('Step 1 of 6: Individual Effectiveness');
    await expect(presentedBoard(p, 'Individual Effectiveness')).toBeVisible();
  }
  // Words the back of the room can read (the board itself fits all four domains at about 12 px).
  await expect.poll(async () => (await smallestCardWords(page, 'Individual Effectiveness')).px, { timeout: 10_000 }).toBeGreaterThanOrEqual(16);
  const shown = await smallestCardWords(page, 'Individual Effectiveness');
  expect(shown.cards).toBeGreaterThan(3);
  await expect.poll(async () => (await smallestCardWords(other.page, 'Individual Effectiveness')).px, { timeout: 10_000 }).toBeGreaterThanOrEqual(14);
  // The board is for looking at: nothing on it can be pressed.
  await expect(presentedBoard(page, 'Individual Effectiveness').getByRole('button')).toHaveCount(0);

  // The next domain: the board moves there for everyone, and a card added meanwhile shows live.
  await page.keyboard.press('ArrowRight');
  for (const p of [page, other.page]) {
    await expect(presentation(p)).toContainText('Step 2 of 6: Relationships and Connectivity');
    await expect(presentedBoard(p, 'Relationships and Connectivity')).toContainText('Action Learning Sets');
  }
  if (process.env.SLC_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/present-on-board.png' });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // The plan steps are slides of their own.
  for (const p of [page, other.page]) await expect(presentation(p).getByRole('table', { name: 'Plan summary' })).toBeVisible();
  await page.keyboard.press('Escape');
  for (const p of [page, other.page]) await expect(presentation(p)).toHaveCount(0);
  await other.context.close();
});

test('presenter notes and the next step are in the presenter’s own view, never on the audience screens', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createWorkshop(page, 'Presenter view', { sample: true });
  const other = await openAs(browser, await editLink(page), participant);

  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(presentation(page)).toContainText('Step 1 of 6');
  // The screen the room sees (the presenter's, full screen, and each follower's) holds no notes.
  for (const p of [page, other.page]) await expect(p.getByLabel(/Presenter notes/)).toHaveCount(0);

  const [presenterView] = await Promise.all([page.context().waitForEvent('page'), presentation(page).getByRole('button', { name: 'Presenter view' }).click()]);
  const view = presenterView.getByRole('main', { name: 'Presenter view' });
  await expect(view).toContainText('Step 1 of 6: Individual Effectiveness');
  await expect(view).toContainText('Next: Relationships and Connectivity');
  await expect(view.getByRole('timer')).toBeVisible();
  const notes = view.getByLabel(/Presenter notes/);
  await notes.click();
  await presenterView.keyboard.type('Ask Grace about the carers forum');

  // Stepping from the presenter view moves the presentation for everyone.
  await view.getByRole('button', { name: 'Next' }).click();
  for (const p of [page, other.page]) await expect(presentation(p)).toContainText('Step 2 of 6: Relationships and Connectivity');
  await expect(view).toContainText('Next: Innovation and Improvement');
  // Each step has its own notes; the first step's are still there on the way back.
  await expect(view.getByLabel(/Presenter notes/)).toHaveValue('');
  await view.getByRole('button', { name: 'Previous' }).click();
  await expect(view.getByLabel(/Presenter notes/)).toHaveValue('Ask Grace about the carers forum');
  for (const p of [page, other.page]) {
    await expect(presentation(p)).toContainText('Step 1 of 6');
    expect(await p.evaluate(() => document.body.innerText.includes('Ask Grace about the carers forum'))).toBe(false);
    await expect(p.getByLabel(/Presenter notes/)).toHaveCount(0);
  }

  await view.getByRole('button', { name: 'End presentation' }).click();
  for (const p of [page, other.page]) await expect(presentation(p)).toHaveCount(0);
  await expect(view).toContainText('Not presenting');
  await other.context.close();
});
