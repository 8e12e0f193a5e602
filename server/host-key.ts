// The host key: what a host on the internet asks for before it creates, lists or imports
// workshops or shows its metrics. Read from a file (so it stays out of the process list and shell
// history) or from SLC_HOST_KEY (for containers); never logged.
import { readFileSync } from 'node:fs';

export const MIN_HOST_KEY_LENGTH = 16;

export class HostKeyError extends Error {}

/** The key, or undefined when neither source gives one. Throws HostKeyError with one plain sentence. */
export function loadHostKey(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let key: string | undefined;
  if (file) {
    try {
      key = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new HostKeyError(`Could not read the host key file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
    if (!key) throw new HostKeyError(`The host key file ${file} is empty.`);
  } else if (env.SLC_HOST_KEY !== undefined) {
    key = env.SLC_HOST_KEY.trim();
    if (!key) throw new HostKeyError('SLC_HOST_KEY is set but empty.');
  }
  if (key === undefined) return undefined;
  if (key.length < MIN_HOST_KEY_LENGTH || /\s/.test(key))
    throw new HostKeyError(
      `The host key must be at least ${MIN_HOST_KEY_LENGTH} characters with no spaces (for example the output of "openssl rand -hex 32").`,
    );
  return key;
}
