// The relay's plain HTTP side: the JSON API, the metrics endpoint and the built web client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveStatic } from './static-files';
import { handleApi, type ApiContext } from './api';
import { mayAdministerHost } from './request-checks';
import type { RelayMetrics } from './metrics';
import type { LogFields } from './json-log';

export interface HttpContext {
  api: ApiContext;
  metrics: RelayMetrics;
  /** folder with the built web client; omitted: only the API and sockets */
  staticDir?: string;
  /** whether the relay serves HTTPS itself */
  tls: boolean;
  hostKey?: string;
  allowedOrigins?: readonly string[];
  log(line: string, fields?: LogFields): void;
}

async function serveMetrics(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!mayAdministerHost(req, ctx.hostKey, ctx.allowedOrigins)) {
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('The host key is needed for /metrics.');
    return;
  }
  const { contentType, body } = await ctx.metrics.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

export async function routeHttp(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Served over TLS: browsers that came once never fall back to plain HTTP (a downgrade on café
  // Wi-Fi). Never sent over HTTP, where it means nothing.
  if (ctx.tls) res.setHeader('strict-transport-security', 'max-age=31536000');
  try {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname === '/metrics' && req.method === 'GET') return await serveMetrics(ctx, req, res);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url, ctx.api);
      return;
    }
    if (ctx.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      await serveStatic(ctx.staticDir, url.pathname, req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  } catch (err) {
    ctx.log(`http ${req.method} ${req.url?.split('?')[0]}: ${(err as Error).message}`, { level: 'error' });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal error');
  }
}
