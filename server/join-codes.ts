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

/** Finds the workshop link a code stands for among the given workshops' tokens. */
export function findCode(code: string, workshops: Iterable<{ id: string; tokens: Record<Role, string> }>): CodeMatch | null {
  for (const w of workshops) {
    for (const role of ['participant', 'viewer'] as const) if (joinCode(w.tokens[role]) === code) return { id: w.id, role, token: w.tokens[role] };
  }
  return null;
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
