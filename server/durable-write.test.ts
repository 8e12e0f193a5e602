import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { durableWrite, durablyReplace, syncFolder, type DurableFs } from './durable-write';
import { removeTempDirs, tempDir } from '../electron/test-helpers';

afterEach(() => removeTempDirs());

/** The real file system, recording each call (with the path each descriptor was opened on). */
function watchedFs(failOn?: { op: keyof DurableFs; nth?: number }) {
  const calls: string[] = [];
  const paths = new Map<number, string>();
  const counts = new Map<string, number>();
  const maybeFail = (op: keyof DurableFs) => {
    const n = (counts.get(op) ?? 0) + 1;
    counts.set(op, n);
    if (failOn?.op === op && (failOn.nth ?? 1) === n) throw Object.assign(new Error(`${op}: EIO: i/o error`), { code: 'EIO' });
  };
  const name = (p: fs.PathLike) => String(p).split('/').pop()!;
  const watched: DurableFs = {
    openSync: ((p: fs.PathLike, flags: string) => {
      maybeFail('openSync');
      const fd = fs.openSync(p, flags);
      paths.set(fd, name(p));
      calls.push(`open ${name(p)} ${flags}`);
      return fd;
    }) as DurableFs['openSync'],
    writeSync: ((fd: number, ...rest: [Uint8Array, number, number]) => {
      maybeFail('writeSync');
      calls.push(`write ${paths.get(fd)}`);
      return fs.writeSync(fd, ...rest);
    }) as DurableFs['writeSync'],
    fsyncSync: (fd) => {
      maybeFail('fsyncSync');
      calls.push(`fsync ${paths.get(fd)}`);
      fs.fsyncSync(fd);
    },
    closeSync: (fd) => {
      calls.push(`close ${paths.get(fd)}`);
      fs.closeSync(fd);
    },
    renameSync: (a, b) => {
      maybeFail('renameSync');
      calls.push(`rename ${name(a)} -> ${name(b)}`);
      fs.renameSync(a, b);
    },
    rmSync: (p, o) => {
      calls.push(`rm ${name(p)}`);
      fs.rmSync(p, o);
    },
  };
  return { fs: watched, calls };
}

const bytes = (s: string) => new TextEncoder().encode(s);
const tmpName = /^\.plan\.slcanvas\.\d+\.[0-9a-f]{12}\.tmp$/;

describe('durableWrite', () => {
  it('writes a temporary file, flushes it, renames it over the target, then flushes the folder', () => {
    const dir = tempDir();
    const target = join(dir, 'plan.slcanvas');
    fs.writeFileSync(target, 'old version');
    const { fs: watched, calls } = watchedFs();
    durableWrite(target, bytes('new version'), watched);
    expect(fs.readFileSync(target, 'utf8')).toBe('new version');
    expect(fs.readdirSync(dir)).toEqual(['plan.slcanvas']);
    const folder = dir.split('/').pop()!;
    const shape = calls.map((c) => c.replace(/\.plan\.slcanvas\.\d+\.[0-9a-f]{12}\.tmp/g, 'TMP'));
    expect(shape).toEqual([
      'open TMP wx',
      'write TMP',
      'fsync TMP',
      'close TMP',
      'rename TMP -> plan.slcanvas',
      `open ${folder} r`,
      `fsync ${folder}`,
      `close ${folder}`,
    ]);
  });

  it('creates a file that was not there, with exactly the bytes given', () => {
    const dir = tempDir();
    const target = join(dir, 'plan.slcanvas');
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    durableWrite(target, big);
    expect(Buffer.compare(fs.readFileSync(target), Buffer.from(big))).toBe(0);
  });

  for (const op of ['writeSync', 'fsyncSync', 'renameSync'] as const) {
    it(`when ${op} fails (disk full, I/O error): throws, leaves the old file as it was and no temporary file`, () => {
      const dir = tempDir();
      const target = join(dir, 'plan.slcanvas');
      fs.writeFileSync(target, 'old version');
      const { fs: watched, calls } = watchedFs({ op });
      expect(() => durableWrite(target, bytes('new version'), watched)).toThrow(/EIO/);
      expect(fs.readFileSync(target, 'utf8')).toBe('old version');
      expect(fs.readdirSync(dir)).toEqual(['plan.slcanvas']);
      expect(calls.some((c) => c.startsWith('rename'))).toBe(false);
    });
  }

  it('fails cleanly in a read-only or missing folder', () => {
    const dir = tempDir();
    expect(() => durableWrite(join(dir, 'no-such-folder', 'plan.slcanvas'), bytes('x'))).toThrow(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never writes through something already at the temporary name', () => {
    const dir = tempDir();
    const { fs: watched, calls } = watchedFs();
    durableWrite(join(dir, 'plan.slcanvas'), bytes('x'), watched);
    expect(calls[0]).toMatch(/^open \.plan\.slcanvas\.\d+\.[0-9a-f]{12}\.tmp wx$/);
    expect(calls[0]!.split(' ')[1]).toMatch(tmpName);
  });
});

describe('durablyReplace', () => {
  it('puts a finished temporary file in place and removes it on failure', () => {
    const dir = tempDir();
    const target = join(dir, 'plan.slcanvas');
    const tmp = join(dir, '.plan.tmp');
    fs.writeFileSync(tmp, 'exported');
    const { fs: watched, calls } = watchedFs();
    durablyReplace(tmp, target, watched);
    const folder = dir.split('/').pop()!;
    expect(calls).toEqual([
      'open .plan.tmp r+',
      'fsync .plan.tmp',
      'close .plan.tmp',
      'rename .plan.tmp -> plan.slcanvas',
      `open ${folder} r`,
      `fsync ${folder}`,
      `close ${folder}`,
    ]);
    expect(fs.readFileSync(target, 'utf8')).toBe('exported');
    expect(fs.existsSync(tmp)).toBe(false);

    fs.writeFileSync(tmp, 'second');
    const { fs: failing } = watchedFs({ op: 'renameSync' });
    expect(() => durablyReplace(tmp, target, failing)).toThrow(/EIO/);
    expect(fs.readFileSync(target, 'utf8')).toBe('exported');
    expect(fs.existsSync(tmp)).toBe(false);
  });
});

describe('syncFolder', () => {
  it('flushes the folder except on Windows, which cannot open one', () => {
    const dir = tempDir();
    const linux = watchedFs();
    syncFolder(dir, linux.fs, 'linux');
    expect(linux.calls.map((c) => c.split(' ')[0])).toEqual(['open', 'fsync', 'close']);
    const windows = watchedFs();
    syncFolder(dir, windows.fs, 'win32');
    expect(windows.calls).toEqual([]);
  });
});
