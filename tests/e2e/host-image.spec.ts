// The container image's run stage, without Docker (no Docker engine runs here or on CI): exactly
// the files the Dockerfile copies into the image, and nothing else (no node_modules), in a
// folder of their own outside the repository, started with the image's ENTRYPOINT and ENV. Its
// HEALTHCHECK must pass, and a workshop made there must keep a card across a reload. The build
// stage is `npm ci` and `npm run build`, which `npm test` runs anyway.
import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCard, card, createWorkshop } from './helpers';

interface RunStage {
  copies: { from: string; to: string }[];
  env: Record<string, string>;
  workdir: string;
  entrypoint: string[];
  healthcheck: string[];
}

/** The last stage of the Dockerfile: what it copies from the build, its ENV, ENTRYPOINT and HEALTHCHECK. */
function runStage(dockerfile: string): RunStage {
  const lines = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const lastFrom = lines.map((l) => /^FROM\b/i.test(l)).lastIndexOf(true);
  const stage: RunStage = { copies: [], env: {}, workdir: '/', entrypoint: [], healthcheck: [] };
  for (const line of lines.slice(lastFrom + 1)) {
    const [instruction, ...rest] = line.trim().split(/\s+/);
    const args = rest.join(' ');
    switch (instruction!.toUpperCase()) {
      case 'COPY': {
        const m = /^--from=build\s+(\S+)\s+(\S+)$/.exec(args);
        if (!m) throw new Error(`a COPY the test does not understand: ${line}`);
        stage.copies.push({ from: m[1]!.replace(/^\/app\//, ''), to: m[2]! });
        break;
      }
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [k, v] = pair.split('=');
          stage.env[k!] = v!;
        }
        break;
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
        break;
    }
  }
  return stage;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

let child: ChildProcess | undefined;
let root = '';
test.afterEach(() => {
  child?.kill('SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the image’s run stage starts from its own files alone, passes its health check and keeps a workshop', async ({ browser }) => {
  const stage = runStage(readFileSync('Dockerfile', 'utf8'));
  expect(stage.entrypoint[0]).toBe('node');
  expect(stage.healthcheck[0]).toBe('node');
  expect(stage.copies.length).toBeGreaterThan(0);

  root = mkdtempSync(join(tmpdir(), 'slc-image-'));
  const app = join(root, stage.workdir.replace(/^\//, ''));
  for (const { from, to } of stage.copies) {
    expect(existsSync(from), `${from} is built before the image copies it`).toBe(true);
    cpSync(from, join(app, to.replace(/^\.\//, '')), { recursive: true });
  }
  expect(existsSync(join(app, 'node_modules'))).toBe(false);

  // The image's ENTRYPOINT, with its port and data volume moved somewhere free on this machine.
  const port = await freePort();
  const data = join(root, 'data');
  const args = stage.entrypoint.slice(1).map((a, i, all) => (all[i - 1] === '--port' ? String(port) : a === '/data' ? data : a));
  const env = { PATH: process.env.PATH ?? '', HOME: root, ...stage.env, SLC_PORT: String(port), SLC_HOST_KEY: 'image-test-host-key-0123456789' };
  let log = '';
  child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));

  await expect
    .poll(() => spawnSync(process.execPath, stage.healthcheck.slice(1), { cwd: app, env }).status, {
      timeout: 20_000,
      message: `the health check passes\n${log}`,
    })
    .toBe(0);
  // The host key came from the environment, as the Dockerfile's usage says.
  await expect.poll(() => log).toMatch(/"hostKey":true/);

  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await createWorkshop(page, 'From the image');
  await addCard(page, 'purpose', 'Innovation and Improvement', 'Kept in the volume');
  await expect(page.getByRole('status').filter({ hasText: 'all changes saved' })).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(card(page, 'Kept in the volume')).toBeVisible();
  await context.close();
  expect(existsSync(data)).toBe(true);
});
