// The workshop screen on a laptop (1280x800), a small laptop (1024x768) and a tablet: the rest of
// the suite runs at 1440x900, where none of these squeezes show. Each check measures what a person
// would see: boxes on screen, text cut short, a bar that changes height.
import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { createWorkshop, editLink, openAs, participant, addCard, planTable, type Person } from './helpers';
import { tabletDevice } from './phone-helpers';
import { startPublicUrlHost, type PublicUrlHost } from './public-url-host';

const laptop = { width: 1280, height: 800 };
const smallLaptop = { width: 1024, height: 768 };
const longName: Person = { name: 'Oluwaseun Adeyemi-Fitzgerald', organisation: 'Riverside and Vale Integrated Care Board', organisationType: 'ICB' };

async function facilitatorAt(browser: Browser, viewport: { width: number; height: number }, title: string, sample = true, baseURL?: string) {
  const context = await browser.newContext({ viewport, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await createWorkshop(page, title, { sample });
  return { context, page };
}

/**
 * How much of an element is cut away by the window and by every ancestor that clips its overflow,
 * in pixels on each side (all zero when the whole of it is on screen).
 */
async function hiddenEdges(target: Locator) {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let visible = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      visible = {
        left: Math.max(visible.left, b.left + a.clientLeft),
        top: Math.max(visible.top, b.top + a.clientTop),
        right: Math.min(visible.right, b.left + a.clientLeft + a.clientWidth),
        bottom: Math.min(visible.bottom, b.top + a.clientTop + a.clientHeight),
      };
    }
    const cut = (n: number) => Math.max(0, Math.round(n));
    return { left: cut(visible.left - r.left), top: cut(visible.top - r.top), right: cut(r.right - visible.right), bottom: cut(r.bottom - visible.bottom) };
  });
}
const nothingHidden = { left: 0, top: 0, right: 0, bottom: 0 };

/** True when an element's own text is cut short (an ellipsis or clipped overflow). */
async function truncated(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
}

async function expectWholeQrCode(page: Page) {
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite people' });
  const qr = dialog.getByRole('img', { name: 'QR code of the edit link' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // Not reached by scrolling the dialog sideways either (that would hide the links instead).
  const sideways = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  // The image carries its own quiet zone, so its whole box being on screen means the code scans.
  expect(await hiddenEdges(qr)).toEqual(nothingHidden);
  const box = (await qr.boundingBox())!;
  const frame = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(frame.x);
  expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
  const caption = dialog.getByText('Scan to join with the edit link');
  expect(await hiddenEdges(caption)).toEqual(nothingHidden);
  expect(await truncated(caption)).toBe(false);
  // The links beside it are still whole and readable.
  await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveValue(/#\/w\//);
  expect(await hiddenEdges(dialog.getByRole('textbox', { name: 'Edit link' }))).toEqual(nothingHidden);
}

/** The side panel's five tabs share one row (the same top), each of them whole on screen. */
async function expectTabsOnOneRow(page: Page) {
  const tabs = page.getByRole('tablist', { name: 'Side panel' }).getByRole('tab');
  await expect(tabs).toHaveCount(5);
  const tops = new Set<number>();
  for (const tab of await tabs.all()) {
    tops.add(Math.round((await tab.boundingBox())!.y));
    expect(await hiddenEdges(tab), await tab.innerText()).toEqual(nothingHidden);
  }
  expect([...tops]).toHaveLength(1);
}

// A QR code shows only where phones can open it, so these run on a host with a public URL
// (the test host itself listens on loopback, where the dialog rightly shows none).
test.describe('the invite dialog with its QR code', () => {
  let host: PublicUrlHost;
  test.beforeAll(async () => {
    host = await startPublicUrlHost();
  });
  test.afterAll(() => host?.stop());

  for (const [label, viewport] of [
    ['1280x800', laptop],
    ['1024x768', smallLaptop],
  ] as const) {
    test(`at ${label} the invite dialog shows the whole QR code and its caption`, async ({ browser }) => {
      const { context, page } = await facilitatorAt(browser, viewport, 'Invite at a laptop', false, host.url);
      await expectWholeQrCode(page);
      await context.close();
    });
  }

  test('on a tablet (drawer layout) the invite dialog shows the whole QR code and its caption', async ({ browser }) => {
    const context = await browser.newContext({ ...tabletDevice, baseURL: host.url });
    const page = await context.newPage();
    await createWorkshop(page, 'Invite on a tablet');
    await expect(page.getByRole('button', { name: 'Participants and details' })).toBeVisible();
    await expectWholeQrCode(page);
    await context.close();
  });
});

for (const [label, viewport] of [
  ['1280x800', laptop],
  ['1024x768', smallLaptop],
] as const) {
  test(`at ${label} going offline keeps the top bar's height and the title readable`, async ({ browser }) => {
    test.setTimeout(120_000);
    const { context, page } = await facilitatorAt(browser, viewport, 'Riverside Place: leading together on hospital discharge');
    const bar = page.getByRole('banner').filter({ has: page.getByRole('heading', { level: 1 }) });
    const title = page.getByRole('heading', { level: 1, name: 'Riverside Place: leading together on hospital discharge' });
    const status = page.getByRole('status').filter({ hasText: 'Connected' });
    await expect(status).toBeVisible();
    const before = (await bar.boundingBox())!.height;
    if (viewport === laptop) {
      // Connected at 1280 the title has real room, not a word and an ellipsis.
      expect((await title.boundingBox())!.width).toBeGreaterThanOrEqual(280);
      // One line: no taller than the bar's buttons and padding.
      expect(before).toBeLessThan(64);
    }

    await context.setOffline(true);
    const offline = page.getByRole('status').filter({ hasText: 'Offline' });
    await expect(offline).toBeVisible();
    await addCard(page, 'people', 'Individual Effectiveness', 'Ward sister on 7B');
    await addCard(page, 'priority', 'Individual Effectiveness', 'Fewer delayed discharges');
    await expect(offline).toContainText(/\d+ changes waiting/);

    expect((await bar.boundingBox())!.height).toBe(before);
    const titleBox = (await title.boundingBox())!;
    const hidden = await hiddenEdges(title);
    expect(titleBox.width - hidden.right - hidden.left).toBeGreaterThanOrEqual(120);
    // The footprint and date line stays one line (it used to wrap onto six).
    const subtitle = page.locator('.topbar .titles p');
    const lineHeight = await subtitle.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect((await subtitle.boundingBox())!.height).toBeLessThanOrEqual(lineHeight + 1);
    // However short the status is drawn, its full words are there for a screen reader and in the tooltip.
    await expect(offline).toContainText(/Offline · \d+ changes waiting, kept on this device/);
    await expect(offline).toHaveAttribute('title', /Offline · \d+ changes waiting, kept on this device/);
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
    expect((await bar.boundingBox())!.height).toBe(before);
    await context.close();
  });
}

test('at 1280x800 with a vote open: plan columns, side panel tabs and participant names all fit', async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await facilitatorAt(browser, laptop, 'Riverside Place: leading together on hospital discharge');
  const link = await editLink(page);
  const others = [await openAs(browser, link, participant), await openAs(browser, link, longName)];
  const people = page.getByRole('region', { name: 'Participants' });
  await expect(people.getByRole('listitem')).toHaveCount(3);
  // The facilitator follows one of them, so that row carries the wider "Stop following" button.
  await page.getByRole('button', { name: `Follow ${participant.name}` }).click();
  await expect(people.getByRole('button', { name: 'Stop following' })).toBeVisible();
  const heightBefore = (await people.boundingBox())!.height;

  await page.getByRole('button', { name: 'Start vote' }).click();
  await page.getByLabel('What can be voted on').selectOption('items');
  await page.getByRole('button', { name: 'Open the vote' }).click();
  const vote = page.getByRole('region', { name: 'Dot vote' });
  await expect(vote).toBeVisible();

  // Participants keep their room, and every name is whole: neither cut at the side nor hidden
  // under the vote (a name may wrap, and the list may scroll to it).
  expect((await people.boundingBox())!.height).toBeGreaterThanOrEqual(heightBefore - 1);
  for (const name of [participant.name, longName.name]) {
    const item = people.getByRole('listitem').filter({ hasText: name });
    const nameText = item.getByText(name, { exact: true });
    await nameText.scrollIntoViewIfNeeded();
    expect(await hiddenEdges(nameText), name).toEqual(nothingHidden);
    expect(await truncated(nameText), name).toBe(false);
  }

  // The side panel's tabs sit on one row, each whole.
  await expectTabsOnOneRow(page);

  // Votes revealed: the plan gains its Votes column, and every column header is readable, either
  // in the table's box or by scrolling that box (never cut off by the page).
  await vote.getByRole('button', { name: 'Place a dot on Action Learning Sets' }).click();
  await vote.getByRole('button', { name: 'Reveal votes' }).click();
  const headers = planTable(page).getByRole('columnheader');
  await expect(planTable(page).getByRole('columnheader', { name: 'Votes' })).toBeVisible();
  const scroller = page.locator('#plan-body');
  // At 1280 they all fit without scrolling (long domain names and titles wrap): the table at its
  // narrowest is no wider than its box.
  const fit = await scroller.evaluate((el) => {
    const table = el.querySelector('table')!;
    table.style.width = 'min-content';
    const narrowest = table.getBoundingClientRect().width;
    table.style.width = '';
    const pad = parseFloat(getComputedStyle(el).paddingLeft) + parseFloat(getComputedStyle(el).paddingRight);
    return { narrowest, room: el.clientWidth - pad };
  });
  expect(fit.narrowest, `the plan table needs ${fit.narrowest} px and has ${fit.room} px`).toBeLessThanOrEqual(fit.room);
  for (const header of await headers.all()) {
    await header.scrollIntoViewIfNeeded();
    const label = await header.innerText();
    expect(await hiddenEdges(header), label).toEqual(nothingHidden);
    expect(await truncated(header), label).toBe(false);
  }
  // And if it does not all fit, the table's own box is the one that scrolls, not the page.
  const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  if (sizes.scroll > sizes.client) expect(['auto', 'scroll']).toContain(sizes.overflow);
  const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(page_.scroll).toBeLessThanOrEqual(page_.client);

  for (const o of others) await o.context.close();
  await context.close();
});

test('at 1024x768 the side panel drawer keeps its tabs on one row', async ({ browser }) => {
  const { context, page } = await facilitatorAt(browser, smallLaptop, 'Drawer tabs', false);
  await page.getByRole('button', { name: 'Participants and details' }).click();
  await expect(page.getByRole('tablist', { name: 'Side panel' })).toBeVisible();
  await expectTabsOnOneRow(page);
  await context.close();
});
