// `npm run serve -- --port <port> --data <dir> [--host <addr>] ...`: the standalone host. Serves the
// built web client and the relay on one port (HTTP, or HTTPS and WSS with a certificate) and logs
// one JSON object per line.
import { parseArgs } from 'node:util';
import { resolve, dirname } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRelay } from './relay';
import { Limits } from '../shared/protocol';
import { loadHostKey, HostKeyError } from './host-key';
import { jsonLogger } from './json-log';
import { prepareDataFolder, DataFolderError } from './data-folder';
import { parsePublicUrl, startupLines } from './startup-log';
import { externalAddresses, isLoopbackHost } from './host-reach';

const usage = `Usage: npm run serve -- [--port 8080] [--data ./workshops] [--host 127.0.0.1] [--tls-cert <file> --tls-key <file>]
       [--trust-proxy | --trust-proxy-hops <n>] [--host-key-file <file>] [--public-url <url>] [--max-message-bytes ${Limits.maxMessageBytes}] [--allow-origin <origin>]... [--no-client]

  --tls-cert, --tls-key  serve HTTPS and WSS with this PEM certificate (full chain) and private key
  --trust-proxy          a reverse proxy stands in front: believe its X-Forwarded-For/-Proto/-Host and Forwarded headers,
                         taking the right-most value (the one the proxy appended; values left of it may be made up)
  --trust-proxy-hops     as --trust-proxy, for this many proxies in a chain (2: the second value from the right)
  --host-key-file        file holding the host key (or set SLC_HOST_KEY); creating, listing and importing workshops and
                         reading /metrics from anywhere but this machine need "Authorization: Bearer <key>"
  --public-url           the address people open (a proxy's, a container's published port), for the start-up log and
                         the links in "Invite people"; or set SLC_PUBLIC_URL
  --no-client            run only the relay and its API, without serving the web client (which then need not be built)
  --allow-origin         let pages from this origin (e.g. https://canvas.example.org behind a proxy) open sockets; repeatable`;

const log = jsonLogger(process.stdout);

/** Stops with one plain sentence for the person starting it (and the usage when the command line was at fault). */
function fail(sentence: string, showUsage = false): never {
  console.error(sentence);
  if (showUsage) console.error(usage);
  process.exit(showUsage ? 2 : 1);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8080' },
        data: { type: 'string', default: '.slc-data' },
        host: { type: 'string', default: '127.0.0.1' },
        'max-message-bytes': { type: 'string', default: String(Limits.maxMessageBytes) },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'trust-proxy': { type: 'boolean', default: false },
        'trust-proxy-hops': { type: 'string' },
        'host-key-file': { type: 'string' },
        'public-url': { type: 'string' },
        'allow-remote-create': { type: 'boolean', default: false },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'no-client': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message, true);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values['allow-remote-create'])
    fail(
      '--allow-remote-create has been replaced by a host key: start with --host-key-file <file> (or SLC_HOST_KEY) and send it as "Authorization: Bearer <key>".',
    );
  const port = Number(values.port);
  const maxMessageBytes = Number(values['max-message-bytes']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`, true);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1024) fail('--max-message-bytes must be a whole number of at least 1024', true);
  const hops = values['trust-proxy-hops'] === undefined ? (values['trust-proxy'] ? 1 : 0) : Number(values['trust-proxy-hops']);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    fail(`--trust-proxy-hops must be a whole number from 0 to 10, not "${values['trust-proxy-hops']}"`, true);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('--tls-cert and --tls-key go together: give both files, or neither.', true);
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] && values['tls-key']) {
    try {
      tls = { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) };
    } catch (err) {
      fail(`Could not read the TLS certificate or key: ${(err as Error).message}.`);
    }
  }
  let publicUrl: string | undefined;
  const publicUrlGiven = values['public-url'] ?? (process.env.SLC_PUBLIC_URL || undefined);
  if (publicUrlGiven !== undefined) {
    const parsed = parsePublicUrl(publicUrlGiven);
    if ('error' in parsed) fail(parsed.error, true);
    publicUrl = parsed.url;
  }
  let hostKey: string | undefined;
  try {
    hostKey = loadHostKey(values['host-key-file'], process.env);
  } catch (err) {
    if (err instanceof HostKeyError) fail(err.message);
    throw err;
  }
  let staticDir: string | undefined;
  if (!values['no-client']) {
    staticDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
    if (!existsSync(resolve(staticDir, 'index.html')))
      fail(`The web client is not built (${staticDir} has no index.html). Run "npm run build" first, or pass --no-client to run only the relay.`);
  }
  const dataDir = resolve(values.data);
  try {
    prepareDataFolder(dataDir);
  } catch (err) {
    if (err instanceof DataFolderError) fail(err.message);
    throw err;
  }
  const relay = await startRelay({
    dataDir,
    staticDir,
    host: values.host,
    port,
    maxMessageBytes,
    tls,
    trustProxy: hops,
    hostKey,
    publicUrl,
    allowedOrigins: values['allow-origin'],
    log,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') fail(`Port ${port} is already in use; choose another with --port.`);
    if (tls && /PEM|key|certificate/i.test(err.message)) fail(`The TLS certificate or key could not be used: ${err.message}.`);
    fail(`Could not start: ${err.message}`);
  });
  const what = staticDir ? 'Systems Leadership Canvas' : 'Systems Leadership Canvas relay (no web client)';
  for (const [line, fields] of startupLines({
    product: what,
    host: values.host,
    port: relay.port,
    tls: Boolean(tls),
    relayUrl: relay.url,
    publicUrl,
    inContainer: process.env.SLC_IN_CONTAINER === '1' || existsSync('/.dockerenv') || existsSync('/run/.containerenv'),
    networkAddresses: externalAddresses(),
    fields: { tls: Boolean(tls), trustProxy: hops, hostKey: Boolean(hostKey) },
  }))
    log(line, fields);
  log(`Workshops are stored in ${dataDir}`, { dataDir });
  if (!isLoopbackHost(values.host)) {
    if (!tls && !hops)
      log('Serving plain HTTP on a network address: use --tls-cert/--tls-key, or a TLS reverse proxy with --trust-proxy, before the internet.', {
        level: 'warn',
      });
    if (!hostKey) log('No host key: workshops can be created and listed only on this machine (see --host-key-file).', { level: 'warn' });
  }
  const stop = () => {
    void relay.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Whatever else goes wrong before the host is up is still one sentence, never a stack trace.
main().catch((err: unknown) => fail(`Could not start: ${(err as Error).message ?? String(err)}`));
