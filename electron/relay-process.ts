// Runs the relay inside the desktop app as an Electron utility process, so a busy room never
// blocks the window. Tells the main process its address once listening, whether each workshop
// can be saved (so the app can warn and log when the disk cannot be written), and stops (saving
// every room) when asked.
import { startRelay, type Relay } from '../server/relay';
import { saveStatusMessage } from './save-status';

export interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

export async function runRelayProcess(parentPort: ParentPort, env: NodeJS.ProcessEnv, exit: (code: number) => void): Promise<Relay | null> {
  let relay: Relay;
  try {
    const dataDir = env.SLC_DATA_DIR;
    const staticDir = env.SLC_STATIC_DIR;
    if (!dataDir || !staticDir) throw new Error('SLC_DATA_DIR and SLC_STATIC_DIR must be set');
    relay = await startRelay({
      dataDir,
      staticDir,
      host: env.SLC_HOST ?? '127.0.0.1',
      port: Number(env.SLC_PORT ?? 0),
      log: (l) => console.log(`[relay] ${l}`),
      onSaveStatus: (status) => parentPort.postMessage(saveStatusMessage(status)),
      // Besides the app's own window, only the app's local-network proxy connects, naming the real guest.
      trustProxy: true,
    });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: (err as Error).message, code: (err as NodeJS.ErrnoException).code });
    exit(1);
    return null;
  }
  parentPort.postMessage({ type: 'listening', url: relay.url, port: relay.port });
  parentPort.on('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'stop')
      void relay.close().then(
        () => exit(0),
        () => exit(1),
      );
  });
  return relay;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
// Only inside a utility process; importing this module elsewhere (a test) starts nothing.
if (parentPort) void runRelayProcess(parentPort, process.env, (code) => process.exit(code));
