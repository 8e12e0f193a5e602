// The relay over TLS beside the same run without it: edit-to-visible latency in a room of 50
// stock clients (two measuring, 48 in a separate process applying every edit), on loopback.
// Run with `npm run bench -- relay-tls` (a section of its own, so it can be refreshed without
// the long fan-out runs of `npm run bench -- relay`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCell, BenchResult } from './bench-types';
import { Peer, crowdRole, relayRole } from './relay-bench-support';
import { latency } from './relay.bench';
import { makeTestCertificate } from '../support/test-certificate';

const CROWD = 48;

export default async function run(): Promise<BenchResult> {
  if (process.env.SLC_BENCH_ROLE === 'relay') return relayRole();
  if (process.env.SLC_BENCH_ROLE === 'crowd') return crowdRole();
  process.setMaxListeners(0);

  const dir = mkdtempSync(join(tmpdir(), 'slc-bench-tls-'));
  const certificate = await makeTestCertificate();
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key);
  const rows: Array<Record<string, BenchCell>> = [];
  const notes: string[] = [];
  const crowd = await Peer.spawn('crowd');
  try {
    const plain = await Peer.spawn('relay');
    try {
      await latency(plain, crowd, CROWD, rows, notes, { label: 'Plain (ws): ' });
    } finally {
      plain.stop();
    }
    const tls = await Peer.spawn('relay', { SLC_BENCH_TLS_CERT: join(dir, 'cert.pem'), SLC_BENCH_TLS_KEY: join(dir, 'key.pem') });
    try {
      await latency(tls, crowd, CROWD, rows, notes, { ca: certificate.cert, label: 'TLS (wss): ' });
    } finally {
      tls.stop();
    }
  } finally {
    crowd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const edit = (prefix: string, col: string) => Number(rows.find((r) => String(r.step).startsWith(`${prefix}Edit`))?.[col]);
  const both = (col: string) => `${edit('Plain (ws): ', col)} ms plain, ${edit('TLS (wss): ', col)} ms over TLS`;
  notes.push(
    `Edit-to-visible with ${CROWD + 2} clients in the room: p50 ${both('p50 (ms)')}; p95 ${both('p95 (ms)')}. Compare each with its own raw echo row: on a busy machine the spread between runs is larger than TLS's own cost.`,
    `Load average when the runs ended: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (other work on the machine widens the tails of both runs alike).`,
    'Each run has its own relay process; the same crowd process joins both. TLS is TLS 1.3 with a P-256 ECDSA certificate made for the run, as `npm run serve -- --tls-cert --tls-key` serves it; the raw echo runs over the same transport (ws or wss) for comparison.',
  );
  return {
    title: 'Relay over TLS: edit-to-visible latency with 50 clients',
    method:
      'A real relay (`server/relay.ts`, default limits, durable saves) in its own Node process on loopback, once plain and once with `tls` (HTTPS/WSS); two stock y-websocket clients in the benchmark process and 48 more in a third process share a room holding the worked example. 400 samples (after 40 warm-up), one card text edit every 10 ms, from the local transaction in A to B having applied it; interleaved with a raw echo round trip of the same size over the same transport.',
    rows,
    notes,
  };
}
