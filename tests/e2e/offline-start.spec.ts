// The workshop opens with no network: someone who joined once reloads the page while the host is
// gone (really gone: its process killed), the workshop opens from the device (the app shell from
// the service worker's precache, the workshop from IndexedDB), says it is offline, keeps what they
// type, and hands it to the host when the host is back, where a newcomer sees it. And a new build
// of the app replaces the old one whole, once the person chooses to reload.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownHost, type OwnHost } from './own-host';
import { card, createWorkshop, editLink, expectConnected, expectSaved, openAs, participant, type Person } from './helpers';

test.describe.configure({ mode: 'serial' });

const newcomer: Person = { name: 'Tomasz Nowak', organisation: 'Northfield Primary Care Network', organisationType: 'Primary care' };

/** Waits until the page is controlled by the app's service worker, its precache complete. */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30_000 });
}

/** Every URL in the page's Cache Storage. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    return urls;
  });
}

/** How many Yjs updates this browser keeps for the workshop in IndexedDB (y-indexeddb's store). */
function localUpdates(page: Page, workshopId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('updates')) return resolve(0);
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
    `slc-workshop-${workshopId}`,
  );
}

test.describe('with the host unreachable', () => {
  let host: OwnHost;
  test.beforeAll(async () => {
    host = ownHost();
    await host.start();
  });
  test.afterAll(async () => host.dispose());

  test('a reload opens the workshop from the device, keeps a new card, and the card reaches the host when it is back', async ({ browser }) => {
    test.setTimeout(120_000);
    // The facilitator creates the workshop and a card, and hands out the edit link.
    const facilitatorContext = await browser.newContext({ baseURL: host.url });
    const facilitatorPage = await facilitatorContext.newPage();
    // The worked example, so the board is a real workshop's (30 cards, 8 interventions).
    await createWorkshop(facilitatorPage, 'Venue without Wi-Fi', { sample: true });
    const link = await editLink(facilitatorPage);
    const workshopId = /#\/w\/([^?]+)/.exec(link)![1]!;
    await facilitatorPage.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: 'Individual Effectiveness' });
    await facilitatorPage.getByRole('button', { name: 'Add people card' }).click();
    await facilitatorPage.keyboard.type('Discharge coordinators');
    await facilitatorPage.keyboard.press('Enter');
    await expectSaved(facilitatorPage);
    await facilitatorContext.close();

    // A participant joins once in their browser: the service worker takes the page, and the
    // workshop is copied into IndexedDB.
    const { context, page } = await openAs(browser, link, participant);
    await expect(card(page, 'Discharge coordinators')).toBeVisible();
    await controlledByServiceWorker(page);
    await expect.poll(() => localUpdates(page, workshopId)).toBeGreaterThan(0);
    // Only the app shell is cached: no API answer (they carry tokens and links), no socket.
    const cached = await cachedUrls(page);
    expect(cached.some((u) => /\/index\.html/.test(u))).toBe(true);
    expect(cached.some((u) => /\/assets\/Workspace-[\w-]+\.js/.test(u))).toBe(true);
    expect(cached.filter((u) => /\/(api|ws|metrics)\b/.test(new URL(u).pathname))).toEqual([]);

    // The venue's network goes: the host is killed, and the phone reloads the tab.
    await host.kill();
    await expect(page.getByRole('status')).toContainText('Offline');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Venue without Wi-Fi' })).toBeVisible();
    await expect(card(page, 'Discharge coordinators')).toBeVisible();
    const status = page.getByRole('status');
    await expect(status).toContainText('Offline');
    await expect(status).toContainText('opened from this device');
    // The API is never answered from the device: with the host gone, asking it fails.
    expect(
      await page.evaluate(() =>
        fetch('api/health').then(
          () => 'answered',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await expect(page.getByRole('note').filter({ hasText: 'Working offline' })).toContainText('merge with everyone else’s when the host is back');

    // The person adds a card with the keyboard, as anyone would.
    await page.getByRole('combobox', { name: 'Domain for new cards' }).selectOption({ label: 'Relationships and Connectivity' });
    await page.getByRole('button', { name: 'Add priority card' }).click();
    await expect(page.getByRole('textbox', { name: 'Card text' })).toBeFocused();
    await page.keyboard.type('Agree one discharge checklist across both trusts');
    await page.keyboard.press('Enter');
    await expect(card(page, 'Agree one discharge checklist across both trusts')).toBeVisible();
    await expect(status).toContainText('1 change kept here until the host is back');
    // Still offline a few retries later (it never flickers back to "Connecting").
    await page.waitForTimeout(1500);
    await expect(status).toContainText('Offline');
    await page.screenshot({ path: process.env.SLC_SCREENSHOTS ? 'docs/screenshots/offline-start.png' : 'test-results/offline-start.png' });

    // The host comes back on the same port with the same data folder: the card goes to it.
    await host.start();
    await expect(status).toContainText('Connected', { timeout: 20_000 });
    await expectSaved(page);
    await expect(page.getByRole('note').filter({ hasText: 'Working offline' })).toHaveCount(0);

    // Someone joining afterwards, in a fresh browser, finds the card on the host.
    const other = await openAs(browser, link, newcomer);
    await expect(card(other.page, 'Agree one discharge checklist across both trusts')).toBeVisible();
    await expect(card(other.page, 'Discharge coordinators')).toBeVisible();
    await other.context.close();
    await context.close();
  });
});

test.describe('a new build', () => {
  let host: OwnHost;
  const builds = mkdtempSync(join(tmpdir(), 'slc-e2e-builds-'));
  const serveB = join(builds, 'b', 'server', 'serve.js');

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // Build B: the same app built again under another build id, so every hashed file differs.
    // serve.js serves ../renderer next to itself, so B is a host of its own beside it.
    mkdirSync(join(builds, 'b', 'server'), { recursive: true });
    copyFileSync('dist/server/serve.js', serveB);
    execFileSync(process.execPath, ['--input-type=module', '-e', "import('vite').then((v) => v.build({ configFile: 'vite.config.ts', logLevel: 'error' }))"], {
      env: { ...process.env, SLC_BUILD_ID: 'offline-test-b', SLC_RENDERER_OUT: join(builds, 'b', 'renderer') },
      stdio: 'pipe',
    });
    host = ownHost();
    await host.start();
  });
  test.afterAll(async () => {
    await host?.dispose();
    rmSync(builds, { recursive: true, force: true });
  });

  test('replaces the old app shell whole once the person reloads, never a mix of the two', async ({ browser }) => {
    test.setTimeout(120_000);
    const scriptOf = (html: string) => /<script type="module"[^>]*src="\.?\/?(assets\/index-[\w-]+\.js)"/.exec(html)![1]!;
    const scriptA = scriptOf(readFileSync('dist/renderer/index.html', 'utf8'));
    const scriptB = scriptOf(readFileSync(join(builds, 'b', 'renderer', 'index.html'), 'utf8'));
    expect(scriptB).not.toBe(scriptA);
    const pageScript = (page: Page) => page.evaluate(() => new URL(document.querySelector<HTMLScriptElement>('script[type="module"]')!.src).pathname.slice(1));

    const context = await browser.newContext({ baseURL: host.url });
    const page = await context.newPage();
    await createWorkshop(page, 'Two versions');
    await controlledByServiceWorker(page);
    const buildA = await page.evaluate(() => document.documentElement.dataset.build);
    expect(buildA).not.toBe('offline-test-b');

    // The host is upgraded: it restarts serving build B on the same port and data folder.
    await host.kill();
    await host.start(serveB);
    await page.reload();
    // The reload is still build A throughout (its own precache): the new version waits.
    const notice = page.getByRole('complementary', { name: 'New version' });
    await expect(notice).toContainText('A new version of the app is ready', { timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe(buildA);
    expect(await pageScript(page)).toBe(scriptA);
    await expectConnected(page);

    await notice.getByRole('button', { name: 'Reload' }).click();
    // The new service worker takes over and the page reloads into build B, whole.
    await expect(page.locator('html')).toHaveAttribute('data-build', 'offline-test-b', { timeout: 20_000 });
    await page.waitForLoadState('load');
    expect(await pageScript(page)).toBe(scriptB);
    await expectConnected(page);
    await expect(notice).toHaveCount(0);
    // Build A's files are gone from the cache: nothing can load one of them into a B page.
    const cached = await cachedUrls(page);
    expect(cached.some((u) => u.includes(scriptB))).toBe(true);
    expect(cached.some((u) => u.includes(scriptA))).toBe(false);
    await context.close();
  });
});
