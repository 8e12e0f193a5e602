import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessPerTest, startHarness, removeDir, type Harness } from '../support/relay-harness';
import { joinCode, normaliseCode, GuessLimiter, JoinCodeRegistry, JOIN_CODE_LIFETIME_MS } from '../../server/join-codes';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

describe('join codes', () => {
  it('are short, readable and forgiving about how they are typed', () => {
    const code = joinCode('some-token');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(normaliseCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normaliseCode('O0I1-LLLL')).toBeNull();
    expect(joinCode('another-token')).not.toBe(code);
  });

  it('lead to the workshop link they were made from, and stop working when it is withdrawn', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Codes', footprint: '', academyId: '', date: '' });
    const links = (await (await fetch(`${h.relay.url}/api/workshops/${id}/links`, { headers: { authorization: `Bearer ${tokens.facilitator}` } })).json()) as {
      codes: { participant: string; viewer: string };
    };
    expect(links.codes.participant).toBe(joinCode(tokens.participant));
    const found = await fetch(`${h.relay.url}/api/join/${links.codes.participant.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ id, role: 'participant', token: tokens.participant });
    const viewer = (await (await fetch(`${h.relay.url}/api/join/${links.codes.viewer}`)).json()) as { role: string };
    expect(viewer.role).toBe('viewer');

    await fetch(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.facilitator}` },
      body: JSON.stringify({ role: 'participant' }),
    });
    expect((await fetch(`${h.relay.url}/api/join/${links.codes.participant}`)).status).toBe(404);
  });

  it('throttle guessing', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await fetch(`${h.relay.url}/api/join/ABCD-EFG${'23456789ABCD'[i]}`)).status;
    expect(last).toBe(429);
    const limiter = new GuessLimiter({ codesPerAddress: 2 }, () => 0);
    limiter.miss('a', 'AAAA-AAAA');
    limiter.miss('a', 'AAAA-AAAB');
    expect(limiter.waitMs('a', 'AAAA-AAAC')).toBeGreaterThan(0);
    expect(limiter.waitMs('b', 'AAAA-AAAC')).toBe(0);
  });
});

describe('join code throttling behind the desktop proxy', () => {
  it('counts each forwarded guest on its own', async () => {
    // The desktop app's relay trusts its own local-network proxy (electron/relay-process.ts).
    await h.stop();
    removeDir(h.dataDir);
    h = await startHarness({ trustProxy: true });
    const guess = (from: string, i: number) => fetch(`${h.relay.url}/api/join/ABCD-EFG${'23456789ABCD'[i]}`, { headers: { 'x-forwarded-for': from } });
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await guess('192.168.1.50', i)).status;
    expect(last).toBe(429);
    expect((await guess('192.168.1.51', 0)).status).toBe(404);
  });
});

describe('a venue behind one address', () => {
  // Every request of this test comes from 127.0.0.1: 40 people behind one NAT.
  const shown = async () => {
    const w = h.relay.store.create({ title: 'Venue', footprint: '', academyId: '', date: '' });
    const links = (await (
      await fetch(`${h.relay.url}/api/workshops/${w.id}/links`, { headers: { authorization: `Bearer ${w.tokens.facilitator}` } })
    ).json()) as {
      codes: { participant: string };
    };
    return { ...w, code: links.codes.participant };
  };
  const tryCode = async (code: string) => (await fetch(`${h.relay.url}/api/join/${encodeURIComponent(code)}`)).status;

  it('all 40 get in with the right code while a few of them mistype it, some again and again', async () => {
    const { code } = await shown();
    const other = (c: string) => (c === '2' ? '3' : '2');
    // Four of them mistype it, each their own way; the first retries the same mistake four times.
    const typos = [code.slice(0, 8) + other(code[8]!), other(code[0]!) + code.slice(1), code.slice(0, 4), code.replace('-', '').slice(1) + '2'];
    const statuses: number[] = [];
    for (let person = 0; person < 40; person++) {
      if (person % 10 === 3) for (let again = 0; again < (person === 3 ? 4 : 3); again++) expect(await tryCode(typos[(person / 10) | 0]!)).toBe(404);
      statuses.push(await tryCode(person % 2 ? code.toLowerCase() : code.replace('-', ' ')));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('a guesser among them is stopped, for longer than a typo, while the neighbours still get in', async () => {
    const { code, id } = await shown();
    expect(await tryCode(code)).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push(await tryCode(`QQQQ-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'.slice(i, i + 4).padEnd(4, 'Q')}`));
    expect(statuses.slice(0, 9).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    const refused = await fetch(`${h.relay.url}/api/join/ZZZZ-ZZZZ`);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    // The code on the screen, already used from this address, still opens the workshop.
    const neighbour = await fetch(`${h.relay.url}/api/join/${code}`);
    expect(neighbour.status).toBe(200);
    expect(((await neighbour.json()) as { id: string }).id).toBe(id);
  });
});

describe('join codes expire', () => {
  it('work only once shown in Invite people, until the facilitator stops inviting', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Expiring', footprint: '', academyId: '', date: '' });
    const code = joinCode(tokens.participant);
    // Never shown: the code does not open the workshop.
    expect((await fetch(`${h.relay.url}/api/join/${code}`, { headers: { 'x-forwarded-for': '10.0.0.1' } })).status).toBe(404);
    await fetch(`${h.relay.url}/api/workshops/${id}/links`, { headers: { authorization: `Bearer ${tokens.facilitator}` } });
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(200);
    // Participants cannot stop invitations; the facilitator can.
    const stop = (token: string) => fetch(`${h.relay.url}/api/workshops/${id}/codes`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect((await stop(tokens.participant)).status).toBe(403);
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(200);
    expect((await stop(tokens.facilitator)).status).toBe(200);
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(404);
  });

  it('a day after they were last shown, and look up only the workshop they name', () => {
    let now = 1_000_000;
    const registry = new JoinCodeRegistry(() => now);
    const code = registry.issue('w1', 'participant', 'tok-1')!;
    const looked: string[] = [];
    const current = (m: { id: string }) => (looked.push(m.id), true);
    expect(registry.lookup(code, current)).toEqual({ id: 'w1', role: 'participant', token: 'tok-1' });
    expect(looked).toEqual(['w1']);
    now += JOIN_CODE_LIFETIME_MS - 1;
    expect(registry.lookup(code, current)).not.toBeNull();
    now += 1;
    expect(registry.lookup(code, current)).toBeNull();
    // Shown again: a fresh day.
    registry.issue('w1', 'participant', 'tok-1');
    expect(registry.lookup(code, current)).not.toBeNull();
    // A withdrawn link's code stops working even within its day.
    expect(registry.lookup(code, () => false)).toBeNull();
    expect(registry.lookup(joinCode('never-issued'), current)).toBeNull();
  });
});

describe('join codes survive a restart of the relay', () => {
  it('a code shown before the restart still opens the workshop after it, and a stopped one stays stopped', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Restart', footprint: '', academyId: '', date: '' });
    const other = h.relay.store.create({ title: 'Stopped', footprint: '', academyId: '', date: '' });
    const show = (w: { id: string; tokens: { facilitator: string } }) =>
      fetch(`${h.relay.url}/api/workshops/${w.id}/links`, { headers: { authorization: `Bearer ${w.tokens.facilitator}` } });
    await show({ id, tokens });
    await show(other);
    await fetch(`${h.relay.url}/api/workshops/${other.id}/codes`, { method: 'DELETE', headers: { authorization: `Bearer ${other.tokens.facilitator}` } });

    const dataDir = h.dataDir;
    await h.stop();
    h = await startHarness({}, dataDir);
    const found = await fetch(`${h.relay.url}/api/join/${joinCode(tokens.participant)}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ id, role: 'participant', token: tokens.participant });
    expect((await fetch(`${h.relay.url}/api/join/${joinCode(other.tokens.participant)}`)).status).toBe(404);
  });

  it("a stopped code never comes back: not from a participant's Invite people, not after a restart; a renewed link has a new code", async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Stopped for good', footprint: '', academyId: '', date: '' });
    const links = async (token: string) =>
      (await (await fetch(`${h.relay.url}/api/workshops/${id}/links`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        participant: string;
        codes: { participant: string | null; viewer: string | null };
      };
    const code = (await links(tokens.facilitator)).codes.participant!;
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(200);
    await fetch(`${h.relay.url}/api/workshops/${id}/codes`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.facilitator}` } });

    // A participant opening Invite people (the links still work for them) brings no code back.
    const asked = await links(tokens.participant);
    expect(asked.participant).toBe(tokens.participant);
    expect(asked.codes).toEqual({ participant: null, viewer: null });
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(404);

    const dataDir = h.dataDir;
    await h.stop();
    h = await startHarness({}, dataDir);
    expect((await links(tokens.facilitator)).codes.participant).toBeNull();
    expect((await fetch(`${h.relay.url}/api/join/${code}`)).status).toBe(404);

    // Withdrawing the edit link makes a new one, whose new code works once shown.
    const rotated = await fetch(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.facilitator}` },
      body: JSON.stringify({ role: 'participant' }),
    });
    const fresh = ((await rotated.json()) as { token: string }).token;
    const renewed = await links(tokens.facilitator);
    expect(renewed.codes.participant).toBe(joinCode(fresh));
    expect(renewed.codes.viewer).toBeNull();
    expect((await fetch(`${h.relay.url}/api/join/${renewed.codes.participant}`)).status).toBe(200);
  });

  it('are written when a code starts to work, and again only hourly while it is shown', () => {
    const path = join(h.dataDir, 'codes-written.json');
    let now = 5_000_000;
    const registry = new JoinCodeRegistry(() => now, JOIN_CODE_LIFETIME_MS, { path, log: () => {} });
    registry.issue('w1', 'participant', 'tok-1');
    expect(existsSync(path)).toBe(true);
    rmSync(path);
    now += 10 * 60 * 1000;
    registry.issue('w1', 'participant', 'tok-1');
    expect(existsSync(path)).toBe(false);
    now += 60 * 60 * 1000;
    registry.issue('w1', 'participant', 'tok-1');
    expect(existsSync(path)).toBe(true);
  });

  it('a damaged or tampered code file is read as no codes, or only its sound entries', () => {
    const path = join(h.dataDir, 'codes-under-test.json');
    const lines: string[] = [];
    const file = { path, log: (line: string) => lines.push(line) };
    const now = 5_000_000;
    const first = new JoinCodeRegistry(() => now, JOIN_CODE_LIFETIME_MS, file);
    const code = first.issue('w1', 'participant', 'tok-1')!;

    // Sound entries come back; one whose code is not its token's, or that has expired, does not.
    // (Written as a plain list, as files were before stopped codes were kept: those still read.)
    const kept = (JSON.parse(readFileSync(path, 'utf8')) as { codes: object[] }).codes;
    writeFileSync(
      path,
      JSON.stringify([
        ...kept,
        { code: joinCode('tok-2'), id: 'w2', role: 'participant', token: 'someone-elses-token', expiresAt: now + 1000 },
        { code: joinCode('tok-3'), id: 'w3', role: 'viewer', token: 'tok-3', expiresAt: now - 1 },
      ]),
    );
    const again = new JoinCodeRegistry(() => now, JOIN_CODE_LIFETIME_MS, file);
    expect(again.lookup(code, () => true)).toEqual({ id: 'w1', role: 'participant', token: 'tok-1' });
    expect(again.lookup(joinCode('tok-2'), () => true)).toBeNull();
    expect(again.lookup(joinCode('tok-3'), () => true)).toBeNull();
    expect(lines).toEqual([]);

    for (const junk of [
      '{not json',
      JSON.stringify({ code, role: 'facilitator' }),
      JSON.stringify([{ code, id: 'w1', role: 'facilitator', token: 'tok-1', expiresAt: now + 1 }]),
    ]) {
      writeFileSync(path, junk);
      const damaged = new JoinCodeRegistry(() => now, JOIN_CODE_LIFETIME_MS, file);
      expect(damaged.lookup(code, () => true)).toBeNull();
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/not a list of codes/);
  });
});
