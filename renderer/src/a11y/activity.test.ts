// Other people's changes become a few paced sentences; my own never do.
import { describe, it, expect, vi, afterEach } from 'vitest';
import * as Y from 'yjs';
import { frameworkIndex as fw } from '../../../shared/framework';
import { addCard, addPlanItem, addTable, bringTableIntoRoom, moveEntry, setCardText, deleteEntry, replaceItemText } from '../../../shared/doc';
import { watchRemoteChanges, type ActivityChange } from './remote-changes';
import { ActivityAnnouncer, describeChanges, summarise } from './activity-announcer';

const relay = { relay: true };

/** Two people's docs joined through a pretend relay: B's updates reach A with the relay's origin. */
function room() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== relay) Y.applyUpdate(a, u, relay);
  });
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== relay) Y.applyUpdate(b, u, relay);
  });
  const names = new Map([[b.clientID, 'Grace Okafor']]);
  const seen: ActivityChange[][] = [];
  const stop = watchRemoteChanges(
    a,
    fw,
    (tr) => tr.origin === relay,
    (id) => names.get(id) ?? null,
    (c) => seen.push(c),
  );
  return { a, b, seen, stop };
}

const rel = 'relationships-and-connectivity';
const inn = 'innovation-and-improvement';

describe('remote changes', () => {
  it('names who added a card, and where', () => {
    const { b, seen } = room();
    addCard(b, { kind: 'priority', text: '', domainId: rel, position: { x: 0, y: 0 } });
    expect(seen).toHaveLength(1);
    expect(describeChanges(fw, seen[0]!)).toBe('Grace Okafor added a priority card to Relationships and Connectivity.');
  });

  it('never reports my own changes', () => {
    const { a, seen } = room();
    const id = addCard(a, { kind: 'people', text: 'Mine', domainId: rel, position: { x: 0, y: 0 } }, { local: true });
    moveEntry(a, id, { x: 10, y: 10 }, inn, { local: true });
    expect(seen).toHaveLength(0);
  });

  it('reports a move into another domain, an edit and a removal, but not a nudge inside a domain', () => {
    const { a, b, seen } = room();
    const id = addCard(a, { kind: 'place', text: 'Town hall', domainId: rel, position: { x: 0, y: 0 } }, { local: true });
    moveEntry(b, id, { x: 5, y: 5 }, rel);
    expect(seen).toHaveLength(0);
    moveEntry(b, id, { x: 5, y: 5 }, inn);
    setCardText(b, id, 'Civic centre');
    deleteEntry(b, id);
    const sentences = seen.map((c) => describeChanges(fw, c));
    expect(sentences).toEqual([
      'Grace Okafor moved the card “Town hall” to Innovation and Improvement.',
      'Grace Okafor edited the card “Civic centre”.',
      // A deletion writes nothing new, so nothing in it says who made it.
      'Someone removed the card “Civic centre”.',
    ]);
  });

  it('traces typing in a plan item’s text field to the item', () => {
    const { a, b, seen } = room();
    const id = addPlanItem(a, { interventionId: 'action-learning-sets', domainId: rel, position: { x: 0, y: 0 } }, { local: true });
    replaceItemText(b, id, 'description', 'Monthly sets');
    expect(describeChanges(fw, seen.flat())).toBe('Grace Okafor edited the intervention “Action Learning Sets”.');
  });

  it('groups a burst by person, verb and domain', () => {
    const { b, seen } = room();
    b.transact(() => {
      for (let i = 0; i < 3; i++) addCard(b, { kind: 'people', text: `P${i}`, domainId: rel, position: { x: i, y: 0 } });
    });
    expect(describeChanges(fw, seen.flat())).toBe('Grace Okafor added 3 cards to Relationships and Connectivity.');
  });

  it('says the table a card was added at, and when a table’s work is brought into the room’s plan', () => {
    const { b, seen } = room();
    const table = addTable(b, 'Bassetlaw');
    addCard(b, { kind: 'place', text: 'Hub', domainId: rel, position: { x: 0, y: 0 }, tableId: table });
    expect(describeChanges(fw, seen.at(-1)!)).toBe('Grace Okafor added a place card to Relationships and Connectivity at table Bassetlaw.');
    bringTableIntoRoom(b, table);
    expect(describeChanges(fw, seen.at(-1)!)).toBe('Grace Okafor moved the card “Hub” to Relationships and Connectivity in the room’s plan.');
  });
});

describe('announcer pacing', () => {
  afterEach(() => vi.useRealTimers());
  const change = (actor: string, i: number): ActivityChange => ({
    actor,
    verb: 'added',
    what: 'card',
    entryId: `c${i}`,
    label: '',
    lens: 'people',
    domainId: rel,
    table: '',
  });

  it('waits for a pause, says a burst once, and spaces announcements out', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const a = new ActivityAnnouncer(fw, (t) => said.push(t));
    for (let i = 0; i < 20; i++) {
      a.push([change('Grace Okafor', i)]);
      vi.advanceTimersByTime(100);
    }
    // Busy for 2 s: nothing yet mid-burst beyond the max wait.
    expect(said.length).toBeLessThanOrEqual(1);
    vi.advanceTimersByTime(5000);
    expect(said.join(' ')).toContain('Grace Okafor added');
    const before = said.length;
    // A flood of 200 changes over 10 s becomes a handful of announcements, not 200.
    for (let i = 0; i < 200; i++) {
      a.push([change(i % 2 ? 'Grace Okafor' : 'Tom Ellis', 100 + i)]);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(10_000);
    expect(said.length - before).toBeGreaterThan(0);
    expect(said.length - before).toBeLessThanOrEqual(5);
  });

  it('asks who removed something when it speaks, not when the removal arrived', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const a = new ActivityAnnouncer(fw, (t) => said.push(t));
    // The remover's presence, listing what they removed, arrives a moment after the removal.
    const removedBy = new Map<string, string>();
    a.resolveActor = (c) => (c.verb === 'removed' ? (removedBy.get(c.entryId) ?? null) : null);
    a.push([{ ...change('', 1), actor: null, verb: 'removed', label: 'Town hall' }]);
    vi.advanceTimersByTime(100);
    removedBy.set('c1', 'Grace Okafor');
    a.push([{ ...change('', 2), actor: null, verb: 'removed', label: 'Bus station' }]);
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual(['Grace Okafor removed the card “Town hall”. Someone removed the card “Bus station”.']);
  });

  it('says nothing when turned off, and only summaries at the summary level', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const a = new ActivityAnnouncer(fw, (t) => said.push(t), 'off');
    a.push([change('Grace Okafor', 1)]);
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual([]);
    a.setLevel('summary');
    a.push([change('Grace Okafor', 2), change('Tom Ellis', 3)]);
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual([summarise([change('Grace Okafor', 2), change('Tom Ellis', 3)])]);
    expect(said[0]).toBe('2 changes on the board by Grace Okafor and Tom Ellis.');
  });
});
