// `npm run serve -- --port <port> --data <dir> [--host <addr>]`: the standalone host. Serves the
// built web client and the relay on one port and prints the address to open.
import { parseArgs } from 'node:util';
import { resolve, dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRelay } from './relay';
import { Limits } from '../shared/protocol';

const usage = `Usage: npm run serve -- [--port 8080] [--data ./workshops] [--host 127.0.0.1] [--max-message-bytes ${Limits.maxMessageBytes}] [--allow-remote-create] [--allow-origin <origin>]... [--no-client]

  --no-client     run only the relay and its API, without serving the web client (which then need not be built)
  --allow-origin  let pages from this origin (e.g. https://canvas.example.org behind a proxy) open sockets; repeatable`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8080' },
        data: { type: 'string', default: '.slc-data' },
        host: { type: 'string', default: '127.0.0.1' },
        'max-message-bytes': { type: 'string', default: String(Limits.maxMessageBytes) },
        'allow-remote-create': { type: 'boolean', default: false },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'no-client': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  const maxMessageBytes = Number(values['max-message-bytes']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}"\n${usage}`);
    process.exit(2);
  }
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1024) {
    console.error(`--max-message-bytes must be a whole number of at least 1024\n${usage}`);
    process.exit(2);
  }
  let staticDir: string | undefined;
  if (!values['no-client']) {
    staticDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
    if (!existsSync(resolve(staticDir, 'index.html'))) {
      console.error(`The web client is not built (${staticDir} has no index.html). Run "npm run build" first, or pass --no-client to run only the relay.`);
      process.exit(1);
    }
  }
  const dataDir = resolve(values.data);
  const relay = await startRelay({
    dataDir,
    staticDir,
    host: values.host,
    port,
    maxMessageBytes,
    allowRemoteCreate: values['allow-remote-create'],
    allowedOrigins: values['allow-origin'],
    log: (line) => console.log(`[relay] ${line}`),
  }).catch((err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port.` : `Could not start: ${err.message}`);
    process.exit(1);
  });
  console.log(
    staticDir ? `Systems Leadership Canvas is running at ${relay.url}/` : `Systems Leadership Canvas relay (no web client) is running at ${relay.url}/`,
  );
  console.log(`Workshops are stored in ${dataDir}`);
  if (values.host !== '127.0.0.1' && values.host !== 'localhost')
    console.log(`Listening on ${values.host}:${relay.port}; share links from the app's "Invite people" dialog.`);
  const stop = () => {
    void relay.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
