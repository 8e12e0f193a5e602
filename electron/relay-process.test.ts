import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runRelayProcess, type ParentPort } from './relay-process';
import { removeTempDirs, tempDir } from './test-helpers';

vi.mock('electron', () => ({}));

function fakeParentPort() {
  const sent: unknown[] = [];
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const port: ParentPort = { postMessage: (m) => void sent.push(m), on: (_event, l) => void listeners.push(l) };
  return { port, sent, deliver: (data: unknown) => listeners.forEach((l) => l({ data })) };
}

afterEach(() => removeTempDirs());

describe('the relay utility process', () => {
  it('starts a real relay, says where it listens, serves the client, and stops when asked', async () => {
    const dir = tempDir();
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Systems Leadership Canvas</title>');
    const parent = fakeParentPort();
    const exit = vi.fn();
    const relay = await runRelayProcess(parent.port, { SLC_DATA_DIR: join(dir, 'workshops'), SLC_STATIC_DIR: staticDir, SLC_PORT: '0' }, exit);
    expect(relay).not.toBeNull();
    expect(parent.sent).toEqual([{ type: 'listening', url: relay!.url, port: relay!.port }]);
    expect(relay!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${relay!.url}/api/health`);
    expect(health.status).toBe(200);
    await health.text();
    expect(await (await fetch(`${relay!.url}/`)).text()).toContain('Systems Leadership Canvas');
    parent.deliver({ type: 'something else' });
    parent.deliver(null);
    expect(exit).not.toHaveBeenCalled();
    parent.deliver({ type: 'stop' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 5000 });
  });

  it('reports a missing configuration and exits 1', async () => {
    const parent = fakeParentPort();
    const exit = vi.fn();
    expect(await runRelayProcess(parent.port, {}, exit)).toBeNull();
    expect(parent.sent).toEqual([{ type: 'failed', message: 'SLC_DATA_DIR and SLC_STATIC_DIR must be set', code: undefined }]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('reports a taken port with its error code, so the app can pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    const parent = fakeParentPort();
    const exit = vi.fn();
    try {
      expect(await runRelayProcess(parent.port, { SLC_DATA_DIR: dir, SLC_STATIC_DIR: dir, SLC_PORT: String(port) }, exit)).toBeNull();
    } finally {
      blocker.close();
    }
    expect(parent.sent).toEqual([{ type: 'failed', message: expect.stringContaining('EADDRINUSE'), code: 'EADDRINUSE' }]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
