// A tablet at the table uses the real board by touch: one finger pans the board or moves a card,
// two fingers zoom, a long press opens a card, and the side panels are drawers over the board.
import { test, expect, type CDPSession, type Page } from '@playwright/test';
import { createWorkshop, editLink, joinAs, expectConnected, participant, card, board, viewSettled } from './helpers';
import { tabletDevice } from './phone-helpers';

const II = 'Innovation and Improvement';
type Point = { x: number; y: number };

/** Touches through the browser's own input pipeline (what a finger on the glass produces). */
async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) });
}

async function swipe(cdp: CDPSession, from: Point[], to: Point[], steps = 12) {
  await touch(cdp, 'touchStart', from);
  for (let i = 1; i <= steps; i++) {
    const at = from.map((f, k) => ({ x: f.x + ((to[k]!.x - f.x) * i) / steps, y: f.y + ((to[k]!.y - f.y) * i) / steps }));
    await touch(cdp, 'touchMove', at);
  }
  await touch(cdp, 'touchEnd', []);
}

async function transform(page: Page) {
  return page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return { x: m.e, y: m.f, zoom: m.a };
  });
}

async function centre(page: Page, locator: ReturnType<Page['locator']>): Promise<Point> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('on a tablet the board is moved, zoomed and edited by touch, with the panels as drawers', async ({ browser, page: laptop }) => {
  const context = await browser.newContext(tabletDevice);
  const tablet = await context.newPage();
  await createWorkshop(tablet, 'Tablet at the table', { sample: true });
  // A laptop watches what the tablet does.
  await laptop.goto(await editLink(tablet));
  await joinAs(laptop, participant);
  await expectConnected(laptop);
  const cdp = await context.newCDPSession(tablet);
  await viewSettled(tablet);
  await tablet.screenshot({ path: 'test-results/tablet-board.png' });

  // The board has nearly the whole width; the panels wait in drawers.
  const boardBox = (await board(tablet).boundingBox())!;
  expect(boardBox.width).toBeGreaterThan(tabletDevice.viewport.width * 0.95);
  await expect(tablet.getByRole('region', { name: 'Intervention menu' })).toBeHidden();
  await tablet.getByRole('button', { name: 'Intervention menu', exact: true }).tap();
  await expect(tablet.getByRole('region', { name: 'Intervention menu' })).toBeVisible();
  await tablet.keyboard.press('Escape');
  await expect(tablet.getByRole('region', { name: 'Intervention menu' })).toBeHidden();
  await tablet.getByRole('button', { name: 'Participants and details', exact: true }).tap();
  await expect(tablet.getByRole('region', { name: 'Participants' })).toBeVisible();
  // The open drawer covers its own button: it closes with its Close button (or a tap outside).
  await tablet.getByRole('button', { name: 'Close Participants and details' }).tap();
  await expect(tablet.getByRole('region', { name: 'Participants' })).toBeHidden();

  // One finger on a card moves it into another domain; the laptop sees it there.
  const text = 'Ward managers and discharge coordinators';
  const target = tablet.locator('.react-flow__node-domain').filter({ hasText: II });
  const targetBox = (await target.boundingBox())!;
  const from = await centre(tablet, card(tablet, text));
  const to = { x: targetBox.x + targetBox.width * 0.3, y: targetBox.y + targetBox.height * 0.85 };
  await swipe(cdp, [from], [to], 16);
  await expect(card(laptop, text)).toHaveAccessibleDescription(new RegExp(`card in ${II}`, 'i'));
  await expect(card(tablet, text)).toHaveAccessibleDescription(new RegExp(`card in ${II}`, 'i'));

  // One finger on an empty part of a domain pans the board (cards and plan items do not pan).
  const before = await transform(tablet);
  // (Domains are now as large as what they hold, so the worked example's Innovation and
  // Improvement has no empty part left: the empty part is the cell the card just left, at the top
  // left of Individual Effectiveness.)
  const left = (await tablet.locator('.react-flow__node-domain').filter({ hasText: 'Individual Effectiveness' }).boundingBox())!;
  const empty = { x: left.x + left.width * 0.15, y: left.y + left.height * 0.27 };
  await swipe(cdp, [empty], [{ x: empty.x + 120, y: empty.y - 160 }]);
  await viewSettled(tablet);
  const panned = await transform(tablet);
  expect(Math.abs(panned.x - before.x) + Math.abs(panned.y - before.y)).toBeGreaterThan(100);
  expect(panned.zoom).toBeCloseTo(before.zoom, 5);
  await expect(card(laptop, 'Care home managers')).toHaveAccessibleDescription(new RegExp(`card in ${II}`, 'i'));

  // Two fingers moving apart zoom in around them. (On the board's empty part, low in the canvas:
  // the board is now laid out densely, and the canvas's middle is on cards, where React Flow's
  // pinch does not start.)
  const mid = { x: boardBox.x + boardBox.width / 2, y: boardBox.y + boardBox.height * 0.9 };
  await swipe(
    cdp,
    [
      { x: mid.x - 40, y: mid.y },
      { x: mid.x + 40, y: mid.y },
    ],
    [
      { x: mid.x - 160, y: mid.y },
      { x: mid.x + 160, y: mid.y },
    ],
  );
  await viewSettled(tablet);
  const zoomed = await transform(tablet);
  expect(zoomed.zoom).toBeGreaterThan(panned.zoom * 1.5);

  // A long press on a card opens it for editing.
  await tablet.getByRole('button', { name: 'Fit the board to the screen' }).tap();
  await viewSettled(tablet);
  const hold = await centre(tablet, card(tablet, text));
  await touch(cdp, 'touchStart', [hold]);
  await tablet.waitForTimeout(900);
  await touch(cdp, 'touchEnd', []);
  const editor = tablet.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeVisible();
  await expect(editor).toHaveValue(text);
  await tablet.screenshot({ path: 'test-results/tablet-view.png' });
  await context.close();
});
