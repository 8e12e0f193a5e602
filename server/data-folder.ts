// The data folder, checked before anything opens a file in it: a folder the host cannot write
// (most often a bind mount owned by root while the container runs as uid 1000) stops it with one
// sentence naming the folder, the user it runs as and the fix, instead of an EACCES from deep
// inside whichever store happened to open a file first.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderError extends Error {}

export interface RunningAs {
  uid?: number;
  gid?: number;
}

const runningAs = (): RunningAs => ({ uid: process.getuid?.(), gid: process.getgid?.() });

/** Creates the folder (and its history folder) if need be and proves both can be written. */
export function prepareDataFolder(dir: string, who: RunningAs = runningAs()): void {
  for (const folder of [dir, join(dir, 'history')]) {
    const probe = join(folder, `.write-check-${process.pid}`);
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(probe, '');
      rmSync(probe);
    } catch (err) {
      throw new DataFolderError(dataFolderProblem(dir, err as NodeJS.ErrnoException, who));
    }
  }
}

/** One line: what is wrong with the folder and what to do about it. */
export function dataFolderProblem(dir: string, err: NodeJS.ErrnoException, who: RunningAs): string {
  const other = ' or start the host with --data <a folder it can write>.';
  switch (err.code) {
    case 'EACCES':
    case 'EPERM': {
      if (who.uid === undefined) return `The data folder ${dir} is not writable by the user running the host: give that user write access to it,${other}`;
      const owner = `${who.uid}:${who.gid ?? who.uid}`;
      return (
        `The data folder ${dir} is not writable by user id ${who.uid}, which the host runs as. ` +
        `Fix: chown -R ${owner} ${dir} (for a folder mounted into a container, on the machine that holds it),${other}`
      );
    }
    case 'EROFS':
      return `The data folder ${dir} is on a read-only file system: mount it writable,${other}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk holding the data folder ${dir} is full: free some space,${other}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `The data folder ${dir} is not a folder (a file is in the way): move it aside,${other}`;
    default:
      return `The data folder ${dir} cannot be used (${err.code ?? err.message}):${other.replace(' or', '')}`;
  }
}
