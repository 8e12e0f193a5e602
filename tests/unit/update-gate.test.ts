import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { UpdateGate, type GateJudge, type GateVerdict } from '../../server/update-gate';
import { addCard, addPlanItem, cardsMap, itemText, itemsMap } from '../../shared/doc';

const ok: GateVerdict = { ok: true };
const no = (reason: string): GateVerdict => ({ ok: false, reason });

function room() {
  const doc = new Y.Doc();
  const published: Uint8Array[] = [];
  let holding: Uint8Array[] | null = null;
  doc.on('update', (u: Uint8Array) => (holding ? holding.push(u) : published.push(u)));
  const gate = new UpdateGate(doc);
  const apply = (update: Uint8Array, judge: Partial<GateJudge> = {}) => {
    holding = [];
    const full: GateJudge = { overwriting: () => ok, inserted: () => ok, deleting: () => ok, complete: () => ok, ...judge };
    const result = gate.apply(update, Y.decodeUpdate(update), full, () => holding ?? []);
    holding = null;
    return result;
  };
  return { doc, apply, gate };
}

function cardUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  addCard(d, { kind: 'people', text, domainId: 'd', position: { x: 0, y: 0 } });
  return Y.encodeStateAsUpdate(d);
}

/** A room holding one plan item with a description, and a person's copy of it. */
function roomWithItem() {
  const r = room();
  const person = new Y.Doc();
  const item = addPlanItem(person, { interventionId: null, customTitle: 'Discharge', domainId: 'd', position: { x: 0, y: 0 } });
  itemText(person, item, 'description').insert(0, 'Start here.');
  r.apply(Y.encodeStateAsUpdate(person));
  return { ...r, person, item };
}

/** What `edit` changes in a copy of `doc`, as an update. */
function editOf(doc: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, sv);
}

describe('update gate fails closed', () => {
  it('reverts an edit whose check throws, as it reverts a refused one', () => {
    const r = room();
    const result = r.apply(cardUpdate('checked by a broken judge'), {
      inserted: () => {
        throw new Error('the check broke');
      },
    });
    expect(result.verdict).toMatchObject({ ok: false });
    expect(cardsMap(r.doc).size).toBe(0);
    // What goes out is the net change: the card as a deleted placeholder.
    const copy = new Y.Doc();
    for (const u of result.updates) Y.applyUpdate(copy, u);
    expect(cardsMap(copy).size).toBe(0);
  });

  it('refuses an update that leaves something parked and keeps nothing of it', () => {
    const r = room();
    const d = new Y.Doc();
    addCard(d, { kind: 'people', text: 'first', domainId: 'd', position: { x: 0, y: 0 } });
    const sv = Y.encodeStateVector(d);
    addCard(d, { kind: 'people', text: 'second', domainId: 'd', position: { x: 0, y: 0 } });
    let judged = false;
    const result = r.apply(Y.encodeStateAsUpdate(d, sv), {
      inserted: () => {
        judged = true;
        return ok;
      },
    });
    expect(judged).toBe(false);
    expect(result.verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/does not have/) });
    expect(r.doc.store.pendingStructs).toBeNull();
    // Sent whole, in order, both cards arrive.
    r.apply(Y.encodeStateAsUpdate(d));
    expect(cardsMap(r.doc).size).toBe(2);
  });

  it('passes an accepted edit on whole', () => {
    const r = room();
    const result = r.apply(cardUpdate('fine'));
    expect(result.verdict.ok).toBe(true);
    expect(cardsMap(r.doc).size).toBe(1);
  });
});

describe('update gate judges deletions before it applies them', () => {
  it('asks in order: what is written over, what was inserted, what would be deleted, the whole', () => {
    const r = roomWithItem();
    const steps: string[] = [];
    const seen: { over: number; deleting: number } = { over: -1, deleting: -1 };
    const result = r.apply(
      editOf(r.person, (d) => {
        itemsMap(d).get(r.item)!.set('customTitle', 'Renamed');
        itemText(d, r.item, 'description').delete(0, 6);
      }),
      {
        overwriting: (values) => (steps.push('overwriting'), (seen.over = values.length), ok),
        inserted: () => (steps.push('inserted'), ok),
        deleting: (items) => (steps.push('deleting'), (seen.deleting = items.length), ok),
        complete: () => (steps.push('complete'), ok),
      },
    );
    expect(result.verdict.ok).toBe(true);
    expect(steps).toEqual(['overwriting', 'inserted', 'deleting', 'complete']);
    // The title written over, and the run of characters the deletion reaches.
    expect(seen).toEqual({ over: 1, deleting: 1 });
    expect(itemText(r.doc, r.item, 'description').toString()).toBe('here.');
    expect(itemsMap(r.doc).get(r.item)!.get('customTitle')).toBe('Renamed');
  });

  it('a refused deletion is never applied: typing into the text it would have removed, sent at the same moment, survives', () => {
    const r = roomWithItem();
    const original = itemText(r.doc, r.item, 'description');
    // A hostile deletion of the description's own text (the field), and an honest person
    // typing into it, made at the same time, without having seen each other's.
    const hostile = editOf(r.person, (d) => itemsMap(d).get(r.item)!.delete('description'));
    const honest = editOf(r.person, (d) => itemText(d, r.item, 'description').insert(11, ' Then there.'));
    const refused = r.apply(hostile, { deleting: (items) => (items.length ? no('it removes a field') : ok) });
    expect(refused.verdict).toMatchObject({ ok: false, reason: 'it removes a field' });
    expect(r.apply(honest).verdict.ok).toBe(true);
    // The same shared text, not a restored copy, holds both the old words and the new.
    expect(itemText(r.doc, r.item, 'description')).toBe(original);
    expect(original.toString()).toBe('Start here. Then there.');
  });

  it('an update refused for what it inserts takes none of its deletions with it', () => {
    const r = roomWithItem();
    const card = addCard(r.person, { kind: 'people', text: 'Kept', domainId: 'd', position: { x: 0, y: 0 } });
    r.apply(Y.encodeStateAsUpdate(r.person, Y.encodeStateVector(r.doc)));
    const kept = cardsMap(r.doc).get(card);
    expect(kept).toBeInstanceOf(Y.Map);
    let askedToDelete = false;
    const result = r.apply(
      editOf(r.person, (d) => {
        cardsMap(d).delete(card);
        addCard(d, { kind: 'people', text: 'refused', domainId: 'd', position: { x: 0, y: 0 } });
      }),
      { inserted: () => no('not that card'), deleting: () => ((askedToDelete = true), ok) },
    );
    expect(result.verdict.ok).toBe(false);
    expect(askedToDelete).toBe(false);
    // The very same card, not a copy restored under its id.
    expect(cardsMap(r.doc).get(card)).toBe(kept);
    expect(cardsMap(r.doc).size).toBe(1);
  });

  it('a refusal before anything is integrated changes nothing and publishes nothing', () => {
    const r = roomWithItem();
    const before = Y.encodeStateVector(r.doc);
    const result = r.apply(
      editOf(r.person, (d) => itemsMap(d).get(r.item)!.set('description', new Y.Text('a swapped text'))),
      { overwriting: (values) => (values.length ? no('it writes over a shared text') : ok) },
    );
    expect(result).toEqual({ verdict: { ok: false, reason: 'it writes over a shared text' }, updates: [] });
    expect(Y.encodeStateVector(r.doc)).toEqual(before);
    expect(itemText(r.doc, r.item, 'description').toString()).toBe('Start here.');
  });

  it('refused on the whole after its deletions, an update is reverted for everyone, the deleted restored', () => {
    const r = roomWithItem();
    const result = r.apply(
      editOf(r.person, (d) => itemText(d, r.item, 'description').delete(0, 6)),
      { complete: () => no('the board is locked') },
    );
    expect(result.verdict.ok).toBe(false);
    expect(itemText(r.doc, r.item, 'description').toString()).toBe('Start here.');
    // The sender's copy, given the net change, converges on the room's.
    const sender = new Y.Doc();
    Y.applyUpdate(sender, Y.encodeStateAsUpdate(r.person));
    itemText(sender, r.item, 'description').delete(0, 6);
    for (const u of result.updates) Y.applyUpdate(sender, u);
    Y.applyUpdate(sender, Y.encodeStateAsUpdate(r.doc, Y.encodeStateVector(sender)));
    expect(itemText(sender, r.item, 'description').toString()).toBe('Start here.');
  });

  it('typing (characters replaced) goes in whole, its deletions judged first: one transaction, one message', () => {
    const r = roomWithItem();
    const steps: string[] = [];
    let transactions = 0;
    const count = (tr: Y.Transaction) => void (tr.origin === r.gate.checkingOrigin && transactions++);
    r.doc.on('afterTransaction', count);
    const result = r.apply(
      editOf(r.person, (d) => {
        const t = itemText(d, r.item, 'description');
        t.delete(0, 5);
        t.insert(0, 'Begin');
      }),
      {
        deleting: () => (steps.push('deleting'), ok),
        inserted: () => (steps.push('inserted'), ok),
      },
    );
    r.doc.off('afterTransaction', count);
    expect(result.verdict.ok).toBe(true);
    expect(steps).toEqual(['deleting', 'inserted']);
    expect(transactions).toBe(1);
    expect(result.updates).toHaveLength(1);
    expect(itemText(r.doc, r.item, 'description').toString()).toBe('Begin here.');
  });
});
