// Writing a file so that, once the call returns, it survives a power cut or a crash: the bytes go
// to a temporary file beside the target, which is flushed to disk, renamed over the target (an
// atomic swap: readers see the old file or the new one, never half of one), and then the folder
// itself is flushed so the rename is on disk too. Every .slcanvas the relay or the desktop app
// writes (new workshops, imports, desktop Save and autosave) goes through here.
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file operations used, so tests can watch their order and make one of them fail. */
export type DurableFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

/** A temporary name beside `target` (same folder, so the rename never crosses file systems). */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `bytes` to `path` durably (see above). On failure the target is as it was and no temporary file is left. */
export function durableWrite(path: string, bytes: Uint8Array, fs: DurableFs = nodeFs): void {
  const tmp = tempPathBeside(path);
  try {
    // 'wx': never write through a file (or link) someone placed at the temporary name.
    const fd = fs.openSync(tmp, 'wx');
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  putInPlace(tmp, path, fs);
}

/**
 * Puts an already written temporary file (e.g. one SQLite wrote with VACUUM INTO) in place of
 * `target` durably: flushes it, renames it over the target, flushes the folder. On failure the
 * temporary file is removed and the target is as it was.
 */
export function durablyReplace(tempPath: string, target: string, fs: DurableFs = nodeFs): void {
  try {
    syncPath(tempPath, 'r+', fs);
  } catch (err) {
    fs.rmSync(tempPath, { force: true });
    throw err;
  }
  putInPlace(tempPath, target, fs);
}

/** Renames a flushed temporary file over the target, then flushes the folder holding both. */
function putInPlace(tempPath: string, target: string, fs: DurableFs): void {
  try {
    fs.renameSync(tempPath, target);
  } catch (err) {
    fs.rmSync(tempPath, { force: true });
    throw err;
  }
  syncFolder(dirname(target), fs);
}

/** Flushes one file (or, opened read-only, a folder) to disk. */
export function syncPath(path: string, flags: string, fs: DurableFs = nodeFs): void {
  const fd = fs.openSync(path, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Flushes a folder's entries (the rename) to disk. Windows cannot open a folder as a file, and
 * NTFS journals the rename itself, so there is nothing to do there.
 */
export function syncFolder(folder: string, fs: DurableFs = nodeFs, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  try {
    syncPath(folder, 'r', fs);
  } catch (err) {
    // Some file systems cannot open or flush a folder; the rename is then as durable as they allow.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw err;
  }
}
