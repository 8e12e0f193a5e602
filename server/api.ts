// The relay's small JSON API: create and list workshops, withdraw a link. Creating and listing
// are for the host machine itself (loopback) unless the relay was started to host publicly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CloseCode, isWorkshopId } from '../shared/protocol';
import type { WorkshopStore } from './workshop-store';
import { roleForToken } from './tokens';
import type { Relay } from './relay';
import { hostIsLoopback, isLoopbackAddress, originAllowed, clientAddress } from './request-checks';
import { exportWorkshopBytes, importWorkshopBytes, MAX_IMPORT_BYTES } from './file-transfer';
import { WorkshopFileError } from './workshop-file';
import { joinCode, normaliseCode, findCode, type GuessLimiter } from './join-codes';
import { portfolioFor } from './portfolio';

const MAX_BODY_BYTES = 64 * 1024;

const newWorkshopBody = z.strictObject({
  title: z.string().trim().min(1, 'a workshop needs a title').max(200),
  footprint: z.string().trim().max(200).default(''),
  academyId: z.string().max(80).default(''),
  date: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'date must be yyyy-mm-dd')
    .default(''),
});

const rotateBody = z.strictObject({ role: z.enum(['participant', 'viewer']) });

export interface ApiContext {
  store: WorkshopStore;
  relay: Relay;
  allowRemoteCreate: boolean;
  allowedOrigins?: readonly string[];
  /** throttles wrong join codes per address */
  guesses: GuessLimiter;
  log: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Loopback-only endpoints need the request to come from this machine and to name it as the host:
 * a page elsewhere that rebinds its own DNS name to 127.0.0.1 fails the second check.
 */
function isFromHostMachine(req: IncomingMessage): boolean {
  return isLoopbackAddress(req) && hostIsLoopback(req);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the file is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

function bearerToken(req: IncomingMessage): string {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<void> {
  try {
    await route(req, res, url, ctx);
  } catch (err) {
    if (err instanceof HttpError) send(res, err.status, { error: err.message });
    else throw err;
  }
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<void> {
  const path = url.pathname;
  if (path === '/api/health' && req.method === 'GET') return send(res, 200, { ok: true });
  // A page on another site may not post to the API (a form or fetch without preflight would
  // otherwise create workshops on a facilitator's machine).
  if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, ctx.allowedOrigins))
    throw new HttpError(403, 'requests from this site are not allowed');

  if (path === '/api/workshops') {
    if (!ctx.allowRemoteCreate && !isFromHostMachine(req)) throw new HttpError(403, 'workshops can only be created or listed on the host machine');
    if (req.method === 'GET') return send(res, 200, { workshops: ctx.store.list() });
    if (req.method === 'POST') {
      const body = parse(newWorkshopBody, await readJson(req));
      const created = ctx.store.create(body);
      ctx.log(`created workshop ${created.id} "${body.title}"`);
      return send(res, 201, created);
    }
    throw new HttpError(405, 'use GET or POST');
  }

  // The portfolio reads every workshop on the host: the same rule as listing them.
  if (path === '/api/portfolio' && req.method === 'GET') {
    if (!ctx.allowRemoteCreate && !isFromHostMachine(req)) throw new HttpError(403, 'the portfolio is only available on the host machine');
    return send(res, 200, { workshops: portfolioFor(ctx.store).summaries() });
  }

  if (path === '/api/workshops/import' && req.method === 'POST') {
    if (!ctx.allowRemoteCreate && !isFromHostMachine(req)) throw new HttpError(403, 'workshops can only be added on the host machine');
    const bytes = await readBytes(req, MAX_IMPORT_BYTES);
    try {
      const imported = importWorkshopBytes(ctx.store, bytes);
      ctx.log(`imported workshop ${imported.id} "${imported.title}"`);
      return send(res, 201, imported);
    } catch (err) {
      if (err instanceof WorkshopFileError) throw new HttpError(400, err.message);
      throw err;
    }
  }

  const file = /^\/api\/workshops\/([^/]+)\/file$/.exec(path);
  if (file && req.method === 'GET') {
    const id = file[1]!;
    if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
    const role = roleForToken(ctx.store.access(id).tokens, bearerToken(req));
    if (role !== 'facilitator' && role !== 'participant') throw new HttpError(403, 'only facilitators and participants can download the workshop file');
    // A live room writes in the background: wait until everything received so far is on disk.
    await ctx.relay.rooms.get(id)?.save();
    const bytes = exportWorkshopBytes(ctx.store, id);
    res.writeHead(200, {
      'content-type': 'application/vnd.slcanvas+sqlite3',
      'content-length': bytes.length,
      'content-disposition': `attachment; filename="${id}.slcanvas"`,
      'cache-control': 'no-store',
    });
    res.end(bytes);
    return;
  }

  const join = /^\/api\/join\/([^/]+)$/.exec(path);
  if (join && req.method === 'GET') {
    const address = clientAddress(req);
    if (!ctx.guesses.allowed(address)) throw new HttpError(429, 'too many wrong codes; wait a minute and try again');
    const code = normaliseCode(decodeURIComponent(join[1]!));
    const workshops = ctx.store.list().flatMap((w) => {
      try {
        return [{ id: w.id, tokens: ctx.store.access(w.id).tokens }];
      } catch {
        return [];
      }
    });
    const match = code ? findCode(code, workshops) : null;
    if (!match) {
      ctx.guesses.miss(address);
      throw new HttpError(404, 'no workshop has that code; check it with the facilitator');
    }
    return send(res, 200, match);
  }

  const links = /^\/api\/workshops\/([^/]+)\/links$/.exec(path);
  if (links && req.method === 'GET') {
    const id = links[1]!;
    if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
    const role = roleForToken(ctx.store.access(id).tokens, bearerToken(req));
    if (role !== 'facilitator' && role !== 'participant') throw new HttpError(403, 'only facilitators and participants can invite people');
    const { tokens } = ctx.store.access(id);
    return send(res, 200, {
      participant: tokens.participant,
      viewer: tokens.viewer,
      codes: { participant: joinCode(tokens.participant), viewer: joinCode(tokens.viewer) },
    });
  }

  const rotate = /^\/api\/workshops\/([^/]+)\/rotate$/.exec(path);
  if (rotate && req.method === 'POST') {
    const id = rotate[1]!;
    if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
    if (roleForToken(ctx.store.access(id).tokens, bearerToken(req)) !== 'facilitator') throw new HttpError(403, 'only the facilitator can withdraw links');
    const { role } = parse(rotateBody, await readJson(req));
    const { old, fresh } = ctx.store.rotate(id, role);
    ctx.relay.disconnectToken(id, old, CloseCode.revoked);
    return send(res, 200, { role, token: fresh });
  }

  throw new HttpError(404, 'no such endpoint');
}
