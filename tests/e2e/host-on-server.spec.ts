// "Host on a server": from the start screen of a local host, the facilitator enters a server's
// address and host key, creates the workshop there, gets links that point to that server, saves
// the workshop file locally, and remote people join and edit on the server. The server is a real
// `serve` over TLS with a host key, reached by a DNS name (mapped to loopback in the browser), so
// the browser's requests are not "the host machine" there and the key is what lets them in.
import { test, expect, chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificate } from '../support/test-certificate';
import { joinAs, expectConnected, facilitator, openAs, participant, addCard, card } from './helpers';

const SERVER_NAME = 'canvas.example.test';
const HOST_KEY = 'e2e-host-key-5f0c2a9d7b1e4c3a';

let server: ChildProcess | undefined;
let serverLog = '';
let browser2: Browser | undefined;
let dir = '';
let serverOrigin = '';
let spki = '';

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slc-remote-e2e-'));
  const certificate = await makeTestCertificate([SERVER_NAME]);
  spki = certificate.spki;
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  writeFileSync(join(dir, 'host.key'), `${HOST_KEY}\n`, { mode: 0o600 });
  server = spawn(
    process.execPath,
    [
      'dist/server/serve.js',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--tls-cert',
      join(dir, 'cert.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
      '--host-key-file',
      join(dir, 'host.key'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stderr!.on('data', (c: Buffer) => (serverLog += c.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${serverLog}`)), 30_000);
    server!.stdout!.on('data', (chunk: Buffer) => {
      serverLog += chunk.toString();
      const m = /"url":"https:\/\/127\.0\.0\.1:(\d+)\//.exec(serverLog);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  serverOrigin = `https://${SERVER_NAME}:${port}`;
});

test.afterAll(async () => {
  await browser2?.close();
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('the facilitator creates a workshop on a server with its host key, saves its file, and remote people join there', async ({ baseURL }, testInfo) => {
  const launch = testInfo.project.use.launchOptions ?? {};
  browser2 = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), `--ignore-certificate-errors-spki-list=${spki}`, `--host-resolver-rules=MAP ${SERVER_NAME} 127.0.0.1`],
  });
  const context = await browser2.newContext({ baseURL, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Host on a server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Host on a server' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(serverOrigin);
  await dialog.getByLabel('Host key').fill('not-the-right-key-000000');
  await dialog.getByRole('checkbox', { name: /Remember the server/ }).check();
  await dialog.getByRole('textbox', { name: 'Workshop title' }).pressSequentially('Discharge across the river');
  await dialog.getByRole('button', { name: 'Create on the server' }).click();
  await expect(dialog.getByRole('alert')).toContainText('did not accept the host key');

  await dialog.getByLabel('Host key').fill(HOST_KEY);
  await dialog.getByRole('button', { name: 'Create on the server' }).click();
  await expect(dialog.getByRole('status')).toContainText(`“Discharge across the river” is ready on ${SERVER_NAME}`);
  const facilitatorLink = await dialog.getByRole('textbox', { name: 'Facilitator link' }).inputValue();
  const editLink = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  for (const link of [facilitatorLink, editLink, await dialog.getByRole('textbox', { name: 'View-only link' }).inputValue()])
    expect(link.startsWith(`${serverOrigin}/#/w/`)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('host-on-server.png') });

  // The workshop file, saved on this device from the server.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save the workshop file' }).click()]);
  expect(download.suggestedFilename()).toBe('Discharge-across-the-river.slcanvas');
  const saved = readFileSync(await download.path());
  expect(saved.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved Discharge-across-the-river.slcanvas' })).toBeVisible();

  // The facilitator runs it on the server; a remote participant joins by the edit link and edits.
  const host = await context.newPage();
  await host.goto(facilitatorLink);
  await joinAs(host, facilitator);
  await expectConnected(host);
  await expect(host.getByRole('heading', { name: 'Discharge across the river' })).toBeVisible();
  const remote = await openAs(browser2, editLink, participant);
  await addCard(remote.page, 'people', 'Learning and Capacity Building', 'Carers joining from home');
  await expect(card(host, 'Carers joining from home')).toBeVisible();
  await remote.context.close();

  // Remembered on this device: the next time, the form is filled in.
  await page.reload();
  await page.getByRole('button', { name: 'Host on a server' }).click();
  await expect(page.getByRole('textbox', { name: 'Server address' })).toHaveValue(serverOrigin);
  await expect(page.getByLabel('Host key')).toHaveValue(HOST_KEY);
  // The key never reaches the server's log.
  expect(serverLog).toContain('created workshop');
  expect(serverLog).not.toContain(HOST_KEY);
  await context.close();
});
