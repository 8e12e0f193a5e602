import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { launchRelay, launchRelayOnPreferredPort, RelayStartError, type ForkRelay, type RelayChild } from './relay-launcher';

vi.mock('electron', () => ({}));

class FakeChild extends EventEmitter implements RelayChild {
  posted: unknown[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly env: NodeJS.ProcessEnv,
  ) {
    super();
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  kill() {
    this.killed = true;
    return true;
  }
}

function fakeFork(script: (child: FakeChild) => void) {
  const children: FakeChild[] = [];
  const fork: ForkRelay = (modulePath, _args, options) => {
    const child = new FakeChild(modulePath, options.env);
    children.push(child);
    queueMicrotask(() => script(child));
    return child;
  };
  return { fork, children };
}

const options = { modulePath: '/app/relay-process.cjs', dataDir: '/data/workshops', staticDir: '/app/renderer', port: 0, env: { PATH: '/bin' } };
const listening = (child: FakeChild, port = 47123) => child.emit('message', { type: 'listening', url: `http://127.0.0.1:${port}`, port });

afterEach(() => vi.useRealTimers());

describe('launchRelay', () => {
  it('forks the relay on loopback with its folders and resolves with its address', async () => {
    const { fork, children } = fakeFork((c) => listening(c));
    const relay = await launchRelay(fork, options);
    expect(relay).toMatchObject({ url: 'http://127.0.0.1:47123', port: 47123 });
    const child = children[0]!;
    expect(child.modulePath).toBe('/app/relay-process.cjs');
    expect(child.env).toMatchObject({ PATH: '/bin', SLC_DATA_DIR: '/data/workshops', SLC_STATIC_DIR: '/app/renderer', SLC_HOST: '127.0.0.1', SLC_PORT: '0' });
  });

  it('rejects with the relay’s own reason when it fails to start, and ends the process', async () => {
    const { fork, children } = fakeFork((c) => c.emit('message', { type: 'failed', message: 'listen EADDRINUSE: address already in use', code: 'EADDRINUSE' }));
    const err = await launchRelay(fork, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RelayStartError);
    expect((err as RelayStartError).message).toBe('The built-in relay could not start: listen EADDRINUSE: address already in use');
    expect((err as RelayStartError).code).toBe('EADDRINUSE');
    expect(children[0]!.killed).toBe(true);
  });

  it('rejects when the process exits before listening', async () => {
    const { fork } = fakeFork((c) => c.emit('exit', 3));
    await expect(launchRelay(fork, options)).rejects.toThrow('The built-in relay stopped before it started (exit code 3).');
  });

  it('rejects when the relay does not answer in time', async () => {
    vi.useFakeTimers();
    const { fork, children } = fakeFork(() => {});
    const started = launchRelay(fork, { ...options, timeoutMs: 1000 });
    const outcome = started.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1001);
    expect(((await outcome) as Error).message).toBe('The built-in relay did not start within 1 seconds.');
    expect(children[0]!.killed).toBe(true);
  });

  it('ignores stray messages', async () => {
    const { fork } = fakeFork((c) => {
      c.emit('message', 'hello');
      c.emit('message', { type: 'listening' });
      c.emit('message', null);
      listening(c);
    });
    await expect(launchRelay(fork, options)).resolves.toMatchObject({ port: 47123 });
  });

  it('passes on what the relay says about saving, and ignores malformed save reports', async () => {
    const { fork, children } = fakeFork((c) => listening(c));
    const relay = await launchRelay(fork, options);
    const statuses: unknown[] = [];
    relay.onSaveStatus((s) => statuses.push(s));
    const child = children[0]!;
    const id = 'abcdefghij0123456789';
    child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'ENOSPC: no space left on device' });
    child.emit('message', { type: 'save-status', workshopId: id, ok: true });
    for (const bad of [
      { type: 'save-status', workshopId: '../../etc', ok: false, error: 'x' },
      { type: 'save-status', workshopId: id, ok: 'no' },
      { type: 'save-status', workshopId: id, ok: false, error: 42 },
      { type: 'save-status', workshopId: id, ok: false, error: 'x'.repeat(5000) },
      { type: 'save-status', ok: false },
    ])
      child.emit('message', bad);
    expect(statuses).toEqual([
      { workshopId: id, ok: false, error: 'ENOSPC: no space left on device' },
      { workshopId: id, ok: true },
    ]);
  });

  it('stop() asks the relay to stop and resolves when it has exited; it is not reported as unexpected', async () => {
    const { fork, children } = fakeFork((c) => listening(c));
    const relay = await launchRelay(fork, options);
    const unexpected = vi.fn();
    relay.onUnexpectedExit(unexpected);
    const stopped = relay.stop();
    expect(children[0]!.posted).toEqual([{ type: 'stop' }]);
    children[0]!.emit('exit', 0);
    await stopped;
    expect(unexpected).not.toHaveBeenCalled();
  });

  it('stop() ends a relay that does not exit within the grace period', async () => {
    vi.useFakeTimers();
    const { fork, children } = fakeFork((c) => listening(c));
    const relay = await launchRelay(fork, options);
    const stopped = relay.stop(500);
    await vi.advanceTimersByTimeAsync(501);
    await stopped;
    expect(children[0]!.killed).toBe(true);
  });

  it('reports an exit nobody asked for', async () => {
    const { fork, children } = fakeFork((c) => listening(c));
    const relay = await launchRelay(fork, options);
    const unexpected = vi.fn();
    relay.onUnexpectedExit(unexpected);
    children[0]!.emit('exit', 9);
    expect(unexpected).toHaveBeenCalledWith(9);
  });
});

describe('launchRelayOnPreferredPort', () => {
  it('uses the port of last time', async () => {
    const { fork, children } = fakeFork((c) => listening(c, 47123));
    await launchRelayOnPreferredPort(fork, options, 47123);
    expect(children.map((c) => c.env.SLC_PORT)).toEqual(['47123']);
  });

  it('falls back to any free port when that one is taken', async () => {
    const { fork, children } = fakeFork((c) =>
      c.env.SLC_PORT === '47123' ? c.emit('message', { type: 'failed', message: 'in use', code: 'EADDRINUSE' }) : listening(c, 51000),
    );
    await expect(launchRelayOnPreferredPort(fork, options, 47123)).resolves.toMatchObject({ port: 51000 });
    expect(children.map((c) => c.env.SLC_PORT)).toEqual(['47123', '0']);
  });

  it('does not retry other failures', async () => {
    const { fork, children } = fakeFork((c) => c.emit('message', { type: 'failed', message: 'disk is read-only', code: 'EROFS' }));
    await expect(launchRelayOnPreferredPort(fork, options, 47123)).rejects.toThrow('disk is read-only');
    expect(children).toHaveLength(1);
  });

  it('picks a free port on the first run', async () => {
    const { fork, children } = fakeFork((c) => listening(c, 50001));
    await launchRelayOnPreferredPort(fork, options, undefined);
    expect(children.map((c) => c.env.SLC_PORT)).toEqual(['0']);
  });
});
