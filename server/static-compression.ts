// Compressed copies of the web client's text files (JavaScript, CSS, HTML, JSON), made once per
// file version and kept in memory: the built client is a handful of files that never change
// while the host runs, so compressing each once costs less than compressing on every request.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** larger files are sent as they are (nothing the client builds comes near this) */
const MAX_BYTES = 8 * 1024 * 1024;
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;

type Encoding = 'br' | 'gzip';
const cache = new Map<string, { version: string; bodies: Map<Encoding, Promise<Buffer>> }>();

/** The encoding to use for an Accept-Encoding header: brotli, then gzip (q=0 means "not this"). */
export function chooseEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  const offered = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: Encoding) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export async function compressedVariant(
  file: string,
  info: { size: number; mtimeMs: number },
  contentType: string,
  acceptEncoding: string | undefined,
): Promise<{ encoding: Encoding; body: Buffer } | null> {
  if (info.size < 1024 || info.size > MAX_BYTES || !COMPRESSIBLE.test(contentType)) return null;
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding) return null;
  const version = `${info.size}:${info.mtimeMs}`;
  let entry = cache.get(file);
  if (!entry || entry.version !== version) {
    entry = { version, bodies: new Map() };
    cache.set(file, entry);
  }
  let body = entry.bodies.get(encoding);
  if (!body) {
    body = readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipAsync(raw, { level: 9 }),
    );
    entry.bodies.set(encoding, body);
    // A failed read must not stay cached: the next request tries again.
    body.catch(() => entry!.bodies.delete(encoding));
  }
  try {
    return { encoding, body: await body };
  } catch {
    return null;
  }
}
