// Runs the relay inside the desktop app as an Electron utility process, so a busy room never
// blocks the window. Tells the main process its port once listening.
import { startRelay } from '../server/relay';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

async function main(): Promise<void> {
  const dataDir = process.env.SLC_DATA_DIR;
  const staticDir = process.env.SLC_STATIC_DIR;
  if (!dataDir || !staticDir) throw new Error('SLC_DATA_DIR and SLC_STATIC_DIR must be set');
  const relay = await startRelay({
    dataDir,
    staticDir,
    host: process.env.SLC_HOST ?? '127.0.0.1',
    port: Number(process.env.SLC_PORT ?? 0),
    log: (l) => console.log(`[relay] ${l}`),
  });
  parentPort?.postMessage({ type: 'listening', url: relay.url, port: relay.port });
  parentPort?.on('message', (e) => {
    if ((e.data as { type?: string })?.type === 'stop') void relay.close().then(() => process.exit(0));
  });
}

main().catch((err: Error) => {
  parentPort?.postMessage({ type: 'failed', message: err.message });
  process.exit(1);
});
