// Join tokens: one secret per role per workshop. They travel in the link's fragment and reach
// the relay only as a query parameter of the WebSocket upgrade.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { Role } from '../shared/protocol';

export type TokenSet = Record<Role, string>;
export const roles: readonly Role[] = ['facilitator', 'participant', 'viewer'];

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export function newTokenSet(): TokenSet {
  return { facilitator: newToken(), participant: newToken(), viewer: newToken() };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function roleForToken(tokens: TokenSet, token: string): Role | null {
  // Check every role (no early exit) so timing does not reveal which role a guess came close to.
  let found: Role | null = null;
  for (const role of roles) if (same(tokens[role], token)) found = role;
  return found;
}

/** Revoked tokens are kept only as hashes: enough to say "withdrawn" rather than "wrong". */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
