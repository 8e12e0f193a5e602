import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorLog } from './error-log';
import { removeTempDirs, tempDir } from './test-helpers';

afterEach(() => removeTempDirs());

const at = (iso: string) => () => new Date(iso);

describe('ErrorLog', () => {
  it('creates its folder and appends one line per entry, each starting with the time', () => {
    const path = join(tempDir(), 'logs', 'desktop-errors.log');
    const log = new ErrorLog(path, 10_000, at('2026-11-30T08:15:00.000Z'));
    log.write('The host cannot save “Discharge to assess”: ENOSPC: no space left on device');
    log.write('Autosave failed: EROFS: read-only file system');
    expect(readFileSync(path, 'utf8')).toBe(
      '2026-11-30T08:15:00.000Z The host cannot save “Discharge to assess”: ENOSPC: no space left on device\n' +
        '2026-11-30T08:15:00.000Z Autosave failed: EROFS: read-only file system\n',
    );
  });

  it('keeps each entry on one line, and long ones short', () => {
    const path = join(tempDir(), 'errors.log');
    const log = new ErrorLog(path, 100_000, at('2026-11-30T08:15:00.000Z'));
    log.write('first line\nsecond line\r\n  third');
    log.write('x'.repeat(10_000));
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('2026-11-30T08:15:00.000Z first line | second line | third');
    expect(lines[1]!.length).toBeLessThan(2100);
    expect(lines[1]).toMatch(/x…$/);
    expect(lines).toHaveLength(3);
  });

  it('stays under its size limit, keeping one older file', () => {
    const path = join(tempDir(), 'errors.log');
    const log = new ErrorLog(path, 1000, at('2026-11-30T08:15:00.000Z'));
    for (let i = 0; i < 200; i++) log.write(`save failed, attempt ${i}`);
    expect(statSync(path).size).toBeLessThanOrEqual(1000);
    expect(statSync(log.previousPath).size).toBeLessThanOrEqual(1000);
    // The newest entry is in the current file, and nothing else is left around.
    expect(readFileSync(path, 'utf8')).toMatch(/attempt 199\n$/);
    expect(readFileSync(log.previousPath, 'utf8')).toMatch(/^2026-11-30T08:15:00.000Z save failed, attempt \d+\n/);
  });

  it('never throws when the log itself cannot be written (the disk may be the problem), and says so elsewhere', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'logs'), 'a file where the folder should be');
    const fallback = vi.fn();
    const log = new ErrorLog(join(dir, 'logs', 'errors.log'), 1000, at('2026-11-30T08:15:00.000Z'), fallback);
    expect(() => log.write('ENOSPC: no space left on device')).not.toThrow();
    expect(fallback).toHaveBeenCalledWith(expect.stringMatching(/^2026-11-30T08:15:00.000Z ENOSPC: no space left on device \(not written to .*errors\.log: /));
    expect(existsSync(join(dir, 'logs', 'errors.log'))).toBe(false);
  });
});
