// The board as a new user first sees it: the worked example fitted to the screen at three common
// window sizes. Each check measures what a person would see: how tall card words are on screen
// (font size times the canvas's scale), and how much of the window the canvas has.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createWorkshop, fitBoard, board } from './helpers';

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
