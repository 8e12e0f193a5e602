// The relay's small JSON API: create and list workshops, withdraw a link. Creating, listing and
// importing are host-level: they need the host key, or a request from the host machine itself
// (loopback, naming loopback, not through a proxy). The connection's address alone never suffices.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CloseCode, isWorkshopId } from '../shared/protocol';
import type { WorkshopFolder } from './workshop-folder';
import { roleForToken } from './tokens';
import type { Relay } from './relay';
import { originAllowed, clientAddress, bearerToken, mayAdministerHost, presentsHostKey } from './request-checks';
import { exportWorkshopBytes, importWorkshopBytes, MAX_IMPORT_BYTES } from './file-transfer';
import { WorkshopFileError } from './workshop-file';
import { normaliseCode, type GuessLimiter, type JoinCodeRegistry } from './join-codes';
import { portfolioFor } from './portfolio';
import { startingContent, TemplateError } from './starting-content';
import { templateSchema } from '../shared/doc/template';
import type { HostReach } from '../shared/invite-address';

const MAX_BODY_BYTES = 64 * 1024;

const newWorkshopBody = z.strictObject({
  title: z.string().trim().min(1, 'a workshop needs a title').max(200),
  footprint: z.string().trim().max(200).default(''),
  academyId: z.string().max(80).default(''),
  date: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'date must be yyyy-mm-dd')
    .default(''),
  /** what the board starts with, written in by the host: empty, the worked example, or a template */
  startFrom: z.union([z.enum(['empty', 'worked-example']), z.strictObject({ template: templateSchema })]).default('empty'),
});
/** A new workshop's request may carry a template (cards, plan items and their notes). */
const MAX_CREATE_BODY_BYTES = 4 * 1024 * 1024;

const rotateBody = z.strictObject({ role: z.enum(['facilitator', 'participant', 'viewer']) });

export interface ApiContext {
  store: WorkshopFolder;
  relay: Relay;
  /** see RelayOptions.hostKey */
  hostKey?: string;
  allowedOrigins?: readonly string[];
  /** throttles wrong join codes per code and per address */
  guesses: GuessLimiter;
  /** the short codes that work right now */
  codes: JoinCodeRegistry;
  log: (line: string) => void;
  /** where people can open this host, for the Invite dialog's links */
  reach?: () => HostReach;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Host-level endpoints: the host key, or the host machine itself. */
function requireHostAccess(req: IncomingMessage, ctx: ApiContext, what: string): void {
  if (mayAdministerHost(req, ctx.hostKey, ctx.allowedOrigins)) return;
  throw new HttpError(
    ctx.hostKey ? 401 : 403,
    ctx.hostKey ? `${what} needs the host key (Authorization: Bearer <key>)` : `${what} is only possible on the host machine`,
  );
}

/**
 * Reads a body up to `limit` bytes. A declared length over the limit is refused before reading a
 * byte; an undeclared (chunked) one is counted as it arrives. The connection is closed after a
 * refusal, so the unread rest of the body cannot be taken for the next request.
 */
async function readBody(req: IncomingMessage, limit: number, tooLarge: string): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readBody(req, limit, `request body over ${limit} bytes`);
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Uint8Array(await readBody(req, limit, `the file is larger than ${Math.round(limit / 1024 / 1024)} MB`));
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * Requests authorised by a bearer header (the host key, or a workshop token for its file and
 * links) may come from any page: the desktop app or a local host creating a workshop on a server
 * and saving its file. Such a header is not ambient authority (no other site can make a browser
 * send it), so CORS may let these through. Cookie-less, and nothing else is opened to other origins.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};
const CROSS_ORIGIN_PATHS = /^\/api\/(health|workshops|workshops\/import|workshops\/[^/]+\/(file|links))$/;

export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<void> {
  const crossOrigin = CROSS_ORIGIN_PATHS.test(url.pathname);
  if (crossOrigin) for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
  try {
    if (req.method === 'OPTIONS' && crossOrigin) {
      res.writeHead(204).end();
      return;
    }
    await route(req, res, url, ctx);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (err.status === 413) res.setHeader('connection', 'close');
    if (err.status === 401) res.setHeader('www-authenticate', 'Bearer');
    send(res, err.status, { error: err.message });
  }
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<void> {
  const path = url.pathname;
  if (path === '/api/health' && req.method === 'GET') return send(res, 200, { ok: true });
  // Host-level endpoints first: a wrong host key is "wrong key" (401), whichever page sent it.
  if (path === '/api/workshops') requireHostAccess(req, ctx, 'Creating or listing workshops');
  if (path === '/api/workshops/import') requireHostAccess(req, ctx, 'Adding a workshop');
  // A page on another site may not post to the API (a form or fetch without preflight would
  // otherwise create workshops on a facilitator's machine), unless it holds the host key.
  if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, ctx.allowedOrigins) && !presentsHostKey(req, ctx.hostKey))
    throw new HttpError(403, 'requests from this site are not allowed');

  if (path === '/api/workshops') {
    if (req.method === 'GET') return send(res, 200, { workshops: ctx.store.list() });
    if (req.method === 'POST') {
      const { startFrom, ...meta } = parse(newWorkshopBody, await readJson(req, MAX_CREATE_BODY_BYTES));
      let created;
      try {
        created = ctx.store.create(meta, startingContent(startFrom));
      } catch (err) {
        if (err instanceof TemplateError) throw new HttpError(400, err.message);
        throw err;
      }
      const from = startFrom === 'empty' ? '' : startFrom === 'worked-example' ? ' from the worked example' : ' from a template';
      ctx.log(`created workshop ${created.id} "${meta.title}"${from}`);
      return send(res, 201, created);
    }
    throw new HttpError(405, 'use GET or POST');
  }

  // The portfolio reads every workshop on the host: the same rule as listing them (host key, or the host machine).
  if (path === '/api/portfolio' && req.method === 'GET') {
    requireHostAccess(req, ctx, 'The portfolio');
    return send(res, 200, { workshops: portfolioFor(ctx.store).summaries() });
  }

  if (path === '/api/workshops/import' && req.method === 'POST') {
    const bytes = await readBytes(req, MAX_IMPORT_BYTES);
    try {
      const imported = await importWorkshopBytes(ctx.store, bytes);
      // The first point of an imported workshop: whatever happens next, it can come back to this.
      try {
        ctx.relay.history.takeNow(imported.id, 'imported');
      } catch (err) {
        ctx.log(`history ${imported.id}: ${(err as Error).message}`);
      }
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
    // The file holds content only (no links, no facilitation state, no voters), which anyone
    // who can edit already sees; viewers get exports instead.
    if (role !== 'facilitator' && role !== 'participant') throw new HttpError(403, 'only facilitators and participants can download the workshop file');
    const bytes = exportWorkshopBytes(ctx.store, id, ctx.relay.rooms.get(id)?.doc);
    res.writeHead(200, {
      'content-type': 'application/vnd.slcanvas+sqlite3',
      'content-length': bytes.length,
      'content-disposition': `attachment; filename="${id}.slcanvas"`,
      'cache-control': 'no-store',
    });
    res.end(bytes);
    return;
  }

  const history = /^\/api\/workshops\/([^/]+)\/history(?:\/(\d{1,15})(\/restore)?)?$/.exec(path);
  if (history) return routeHistory(req, res, ctx, history[1]!, history[2] ? Number(history[2]) : null, !!history[3]);

  const join = /^\/api\/join\/([^/]+)$/.exec(path);
  if (join && req.method === 'GET') {
    const address = clientAddress(req);
    const typed = decodeURIComponent(join[1]!);
    const code = normaliseCode(typed);
    // What the limiter counts: the code as it would be looked up, so "k7qp m2xd" and "K7QP-M2XD" are one try.
    const tried = code ?? typed.slice(0, 40);
    const waitMs = ctx.guesses.waitMs(address, tried);
    if (waitMs > 0) {
      res.setHeader('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new HttpError(429, `too many wrong codes from this network; wait ${Math.ceil(waitMs / 60_000)} min, or open the link instead`);
    }
    const current = (m: { id: string; role: 'participant' | 'viewer'; token: string }) => {
      try {
        return ctx.store.exists(m.id) && ctx.store.access(m.id).tokens[m.role] === m.token;
      } catch {
        return false;
      }
    };
    const match = code ? ctx.codes.lookup(code, current) : null;
    if (!match) {
      ctx.guesses.miss(address, tried);
      throw new HttpError(404, 'no workshop has that code; check it with the facilitator');
    }
    ctx.guesses.joined(address, tried);
    return send(res, 200, match);
  }

  const links = /^\/api\/workshops\/([^/]+)\/links$/.exec(path);
  if (links && req.method === 'GET') {
    const id = links[1]!;
    if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
    const role = roleForToken(ctx.store.access(id).tokens, bearerToken(req));
    if (role !== 'facilitator' && role !== 'participant') throw new HttpError(403, 'only facilitators and participants can invite people');
    const { tokens } = ctx.store.access(id);
    // A code the facilitator stopped comes back as null: asking for the links never restarts it.
    return send(res, 200, {
      participant: tokens.participant,
      viewer: tokens.viewer,
      codes: { participant: ctx.codes.issue(id, 'participant', tokens.participant), viewer: ctx.codes.issue(id, 'viewer', tokens.viewer) },
      // Only to people who may invite: it names this machine's network addresses.
      reach: ctx.reach?.() ?? null,
    });
  }

  // The facilitator stops inviting: the short codes stop working (the links themselves still do).
  const stopCodes = /^\/api\/workshops\/([^/]+)\/codes$/.exec(path);
  if (stopCodes && req.method === 'DELETE') {
    const id = stopCodes[1]!;
    if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
    if (roleForToken(ctx.store.access(id).tokens, bearerToken(req)) !== 'facilitator') throw new HttpError(403, 'only the facilitator can stop invitations');
    const { tokens } = ctx.store.access(id);
    ctx.codes.withdraw(id, [tokens.participant, tokens.viewer]);
    return send(res, 200, { withdrawn: true });
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

/**
 * History and restore, for the facilitator only (checked here, at the relay: a participant's
 * link gets 403 whatever its page shows). GET lists points; POST takes one now; GET of a point
 * previews it; POST …/restore brings it back for everyone.
 */
async function routeHistory(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string, pointId: number | null, restore: boolean): Promise<void> {
  if (!isWorkshopId(id) || !ctx.store.exists(id)) throw new HttpError(404, 'no such workshop');
  if (roleForToken(ctx.store.access(id).tokens, bearerToken(req)) !== 'facilitator')
    throw new HttpError(403, 'only the facilitator can see and restore history');
  const history = ctx.relay.history;
  const room = ctx.relay.rooms.get(id);
  if (pointId === null) {
    if (req.method === 'GET') return send(res, 200, { points: history.list(id) });
    if (req.method === 'POST') return send(res, 201, { point: history.takeNow(id, 'requested', room) });
    throw new HttpError(405, 'use GET or POST');
  }
  if (!restore && req.method === 'GET') {
    const preview = history.preview(id, pointId);
    if (!preview) throw new HttpError(404, 'no such restore point');
    return send(res, 200, preview);
  }
  if (restore && req.method === 'POST') {
    const before = history.restore(id, pointId, room, 'facilitator (restore)');
    if (!before) throw new HttpError(404, 'no such restore point');
    ctx.log(`workshop ${id}: restored point ${pointId} (the state before is point ${before.id})`);
    return send(res, 200, { restored: pointId, before });
  }
  throw new HttpError(405, restore ? 'use POST' : 'use GET');
}
