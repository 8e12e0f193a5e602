// Starts the built-in relay as an Electron utility process and waits for it to say where it
// listens; afterwards passes on what it says about saving. Electron's `utilityProcess.fork` is
// passed in, so this is tested with a stand-in.
import { isSaveStatusMessage, type SaveStatus } from './save-status';
export interface RelayChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export type ForkRelay = (modulePath: string, args: string[], options: { env: NodeJS.ProcessEnv; serviceName: string }) => RelayChild;

export interface RelayLaunchOptions {
  /** the bundled relay-process.cjs */
  modulePath: string;
  dataDir: string;
  staticDir: string;
  /** port to listen on; 0 picks a free one */
  port: number;
  env?: NodeJS.ProcessEnv;
  /** how long to wait for the relay to start */
  timeoutMs?: number;
}

export interface RelayHandle {
  url: string;
  port: number;
  /** asks the relay to save and stop; resolves once it has exited (or was ended after `graceMs`) */
  stop(graceMs?: number): Promise<void>;
  /** called if the relay exits without being asked to */
  onUnexpectedExit(listener: (code: number) => void): void;
  /** called whenever the relay says a workshop's edits are being saved, or cannot be */
  onSaveStatus(listener: (status: SaveStatus) => void): void;
}

export class RelayStartError extends Error {
  override name = 'RelayStartError';
  constructor(
    message: string,
    /** the system error code, e.g. EADDRINUSE, when there is one */
    readonly code?: string,
  ) {
    super(message);
  }
}

type RelayMessage = { type: 'listening'; url: string; port: number } | { type: 'failed'; message: string; code?: string };

function isRelayMessage(m: unknown): m is RelayMessage {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'listening') return typeof (m as { url?: unknown }).url === 'string' && typeof (m as { port?: unknown }).port === 'number';
  return t === 'failed';
}

export function launchRelay(fork: ForkRelay, options: RelayLaunchOptions): Promise<RelayHandle> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stopping = false;
    let exited = false;
    const exitListeners: ((code: number) => void)[] = [];
    const saveListeners: ((status: SaveStatus) => void)[] = [];
    const exitWaiters: (() => void)[] = [];
    const child = fork(options.modulePath, [], {
      env: {
        ...(options.env ?? process.env),
        SLC_DATA_DIR: options.dataDir,
        SLC_STATIC_DIR: options.staticDir,
        SLC_HOST: '127.0.0.1',
        SLC_PORT: String(options.port),
      },
      serviceName: 'Systems Leadership Canvas relay',
    });
    const fail = (err: RelayStartError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopping = true;
      child.kill();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new RelayStartError(`The built-in relay did not start within ${Math.round((options.timeoutMs ?? 20_000) / 1000)} seconds.`)),
      options.timeoutMs ?? 20_000,
    );
    child.on('message', (m) => {
      if (isSaveStatusMessage(m)) {
        const status: SaveStatus = m.ok ? { workshopId: m.workshopId, ok: true } : { workshopId: m.workshopId, ok: false, error: m.error ?? '' };
        for (const l of saveListeners) l(status);
        return;
      }
      if (!isRelayMessage(m)) return;
      if (m.type === 'failed') return fail(new RelayStartError(`The built-in relay could not start: ${m.message}`, m.code));
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        url: m.url,
        port: m.port,
        stop: (graceMs = 5000) =>
          new Promise<void>((done) => {
            if (exited) return done();
            stopping = true;
            const kill = setTimeout(() => {
              child.kill();
              done();
            }, graceMs);
            exitWaiters.push(() => {
              clearTimeout(kill);
              done();
            });
            child.postMessage({ type: 'stop' });
          }),
        onUnexpectedExit: (listener) => exitListeners.push(listener),
        onSaveStatus: (listener) => saveListeners.push(listener),
      });
    });
    child.on('exit', (code) => {
      exited = true;
      for (const w of exitWaiters.splice(0)) w();
      if (!settled) return fail(new RelayStartError(`The built-in relay stopped before it started (exit code ${code}).`));
      if (!stopping) for (const l of exitListeners) l(code);
    });
  });
}

/**
 * Starts the relay on the port used last time, so the window keeps its origin (and with it the
 * renderer's saved name, links and offline copies); if that port is taken now, on any free one.
 */
export async function launchRelayOnPreferredPort(
  fork: ForkRelay,
  options: Omit<RelayLaunchOptions, 'port'>,
  preferredPort: number | undefined,
): Promise<RelayHandle> {
  if (preferredPort) {
    try {
      return await launchRelay(fork, { ...options, port: preferredPort });
    } catch (err) {
      if (!(err instanceof RelayStartError) || (err.code !== 'EADDRINUSE' && err.code !== 'EACCES')) throw err;
    }
  }
  return launchRelay(fork, { ...options, port: 0 });
}
