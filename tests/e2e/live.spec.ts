// Live sessions as people experience them: joining by link, seeing each other, view-only
// links, working offline and withdrawn links.
import { test, expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { createWorkshop, editLink, openAs, participant, addCard, card, board, fitBoard, showInterventionMenu, type Person } from './helpers';

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
  // Exports of what is shown, yes; the workshop file itself, which the host keeps from viewers, is not offered.
  await viewer.page.getByRole('button', { name: 'Export' }).click();
  await expect(viewer.page.getByRole('menuitem', { name: 'PDF report' })).toBeVisible();
  await expect(viewer.page.getByRole('menuitem', { name: 'Workshop file' })).toHaveCount(0);
  await viewer.page.keyboard.press('Escape');

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

  const ownRow = other.page.getByRole('region', { name: 'Participants' }).getByRole('listitem').filter({ hasText: '(you)' });
  await expect(ownRow).toContainText('online');
  await other.context.setOffline(true);
  await expect(other.page.getByRole('status')).toContainText('Offline');
  // This device's own row in Participants says it is offline too.
  await expect(ownRow).toContainText('offline');
  await addCard(other.page, 'purpose', 'Learning and Capacity Building', 'Learn from the virtual ward pilot');
  // Adding a card and typing its words is one change to the person, however many keystrokes.
  await expect(other.page.getByRole('status')).toContainText('1 change waiting');
  // Meanwhile the room carries on.
  await addCard(page, 'people', 'Individual Effectiveness', 'Ward managers');
  await expect(card(page, 'Learn from the virtual ward pilot')).toHaveCount(0);

  await other.context.setOffline(false);
  await expect(other.page.getByRole('status')).toContainText('Connected');
  await expect(ownRow).not.toContainText('offline');
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
  // A device the host never admitted gets a page saying so, not an empty board behind a banner.
  await expect(p2.getByRole('heading', { name: 'This link does not open the workshop' })).toBeVisible();
  await expect(p2.getByRole('application', { name: 'Workshop board' })).toHaveCount(0);
  await expect(p2.getByRole('button', { name: 'Invite people' })).toHaveCount(0);
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

/** Where a node sits on the board, in board coordinates (React Flow positions nodes by transform). */
async function boardPosition(page: Page, name: string): Promise<string> {
  return card(page, name).evaluate((el) => (el as HTMLElement).style.transform);
}

/**
 * Records, in the page, every position a card is shown at and when (wall-clock ms, comparable
 * across the two browser contexts), and whether it was marked as someone else's drag.
 */
async function watchPositions(page: Page, name: string): Promise<void> {
  await card(page, name).evaluate((el) => {
    const seen: { transform: string; remote: boolean; colour: string; at: number }[] = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const note = () => {
      const e = el as HTMLElement;
      const last = seen[seen.length - 1];
      const remote = e.classList.contains('is-remote-drag');
      if (last && last.transform === e.style.transform && last.remote === remote) return;
      seen.push({ transform: e.style.transform, remote, colour: e.style.getPropertyValue('--remote-colour'), at: Date.now() });
    };
    note();
    new MutationObserver(note).observe(el, { attributes: true, attributeFilter: ['style', 'class'] });
  });
}
const positionsSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: { transform: string; remote: boolean; colour: string; at: number }[] }).__seen);

test('while one person drags a card for two seconds the other watches it move, in their colour, and both agree after the drop', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await createWorkshop(page, 'Live drag');
  await addCard(page, 'people', 'Individual Effectiveness', 'Discharge coordinators');
  const other = await openAs(browser, await editLink(page), participant);
  const them = other.page;
  await expect(card(them, 'Discharge coordinators')).toBeVisible();
  await fitBoard(page);
  const start = await boardPosition(them, 'Discharge coordinators');
  await watchPositions(them, 'Discharge coordinators');
  await watchPositions(page, 'Discharge coordinators');

  // A drag that keeps moving for two seconds before the drop, aimed at the middle of the part of
  // the target domain that is on screen (near the canvas's edge React Flow would pan the board
  // instead). Each batch of pointer moves goes a little further along the way, so every update
  // the watcher gets is new, and the pointer moves faster than presence is broadcast.
  const from = (await card(page, 'Discharge coordinators').boundingBox())!;
  const region = (await page.getByRole('region', { name: 'Learning and Capacity Building' }).boundingBox())!;
  const canvas = (await board(page).boundingBox())!;
  const left = Math.max(region.x, canvas.x);
  const top = Math.max(region.y, canvas.y);
  const x0 = from.x + from.width / 2;
  const y0 = from.y + from.height / 2;
  const x1 = (left + Math.min(region.x + region.width, canvas.x + canvas.width)) / 2;
  const y1 = (top + Math.min(region.y + region.height, canvas.y + canvas.height)) / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const began = Date.now();
  const DRAG_MS = 2000;
  let steps = 0;
  while (Date.now() - began < DRAG_MS) {
    const f = Math.min(1, (Date.now() - began + 100) / DRAG_MS);
    await page.mouse.move(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, { steps: 4 });
    steps += 4;
  }
  // Before the drop: the other person has seen it move, marked as being dragged by someone else.
  await expect(card(them, 'Discharge coordinators')).toHaveClass(/is-remote-drag/);
  const shown = (await card(them, 'Discharge coordinators').boundingBox())!;
  await them.screenshot({
    path: '.test-output/live-drag-watcher.png',
    clip: { x: shown.x - 80, y: shown.y - 60, width: shown.width + 200, height: shown.height + 120 },
  });
  const during = (await positionsSeen(them)).filter((s) => s.remote);
  const dragged = await positionsSeen(page);
  await page.mouse.up();

  const moves = new Set(during.map((s) => s.transform));
  expect(moves.size, 'distinct positions seen by the other person during the drag').toBeGreaterThanOrEqual(5);
  expect(
    during.every((s) => /^#[0-9a-f]{6}$/i.test(s.colour)),
    'marked in the dragger’s colour',
  ).toBe(true);
  // How far behind the watcher was: for each position it showed, the time since the dragger showed it.
  const shownAt = new Map(dragged.map((s) => [s.transform, s.at]));
  const lags = during.flatMap((s) => (shownAt.has(s.transform) ? [s.at - shownAt.get(s.transform)!] : [])).sort((a, b) => a - b);
  const span = (during[during.length - 1]!.at - during[0]!.at) / 1000;
  console.log(
    `live drag: ${steps} pointer moves, ${new Set(dragged.map((s) => s.transform)).size} positions shown to the dragger, ${moves.size} positions in ${span.toFixed(2)} s (${(moves.size / span).toFixed(1)}/s), lag median ${lags[lags.length >> 1]} ms, max ${lags[lags.length - 1]} ms`,
  );
  // At least 10 updates a second; a machine too busy to show the dragger that many positions
  // cannot pass them on, so then the watcher must see at least 80% of the dragger's rate.
  const draggerMoving = dragged.filter((s) => s.at >= began);
  const draggerRate = new Set(draggerMoving.map((s) => s.transform)).size / ((draggerMoving[draggerMoving.length - 1]!.at - began) / 1000);
  expect(
    moves.size / span,
    `positions the watcher was shown per second while the card moved (the dragger was shown ${draggerRate.toFixed(1)}/s)`,
  ).toBeGreaterThanOrEqual(Math.min(10, 0.8 * draggerRate));
  expect(lags.length).toBeGreaterThan(0);
  expect(lags[lags.length >> 1]!, 'median lag behind the dragger, ms').toBeLessThanOrEqual(150);

  // After the drop both agree, and nothing is marked any more.
  const landed = await boardPosition(page, 'Discharge coordinators');
  expect(landed).not.toBe(start);
  await expect.poll(() => boardPosition(them, 'Discharge coordinators')).toBe(landed);
  await expect(card(them, 'Discharge coordinators')).not.toHaveClass(/is-remote-drag/);
  await expect(card(them, 'Discharge coordinators')).toHaveAccessibleDescription(/^people card in Learning and Capacity Building/);
  await other.context.close();
});

/**
 * Counts renders of the plan item editor through React's DevTools hook, installed by the test
 * before the app loads (the app itself has no test code). A render gives the component new hook
 * state objects; a bail-out keeps them, so a new memoizedState is exactly one render.
 */
function countEditorRenders() {
  const w = window as unknown as { __editorRenders: number; __resetEditorRenders: () => void; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
  const seen = new WeakSet<object>();
  const editorFibers = () => {
    const el = document.querySelector('.plan-editor');
    const key = el && Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
    const host = key ? (el as unknown as Record<string, { return: { memoizedState: object; alternate: { memoizedState: object } | null } }>)[key] : null;
    return host ? [host.return, host.return.alternate].filter((f) => f && f.memoizedState) : [];
  };
  const look = (count: boolean) => {
    for (const f of editorFibers()) {
      if (seen.has(f!.memoizedState)) continue;
      seen.add(f!.memoizedState);
      if (count) w.__editorRenders++;
    }
  };
  w.__editorRenders = 0;
  w.__resetEditorRenders = () => {
    look(false);
    w.__editorRenders = 0;
  };
  let id = 0;
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => ++id,
    onScheduleFiberRoot() {},
    onCommitFiberRoot: () => look(true),
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };
}

test('the plan item editor does not re-render while someone else moves their pointer for five seconds', async ({ page, browser }) => {
  await page.addInitScript(countEditorRenders);
  test.setTimeout(150_000);
  await createWorkshop(page, 'Quiet editor');
  await showInterventionMenu(page);
  const menu = page.getByRole('region', { name: 'Intervention menu' });
  await menu.getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await menu.getByRole('button', { name: 'Add to plan' }).click();
  await page.getByRole('table', { name: 'Plan' }).getByRole('button', { name: 'Action Learning Sets', exact: true }).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  const editor = page.getByRole('group', { name: 'Details of Action Learning Sets' });
  await expect(editor).toBeVisible();
  const other = await openAs(browser, await editLink(page), participant);
  await expect(page.getByRole('region', { name: 'Participants' })).toContainText('Grace Okafor');
  await page.waitForTimeout(500);
  await page.evaluate(() => (window as unknown as { __resetEditorRenders: () => void }).__resetEditorRenders());

  // Five seconds of their pointer wandering over the board, which this page shows moving.
  const box = (await other.page.getByRole('application', { name: 'Workshop board' }).boundingBox())!;
  const cursor = page.getByTestId('remote-cursor').filter({ hasText: 'Grace Okafor' });
  const places = new Set<string>();
  const began = Date.now();
  for (let i = 0; Date.now() - began < 5000; i++) {
    await other.page.mouse.move(box.x + box.width * (0.2 + (0.6 * ((i * 37) % 100)) / 100), box.y + box.height * (0.2 + (0.6 * ((i * 53) % 100)) / 100));
    await other.page.waitForTimeout(30);
    if (i % 10 === 0 && (await cursor.count())) places.add((await cursor.getAttribute('style')) ?? '');
  }
  expect(places.size, 'the pointer was seen moving here').toBeGreaterThanOrEqual(5);
  expect(await page.evaluate(() => (window as unknown as { __editorRenders: number }).__editorRenders)).toBe(0);

  // The counter does count: a keystroke in the editor renders it.
  await editor.getByLabel('Owner').pressSequentially('G');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __editorRenders: number }).__editorRenders)).toBeGreaterThan(0);
  await other.context.close();
});

test('a workshop a newer version of the app has written to opens read-only, and says why', async ({ page }) => {
  const url = await createWorkshop(page, 'From a newer app');
  await addCard(page, 'people', 'Individual Effectiveness', 'Ward managers');
  const [, id] = /#\/w\/([^?]+)\?t=([^&]+)/.exec(url)!;
  // A link holder cannot do this (the schema version is the host's to write): a newer version of
  // the host upgrades the file while nobody has the workshop open. Leave, and let the room unload.
  await page.goto('about:blank');
  await page.waitForTimeout(3000);
  const file = new DatabaseSync(join(process.env.SLC_E2E_DATA!, `${id}.slcanvas`), { timeout: 5000 });
  const newer = new Y.Doc();
  for (const row of file.prepare('SELECT data FROM updates ORDER BY seq').all() as Array<{ data: Uint8Array }>) Y.applyUpdate(newer, row.data);
  const before = Y.encodeStateVector(newer);
  newer.getMap('meta').set('schemaVersion', 99);
  file.prepare('INSERT INTO updates (data, at) VALUES (?, ?)').run(Y.encodeStateAsUpdate(newer, before), Date.now());
  file.close();
  newer.destroy();
  await page.goto(url);

  const notice = page.getByRole('alert').filter({ hasText: 'saved by a newer version' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('read-only');
  await expect(page.getByRole('button', { name: 'Add people card' })).toBeDisabled();
  await expect(card(page, 'Ward managers')).toBeVisible();

  // Opening it again says the same at once, instead of failing somewhere out of sight.
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'saved by a newer version' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add people card' })).toBeDisabled();
  await expect(card(page, 'Ward managers')).toBeVisible();
  await page.screenshot({ path: '.test-output/newer-version.png' });
});
