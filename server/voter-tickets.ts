// Who counts as one voter. A dot vote counts people the relay admitted, not identities a client
// makes up: each connection gets a voter ticket signed by the relay, and only a ticket the
// relay signed (and that no other live connection in the room holds) is honoured when a client
// reconnects with it, so a person's dots survive a dropped connection but a client cannot mint
// voters by sending new ids.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ID_CHARS = 12;
const SIG_CHARS = 12;

function base36(bytes: Buffer, length: number): string {
  let s = '';
  for (const b of bytes) s += (b % 36).toString(36);
  return s.slice(0, length);
}

export class VoterTickets {
  private readonly secret: Buffer;

  /** The signing key lives in the data folder so tickets survive a restart of the relay. */
  constructor(dataDir: string, log: (line: string) => void) {
    const path = join(dataDir, '.voter-key');
    let secret: Buffer | null = null;
    try {
      secret = readFileSync(path);
      if (secret.byteLength !== 32) secret = null;
    } catch {
      // not made yet
    }
    if (!secret) {
      secret = randomBytes(32);
      try {
        writeFileSync(path, secret, { mode: 0o600 });
      } catch (err) {
        // Tickets then last as long as this process: a person's dots survive reconnects, not restarts.
        log(`voter tickets: could not keep the signing key: ${(err as Error).message}`);
      }
    }
    this.secret = secret;
  }

  private sign(id: string): string {
    return base36(createHmac('sha256', this.secret).update(id).digest(), SIG_CHARS);
  }

  issue(): string {
    const id = base36(randomBytes(ID_CHARS), ID_CHARS);
    return id + this.sign(id);
  }

  /** The ticket if the relay signed it, else null. */
  verify(ticket: string | null): string | null {
    if (!ticket || ticket.length !== ID_CHARS + SIG_CHARS || !/^[a-z0-9]+$/.test(ticket)) return null;
    const expected = Buffer.from(this.sign(ticket.slice(0, ID_CHARS)));
    const given = Buffer.from(ticket.slice(ID_CHARS));
    return timingSafeEqual(expected, given) ? ticket : null;
  }
}
