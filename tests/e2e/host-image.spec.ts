// The container image's run stage, without Docker (no Docker engine runs here or on CI): exactly
// the files the Dockerfile copies into the image, and nothing else (no node_modules), in a
// folder of their own outside the repository, started with the image's ENTRYPOINT and ENV. Its
// HEALTHCHECK must pass, and a workshop made there must keep a card across a reload. The build
// stage is `npm ci` and `npm run build`, which `npm test` runs anyway. compose.yaml, the
// deployment people copy, is checked for what keeps it safe (the host reached through Caddy
// alone, so --trust-proxy is right; data in a named volume; the key from a secret; health
// checks), and the run stage is started again as compose starts it.
import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
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

/** The run stage's files alone, in a folder of their own; returns the app folder (its WORKDIR). */
function stageImage(stage: RunStage): string {
  root = mkdtempSync(join(tmpdir(), 'slc-image-'));
  const app = join(root, stage.workdir.replace(/^\//, ''));
  for (const { from, to } of stage.copies) {
    expect(existsSync(from), `${from} is built before the image copies it`).toBe(true);
    cpSync(from, join(app, to.replace(/^\.\//, '')), { recursive: true });
  }
  expect(existsSync(join(app, 'node_modules'))).toBe(false);
  return app;
}

test('the image’s run stage starts from its own files alone, passes its health check and keeps a workshop', async ({ browser }) => {
  const stage = runStage(readFileSync('Dockerfile', 'utf8'));
  expect(stage.entrypoint[0]).toBe('node');
  expect(stage.healthcheck[0]).toBe('node');
  expect(stage.copies.length).toBeGreaterThan(0);
  const app = stageImage(stage);

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
  // Listening on every interface of its container, it does not send people to 127.0.0.1.
  expect(log).toMatch(/listening on 0\.0\.0\.0:\d+/);
  expect(log).not.toMatch(/running at http:\/\/127\.0\.0\.1/);

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

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  secrets?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

const compose = () => yaml.load(readFileSync('compose.yaml', 'utf8')) as Compose;
/** A published port is on every interface unless it names an address ("127.0.0.1:8080:8080"). */
const onEveryInterface = (port: string) => !/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]):/i.test(port);

test('compose.yaml: the host is reached through Caddy alone, keeps its data in a named volume, reads its key from a secret, and is health-checked', () => {
  const { services, volumes = {}, secrets = {} } = compose();
  const host = services.host!;
  const proxy = services.caddy!;
  const stage = runStage(readFileSync('Dockerfile', 'utf8'));
  expect(host.build, 'the host is built from this Dockerfile').toBeDefined();

  // --trust-proxy believes X-Forwarded-*: right only when nothing but the proxy reaches the port.
  expect(host.command).toContain('--trust-proxy');
  for (const port of host.ports ?? []) expect(onEveryInterface(port), `host port ${port} is bound to loopback`).toBe(false);
  // Nothing else in the deployment could reach the host's port and speak for a client.
  expect(Object.keys(services).sort()).toEqual(['caddy', 'host']);
  expect(proxy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
  expect(proxy.depends_on?.host?.condition).toBe('service_healthy');

  // Caddy forwards to the host's own port, for the domain the .env names.
  const caddyfile = readFileSync('Caddyfile', 'utf8');
  const hostPort = stage.entrypoint[stage.entrypoint.indexOf('--port') + 1];
  expect(caddyfile).toMatch(new RegExp(`reverse_proxy host:${hostPort}\\b`));
  expect(caddyfile).toMatch(/^\{\$SLC_DOMAIN\} \{/m);
  expect(proxy.environment?.SLC_DOMAIN).toMatch(/^\$\{SLC_DOMAIN:\?/);
  expect(proxy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  expect(host.environment?.SLC_PUBLIC_URL).toMatch(/^https:\/\/\$\{SLC_DOMAIN/);

  // Workshops in a named volume (not a host folder, whose owner would have to be uid 1000).
  const data = (host.volumes ?? []).find((v) => v.split(':')[1] === '/data');
  expect(data, 'a volume at /data').toBeDefined();
  expect(Object.keys(volumes)).toContain(data!.split(':')[0]);
  for (const v of proxy.volumes ?? []) if (!v.startsWith('./')) expect(Object.keys(volumes)).toContain(v.split(':')[0]);

  // The host key from a secret file, which stays out of the build context and out of git.
  const keyFile = host.command![host.command!.indexOf('--host-key-file') + 1]!;
  const secretName = keyFile.replace(/^\/run\/secrets\//, '');
  expect(keyFile).toBe(`/run/secrets/${secretName}`);
  expect(host.secrets).toContain(secretName);
  const secretFile = secrets[secretName]?.file?.replace(/^\.\//, '');
  expect(secretFile).toBeTruthy();
  expect(readFileSync('.dockerignore', 'utf8').split('\n')).toContain(secretFile);
  expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain(secretFile);
  expect(JSON.stringify(host.environment ?? {})).not.toContain('SLC_HOST_KEY');

  // The image's own health check again (podman's default OCI format drops HEALTHCHECK), and one for Caddy.
  expect(host.healthcheck?.test).toEqual(['CMD', ...stage.healthcheck]);
  expect(proxy.healthcheck?.test?.[0]).toBe('CMD');
  for (const service of [host, proxy]) expect(service.restart).toBe('unless-stopped');
});

test('the run stage started as compose.yaml starts it: key from the secret, trusts the proxy, names the public address', async () => {
  const { services } = compose();
  const host = services.host!;
  const stage = runStage(readFileSync('Dockerfile', 'utf8'));
  const app = stageImage(stage);
  const port = await freePort();
  const key = 'compose-secret-key-0123456789abcdef';
  const secret = join(root, 'host_key');
  writeFileSync(secret, `${key}\n`, { mode: 0o600 });
  const data = join(root, 'data');
  // ENTRYPOINT then the service's command, with the container's paths moved to this machine's.
  const args = [...stage.entrypoint.slice(1), ...host.command!].map((a, i, all) =>
    all[i - 1] === '--port' ? String(port) : a === '/data' ? data : a.startsWith('/run/secrets/') ? secret : a,
  );
  const composeEnv = Object.fromEntries(Object.entries(host.environment ?? {}).map(([k, v]) => [k, v.replace(/\$\{SLC_DOMAIN[^}]*\}/, 'canvas.example.test')]));
  const env = { PATH: process.env.PATH ?? '', HOME: root, ...stage.env, ...composeEnv, SLC_PORT: String(port) };
  let log = '';
  child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await expect
    .poll(() => spawnSync(host.healthcheck!.test[1]!, host.healthcheck!.test.slice(2), { cwd: app, env }).status, {
      timeout: 20_000,
      message: `healthy\n${log}`,
    })
    .toBe(0);
  await expect.poll(() => log).toContain('People open it at https://canvas.example.test/');
  // One proxy hop: --trust-proxy trusts the right-most forwarded address, the one Caddy appended.
  expect(log).toMatch(/"trustProxy":1\b/);
  expect(log).toMatch(/"hostKey":true/);
  expect(log).not.toContain(key);

  // As Caddy would send it: without the key, refused; with the key from the secret, created.
  const through = {
    'content-type': 'application/json',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'canvas.example.test',
  };
  const url = `http://127.0.0.1:${port}/api/workshops`;
  const refused = await fetch(url, { method: 'POST', headers: through, body: JSON.stringify({ title: 'No key' }) });
  expect(refused.status).toBe(401);
  const made = await fetch(url, { method: 'POST', headers: { ...through, authorization: `Bearer ${key}` }, body: JSON.stringify({ title: 'Via compose' }) });
  expect(made.status).toBe(201);
});
