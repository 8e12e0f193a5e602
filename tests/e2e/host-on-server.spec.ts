// "Host on a server": from the start screen of a local host, the facilitator enters a server's
// address and host key, creates the workshop there, gets links that point to that server, saves
// the workshop file locally, and remote people join and edit on the server. The server is a real
// `serve` over TLS with a host key, reached by a DNS name (mapped to loopback in the browser), so
// the browser's requests are not "the host machine" there and the key is what lets them in.
import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { launchTrustingHost, startTlsHost, type TlsHost } from './tls-host-process';
import { joinAs, expectConnected, facilitator, openAs, participant, addCard, card, createWorkshop } from './helpers';

const SERVER_NAME = 'canvas.example.test';
const HOST_KEY = 'e2e-host-key-5f0c2a9d7b1e4c3a';

/** Serious or critical axe findings inside the open dialog. */
async function dialogViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

let server: TlsHost | undefined;
let browser2: Browser | undefined;
let serverOrigin = '';

test.beforeAll(async ({ browserName }, testInfo) => {
  expect(browserName).toBe('chromium');
  server = await startTlsHost({ names: [SERVER_NAME], hostKey: HOST_KEY });
  serverOrigin = `https://${SERVER_NAME}:${server.port}`;
  // This browser trusts the server's certificate and finds the server's name on loopback.
  browser2 = await launchTrustingHost(server, SERVER_NAME, testInfo.project.use.launchOptions);
});

test.afterAll(async () => {
  await browser2?.close();
  server?.stop();
});

test('the facilitator creates a workshop on a server with its host key, saves its file, and remote people join there', async ({ baseURL }, testInfo) => {
  const context = await browser2!.newContext({ baseURL, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Host on a server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Host on a server' });
  expect(await dialogViolations(page)).toEqual([]);
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
  expect(await dialogViolations(page)).toEqual([]);

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
  const remote = await openAs(browser2!, editLink, participant);
  await addCard(remote.page, 'people', 'Learning and Capacity Building', 'Carers joining from home');
  await expect(card(host, 'Carers joining from home')).toBeVisible();
  await remote.context.close();

  // Remembered on this device: the next time, the form is filled in.
  await page.reload();
  await page.getByRole('button', { name: 'Host on a server' }).click();
  await expect(page.getByRole('textbox', { name: 'Server address' })).toHaveValue(serverOrigin);
  await expect(page.getByLabel('Host key')).toHaveValue(HOST_KEY);
  // The key never reaches the server's log.
  expect(server!.log()).toContain('created workshop');
  expect(server!.log()).not.toContain(HOST_KEY);
  await context.close();
});

test('a workshop prepared on this device is copied to the server from Invite people, and continues there', async ({ baseURL }, testInfo) => {
  const context = await browser2!.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await createWorkshop(page, 'Prepared at the office');
  await addCard(page, 'purpose', 'Relationships and Connectivity', 'Fewer delayed discharges');
  await page.getByRole('button', { name: 'Invite people' }).click();
  await expect(page.getByRole('textbox', { name: 'Edit link' })).toHaveValue(/#\/w\//);
  await page.screenshot({ path: testInfo.outputPath('invite-people.png') });
  await page.getByRole('button', { name: 'Host on a server…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Host on a server' });
  await expect(dialog).toContainText('Copy “Prepared at the office” to a server');
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(`${SERVER_NAME}:${server!.port}`);
  await dialog.getByLabel('Host key').fill(HOST_KEY);
  await dialog.getByRole('button', { name: 'Copy to the server' }).click();
  await expect(dialog.getByRole('status')).toContainText(`“Prepared at the office” is ready on ${SERVER_NAME}`);
  const facilitatorLink = await dialog.getByRole('textbox', { name: 'Facilitator link' }).inputValue();
  expect(facilitatorLink.startsWith(`${serverOrigin}/#/w/`)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('copied-to-server.png') });

  const onServer = await context.newPage();
  await onServer.goto(facilitatorLink);
  await joinAs(onServer, facilitator);
  await expectConnected(onServer);
  await expect(onServer.getByRole('heading', { name: 'Prepared at the office' })).toBeVisible();
  await expect(card(onServer, 'Fewer delayed discharges')).toBeVisible();
  await context.close();
});
