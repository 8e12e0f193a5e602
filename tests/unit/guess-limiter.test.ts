import { describe, it, expect } from 'vitest';
import { GuessLimiter, GUESS_POLICY, guesserOf } from '../../server/guess-limiter';

/** n different wrong codes */
const codes = (n: number) => Array.from({ length: n }, (_, i) => `WRONG-${i}`);

describe('guess limiter', () => {
  it('locks an address that tries many different codes for longer than one code retried', () => {
    let now = 0;
    const limiter = new GuessLimiter({}, () => now);
    for (const c of codes(GUESS_POLICY.codesPerAddress)) limiter.miss('203.0.113.5', c);
    expect(limiter.waitMs('203.0.113.5', 'RIGH-TONE')).toBe(GUESS_POLICY.addressLockMs);
    expect(limiter.waitMs('203.0.113.6', 'RIGH-TONE')).toBe(0);
    now += GUESS_POLICY.codeLockMs;
    expect(limiter.waitMs('203.0.113.5', 'RIGH-TONE')).toBeGreaterThan(0);
    now = GUESS_POLICY.addressLockMs;
    expect(limiter.waitMs('203.0.113.5', 'RIGH-TONE')).toBe(0);

    // One typo retried: that code alone is refused, briefly; the right one still goes through.
    const typo = new GuessLimiter({}, () => now);
    for (let i = 0; i < GUESS_POLICY.triesPerCode; i++) typo.miss('198.51.100.1', 'TYPO-TYPO');
    expect(typo.waitMs('198.51.100.1', 'TYPO-TYPO')).toBe(GUESS_POLICY.codeLockMs);
    expect(typo.waitMs('198.51.100.1', 'RIGH-TONE')).toBe(0);
    now += GUESS_POLICY.codeLockMs;
    expect(typo.waitMs('198.51.100.1', 'TYPO-TYPO')).toBe(0);
    expect(GUESS_POLICY.addressLockMs).toBeGreaterThan(GUESS_POLICY.codeLockMs);
  });

  it('lets a code that opened a workshop from an address through that address lock', () => {
    const limiter = new GuessLimiter({}, () => 0);
    limiter.joined('192.0.2.1', 'RIGH-TONE');
    for (const c of codes(20)) limiter.miss('192.0.2.1', c);
    expect(limiter.waitMs('192.0.2.1', 'RIGH-TONE')).toBe(0);
    expect(limiter.waitMs('192.0.2.1', 'OTHE-RONE')).toBeGreaterThan(0);
  });

  it('counts an IPv6 /64 as one guesser, and an IPv4-mapped address as its IPv4 address', () => {
    expect(guesserOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(guesserOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(guesserOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(guesserOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
    const limiter = new GuessLimiter({}, () => 0);
    codes(GUESS_POLICY.codesPerAddress).forEach((c, i) => limiter.miss(`2001:db8:1:2::${i + 1}`, c));
    expect(limiter.waitMs('2001:db8:1:2::ffff', 'RIGH-TONE')).toBeGreaterThan(0);
    expect(limiter.waitMs('2001:db8:1:3::1', 'RIGH-TONE')).toBe(0);
  });
});
