// The npm scripts on a machine whose Node is too old (Node 20 here at /usr/bin/node): they run
// again on Node 24 from ~/.cache/slc-node24, or stop with one plain sentence, never a stack trace.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeIsSuitable, NODE_PREFIX } from '../../scripts/node-guard.mjs';

const oldNode = process.env.SLC_OLD_NODE ?? '/usr/bin/node';
const root = fileURLToPath(new URL('../..', import.meta.url));
const probe = join(root, 'tests/support/fixtures/node-guard-probe.mjs');
const oldVersion = existsSync(oldNode) ? spawnSync(oldNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const haveOldNode = oldVersion !== '' && !nodeIsSuitable(oldVersion);
const haveNode24 = existsSync(join(NODE_PREFIX, 'node_modules/node/bin/node'));

describe('the Node version guard', () => {
  it('knows which versions can run the app', () => {
    expect(nodeIsSuitable('20.20.2')).toBe(false);
    expect(nodeIsSuitable('22.12.0')).toBe(false);
    expect(nodeIsSuitable('22.13.0')).toBe(true);
    expect(nodeIsSuitable('24.1.0')).toBe(true);
  });

  it.skipIf(!haveOldNode || !haveNode24)('runs a script started on an old Node again on Node 24, arguments and exit code intact', () => {
    const r = spawnSync(oldNode, [probe, '--port', '0'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: '/usr/bin:/bin' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^running on 2[4-9]\.\d+\.\d+ with sqlite function; args --port 0$/m);
    expect(r.status).toBe(0);
  });

  it.skipIf(!haveOldNode)('stops with one plain sentence when no suitable Node can be had', () => {
    const empty = mkdtempSync(join(tmpdir(), 'slc-no-node-'));
    try {
      const r = spawnSync(oldNode, [probe], {
        encoding: 'utf8',
        timeout: 120_000,
        // Nowhere to fetch Node from: the registry is a closed port.
        env: { ...process.env, PATH: '/usr/bin:/bin', SLC_NODE_PREFIX: empty, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' },
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^This app needs Node 22\.13 or newer .* install Node 24 .*\.$/);
      expect(r.stderr + r.stdout).not.toMatch(/\n\s+at |ERR_/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
