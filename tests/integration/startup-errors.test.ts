// The host started on a data folder it cannot write (a bind mount owned by root, while it runs as
// uid 1000): it stops with one line naming the folder, the user id and the fix, a non-zero exit
// code and no stack trace. Run as root (as here), the host is started as uid 1000 with setpriv
// on a root-owned folder; run as anyone else, on a folder made read-only for them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleRelay } from '../support/relay-process';
import { dataFolderProblem, prepareDataFolder } from '../../server/data-folder';

const asRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const canDropRoot = !asRoot || setpriv !== undefined;
const uid = asRoot ? 1000 : process.getuid!();
const gid = asRoot ? 1000 : process.getgid!();

let root = '';
let bundle = '';
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'slc-startup-'));
  // uid 1000 must reach the bundle and the folder's parent: only the folder itself is closed to it.
  chmodSync(root, 0o755);
  bundle = await bundleRelay();
  chmodSync(join(bundle, '..'), 0o755);
}, 60_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  if (bundle) rmSync(join(bundle, '..'), { recursive: true, force: true });
});

function startOn(data: string) {
  const args = [bundle, '--no-client', '--port', '0', '--data', data];
  const [cmd, ...rest] = asRoot ? [setpriv!, `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', process.execPath, ...args] : [process.execPath, ...args];
  return spawnSync(cmd!, rest, { encoding: 'utf8', timeout: 20_000 });
}

describe('a data folder the host cannot write', () => {
  it.skipIf(!canDropRoot)('stops the host with one line naming the folder, the user and the fix; no stack trace; exit code 1', () => {
    const data = join(root, 'data');
    mkdirSync(data);
    chmodSync(data, 0o555);
    const r = startOn(data);
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The data folder ${data} is not writable by user id ${uid}`);
    expect(lines[0]).toContain(`chown -R ${uid}:${gid} ${data}`);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    // Nothing claimed to be running.
    expect(r.stdout).not.toMatch(/running at|listening on/);
  });

  it.skipIf(!canDropRoot)('is found in its history folder too (left owned by root by an earlier run)', () => {
    const data = join(root, 'data-with-history');
    mkdirSync(join(data, 'history'), { recursive: true });
    chmodSync(join(data, 'history'), 0o555);
    if (asRoot) spawnSync('chown', [`${uid}:${gid}`, data]);
    const r = startOn(data);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`chown -R ${uid}:${gid} ${data}`)]);
  });

  it('words the other troubles as one sentence each', () => {
    const who = { uid: 1000, gid: 1000 };
    const err = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['EROFS', 'ENOSPC', 'ENOTDIR', 'EIO']) {
      const line = dataFolderProblem('/data', err(code), who);
      expect(line).toContain('/data');
      expect(line).not.toContain('\n');
    }
    expect(dataFolderProblem('/data', err('EACCES'), {})).toContain('give that user write access');
  });

  it('leaves a folder it can write ready, without its probe files', () => {
    const data = join(root, 'fresh', 'data');
    prepareDataFolder(data);
    expect(existsSync(join(data, 'history'))).toBe(true);
    expect(spawnSync('ls', ['-A', data], { encoding: 'utf8' }).stdout.trim()).toBe('history');
  });
});
