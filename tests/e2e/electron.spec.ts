// The desktop app itself, driven through Playwright's Electron support. It needs the Electron
// binary, which is downloaded on install and cannot be on machines without network access (as
// here): there the test is skipped and says why. The renderer it would show is the same build the
// Chromium tests drive, and the main process is unit-tested with a stubbed electron module.
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { facilitator, joinAs, expectConnected } from './helpers';

const DOMAINS = ['Individual Effectiveness', 'Relationships and Connectivity', 'Innovation and Improvement', 'Learning and Capacity Building'];
const MAIN = resolve('dist', 'electron', 'main.cjs');

/** The Electron binary that `npm install` fetched, if it could. */
function electronBinary(): string | null {
  const dir = resolve('node_modules', 'electron');
  try {
    const bin = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON =
  'Electron binary not available on this machine (it cannot be downloaded here); the same renderer is tested in Chromium by the other e2e tests';

// The list reporter shows a skipped test without its reason: say it in the output too.
if (!binary) console.log(`Skipping the Electron test: ${SKIP_REASON}.`);

test.describe('the desktop app', () => {
  test.skip(!binary, SKIP_REASON);

  let app: ElectronApplication;
  let userData: string;

  test.beforeEach(async () => {
    expect(existsSync(MAIN), 'build the app first (npm run build)').toBe(true);
    userData = mkdtempSync(join(tmpdir(), 'slc-electron-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [MAIN],
      env: { ...process.env, SLC_USER_DATA_DIR: userData },
      timeout: 60_000,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('opens its window on the built-in relay and creates a workshop with the four domains', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: 'New workshop' })).toBeVisible({ timeout: 30_000 });
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    // The renderer gets the typed desktop API and nothing of Node.
    const exposed = await page.evaluate(() => ({
      desktop: Object.keys((window as unknown as { desktop?: object }).desktop ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({
      desktop: ['appInfo', 'openExternal', 'openJoinLink', 'openRecentWorkshopFile', 'openWorkshopFile', 'recentWorkshopFiles', 'saveWorkshopFile'],
      require: 'undefined',
      process: 'undefined',
    });

    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.getByRole('textbox', { name: 'Workshop title' }).fill('Winter discharge plan');
    await page.getByRole('button', { name: 'Create' }).click();
    await joinAs(page, facilitator);
    await expectConnected(page);
    for (const domain of DOMAINS) await expect(page.getByRole('region', { name: domain })).toBeVisible();

    // The workshop is kept in the app's own folder.
    const workshopId = /#\/w\/([a-z0-9]{20})/.exec(page.url())?.[1];
    expect(workshopId).toBeTruthy();
    expect(existsSync(join(userData, 'workshops', `${workshopId}.slcanvas`))).toBe(true);
  });
});
