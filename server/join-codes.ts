// Short codes to type instead of a link ("K7QP-M2XD"), for people in the room reading it off a
// screen. A code is derived from a link's token, so withdrawing the link withdraws its code too.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Role } from '../shared/protocol';
import { durableWrite } from './durable-write';

export { GuessLimiter } from './guess-limiter';

/** No 0/O, 1/I/L: easy to read aloud and to type. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-?[2-9A-HJKMNP-Z]{4}$/;

export function joinCode(token: string): string {
  const digest = createHash('sha256').update(`slc-join-code:${token}`).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function normaliseCode(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/\s+/g, '');
  if (!JOIN_CODE_PATTERN.test(compact)) return null;
  const plain = compact.replace('-', '');
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

export interface CodeMatch {
  id: string;
  role: Exclude<Role, 'facilitator'>;
  token: string;
}

/** How long a code works after it was last shown in "Invite people". */
export const JOIN_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** How long a code shown again waits before its new expiry is written down. */
const RESAVE_AFTER_MS = 60 * 60 * 1000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Where the registry keeps its codes between runs of the relay, and how it reports trouble. */
export interface CodeFile {
  path: string;
  log: (line: string) => void;
}

type Entry = CodeMatch & { expiresAt: number };

/** What the code file must hold; anything else in it is ignored, never trusted. */
const savedEntries = z.array(
  z.object({
    code: z.string().regex(JOIN_CODE_PATTERN),
    id: z.string().min(1).max(200),
    role: z.enum(['participant', 'viewer']),
    token: z.string().min(1).max(500),
    expiresAt: z.number().finite(),
  }),
);
/** The codes that work, and those the facilitator stopped (a file of only the former is from before stopping was kept). */
const savedCodes = z.union([
  savedEntries.transform((codes) => ({ codes, stopped: [] })),
  z.object({ codes: savedEntries, stopped: z.array(z.string().regex(JOIN_CODE_PATTERN)).max(20_000) }),
]);

/** Stopped codes kept at most; the oldest are forgotten first (their links have long been withdrawn or expired). */
const MAX_STOPPED = 10_000;

/**
 * The codes that work right now. A code works only once it has been shown to someone who may
 * invite (the links endpoint issues it), for a day from then, until the facilitator stops
 * inviting (a stopped code never works again, whoever asks for the links: a link withdrawn and
 * made anew has a new code), and only while its link is not withdrawn. Looking a code up reads this index and
 * then the one workshop it names, never every workshop on the host. With a `file`, the codes
 * survive a restart of the relay: a code on the projector keeps working after the host's app
 * is restarted, without anyone opening "Invite people" again.
 */
export class JoinCodeRegistry {
  private readonly codes = new Map<string, Entry>();
  /** codes the facilitator stopped, oldest first */
  private readonly stopped = new Set<string>();
  /** when the file was last written */
  private savedAt = -Infinity;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = JOIN_CODE_LIFETIME_MS,
    private readonly file?: CodeFile,
  ) {
    if (file) this.load(file);
  }

  private load(file: CodeFile): void {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      return; // none kept yet
    }
    const parsed = savedCodes.safeParse(parseJson(text));
    if (!parsed.success) {
      file.log(`join codes: ${file.path} is not a list of codes; starting without them (links still work)`);
      return;
    }
    const now = this.now();
    for (const code of parsed.data.stopped) this.stopped.add(code);
    for (const { code, ...entry } of parsed.data.codes)
      if (entry.expiresAt > now && joinCode(entry.token) === code && !this.stopped.has(code)) this.codes.set(code, entry);
  }

  private save(): void {
    if (!this.file) return;
    const codes = [...this.codes].map(([code, entry]) => ({ code, ...entry }));
    try {
      durableWrite(this.file.path, Buffer.from(JSON.stringify({ codes, stopped: [...this.stopped] })));
      this.savedAt = this.now();
    } catch (err) {
      // The codes still work until the relay stops; only surviving a restart is lost.
      this.file.log(`join codes: could not keep them in ${this.file.path}: ${(err as Error).message}`);
    }
  }

  /** Makes the code of this link work for the next day; returns it, or null once it was stopped. */
  issue(id: string, role: CodeMatch['role'], token: string): string | null {
    const code = joinCode(token);
    if (this.stopped.has(code)) return null;
    const before = this.codes.get(code);
    const entry = { id, role, token, expiresAt: this.now() + this.lifetimeMs };
    this.codes.set(code, entry);
    // Each write is an fsync on the relay's thread: written when a code starts to work, and
    // then at most hourly while it is shown again (a restart may take an hour off its day).
    if (!before || before.id !== id || this.now() - this.savedAt > RESAVE_AFTER_MS) this.save();
    return code;
  }

  /** The link a code stands for, if it works; `current` says whether the token is still the link's. */
  lookup(code: string, current: (match: CodeMatch) => boolean): CodeMatch | null {
    const entry = this.codes.get(code);
    if (!entry) return null;
    if (entry.expiresAt <= this.now() || !current(entry)) {
      this.codes.delete(code);
      this.save();
      return null;
    }
    return { id: entry.id, role: entry.role, token: entry.token };
  }

  /**
   * The facilitator stopped inviting: every code of the workshop stops working, for good. The
   * codes of its current `tokens` are stopped too, whether or not they were working just now.
   */
  withdraw(id: string, tokens: readonly string[] = []): void {
    const stop = new Set(tokens.map(joinCode));
    for (const [code, entry] of this.codes) if (entry.id === id) stop.add(code);
    for (const code of stop) {
      this.codes.delete(code);
      this.stopped.delete(code);
      this.stopped.add(code);
    }
    for (const code of this.stopped) {
      if (this.stopped.size <= MAX_STOPPED) break;
      this.stopped.delete(code);
    }
    if (stop.size) this.save();
  }
}
