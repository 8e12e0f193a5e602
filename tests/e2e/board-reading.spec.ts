// The board as a new user first sees it: the worked example fitted to the screen at three common
// window sizes. Each check measures what a person would see: how tall card words are on screen
// (font size times the canvas's scale), and how much of the window the canvas has.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createWorkshop, fitBoard, board, addCard, card, viewSettled } from './helpers';

const sizes = [
  { width: 1440, height: 900, words: 12, share: 0.55 },
  { width: 1920, height: 1080, words: 14, share: 0.55 },
  { width: 1280, height: 800, words: 12, share: 0.5 },
] as const;

async function workedExampleAt(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await createWorkshop(page, `Reading at ${viewport.width}`, { sample: true });
  await expect(page.locator('.react-flow__node-card')).toHaveCount(30);
  await fitBoard(page);
  return { context, page };
}

/** Every card's words on screen: their font size times the canvas's scale, and whether the card is inside the canvas. */
export async function cardWords(page: Page) {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const scale = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node-card')].map((node) => {
      const text = node.querySelector<HTMLElement>('.card-text')!;
      const r = node.getBoundingClientRect();
      return {
        px: parseFloat(getComputedStyle(text).fontSize) * scale,
        inside: r.left >= canvas.left - 1 && r.top >= canvas.top - 1 && r.right <= canvas.right + 1 && r.bottom <= canvas.bottom + 1,
      };
    });
  });
}

/** The canvas's share of the window's area. */
export async function canvasShare(page: Page) {
  const box = (await board(page).boundingBox())!;
  const { width, height } = page.viewportSize()!;
  return (box.width * box.height) / (width * height);
}

for (const size of sizes) {
  test(`fitted at ${size.width}x${size.height}, the worked example's card words are at least ${size.words} px and the canvas has ${Math.round(size.share * 100)}% of the window`, async ({
    browser,
  }) => {
    const { context, page } = await workedExampleAt(browser, size);
    const words = await cardWords(page);
    const smallest = Math.min(...words.map((w) => w.px));
    const share = await canvasShare(page);
    console.log(`${size.width}x${size.height}: smallest card words ${smallest.toFixed(1)} px, canvas ${(share * 100).toFixed(0)}% of the window`);
    // Fitting shows every card, so the words cannot have grown by cropping the board.
    expect(words.filter((w) => !w.inside)).toEqual([]);
    expect(smallest).toBeGreaterThanOrEqual(size.words);
    expect(share).toBeGreaterThanOrEqual(size.share);
    await context.close();
  });
}

async function transform(page: Page) {
  return page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return { x: Math.round(m.e), y: Math.round(m.f), zoom: m.a };
  });
}

test('adding a card keeps the view as it was: no zoom, no jump', async ({ page }) => {
  await createWorkshop(page, 'Keep my view', { sample: true });
  await expect(page.locator('.react-flow__node-card')).toHaveCount(30);
  await fitBoard(page);
  const before = await transform(page);
  await addCard(page, 'place', 'Individual Effectiveness', 'Riverside community hospital');
  await viewSettled(page);
  expect(await transform(page)).toEqual(before);
  // The new card is on screen, in the domain it was added to.
  await expect(card(page, 'Riverside community hospital')).toBeInViewport();
  await expect(card(page, 'Riverside community hospital')).toHaveAccessibleDescription(/card in Individual Effectiveness/i);
});

test('the menu, side panel and plan collapse by keyboard and by their controls, and stay as left after a reload', async ({ page }) => {
  await createWorkshop(page, 'Collapse and remember', { sample: true });
  const menu = page.getByRole('region', { name: 'Intervention menu' });
  const side = page.getByRole('complementary', { name: 'Side panel' });
  const plan = page.getByRole('table', { name: 'Plan' });
  // The default: the menu waits collapsed, the side panel and the plan are open.
  await expect(menu).toBeHidden();
  await expect(side).toBeVisible();
  await expect(plan).toBeVisible();
  const shareBefore = await canvasShare(page);

  await page.keyboard.press('Alt+Shift+KeyS');
  await expect(side).toBeHidden();
  await expect(page.getByRole('button', { name: 'Side panel' })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(plan).toBeHidden();
  await page.keyboard.press('Alt+Shift+KeyM');
  await expect(menu).toBeVisible();
  await expect(page.getByRole('button', { name: 'Intervention menu', exact: true })).toHaveAttribute('aria-expanded', 'true');

  await page.reload();
  await expect(page.locator('.react-flow__node-card')).toHaveCount(30);
  await expect(menu).toBeVisible();
  await expect(side).toBeHidden();
  await expect(plan).toBeHidden();

  // The visible controls bring them back, and close the menu again.
  await page.getByRole('button', { name: 'Side panel' }).click();
  await page.getByRole('button', { name: 'Show plan' }).click();
  await page.getByRole('button', { name: 'Intervention menu', exact: true }).click();
  await expect(side).toBeVisible();
  await expect(plan).toBeVisible();
  await expect(menu).toBeHidden();
  expect(await canvasShare(page)).toBeCloseTo(shareBefore, 2);
});

test('the focus view shows the board and the timer only, and Escape leaves it', async ({ page }) => {
  await createWorkshop(page, 'Projector', { sample: true });
  await page.keyboard.press('Alt+Shift+KeyF');
  await expect(page.getByRole('button', { name: 'Invite people' })).toBeHidden();
  await expect(page.getByRole('table', { name: 'Plan' })).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Side panel' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Add people card' })).toBeHidden();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect.poll(() => canvasShare(page)).toBeGreaterThan(0.9);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Invite people' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Plan' })).toBeVisible();
});
