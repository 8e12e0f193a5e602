import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { SchemaCheck, type EditScope } from '../../server/schema-gate';
import { UpdateGate, type GateVerdict } from '../../server/update-gate';
import type { Role } from '../../shared/protocol';
import { rootNames } from '../../shared/doc/schema';
import {
  addCard,
  addPlanItem,
  addLink,
  cardsMap,
  itemsMap,
  setTag,
  addOrganisation,
  setCriterionAnswer,
  setMeta,
  addMeasure,
  recordOutcome,
  replaceItemText,
  itemText,
  outcomesMap,
  measuresMap,
  metaMap,
  setCardText,
  moveEntry,
  deleteEntry,
  writeVoteResults,
} from '../../shared/doc';

const at = { x: 0, y: 0 };

/** What the relay's gate says about the change `change` makes to a copy of `base`, sent by `role`. */
function check(base: Y.Doc, change: (d: Y.Doc) => void, role: Role = 'participant'): { verdict: GateVerdict; scope: EditScope; room: Y.Doc } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(copy);
  change(copy);
  const room = new Y.Doc();
  for (const name of rootNames) room.getMap(name);
  Y.applyUpdate(room, Y.encodeStateAsUpdate(base));
  const update = Y.encodeStateAsUpdate(copy, sv);
  const schema = new SchemaCheck(role);
  const { verdict } = new UpdateGate(room).apply(update, Y.decodeUpdate(update), schema.judge(), () => []);
  return { verdict, scope: schema.scope, room };
}

/** The refusal's reason, or null when the edit is allowed. */
function verdict(base: Y.Doc, change: (d: Y.Doc) => void, role: Role = 'participant'): string | null {
  const r = check(base, change, role).verdict;
  return r.ok ? null : r.reason;
}

function scope(base: Y.Doc, change: (d: Y.Doc) => void) {
  const r = check(base, change, 'facilitator');
  if (!r.verdict.ok) throw new Error(r.verdict.reason);
  return r.scope;
}

describe('schema gate: what the app writes', () => {
  const base = new Y.Doc();
  const card = addCard(base, { kind: 'people', text: 'A', domainId: 'd', position: at });
  const item = addPlanItem(base, { interventionId: null, customTitle: 'X', domainId: 'd', position: at });

  it('lets every writer of the app through', () => {
    expect(verdict(base, (d) => addCard(d, { kind: 'place', text: 'B', domainId: 'd', position: at, tags: ['t1'] }))).toBeNull();
    expect(verdict(base, (d) => addPlanItem(d, { interventionId: 'ie-coaching', domainId: 'd', position: at }))).toBeNull();
    expect(verdict(base, (d) => setTag(d, card, 'role-1', true))).toBeNull();
    expect(verdict(base, (d) => setCardText(d, card, 'Renamed card'))).toBeNull();
    expect(verdict(base, (d) => moveEntry(d, card, { x: 40, y: 80 }, 'e'))).toBeNull();
    expect(verdict(base, (d) => addOrganisation(d, item, { name: 'Riverside ICB', type: 'ICB' }))).toBeNull();
    expect(verdict(base, (d) => setCriterionAnswer(d, item, 'c1', { met: true, note: '' }))).toBeNull();
    expect(verdict(base, (d) => replaceItemText(d, item, 'description', 'Monthly sets for discharge leads'))).toBeNull();
    expect(verdict(base, (d) => addLink(d, card, item))).toBeNull();
    expect(verdict(base, (d) => deleteEntry(d, card))).toBeNull();
  });

  it('lets follow-up through: measures, outcomes, what was learned', () => {
    const withMeasure = new Y.Doc();
    Y.applyUpdate(withMeasure, Y.encodeStateAsUpdate(base));
    const measure = addMeasure(withMeasure, item, { what: 'Delays (days)', baseline: '9', target: '5' });
    expect(verdict(base, (d) => addMeasure(d, item, { what: 'Staff retention', reviewDate: '2027-03-31' }))).toBeNull();
    expect(verdict(withMeasure, (d) => recordOutcome(d, measure, { date: '2027-01-15', value: 7, recordedBy: 'Grace Okafor' }))).toBeNull();
    expect(verdict(base, (d) => replaceItemText(d, item, 'learned', 'Sets worked best monthly'))).toBeNull();
    expect(
      verdict(withMeasure, (d) =>
        measuresMap(d)
          .get(measure)!
          .set('target', 5 as unknown as string),
      ),
    ).toMatch(/target/);
    expect(verdict(withMeasure, (d) => outcomesMap(d).set('o1', 'a string' as unknown as object))).toMatch(/outcomes/);
  });

  it('names the entries an edit touched, for the locks', () => {
    expect([...scope(base, (d) => setCardText(d, card, 'A2')).entries]).toEqual([card]);
    expect([...scope(base, (d) => setTag(d, card, 'ie-role-1', true)).entries]).toEqual([card]);
    expect([...scope(base, (d) => replaceItemText(d, item, 'description', 'hello')).entries]).toEqual([item]);
    expect([...scope(base, (d) => addCard(d, { kind: 'purpose', text: 'New', domainId: 'd', position: at }, null, 'newcard0000')).entries]).toEqual([
      'newcard0000',
    ]);
    const removed = scope(base, (d) => {
      deleteEntry(d, card);
      deleteEntry(d, item);
    });
    expect([...removed.entries].sort()).toEqual([card, item].sort());
    const meta = scope(base, (d) => setMeta(d, 'title', 'Renamed'));
    expect([...meta.roots]).toEqual(['meta']);
    expect(meta.entries.size).toBe(0);
  });

  it('does not count deletions the doc has already seen', () => {
    const b = new Y.Doc();
    const a = addCard(b, { kind: 'people', text: 'A', domainId: 'd', position: at });
    setCardText(b, a, 'A2'); // leaves a deleted value behind in a's history
    // encodeStateAsUpdate carries the whole delete set, including a's old text.
    expect([...scope(b, (d) => addCard(d, { kind: 'place', text: 'B', domainId: 'd', position: at }, null, 'othercard000')).entries]).toEqual(['othercard000']);
  });
});

describe('schema gate: what nobody may write', () => {
  const base = new Y.Doc();
  const card = addCard(base, { kind: 'people', text: 'A', domainId: 'd', position: at });
  const item = addPlanItem(base, { interventionId: null, customTitle: 'X', domainId: 'd', position: at });

  it('refuses new top-level types, entries that are not maps, and wrong kinds at every level', () => {
    expect(verdict(base, (d) => d.getArray('extra').push(['x']))).toMatch(/no top-level “extra”/);
    expect(verdict(base, (d) => cardsMap(d).set('c2', 'not a map' as unknown as Y.Map<unknown>))).toMatch(/cards/);
    expect(verdict(base, (d) => cardsMap(d).get(card)!.set('y', '12'))).toMatch(/“y”/);
    expect(verdict(base, (d) => itemsMap(d).get(item)!.set('description', 'plain string, not a text'))).toMatch(/“description”/);
    expect(verdict(base, (d) => (cardsMap(d).get(card)!.get('tags') as Y.Map<unknown>).set('t', 'yes'))).toMatch(/“tags”/);
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('organisations') as Y.Array<unknown>).push(['just a name']))).toMatch(/“organisations”/);
    expect(verdict(base, (d) => cardsMap(d).get(card)!.set('kind', 'villain'))).toMatch(/“kind”/);
  });

  it('refuses unknown fields, in an existing entry and in a new one', () => {
    expect(verdict(base, (d) => cardsMap(d).get(card)!.set('stowaway', 'x'))).toMatch(/no field “stowaway”/);
    expect(
      verdict(base, (d) => {
        const m = new Y.Map<unknown>();
        m.set('kind', 'people');
        m.set('payload', 'x'.repeat(1000));
        cardsMap(d).set('newcard1', m);
      }),
    ).toMatch(/no field “payload”/);
    expect(verdict(base, (d) => metaMap(d).set('owner', 'me'))).toMatch(/meta has no field “owner”/);
  });

  it('refuses a nested map a thousand levels deep in a few steps, whatever field it hides under', () => {
    const deep = (d: Y.Doc) =>
      d.transact(() => {
        // Built one level at a time inside the doc, as a hostile client would send it.
        let m = (cardsMap(d).get(card)!.get('tags') as Y.Map<unknown>).set('deep', new Y.Map<unknown>());
        for (let i = 0; i < 1000; i++) m = m.set('n', new Y.Map<unknown>());
      });
    const started = performance.now();
    expect(verdict(base, deep)).toMatch(/tags/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps vote results and the schema version for the relay, and meta for facilitators', () => {
    expect(verdict(base, (d) => writeVoteResults(d, { [card]: { dots: 97, voters: ['Everyone'] } }), 'participant')).toMatch(/may not change/);
    expect(verdict(base, (d) => writeVoteResults(d, { [card]: { dots: 97, voters: ['Everyone'] } }), 'facilitator')).toMatch(/may not change/);
    expect(verdict(base, (d) => metaMap(d).set('schemaVersion', 99), 'facilitator')).toMatch(/may not change/);
    expect(verdict(base, (d) => setMeta(d, 'title', 'Taken over'), 'participant')).toMatch(/may not change/);
    expect(verdict(base, (d) => setMeta(d, 'title', 'Renamed'), 'facilitator')).toBeNull();
  });

  it('refuses removing what only the relay writes', () => {
    const voted = new Y.Doc();
    Y.applyUpdate(voted, Y.encodeStateAsUpdate(base));
    writeVoteResults(voted, { [card]: { dots: 3, voters: [] } });
    expect(verdict(voted, (d) => cardsMap(d).get(card)!.delete('votes'))).toMatch(/may not remove/);
    // Deleting the whole card takes its results with it, as any removal of a card does.
    expect(verdict(voted, (d) => deleteEntry(d, card))).toBeNull();
  });

  it('refuses taking a field away, swapping a shared text or replacing a whole entry, though each may be edited', () => {
    expect(verdict(base, (d) => itemsMap(d).get(item)!.delete('description'))).toMatch(/without its “description”/);
    expect(verdict(base, (d) => cardsMap(d).get(card)!.delete('text'))).toMatch(/without its “text”/);
    const titled = new Y.Doc();
    Y.applyUpdate(titled, Y.encodeStateAsUpdate(base));
    setMeta(titled, 'title', 'Riverside');
    expect(verdict(titled, (d) => metaMap(d).delete('title'), 'facilitator')).toMatch(/the workshop without its “title”/);
    expect(verdict(base, (d) => itemsMap(d).get(item)!.set('description', new Y.Text('fresh')))).toMatch(/replaces the shared “description”/);
    expect(verdict(base, (d) => cardsMap(d).get(card)!.set('tags', new Y.Map()))).toMatch(/replaces the shared “tags”/);
    expect(verdict(base, (d) => replaceItemText(d, item, 'description', 'fresh'))).toBeNull();
    // Nor may a whole entry be replaced by another under its id; it may be removed.
    const impostor = (d: Y.Doc) => {
      const copy = new Y.Map<unknown>();
      copy.set('customTitle', 'Impostor');
      itemsMap(d).set(item, copy);
    };
    expect(verdict(base, impostor)).toMatch(/replaces an entry in items/);
    expect(verdict(base, (d) => deleteEntry(d, item))).toBeNull();
    expect(verdict(base, (d) => setCardText(d, card, 'Renamed'))).toBeNull();
  });

  it('refuses formatting, embeds and nested types inside a text, and text past its length', () => {
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('audience') as Y.Text).insert(0, 'bold', { bold: true }))).toMatch(/plain text/);
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('audience') as Y.Text).insertEmbed(0, { image: 'x' }))).toMatch(/plain text/);
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('audience') as Y.Text).insertEmbed(0, new Y.Map()))).toMatch(/plain text/);
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('audience') as Y.Text).insert(0, 'x'.repeat(10_001)))).toMatch(/longer than 10000/);
    expect(verdict(base, (d) => setCardText(d, card, 'x'.repeat(501)))).toMatch(/“text”/);
    // A text's length is measured once the whole edit is in: long words replaced by other long words fit.
    const long = new Y.Doc();
    Y.applyUpdate(long, Y.encodeStateAsUpdate(base));
    replaceItemText(long, item, 'description', 'a'.repeat(9_000));
    expect(verdict(long, (d) => replaceItemText(d, item, 'description', 'b'.repeat(9_000)))).toBeNull();
    expect(verdict(long, (d) => itemText(d, item, 'description').insert(0, 'c'.repeat(1_001)))).toMatch(/longer than 10000/);
  });

  it('refuses subdocuments, binary values and more tags than a card holds', () => {
    expect(
      verdict(base, (d) =>
        cardsMap(d)
          .get(card)!
          .set('text', new Y.Doc() as unknown as string),
      ),
    ).toMatch(/“text”/);
    expect(
      verdict(base, (d) =>
        cardsMap(d)
          .get(card)!
          .set('text', new Uint8Array(8) as unknown as string),
      ),
    ).toMatch(/“text”/);
    expect(
      verdict(base, (d) => {
        for (let i = 0; i < 65; i++) setTag(d, card, `tag-${i}`, true);
      }),
    ).toMatch(/more than 64/);
  });

  it('lets two people create the same link at once: each made it without seeing the other’s', () => {
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(base));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(base));
    // The other person's link reaches the room first; this one was made before it arrived.
    addLink(other, card, item);
    Y.applyUpdate(two, Y.encodeStateAsUpdate(other));
    // Against the room holding the other's link, this one is written blind: not refused before it goes in.
    const room = new Y.Doc();
    for (const name of rootNames) room.getMap(name);
    Y.applyUpdate(room, Y.encodeStateAsUpdate(two));
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(base));
    const sv = Y.encodeStateVector(mine);
    addLink(mine, card, item);
    const update = Y.encodeStateAsUpdate(mine, sv);
    const schema = new SchemaCheck('participant');
    let steps = 0;
    const judge = schema.judge();
    const { verdict } = new UpdateGate(room).apply(update, Y.decodeUpdate(update), { ...judge, overwriting: (v) => (steps++, judge.overwriting(v)) }, () => []);
    expect(steps).toBe(1);
    // Whichever of the two Yjs keeps, the room has the link and nobody is closed for it.
    expect(verdict.ok ? undefined : verdict.close).toBeUndefined();
    expect([...room.getMap('links').keys()]).toHaveLength(1);
  });
});
