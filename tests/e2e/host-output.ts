// What a host a spec started itself writes (one JSON object per line), and the address its
// start-up line gives, for the specs that run a built host of their own.
import type { ChildProcess } from 'node:child_process';

export interface HostOutput {
  /** everything the host has written so far, both streams */
  log(): string;
  /** the loopback address from the start-up line; rejects with the log if none comes in 30 s */
  url: Promise<string>;
}

export function watchHostOutput(child: ChildProcess, scheme: 'http' | 'https', what: string): HostOutput {
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const pattern = new RegExp(`"url":"(${scheme}://127\\.0\\.0\\.1:\\d+)/"`);
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${log}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      // The start-up line carries the address as a field.
      const m = pattern.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { log: () => log, url };
}
