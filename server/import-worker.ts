// Reading an imported file off the relay's event loop. Even a file that passes every check takes
// a while to check and read (up to 64 MB of pages and rows), and a relay that read it on its
// own thread held up every room meanwhile. Each import gets a short-lived worker thread that
// runs the file reader (workshop-file-check.ts) and hands back the rows; one that overruns its
// time is stopped, whatever SQLite was doing. Like the save worker, it needs no entry file in
// any bundle: its code is `createFileReader`'s source text. Where worker threads are
// unavailable the reader runs on the calling thread instead.
import { Worker } from 'node:worker_threads';
import { DatabaseSync, constants as sqlite } from 'node:sqlite';
import { createFileReader, type FileRules, type FileRows } from './workshop-file-check';

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync, constants } = require('node:sqlite');
const reader = (${createFileReader.toString()})(DatabaseSync, constants);
parentPort.postMessage(reader.readRows(workerData.path, workerData.rules));
`;

/** The worker's own JavaScript heap; the rows it hands back are at most rules.maxUpdateBytes besides. */
const WORKER_HEAP_MB = 256;

export function readRowsOffThread(path: string, rules: FileRules): Promise<FileRows> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerSource, { eval: true, workerData: { path, rules }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    } catch {
      resolve(createFileReader(DatabaseSync, sqlite).readRows(path, rules));
      return;
    }
    let settled = false;
    const settle = (rows: FileRows) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(rows);
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle({ ok: false, message: 'The file took too long to read; it was not imported.' }),
      Math.max(0, rules.deadline - Date.now()),
    );
    worker.once('message', (rows: FileRows) => settle(rows));
    worker.once('error', (err) => settle({ ok: false, message: `The file could not be read (${err.message.slice(0, 200)}).` }));
    worker.once('exit', (code) => settle({ ok: false, message: `The file could not be read (the reader stopped with code ${code}).` }));
  });
}
