// The host sends the web client compressed to browsers that accept it, and as it is otherwise.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { serveStatic } from '../../server/static-files';
import { chooseEncoding } from '../../server/static-compression';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('gzip;q=0')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding(';;,q=,,')).toBeNull();
  });
});

describe('serveStatic compression', () => {
  let dir: string;
  let server: Server;
  let port: number;
  const script = `export const words = ${JSON.stringify('a phone in the room '.repeat(400))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slc-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'app.js'), script);
    writeFileSync(join(dir, 'image.png'), Buffer.alloc(4096, 7));
    server = createServer((req, res) => void serveStatic(dir, new URL(req.url!, 'http://x').pathname, req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string>, method = 'GET') =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends gzip to a browser on plain HTTP, with the right length, and the same bytes once unpacked', async () => {
    const res = await get('/app.js', { 'accept-encoding': 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(gunzipSync(res.body).toString()).toBe(script);
  });

  it('sends brotli when offered, and the file as it is when nothing is', async () => {
    const br = await get('/app.js', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const plain = await get('/app.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves small files and binary files alone, and answers HEAD with the compressed length', async () => {
    const html = await get('/index.html', { 'accept-encoding': 'gzip' });
    expect(html.headers['content-encoding']).toBeUndefined();
    const png = await get('/image.png', { 'accept-encoding': 'gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    const head = await get('/app.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    const full = await get('/app.js', { 'accept-encoding': 'gzip' });
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body.length).toBe(0);
  });
});
