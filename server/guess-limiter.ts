// Slows guessing of join codes without locking out a room of honest people. A venue puts 40
// people behind one address (its NAT); they all type the one code on the screen, and a few of
// them mistype it, often the same mistake again. A guesser types many different codes. So the
// address is counted by the different wrong codes it tries (retyping one mistake counts once
// towards that), and locked for long only when there are many; one wrong code retried over and
// over is locked on its own, briefly. A code that has already opened a workshop from an
// address keeps working there through the address's lock: the neighbours of a guesser still
// get in, and the guesser learns nothing from it (it is the code on the screen).

export interface GuessPolicy {
  /** how long a wrong code is remembered */
  windowMs: number;
  /** different wrong codes one address may try within the window */
  codesPerAddress: number;
  /** how long an address that tried more is refused every code it has not joined with */
  addressLockMs: number;
  /** how often one address may try the same wrong code within the window */
  triesPerCode: number;
  /** how long that one code is then refused to that address (shorter: it is a typo, not a search) */
  codeLockMs: number;
}

/** 40 bits of code against ten guesses per ten minutes is far out of reach. */
export const GUESS_POLICY: GuessPolicy = {
  windowMs: 10 * 60_000,
  codesPerAddress: 10,
  addressLockMs: 10 * 60_000,
  triesPerCode: 5,
  codeLockMs: 60_000,
};

interface AddressState {
  /** each wrong code tried from here within the window, with the times it was tried */
  wrong: Map<string, number[]>;
  lockedUntil: number;
  /** per wrong code: refused until */
  codeLockedUntil: Map<string, number>;
  /** codes that opened a workshop from here, and until when they pass the address's lock */
  joined: Map<string, number>;
}

/** Past this many addresses, forgotten ones are swept out so the table cannot grow for ever. */
const SWEEP_ABOVE = 10_000;

/**
 * Who counts as one guesser: an IPv4 address, or an IPv6 /64 (one home or phone is given a
 * whole /64, and could otherwise take a fresh address for each guess).
 */
export function guesserOf(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!plain.includes(':')) return plain;
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = plain.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class GuessLimiter {
  private readonly addresses = new Map<string, AddressState>();
  private readonly policy: GuessPolicy;
  private sweepAt = SWEEP_ABOVE;

  constructor(
    policy: Partial<GuessPolicy> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.policy = { ...GUESS_POLICY, ...policy };
  }

  /** 0 when `code` may be tried from `address` now, else how many milliseconds until it may. */
  waitMs(address: string, code: string): number {
    const state = this.addresses.get(guesserOf(address));
    if (!state) return 0;
    const now = this.now();
    this.forgetOld(state, now);
    if ((state.joined.get(code) ?? 0) > now) return 0;
    return Math.max(0, state.lockedUntil - now, (state.codeLockedUntil.get(code) ?? 0) - now);
  }

  /** `code` opened nothing. */
  miss(address: string, code: string): void {
    const now = this.now();
    const state = this.stateOf(address);
    this.forgetOld(state, now);
    const tries = [...(state.wrong.get(code) ?? []), now];
    state.wrong.set(code, tries);
    if (tries.length >= this.policy.triesPerCode) state.codeLockedUntil.set(code, now + this.policy.codeLockMs);
    if (state.wrong.size >= this.policy.codesPerAddress) state.lockedUntil = now + this.policy.addressLockMs;
  }

  /** `code` opened a workshop: it passes this address's lock for as long as a lock lasts. */
  joined(address: string, code: string): void {
    this.stateOf(address).joined.set(code, this.now() + this.policy.addressLockMs);
  }

  private stateOf(address: string): AddressState {
    const key = guesserOf(address);
    let state = this.addresses.get(key);
    if (!state) {
      if (this.addresses.size >= this.sweepAt) this.sweep();
      state = { wrong: new Map(), lockedUntil: 0, codeLockedUntil: new Map(), joined: new Map() };
      this.addresses.set(key, state);
    }
    return state;
  }

  private forgetOld(state: AddressState, now: number): void {
    for (const [code, times] of state.wrong) {
      const recent = times.filter((t) => now - t < this.policy.windowMs);
      if (recent.length) state.wrong.set(code, recent);
      else state.wrong.delete(code);
    }
    for (const map of [state.codeLockedUntil, state.joined]) for (const [code, until] of map) if (until <= now) map.delete(code);
  }

  private sweep(): void {
    const now = this.now();
    for (const [address, state] of this.addresses) {
      this.forgetOld(state, now);
      if (!state.wrong.size && !state.joined.size && state.lockedUntil <= now) this.addresses.delete(address);
    }
    // Sweeping again only once the table has doubled keeps a flood of addresses from costing a sweep each.
    this.sweepAt = Math.max(SWEEP_ABOVE, 2 * this.addresses.size);
  }
}
