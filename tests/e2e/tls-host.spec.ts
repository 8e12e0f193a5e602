// The host on the internet, as a browser meets it: `serve` with a certificate made for this test
// serves the app over HTTPS and the relay over WSS; Chromium trusting exactly that certificate's
// key (not "ignore every certificate error") creates a workshop, and a second person joins by
// the edit link and edits while the first watches.
import { test, expect, chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificate } from '../support/test-certificate';
import { createWorkshop, editLink, openAs, participant, addCard, card } from './helpers';

let host: ChildProcess | undefined;
let trusting: Browser | undefined;
let dir = '';
let httpsUrl = '';
let spki = '';

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slc-tls-e2e-'));
  const certificate = await makeTestCertificate();
  spki = certificate.spki;
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  host = spawn(
    process.execPath,
    ['dist/server/serve.js', '--port', '0', '--data', join(dir, 'data'), '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  httpsUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the TLS host did not start:\n${out}`)), 30_000);
    host!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The host logs one JSON object per line; the start-up line carries the address.
      for (const line of out.split('\n')) {
        const url = (line.startsWith('{') ? (JSON.parse(line) as { url?: string }).url : undefined) ?? '';
        if (url.startsWith('https://')) {
          clearTimeout(timer);
          resolve(url.replace(/\/$/, ''));
        }
      }
    });
  });
});

test.afterAll(async () => {
  await trusting?.close();
  host?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('a browser that does not trust the certificate is stopped', async ({ page }) => {
  await expect(page.goto(`${httpsUrl}/`)).rejects.toThrow(/ERR_CERT/);
});

test('a browser trusting the certificate creates a workshop over HTTPS, and a second person joins and edits over WSS', async () => {
  const launch = test.info().project.use.launchOptions ?? {};
  trusting = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--ignore-certificate-errors-spki-list=${spki}`] });
  const context = await trusting.newContext({ baseURL: httpsUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const boardUrl = await createWorkshop(page, 'Remote over TLS');
  expect(boardUrl.startsWith(`${httpsUrl}/`)).toBe(true);
  expect(sockets.length).toBeGreaterThan(0);
  for (const url of sockets) expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws\//);

  const link = await editLink(page);
  expect(link.startsWith(`${httpsUrl}/`)).toBe(true);
  const other = await openAs(trusting, link, participant);
  await addCard(other.page, 'people', 'Learning and Capacity Building', 'Remote carers forum');
  await expect(card(page, 'Remote carers forum')).toBeVisible();
  await addCard(page, 'place', 'Innovation and Improvement', 'Community hub over TLS');
  await expect(card(other.page, 'Community hub over TLS')).toBeVisible();
  await other.context.close();
  await context.close();
});
