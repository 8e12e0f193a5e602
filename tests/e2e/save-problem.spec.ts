// The host cannot save: a real host whose data folder is a 2 MB tmpfs fills up while two people
// work. Both see an alert that the host cannot save and that their changes are kept on their
// device; once space is freed the host saves by itself and the alert clears for both.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkshop, editLink, openAs, participant, addCard, card } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'slc-e2e-tmpfs-'));
let mounted = false;
let host: ChildProcess | null = null;
const port = 40_000 + Math.floor(Math.random() * 10_000);
const hostUrl = `http://127.0.0.1:${port}`;

test.beforeAll(async () => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    mounted = true;
  } catch {
    return;
  }
  host = spawn(process.execPath, ['dist/server/serve.js', '--port', String(port), '--data', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${hostUrl}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('host did not start');
});

test.afterAll(async () => {
  if (host) {
    const exited = new Promise((r) => host!.once('exit', r));
    host.kill('SIGTERM');
    await exited;
  }
  if (mounted) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

function fillDisk(): string {
  const path = join(dir, 'filler.bin');
  const fd = openSync(path, 'w');
  for (const size of [16 * 1024, 512]) {
    const chunk = Buffer.alloc(size, 7);
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      // full
    }
  }
  closeSync(fd);
  return path;
}

test('when the host’s disk fills up, everyone is told it cannot save, and the message clears when it can again', async ({ browser }) => {
  // Cards are typed key by key (addCard), a few thousand keys in all, and each key reaches the
  // host as it is typed (a card's words are shared live): about 40 ms a key here, unhurried.
  test.setTimeout(420_000);
  test.skip(!mounted, 'tmpfs cannot be mounted here (the test needs root)');
  const context = await browser.newContext({ baseURL: hostUrl });
  const page = await context.newPage();
  await createWorkshop(page, 'Disk trouble');
  const other = await openAs(browser, await editLink(page), participant);
  await addCard(page, 'people', 'Individual Effectiveness', 'Written before the disk filled');
  await expect(page.getByRole('status').filter({ hasText: 'all changes saved' })).toBeVisible();

  const filler = fillDisk();
  // SQLite can still fit a small edit into the space its log already holds (and then it is
  // saved, truly); a few cards' worth of text needs space the disk no longer has.
  const during = Array.from({ length: 8 }, (_, i) =>
    `Written while the disk is full ${i + 1}: ${'a careful note about discharge planning '.repeat(10)}`.slice(0, 480),
  );
  for (const text of during) await addCard(other.page, 'place', 'Relationships and Connectivity', text);
  for (const p of [page, other.page]) {
    const alert = p.getByRole('alert').filter({ hasText: 'cannot save' });
    await expect(alert).toBeVisible({ timeout: 10_000 });
    await expect(alert).toContainText('disk is full');
    await expect(alert).toContainText('kept on this device');
  }
  // The edit still reaches the other person while the host cannot save.
  await expect(card(page, during[7]!)).toBeAttached();
  await expect(other.page.getByRole('status')).toContainText('host cannot save');
  await other.page.screenshot({ path: 'test-results/save-problem.png' });

  rmSync(filler);
  for (const p of [page, other.page]) {
    await expect(p.getByRole('alert').filter({ hasText: 'cannot save' })).toHaveCount(0, { timeout: 20_000 });
  }
  await expect(other.page.getByRole('status').filter({ hasText: 'all changes saved' })).toBeVisible({ timeout: 15_000 });
  await other.context.close();
  await context.close();
});
