// Serves the built web client. Unknown paths without a file extension fall back to
// index.html so deep links into the app load it; paths never escape the static folder.
import { createReadStream } from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressedVariant } from './static-compression';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  const base = normalize(root + sep);
  let file = normalize(join(base, decoded));
  if (!file.startsWith(base)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info && !extname(decoded)) {
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const ext = extname(file);
  const type = types[ext] ?? 'application/octet-stream';
  // Text assets go compressed when the browser accepts it: a phone on a slow venue network
  // downloads the app in a third of the bytes (see docs/benchmarks.md, phone start-up).
  const packed = await compressedVariant(file, info, type, req.headers['accept-encoding']);
  res.writeHead(200, {
    'content-type': type,
    'content-length': packed ? packed.body.length : info.size,
    ...(packed ? { 'content-encoding': packed.encoding } : {}),
    vary: 'accept-encoding',
    // Hashed asset names can be cached for good; index.html must always be revalidated.
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (packed) res.end(packed.body);
  else createReadStream(file).pipe(res);
}
