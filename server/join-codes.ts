// Short codes to type instead of a link ("K7QP-M2XD"), for people in the room reading it off a
// screen. A code is derived from a link's token, so withdrawing the link withdraws its code too.
import { createHash } from 'node:crypto';
import type { Role } from '../shared/protocol';

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

/**
 * The codes that work right now. A code works only once it has been shown to someone who may
 * invite (the links endpoint issues it), for a day from then, until the facilitator stops
 * inviting, and only while its link is not withdrawn. Looking a code up reads this index and
 * then the one workshop it names, never every workshop on the host.
 */
export class JoinCodeRegistry {
  private readonly codes = new Map<string, CodeMatch & { expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = JOIN_CODE_LIFETIME_MS,
  ) {}

  /** Makes the code of this link work for the next day; returns it. */
  issue(id: string, role: CodeMatch['role'], token: string): string {
    const code = joinCode(token);
    this.codes.set(code, { id, role, token, expiresAt: this.now() + this.lifetimeMs });
    return code;
  }

  /** The link a code stands for, if it works; `current` says whether the token is still the link's. */
  lookup(code: string, current: (match: CodeMatch) => boolean): CodeMatch | null {
    const entry = this.codes.get(code);
    if (!entry) return null;
    if (entry.expiresAt <= this.now() || !current(entry)) {
      this.codes.delete(code);
      return null;
    }
    return { id: entry.id, role: entry.role, token: entry.token };
  }

  /** The facilitator stopped inviting: every code of the workshop stops working. */
  withdraw(id: string): void {
    for (const [code, entry] of this.codes) if (entry.id === id) this.codes.delete(code);
  }
}

/**
 * Slows guessing: each address gets a few wrong codes a minute. 40 bits of code against that
 * rate is far out of reach.
 */
export class GuessLimiter {
  private readonly misses = new Map<string, number[]>();
  constructor(
    private readonly perMinute = 10,
    private readonly now: () => number = Date.now,
  ) {}

  allowed(address: string): boolean {
    const recent = (this.misses.get(address) ?? []).filter((t) => this.now() - t < 60_000);
    this.misses.set(address, recent);
    return recent.length < this.perMinute;
  }

  miss(address: string): void {
    this.misses.set(address, [...(this.misses.get(address) ?? []), this.now()]);
  }
}
