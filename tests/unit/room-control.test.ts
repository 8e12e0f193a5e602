import { describe, it, expect } from 'vitest';
import { RoomControl, type Voter } from '../../server/room-control';
import { controlCommandSchema } from '../../shared/control';

const fac: Voter = { role: 'facilitator', voterId: 'facilitator1', name: 'Hannah Reid' };
const amira: Voter = { role: 'participant', voterId: 'participant1', name: 'Amira Haddad' };
const tom: Voter = { role: 'participant', voterId: 'participant2', name: 'Tom Birch' };
const viewer: Voter = { role: 'viewer', voterId: 'viewer1', name: 'Jean Lowther' };
const exists = (id: string) => (id.startsWith('card') ? 'card' : id.startsWith('item') ? 'item' : null);

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('room control', () => {
  it('runs a timer that every screen can compute the same way', () => {
    const c = clock();
    const rc = new RoomControl(undefined, c.now);
    expect(rc.handle(fac, { type: 'timer.start', durationMs: 120_000 }, exists)).toMatchObject({ ok: true });
    expect(rc.stateFor(null).timer).toMatchObject({ status: 'running', endsAt: 1_120_000 });
    c.advance(30_000);
    rc.handle(fac, { type: 'timer.pause' }, exists);
    expect(rc.stateFor(null).timer).toMatchObject({ status: 'paused', remainingMs: 90_000 });
    rc.handle(fac, { type: 'timer.addMinute' }, exists);
    expect(rc.stateFor(null).timer.remainingMs).toBe(150_000);
    rc.handle(fac, { type: 'timer.start' }, exists);
    expect(rc.stateFor(null).timer.endsAt).toBe(1_030_000 + 150_000);
    c.advance(150_000);
    expect(rc.stateFor(null).timer).toMatchObject({ status: 'done', remainingMs: 0 });
    rc.handle(fac, { type: 'timer.reset' }, exists);
    expect(rc.stateFor(null).timer).toMatchObject({ status: 'idle', remainingMs: 180_000 });
  });

  it('refuses facilitator controls from participants and everything from viewers', () => {
    const rc = new RoomControl(undefined);
    expect(rc.handle(amira, { type: 'lock.board', locked: true }, exists)).toEqual({ ok: false, reason: 'only the facilitator can do that' });
    expect(rc.handle(amira, { type: 'timer.start' }, exists).ok).toBe(false);
    expect(rc.handle(viewer, { type: 'vote.place', target: 'card1' }, exists).ok).toBe(false);
    expect(rc.boardLocked).toBe(false);
    rc.handle(fac, { type: 'lock.board', locked: true }, exists);
    expect(rc.boardLocked).toBe(true);
  });

  it('keeps votes private until reveal, then adds them up', () => {
    const rc = new RoomControl(undefined);
    expect(rc.handle(amira, { type: 'vote.place', target: 'card1' }, exists)).toEqual({ ok: false, reason: 'no vote is open' });
    rc.handle(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 2, anonymous: false }, exists);
    expect(rc.handle(amira, { type: 'vote.place', target: 'card1' }, exists).ok).toBe(true);
    expect(rc.handle(amira, { type: 'vote.place', target: 'card1' }, exists).ok).toBe(true);
    expect(rc.handle(amira, { type: 'vote.place', target: 'card2' }, exists)).toMatchObject({ ok: false });
    expect(rc.handle(tom, { type: 'vote.place', target: 'item1' }, exists)).toMatchObject({ ok: false, reason: 'that cannot be voted on' });
    rc.handle(tom, { type: 'vote.place', target: 'card2' }, exists);
    rc.handle(tom, { type: 'vote.place', target: 'card1' }, exists);
    rc.handle(tom, { type: 'vote.remove', target: 'card2' }, exists);
    const before = rc.stateFor(tom.voterId);
    expect(before.vote).toMatchObject({ revealed: false, results: null, dotsPlaced: 3 });
    expect(before.myDots).toEqual(['card1']);
    expect(JSON.stringify(rc.stateFor(null))).not.toContain('Amira');
    const out = rc.handle(fac, { type: 'vote.reveal' }, exists);
    expect(out).toMatchObject({ ok: true, results: { card1: { dots: 3, voters: ['Amira Haddad', 'Tom Birch'] } } });
    expect(rc.stateFor(null).vote?.results?.card1?.dots).toBe(3);
  });

  it('anonymous votes never name anyone', () => {
    const rc = new RoomControl(undefined);
    rc.handle(fac, { type: 'vote.start', targets: 'both', dotsPerPerson: 3, anonymous: true }, exists);
    rc.handle(amira, { type: 'vote.place', target: 'item1' }, exists);
    const out = rc.handle(fac, { type: 'vote.reveal' }, exists);
    expect(out).toMatchObject({ ok: true, results: { item1: { dots: 1, voters: [] } } });
  });

  it('survives a restart through its saved form, and shrugs off a damaged one', () => {
    const rc = new RoomControl(undefined);
    rc.handle(fac, { type: 'lock.item', id: 'card9', locked: true }, exists);
    rc.handle(fac, { type: 'agenda.set', steps: [{ title: 'Private writing', minutes: 5, mode: 'drafting' }] }, exists);
    const again = new RoomControl(rc.serialise());
    expect(again.isItemLocked('card9')).toBe(true);
    expect(again.stateFor(null).agenda.steps).toHaveLength(1);
    expect(new RoomControl('{not json').stateFor(null).locked).toBe(false);
  });

  it('an agenda step sets the timer', () => {
    const c = clock();
    const rc = new RoomControl(undefined, c.now);
    rc.handle(fac, { type: 'agenda.set', steps: [{ title: 'Vote', minutes: 3, mode: 'vote' }] }, exists);
    rc.handle(fac, { type: 'agenda.go', index: 0 }, exists);
    expect(rc.stateFor(null)).toMatchObject({ agenda: { current: 0 }, timer: { status: 'running', endsAt: 1_000_000 + 180_000 } });
    expect(rc.handle(fac, { type: 'agenda.go', index: 5 }, exists).ok).toBe(false);
  });

  it('validates commands at the boundary', () => {
    expect(controlCommandSchema.safeParse({ type: 'timer.start', durationMs: -5 }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'lock.item', id: '../etc', locked: true }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'vote.start', targets: 'cards', dotsPerPerson: 500, anonymous: false }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'nope' }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'summon', viewport: { x: 1, y: 2, zoom: 1 } }).success).toBe(true);
  });

  it('a card removed during a vote keeps the count, frees its dots, and brings them back with an undo', () => {
    const rc = new RoomControl(undefined);
    rc.handle(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 2, anonymous: false }, exists);
    rc.handle(amira, { type: 'vote.place', target: 'card-a' }, exists);
    rc.handle(tom, { type: 'vote.place', target: 'card-a' }, exists);
    rc.handle(tom, { type: 'vote.place', target: 'card-b' }, exists);
    const onBoard = new Set(['card-a', 'card-b']);
    const present = (id: string) => onBoard.has(id);
    onBoard.delete('card-a');
    expect(rc.reconcileVotes(present)).toBe(true);
    // Nobody learns card-a's tally from the count; its voters have their dots to spend.
    expect(rc.stateFor(fac.voterId).vote).toMatchObject({ dotsPlaced: 3, voters: 2 });
    expect(rc.stateFor(amira.voterId).myDots).toEqual([]);
    expect(rc.stateFor(tom.voterId).myDots).toEqual(['card-b']);
    // Tom spends his freed dot elsewhere; the card comes back (an undo): Amira's dot returns, Tom keeps his new choice.
    rc.handle(tom, { type: 'vote.place', target: 'card-b' }, exists);
    onBoard.add('card-a');
    expect(rc.reconcileVotes(present)).toBe(true);
    expect(rc.stateFor(amira.voterId).myDots).toEqual(['card-a']);
    expect(rc.stateFor(tom.voterId).myDots).toEqual(['card-b', 'card-b']);
    rc.handle(fac, { type: 'vote.reveal' }, exists);
    expect(rc.stateFor(null).vote).toMatchObject({ dotsPlaced: 3, results: { 'card-a': { dots: 1 }, 'card-b': { dots: 2 } } });
  });

  it('counts people: three identities from one link show as three voters', () => {
    const rc = new RoomControl(undefined);
    rc.handle(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 1, anonymous: true }, exists);
    for (const id of ['stuffer1', 'stuffer2', 'stuffer3'])
      rc.handle({ role: 'participant', voterId: id, name: '' }, { type: 'vote.place', target: 'card-a' }, exists);
    expect(rc.stateFor(null).vote).toMatchObject({ dotsPlaced: 3, voters: 3 });
  });

  it('keeps a table’s call for the facilitator until it is answered, once per table, and only for tables that exist', () => {
    const rc = new RoomControl(undefined, clock().now);
    const withTables = (id: string) => (id.startsWith('table') ? 'table' : exists(id));
    expect(rc.handle(amira, { type: 'table.call', tableId: 'table1' }, withTables)).toMatchObject({
      ok: true,
      changed: true,
      event: { type: 'table.called', tableId: 'table1', by: 'Amira Haddad' },
    });
    // Tom at the same table: still one call, first in line.
    expect(rc.handle(tom, { type: 'table.call', tableId: 'table1' }, withTables)).toMatchObject({ ok: true, changed: false });
    expect(rc.handle(tom, { type: 'table.call', tableId: 'card1' }, withTables)).toMatchObject({ ok: false, reason: 'no such table' });
    expect(rc.handle(viewer, { type: 'table.call', tableId: 'table1' }, withTables)).toMatchObject({ ok: false });
    expect(rc.stateFor(null).calls).toEqual([{ tableId: 'table1', by: 'Amira Haddad', at: 1_000_000 }]);
    // Only the facilitator answers.
    expect(rc.handle(amira, { type: 'table.answer', tableId: 'table1' }, withTables)).toMatchObject({ ok: false });
    expect(rc.handle(fac, { type: 'table.answer', tableId: 'table1' }, withTables)).toMatchObject({ ok: true, changed: true });
    expect(rc.stateFor(null).calls).toEqual([]);
    // A table removed while calling takes its call with it; a dot cannot be placed on a table.
    rc.handle(amira, { type: 'table.call', tableId: 'table2' }, withTables);
    expect(rc.reconcileTables(() => false)).toBe(true);
    expect(rc.stateFor(null).calls).toEqual([]);
    rc.handle(fac, { type: 'vote.start', targets: 'both', dotsPerPerson: 3, anonymous: false }, withTables);
    expect(rc.handle(amira, { type: 'vote.place', target: 'table1' }, withTables)).toMatchObject({ ok: false });
  });

  it('locks one table at a time, for tables that exist, and lets the facilitator bring one table to their view', () => {
    const rc = new RoomControl(undefined, clock().now);
    const withTables = (id: string) => (id.startsWith('table') ? 'table' : exists(id));
    expect(rc.handle(amira, { type: 'lock.table', tableId: 'table1', locked: true }, withTables)).toMatchObject({ ok: false });
    expect(rc.handle(fac, { type: 'lock.table', tableId: 'card1', locked: true }, withTables)).toMatchObject({ ok: false, reason: 'no such table' });
    rc.handle(fac, { type: 'lock.table', tableId: 'table1', locked: true }, withTables);
    rc.handle(fac, { type: 'lock.table', tableId: 'table2', locked: true }, withTables);
    rc.handle(fac, { type: 'lock.table', tableId: 'table1', locked: true }, withTables);
    expect(rc.stateFor(null).lockedTables).toEqual(['table2', 'table1']);
    expect(rc.handle(fac, { type: 'lock.table', tableId: 'table2', locked: false }, withTables)).toMatchObject({ ok: true, changed: true });
    expect(rc.stateFor(null).lockedTables).toEqual(['table1']);
    // The lock goes with a table removed; it survives a relay restart.
    expect(new RoomControl(rc.serialise()).lockedTables).toEqual(['table1']);
    expect(rc.reconcileTables(() => false)).toBe(true);
    expect(rc.lockedTables).toEqual([]);
    // One table summoned, to the space the facilitator shows; a table that does not exist is refused.
    const viewport = { x: 1, y: 2, zoom: 1 };
    expect(rc.handle(fac, { type: 'summon', viewport, space: '', tableId: 'table1' }, withTables)).toMatchObject({
      ok: true,
      event: { type: 'summon', viewport, space: '', tableId: 'table1', from: 'Hannah Reid' },
    });
    expect(rc.handle(fac, { type: 'summon', viewport, tableId: 'card1' }, withTables)).toMatchObject({ ok: false });
    expect(rc.handle(fac, { type: 'summon', viewport, space: 'card1' }, withTables)).toMatchObject({ ok: false });
    expect(rc.handle(amira, { type: 'summon', viewport }, withTables)).toMatchObject({ ok: false });
    expect(controlCommandSchema.safeParse({ type: 'summon', viewport, space: 'x'.repeat(41) }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'lock.table', tableId: 'table1', locked: true, extra: 1 }).success).toBe(false);
  });
});

describe('the presentation clicker', () => {
  const here = (ref: string) => (ref === 'p2' ? { voterId: amira.voterId, name: 'Amira Haddad' } : null);

  it('is handed by the facilitator to someone here, who then steps through (but cannot end it), and taken back', () => {
    const rc = new RoomControl(undefined, clock().now);
    expect(rc.handle(fac, { type: 'present.handTo', ref: 'p2' }, exists, here)).toMatchObject({ ok: false, reason: 'nothing is being presented' });
    rc.handle(fac, { type: 'present', step: 0 }, exists);
    // Nobody else steps before being handed the clicker, and only the facilitator hands it.
    expect(rc.handle(amira, { type: 'present', step: 1 }, exists, here)).toMatchObject({ ok: false });
    expect(rc.handle(amira, { type: 'present.handTo', ref: 'p2' }, exists, here)).toMatchObject({ ok: false });
    expect(rc.handle(fac, { type: 'present.handTo', ref: 'p9' }, exists, here)).toMatchObject({ ok: false, reason: 'that person is not here' });
    expect(rc.handle(fac, { type: 'present.handTo', ref: 'p2' }, exists, here)).toMatchObject({ ok: true, changed: true });
    expect(rc.stateFor(amira.voterId).presentation).toEqual({ step: 0, presenter: 'Amira Haddad', youPresent: true });
    expect(rc.stateFor(tom.voterId).presentation).toEqual({ step: 0, presenter: 'Amira Haddad', youPresent: false });
    expect(rc.handle(amira, { type: 'present', step: 2 }, exists, here)).toMatchObject({ ok: true });
    expect(rc.handle(tom, { type: 'present', step: 3 }, exists, here)).toMatchObject({ ok: false });
    expect(rc.handle(amira, { type: 'present', step: null }, exists, here)).toMatchObject({
      ok: false,
      reason: 'only the facilitator can end the presentation',
    });
    // The facilitator's own steps keep the clicker where it is.
    rc.handle(fac, { type: 'present', step: 1 }, exists);
    expect(rc.stateFor(null).presentation).toMatchObject({ step: 1, presenter: 'Amira Haddad' });
    rc.handle(fac, { type: 'present.handTo', ref: null }, exists, here);
    expect(rc.handle(amira, { type: 'present', step: 2 }, exists, here)).toMatchObject({ ok: false });
    // Ending the presentation takes it back too.
    rc.handle(fac, { type: 'present.handTo', ref: 'p2' }, exists, here);
    rc.handle(fac, { type: 'present', step: null }, exists);
    rc.handle(fac, { type: 'present', step: 0 }, exists);
    expect(rc.stateFor(amira.voterId).presentation).toEqual({ step: 0, presenter: null, youPresent: false });
    expect(controlCommandSchema.safeParse({ type: 'present.handTo', ref: 'Amira' }).success).toBe(false);
  });
});
