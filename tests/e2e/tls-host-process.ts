// Starts the built host (`dist/server/serve.js`) over TLS with a certificate made for the test,
// for the specs that meet a host on the internet. Its log (one JSON object per line) is kept.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { makeTestCertificate } from '../support/test-certificate';
import { watchHostOutput } from './host-output';

export interface TlsHost {
  /** https://127.0.0.1:<port> */
  url: string;
  port: number;
  /** for Chromium's --ignore-certificate-errors-spki-list */
  spki: string;
  log(): string;
  stop(): void;
}

export async function startTlsHost(opts: { names?: string[]; hostKey?: string } = {}): Promise<TlsHost> {
  const dir = mkdtempSync(join(tmpdir(), 'slc-tls-host-'));
  const certificate = await makeTestCertificate(opts.names);
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text, { mode: 0o600 });
    return join(dir, name);
  };
  const args = ['dist/server/serve.js', '--port', '0', '--data', join(dir, 'data')];
  args.push('--tls-cert', file('cert.pem', certificate.cert), '--tls-key', file('key.pem', certificate.key));
  if (opts.hostKey) args.push('--host-key-file', file('host.key', `${opts.hostKey}\n`));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = watchHostOutput(child, 'https', 'the TLS host');
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const url = await output.url.catch((err: unknown) => {
    stop();
    throw err;
  });
  return { url, port: Number(new URL(url).port), spki: certificate.spki, log: output.log, stop };
}

/**
 * A Chromium that trusts the host's certificate and finds `name` on loopback: its requests name
 * a DNS name, so the host does not take them for "the host machine" and asks for its key.
 */
export function launchTrustingHost(host: TlsHost, name: string, launch: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), `--ignore-certificate-errors-spki-list=${host.spki}`, `--host-resolver-rules=MAP ${name} 127.0.0.1`],
  });
}
