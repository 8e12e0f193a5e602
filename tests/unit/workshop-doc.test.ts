// Exercises the workshop doc model the way the app uses it: several Y.Docs editing the same
// entries concurrently (online and offline), exchanging real Yjs updates, and the snapshots,
// views and migrations built on top.
import { describe, it, expect, vi, afterEach } from 'vitest';
import * as Y from 'yjs';
import { frameworkIndex } from '../../shared/framework';
import {
  SCHEMA_VERSION,
  initWorkshop,
  setMeta,
  addCard,
  addPlanItem,
  setCardText,
  moveEntry,
  setTag,
  deleteEntry,
  addLink,
  removeLink,
  findEntry,
  cardsMap,
  itemsMap,
  linksMap,
  metaMap,
  itemText,
  replaceItemText,
  setItemScalar,
  addOrganisation,
  removeOrganisation,
  setCriterionAnswer,
  readCard,
  readPlanItem,
  readMeta,
  readLink,
  domainCoverage,
  liveLinks,
  domainsWithoutInterventions,
  planRows,
  isOutsideHomeDomain,
  migrate,
  docSchemaVersion,
  NewerSchemaError,
  randomId,
  newEntryId,
  newWorkshopId,
  type CardView,
  type PlanItemView,
  type LinkView,
  type WorkshopMeta,
  type NewCard,
} from '../../shared/doc';
import { prng } from '../support/prng';
import { docProblems } from '../../shared/doc/doc-check';

const fw = frameworkIndex;

function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

const domains = fw.framework.domains;
const D0 = at(domains, 0);
const D1 = at(domains, 1);
const D2 = at(domains, 2);
const D3 = at(domains, 3);

// --- helpers ---------------------------------------------------------------------------------

/** A doc with a fixed client id, so Yjs conflict resolution (higher client id wins a map key) is deterministic. */
function newDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** A fresh doc holding a full copy of `source`, as a client that has just synced. */
function cloneDoc(source: Y.Doc, clientID: number): Y.Doc {
  const doc = newDoc(clientID);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return doc;
}

/** Sends `from` whatever `to` is missing (the y-protocols sync step 2, by hand). */
function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function syncPair(a: Y.Doc, b: Y.Doc): void {
  send(a, b);
  send(b, a);
}

interface Snapshot {
  meta: WorkshopMeta;
  cards: CardView[];
  items: PlanItemView[];
  links: LinkView[];
}

function snapshot(doc: Y.Doc): Snapshot {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    meta: readMeta(doc),
    cards: [...cardsMap(doc)].map(([id, e]) => readCard(id, e)).sort(byId),
    items: [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, fw)).sort(byId),
    links: [...linksMap(doc)].map(([id, e]) => readLink(id, e)).sort(byId),
  };
}

/** Asserts every doc holds the same data, both as snapshots and as Yjs state. */
function expectConverged(...docs: Y.Doc[]): Snapshot {
  const first = at(docs, 0);
  const expected = snapshot(first);
  const vector = Y.encodeStateVector(first);
  for (const doc of docs.slice(1)) {
    expect(snapshot(doc)).toEqual(expected);
    expect(Y.encodeStateVector(doc)).toEqual(vector);
  }
  return expected;
}

function card(doc: Y.Doc, id: string): CardView {
  const e = cardsMap(doc).get(id);
  if (!e) throw new Error(`no card ${id}`);
  return readCard(id, e);
}

function item(doc: Y.Doc, id: string): PlanItemView {
  const e = itemsMap(doc).get(id);
  if (!e) throw new Error(`no plan item ${id}`);
  return readPlanItem(id, e, fw);
}

const cardInput = (over: Partial<NewCard> = {}): NewCard => ({
  kind: 'people',
  text: 'Director of public health',
  domainId: D0.id,
  position: { x: 10, y: 20 },
  ...over,
});

function baseWorkshop(clientID = 1): Y.Doc {
  const doc = newDoc(clientID);
  initWorkshop(doc, { title: 'North Cumbria ICS workshop', footprint: 'North Cumbria', academyId: '', date: '2024-03-01' });
  return doc;
}

afterEach(() => {
  vi.restoreAllMocks();
});

// --- convergence -----------------------------------------------------------------------------

describe('convergence of concurrent edits', () => {
  it('two docs that both move the same card converge on one position and domain', () => {
    const a = baseWorkshop(1);
    const id = addCard(a, cardInput());
    const b = cloneDoc(a, 2);

    moveEntry(a, id, { x: 100.4, y: 200.6 }, D1.id);
    moveEntry(b, id, { x: 300, y: 400 }, D2.id);
    syncPair(a, b);

    const merged = expectConverged(a, b);
    const c = at(merged.cards, 0);
    // Both moves write every field, so the merged card is exactly one of the two drops.
    expect([
      { position: { x: 100, y: 201 }, domainId: D1.id },
      { position: { x: 300, y: 400 }, domainId: D2.id },
    ]).toContainEqual({ position: c.position, domainId: c.domainId });
  });

  it('a move across domains and a concurrent move within the old domain do not tear the card', () => {
    for (const [acrossClient, withinClient] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const base = baseWorkshop(10);
      const id = addCard(base, cardInput({ domainId: D0.id, position: { x: 0, y: 0 } }));
      const across = cloneDoc(base, acrossClient);
      const within = cloneDoc(base, withinClient);

      moveEntry(across, id, { x: 900, y: 50 }, D1.id);
      moveEntry(within, id, { x: 40, y: 60 }, D0.id);
      syncPair(across, within);
      expectConverged(across, within);

      const c = card(across, id);
      expect([
        { position: { x: 900, y: 50 }, domainId: D1.id },
        { position: { x: 40, y: 60 }, domainId: D0.id },
      ]).toContainEqual({ position: c.position, domainId: c.domainId });
    }
  });

  it('one person edits the text while another tags the same card: both survive', () => {
    const a = baseWorkshop(1);
    const id = addCard(a, cardInput({ tags: [at(D0.roles, 0).id] }));
    const b = cloneDoc(a, 2);

    setCardText(a, id, 'Director of adult social care');
    setTag(b, id, at(D0.behaviours, 0).id, true);
    setTag(b, id, at(D0.roles, 0).id, false);
    syncPair(a, b);

    expectConverged(a, b);
    const c = card(b, id);
    expect(c.text).toBe('Director of adult social care');
    expect(c.tags).toEqual([at(D0.behaviours, 0).id]);
  });

  it('two people tagging the same card with different tags keep both tags', () => {
    const a = baseWorkshop(1);
    const id = addCard(a, cardInput());
    const b = cloneDoc(a, 2);
    setTag(a, id, at(D0.roles, 1).id, true);
    setTag(b, id, at(D0.roles, 0).id, true);
    syncPair(a, b);
    expectConverged(a, b);
    expect(card(a, id).tags).toEqual([at(D0.roles, 0).id, at(D0.roles, 1).id].sort());
  });

  it('a card deleted on one doc while linked on another: the delete wins and its own links go', () => {
    const a = baseWorkshop(1);
    const x = addCard(a, cardInput({ text: 'X' }));
    const y = addCard(a, cardInput({ text: 'Y', kind: 'priority' }));
    const z = addCard(a, cardInput({ text: 'Z', kind: 'place' }));
    const oldLink = addLink(a, x, z);
    const keptLink = addLink(a, y, z);
    const b = cloneDoc(a, 2);

    deleteEntry(a, x);
    // deleteEntry removes, on the doc that deletes, every link that touches the entry.
    expect(findEntry(a, x)).toBeUndefined();
    expect(linksMap(a).has(oldLink!)).toBe(false);
    expect(linksMap(a).has(keptLink!)).toBe(true);

    // Meanwhile, b (which still sees X) links it and edits it.
    const newLink = addLink(b, x, y);
    expect(newLink).not.toBeNull();
    setCardText(b, x, 'X, renamed');
    syncPair(a, b);

    const merged = expectConverged(a, b);
    expect(merged.cards.map((c) => c.text).sort()).toEqual(['Y', 'Z']);
    expect(findEntry(b, x)).toBeUndefined();
    // The link deleted by a stays deleted on b too.
    expect(linksMap(b).has(oldLink!)).toBe(false);
    // The link b made concurrently survives the merge, pointing at a card that no longer exists:
    // a reader that draws links must skip ones whose ends are missing (see the it.fails below).
    expect(merged.links.map((l) => l.id).sort()).toEqual([keptLink!, newLink!].sort());
    expect(readLink(newLink!, linksMap(b).get(newLink!)!)).toEqual({ id: newLink, from: x, to: y });
    // Views built from snapshots are unaffected: the deleted card is simply not counted.
    const coverage = domainCoverage(fw, merged.cards, merged.items);
    expect(at(coverage, 0).cards).toBe(2);
  });

  // deleteEntry can only remove links it can see; a link added concurrently to a card someone
  // else deletes survives the merge, so readers go through liveLinks.
  it('after a concurrent delete and link, liveLinks returns no link that points at a missing entry', () => {
    const a = baseWorkshop(1);
    const x = addCard(a, cardInput({ text: 'X' }));
    const y = addCard(a, cardInput({ text: 'Y' }));
    const b = cloneDoc(a, 2);
    deleteEntry(a, x);
    addLink(b, x, y);
    syncPair(a, b);
    const live = liveLinks(snapshot(a).links, (id) => findEntry(a, id) !== undefined);
    expect(snapshot(a).links.length).toBe(1);
    expect(live).toHaveLength(0);
    for (const link of live) {
      expect(findEntry(a, link.from)).toBeDefined();
      expect(findEntry(a, link.to)).toBeDefined();
    }
  });

  it('concurrent typing into the same Y.Text field of a plan item keeps both insertions', () => {
    const a = baseWorkshop(1);
    const id = addPlanItem(a, { interventionId: at(D1.interventions, 0).id, domainId: D1.id, position: { x: 0, y: 0 } });
    replaceItemText(a, id, 'description', 'Monthly sets.');
    const b = cloneDoc(a, 2);

    // Both type at the same spot (the start) and one also appends, as live editors would.
    itemText(a, id, 'description').insert(0, 'Six GP practices. ');
    itemText(b, id, 'description').insert(0, 'Social care leads. ');
    itemText(b, id, 'description').insert(itemText(b, id, 'description').length, ' Evaluated in June.');
    syncPair(a, b);

    expectConverged(a, b);
    const text = item(a, id).description;
    expect(text).toContain('Six GP practices. ');
    expect(text).toContain('Social care leads. ');
    expect(text).toContain('Monthly sets. Evaluated in June.');
    expect(text.length).toBe('Six GP practices. Social care leads. Monthly sets. Evaluated in June.'.length);
  });

  it('concurrent organisation adds on one plan item keep both organisations', () => {
    const a = baseWorkshop(1);
    const id = addPlanItem(a, { interventionId: null, customTitle: 'Joint induction', domainId: D3.id, position: { x: 0, y: 0 } });
    const b = cloneDoc(a, 2);
    const c = cloneDoc(a, 3);
    addOrganisation(a, id, { name: 'Cumbria County Council', type: 'Local authority' });
    addOrganisation(b, id, { name: 'North Cumbria Integrated Care NHS FT', type: 'NHS trust' });
    addOrganisation(c, id, { name: 'Age UK Carlisle', type: 'Voluntary sector' });
    syncPair(a, b);
    syncPair(c, b);
    send(b, a);

    expectConverged(a, b, c);
    expect(
      item(c, id)
        .organisations.map((o) => o.name)
        .sort(),
    ).toEqual(['Age UK Carlisle', 'Cumbria County Council', 'North Cumbria Integrated Care NHS FT']);
  });

  it('an organisation two people added at once is listed once and goes with one removal', () => {
    const a = baseWorkshop(1);
    const id = addPlanItem(a, { interventionId: null, customTitle: 'Joint induction', domainId: D3.id, position: { x: 0, y: 0 } });
    const b = cloneDoc(a, 2);
    addOrganisation(a, id, { name: 'Cumbria County Council', type: 'Local authority' });
    addOrganisation(b, id, { name: 'Cumbria County Council', type: 'Local authority' });
    syncPair(a, b);
    expectConverged(a, b);
    expect(item(a, id).organisations.map((o) => o.name)).toEqual(['Cumbria County Council']);
    removeOrganisation(a, id, 'Cumbria County Council');
    expect(item(a, id).organisations).toEqual([]);
  });

  it('two people linking the same pair at once end up with one link', () => {
    const a = baseWorkshop(1);
    const x = addCard(a, cardInput({ text: 'X' }));
    const y = addCard(a, cardInput({ text: 'Y' }));
    const b = cloneDoc(a, 2);
    addLink(a, x, y);
    addLink(b, y, x);
    syncPair(a, b);
    expectConverged(a, b);
    expect(linksMap(a).size).toBe(1);
  });

  it('three docs editing offline converge whatever order their updates arrive in', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000); // so each run's new card is identical
    const base = baseWorkshop(7);
    const shared1 = addCard(base, cardInput({ text: 'Shared card' }));
    const planId = addPlanItem(base, { interventionId: at(D2.interventions, 0).id, domainId: D2.id, position: { x: 5, y: 5 } });
    const baseUpdate = Y.encodeStateAsUpdate(base);

    const orders: Array<readonly [number, number, number]> = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ];
    const results: Snapshot[] = [];
    for (const order of orders) {
      const docs = [1, 2, 3].map((n) => {
        const d = newDoc(n);
        Y.applyUpdate(d, baseUpdate);
        return d;
      });
      const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
      // Record every incremental update each doc produces while offline.
      const outbox = docs.map((d) => {
        const updates: Uint8Array[] = [];
        d.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin !== 'remote') updates.push(u);
        });
        return updates;
      });

      moveEntry(a, shared1, { x: 1, y: 1 }, D1.id);
      setCardText(a, shared1, 'Shared card (edited by A)');
      setTag(b, shared1, at(D1.roles, 0).id, true);
      moveEntry(b, shared1, { x: 2, y: 2 }, D3.id);
      setMeta(c, 'title', 'Renamed by C');
      itemText(a, planId, 'measuresOfSuccess').insert(0, 'A: fewer delayed discharges. ');
      itemText(c, planId, 'measuresOfSuccess').insert(0, 'C: staff survey. ');
      setItemScalar(b, planId, 'owner', 'B');
      setItemScalar(c, planId, 'owner', 'C');
      setCriterionAnswer(a, planId, at(fw.framework.criteria, 0).id, { met: true, note: 'A' });
      addCard(c, cardInput({ text: 'C only', kind: 'purpose' }), null, 'c-only-card');
      deleteEntry(b, shared1); // b deletes the card that a and c are still editing

      // Deliver each doc's updates to the others, senders in `order`, each batch reversed so
      // later updates arrive before the ones they depend on (Yjs must hold them as pending).
      for (const from of order) {
        for (const [to, doc] of docs.entries()) {
          if (to === from) continue;
          for (const u of [...at(outbox, from)].reverse()) Y.applyUpdate(doc, u, 'remote');
        }
      }
      const merged = expectConverged(a, b, c);
      expect(findEntry(a, shared1)).toBeUndefined();
      expect(merged.meta.title).toBe('Renamed by C');
      expect(item(a, planId).measuresOfSuccess).toContain('A: fewer delayed discharges. ');
      expect(item(a, planId).measuresOfSuccess).toContain('C: staff survey. ');
      expect(item(a, planId).owner).toBe('C'); // higher client id wins a concurrent scalar
      results.push(merged);
    }
    // Same edits, different delivery orders: same result.
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('random concurrent edits on three docs with partial syncs converge (seeded fuzz)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = prng(seed);
      const pick = <T>(list: readonly T[]): T => at(list, Math.floor(rand() * list.length));
      const base = baseWorkshop(100);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(addCard(base, cardInput({ text: `card ${i}` })));
      const itemId = addPlanItem(base, { interventionId: at(D0.interventions, 0).id, domainId: D0.id, position: { x: 0, y: 0 } });
      const docs = [cloneDoc(base, 1), cloneDoc(base, 2), cloneDoc(base, 3)];
      const allTags = [...fw.tagById.keys()];

      for (let step = 0; step < 300; step++) {
        const doc = pick(docs);
        const id = pick(ids);
        const live = findEntry(doc, id) !== undefined;
        const r = rand();
        if (r < 0.02) {
          ids.push(addCard(doc, cardInput({ text: `new ${step}` })));
        } else if (r < 0.05) {
          if (live) deleteEntry(doc, id);
        } else if (r < 0.3) {
          if (live) moveEntry(doc, id, { x: rand() * 1000, y: rand() * 1000 }, pick(domains).id);
        } else if (r < 0.5) {
          if (live) setCardText(doc, id, `text ${step}`);
        } else if (r < 0.65) {
          if (live) setTag(doc, id, pick(allTags), rand() < 0.7);
        } else if (r < 0.75) {
          const other = pick(ids);
          if (live && findEntry(doc, other)) addLink(doc, id, other);
        } else if (r < 0.85) {
          const t = itemText(doc, itemId, 'description');
          t.insert(Math.floor(rand() * (t.length + 1)), `[${step}]`);
        } else if (r < 0.9) {
          addOrganisation(doc, itemId, { name: `Org ${step}`, type: 'Other' });
        } else {
          // a partial sync between two docs, one direction only
          const other = pick(docs);
          if (other !== doc) send(doc, other);
        }
      }
      const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
      syncPair(a, b);
      syncPair(b, c);
      syncPair(a, c);
      expectConverged(a, b, c);
    }
  });

  it('re-applying updates a doc already has changes nothing', () => {
    const a = baseWorkshop(1);
    const id = addCard(a, cardInput());
    const b = cloneDoc(a, 2);
    setCardText(b, id, 'changed');
    const before = snapshot(b);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(b));
    expect(snapshot(b)).toEqual(before);
  });
});

// --- links and delete ------------------------------------------------------------------------

describe('links', () => {
  it('addLink dedupes a→b and b→a and returns the existing link id', () => {
    const doc = baseWorkshop();
    const a = addCard(doc, cardInput({ text: 'a' }));
    const b = addCard(doc, cardInput({ text: 'b' }));
    const first = addLink(doc, a, b);
    expect(first).toBe(`${[a, b].sort().join('~')}`);
    expect(addLink(doc, a, b)).toBe(first);
    expect(addLink(doc, b, a)).toBe(first);
    expect(linksMap(doc).size).toBe(1);
    expect(readLink(first!, linksMap(doc).get(first!)!)).toEqual({ id: first, from: a, to: b });
  });

  it('addLink refuses a self link and writes nothing', () => {
    const doc = baseWorkshop();
    const a = addCard(doc, cardInput());
    let updates = 0;
    doc.on('update', () => updates++);
    expect(addLink(doc, a, a)).toBeNull();
    expect(linksMap(doc).size).toBe(0);
    expect(updates).toBe(0);
  });

  it('removeLink removes only that link', () => {
    const doc = baseWorkshop();
    const [a, b, c] = ['a', 'b', 'c'].map((t) => addCard(doc, cardInput({ text: t }))) as [string, string, string];
    const ab = addLink(doc, a, b)!;
    const bc = addLink(doc, b, c)!;
    removeLink(doc, ab);
    expect([...linksMap(doc).keys()]).toEqual([bc]);
  });

  it('deleteEntry removes every link touching the entry, in either direction, and no others', () => {
    const doc = baseWorkshop();
    const hub = addCard(doc, cardInput({ text: 'hub' }));
    const others = ['a', 'b', 'c', 'd'].map((t) => addCard(doc, cardInput({ text: t })));
    const planId = addPlanItem(doc, { interventionId: null, customTitle: 'Custom', domainId: D0.id, position: { x: 0, y: 0 } });
    addLink(doc, hub, at(others, 0));
    addLink(doc, at(others, 1), hub);
    addLink(doc, hub, planId);
    const kept1 = addLink(doc, at(others, 2), at(others, 3))!;
    const kept2 = addLink(doc, at(others, 0), planId)!;

    deleteEntry(doc, hub);
    expect(cardsMap(doc).has(hub)).toBe(false);
    expect([...linksMap(doc).keys()].sort()).toEqual([kept1, kept2].sort());

    deleteEntry(doc, planId);
    expect(itemsMap(doc).has(planId)).toBe(false);
    expect([...linksMap(doc).keys()]).toEqual([kept1]);
  });

  it('deleteEntry runs as one transaction with the given origin (one undo step)', () => {
    const doc = baseWorkshop();
    const a = addCard(doc, cardInput({ text: 'a' }), 'local');
    const b = addCard(doc, cardInput({ text: 'b' }), 'local');
    addLink(doc, a, b, 'local');
    const undo = new Y.UndoManager([cardsMap(doc), linksMap(doc)], { trackedOrigins: new Set(['local']), captureTimeout: 0 });
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    deleteEntry(doc, a, 'local');
    expect(origins).toEqual(['local']);
    undo.undo();
    expect(cardsMap(doc).has(a)).toBe(true);
    expect(linksMap(doc).size).toBe(1);
  });

  it('writers on a missing entry throw a clear error', () => {
    const doc = baseWorkshop();
    expect(() => setCardText(doc, 'nope', 'x')).toThrow('No card with id "nope"');
    expect(() => moveEntry(doc, 'nope', { x: 0, y: 0 }, D0.id)).toThrow(/nope/);
    expect(() => setTag(doc, 'nope', 't', true)).toThrow(/nope/);
  });
});

// --- snapshots -------------------------------------------------------------------------------

describe('readCard / readPlanItem / readMeta', () => {
  it('readCard returns what addCard wrote, with sorted tags and rounded moves', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const doc = baseWorkshop();
    const tags = [at(D0.roles, 1).id, at(D0.roles, 0).id];
    const id = addCard(doc, cardInput({ kind: 'place', text: 'Carlisle', tags, author: 'Sam', organisation: 'Cumbria CC' }));
    expect(card(doc, id)).toEqual({
      id,
      kind: 'place',
      text: 'Carlisle',
      domainId: D0.id,
      position: { x: 10, y: 20 },
      tags: [...tags].sort(),
      author: 'Sam',
      organisation: 'Cumbria CC',
      createdAt: 1_700_000_000_000,
      votes: null,
      tableId: '',
      fromTableId: '',
    });
    moveEntry(doc, id, { x: 10.5, y: -3.4 }, D2.id);
    expect(card(doc, id).position).toEqual({ x: 11, y: -3 });
    expect(card(doc, id).domainId).toBe(D2.id);
  });

  it('readCard falls back safely on damaged entries', () => {
    const e = new Y.Map<unknown>();
    const doc = new Y.Doc();
    cardsMap(doc).set('bad', e);
    e.set('kind', 'nonsense');
    e.set('x', Number.NaN);
    e.set('text', 42);
    const c = readCard('bad', e);
    expect(c.kind).toBe('people');
    expect(c.position).toEqual({ x: 0, y: 0 });
    expect(c.text).toBe('');
    expect(c.tags).toEqual([]);
  });

  it('readPlanItem uses the framework title when there is no custom title', () => {
    const doc = baseWorkshop();
    const iv = at(D1.interventions, 1);
    const id = addPlanItem(doc, { interventionId: iv.id, domainId: D1.id, position: { x: 0, y: 0 } });
    const view = item(doc, id);
    expect(view.title).toBe(iv.title);
    expect(view.customTitle).toBe('');
    expect(view.interventionId).toBe(iv.id);
    expect(view.status).toBe('proposed');
  });

  it('readPlanItem: a custom title wins over the framework title, and clearing it restores the framework title', () => {
    const doc = baseWorkshop();
    const iv = at(D1.interventions, 0);
    const id = addPlanItem(doc, { interventionId: iv.id, customTitle: 'Our own sets', domainId: D1.id, position: { x: 0, y: 0 } });
    expect(item(doc, id).title).toBe('Our own sets');
    setItemScalar(doc, id, 'customTitle', '');
    expect(item(doc, id).title).toBe(iv.title);
  });

  it('readPlanItem: custom and unknown interventions without a title read as "Untitled intervention"', () => {
    const doc = baseWorkshop();
    const custom = addPlanItem(doc, { interventionId: null, domainId: D0.id, position: { x: 0, y: 0 } });
    const unknown = addPlanItem(doc, { interventionId: 'not-in-the-framework', domainId: D0.id, position: { x: 0, y: 0 } });
    expect(item(doc, custom).title).toBe('Untitled intervention');
    expect(item(doc, custom).interventionId).toBeNull();
    expect(item(doc, unknown).title).toBe('Untitled intervention');
  });

  it('readPlanItem: an invalid status falls back to "proposed"; valid ones read back', () => {
    const doc = baseWorkshop();
    const id = addPlanItem(doc, { interventionId: null, customTitle: 'x', domainId: D0.id, position: { x: 0, y: 0 }, status: 'agreed' });
    expect(item(doc, id).status).toBe('agreed');
    setItemScalar(doc, id, 'status', 'in delivery');
    expect(item(doc, id).status).toBe('in delivery');
    setItemScalar(doc, id, 'status', 'finished');
    expect(item(doc, id).status).toBe('proposed');
    itemsMap(doc).get(id)!.set('status', 3);
    expect(item(doc, id).status).toBe('proposed');
  });

  it('readPlanItem reads every field, and an unknown delivery route reads as ""', () => {
    vi.spyOn(Date, 'now').mockReturnValue(5);
    const doc = baseWorkshop();
    const id = addPlanItem(doc, { interventionId: at(D2.interventions, 0).id, domainId: D2.id, position: { x: 1, y: 2 } });
    setItemScalar(doc, id, 'deliveryRoute', 'broker');
    setItemScalar(doc, id, 'partner', 'AHSN');
    setItemScalar(doc, id, 'owner', 'Priya');
    setItemScalar(doc, id, 'start', '2024-04-01');
    setItemScalar(doc, id, 'end', '2024-09-30');
    setItemScalar(doc, id, 'cost', '£12,000');
    setItemScalar(doc, id, 'funding', 'HEE');
    replaceItemText(doc, id, 'audience', 'Ward managers');
    replaceItemText(doc, id, 'expectedImpacts', 'Shorter waits');
    setTag(doc, id, at(D2.roles, 0).id, true);
    addOrganisation(doc, id, { name: 'Trust', type: 'NHS trust' });
    const criterion = at(fw.framework.criteria, 1).id;
    setCriterionAnswer(doc, id, criterion, { met: false, note: 'not yet' });
    const v = item(doc, id);
    expect(v).toMatchObject({
      position: { x: 1, y: 2 },
      deliveryRoute: 'broker',
      partner: 'AHSN',
      owner: 'Priya',
      start: '2024-04-01',
      end: '2024-09-30',
      cost: '£12,000',
      funding: 'HEE',
      audience: 'Ward managers',
      expectedImpacts: 'Shorter waits',
      description: '',
      measuresOfSuccess: '',
      tags: [at(D2.roles, 0).id],
      organisations: [{ name: 'Trust', type: 'NHS trust' }],
      criteria: { [criterion]: { met: false, note: 'not yet' } },
      createdAt: 5,
    });
    setItemScalar(doc, id, 'deliveryRoute', 'teleport');
    expect(item(doc, id).deliveryRoute).toBe('');
  });

  it('mutating a plan item snapshot cannot change the doc', () => {
    const doc = baseWorkshop();
    const id = addPlanItem(doc, { interventionId: null, customTitle: 'x', domainId: D0.id, position: { x: 0, y: 0 } });
    addOrganisation(doc, id, { name: 'Trust', type: 'NHS trust' });
    const criterion = at(fw.framework.criteria, 0).id;
    setCriterionAnswer(doc, id, criterion, { met: true, note: 'agreed' });
    const view = item(doc, id);
    try {
      // The view types are readonly; this simulates a careless caller casting that away.
      (view.organisations[0] as { name: string }).name = 'Changed through a snapshot';
      (view.criteria[criterion] as { note: string }).note = 'Changed through a snapshot';
    } catch {
      // a frozen snapshot that throws on write is a fine fix too
    }
    const reloaded = cloneDoc(doc, 9);
    expect(item(doc, id).organisations[0]!.name).toBe('Trust');
    expect(item(reloaded, id).organisations[0]!.name).toBe('Trust');
    expect(item(doc, id).criteria[criterion]!.note).toBe('agreed');
  });

  it('readMeta reads what initWorkshop and setMeta wrote, with defaults for an empty doc', () => {
    expect(readMeta(new Y.Doc())).toEqual({ title: 'Untitled workshop', footprint: '', academyId: '', date: '', schemaVersion: 0 });
    const doc = baseWorkshop();
    setMeta(doc, 'academyId', at(fw.framework.academies, 0).id);
    expect(readMeta(doc)).toEqual({
      title: 'North Cumbria ICS workshop',
      footprint: 'North Cumbria',
      academyId: at(fw.framework.academies, 0).id,
      date: '2024-03-01',
      schemaVersion: SCHEMA_VERSION,
    });
  });
});

// --- views -----------------------------------------------------------------------------------

describe('views', () => {
  function viewsDoc() {
    const doc = baseWorkshop();
    const cards = [
      addCard(doc, cardInput({ domainId: D0.id, tags: [at(D0.roles, 0).id, at(D0.behaviours, 0).id] })),
      addCard(doc, cardInput({ domainId: D0.id, tags: [at(D0.roles, 0).id] })),
      // a card in domain 0 tagged with a role of domain 1 still covers that role in domain 1
      addCard(doc, cardInput({ domainId: D0.id, tags: [at(D1.roles, 1).id, 'not-a-framework-tag'] })),
      addCard(doc, cardInput({ domainId: D2.id })),
    ];
    const items = [
      addPlanItem(doc, { interventionId: at(D2.interventions, 0).id, domainId: D2.id, position: { x: 0, y: 0 } }),
      addPlanItem(doc, { interventionId: at(D2.interventions, 1).id, domainId: D2.id, position: { x: 0, y: 0 } }),
    ];
    const first = at(items, 0);
    setTag(doc, first, at(D2.behaviours, 2).id, true);
    const snap = snapshot(doc);
    return { doc, cards, items, snap };
  }

  it('domainCoverage counts cards and interventions per domain, in framework order', () => {
    const { snap } = viewsDoc();
    const coverage = domainCoverage(fw, snap.cards, snap.items);
    expect(coverage.map((c) => [c.domainId, c.name, c.cards, c.interventions])).toEqual([
      [D0.id, D0.name, 3, 0],
      [D1.id, D1.name, 0, 0],
      [D2.id, D2.name, 1, 2],
      [D3.id, D3.name, 0, 0],
    ]);
  });

  it('domainCoverage.coveredTags holds only that domain’s roles/behaviours that something is tagged with', () => {
    const { snap } = viewsDoc();
    const coverage = domainCoverage(fw, snap.cards, snap.items);
    expect([...at(coverage, 0).coveredTags].sort()).toEqual([at(D0.roles, 0).id, at(D0.behaviours, 0).id].sort());
    expect([...at(coverage, 1).coveredTags]).toEqual([at(D1.roles, 1).id]);
    expect([...at(coverage, 2).coveredTags]).toEqual([at(D2.behaviours, 2).id]);
    expect(at(coverage, 3).coveredTags.size).toBe(0);
  });

  it('domainsWithoutInterventions lists the empty domains in framework order', () => {
    const { snap } = viewsDoc();
    expect(domainsWithoutInterventions(domainCoverage(fw, snap.cards, snap.items)).map((c) => c.domainId)).toEqual([D0.id, D1.id, D3.id]);
  });

  it('domainCoverage of an empty board is all zeros', () => {
    const coverage = domainCoverage(fw, [], []);
    expect(coverage).toHaveLength(4);
    for (const c of coverage) expect([c.cards, c.interventions, c.coveredTags.size]).toEqual([0, 0, 0]);
  });

  it('planRows orders by domain (framework order), then by createdAt, then id; unknown domains last', () => {
    const doc = baseWorkshop();
    const now = vi.spyOn(Date, 'now');
    const add = (domainId: string, t: number, title: string) => {
      now.mockReturnValue(t);
      return addPlanItem(doc, { interventionId: null, customTitle: title, domainId, position: { x: 0, y: 0 } });
    };
    add(D3.id, 100, 'd3-early');
    add('somewhere-else', 1, 'unknown');
    add(D0.id, 300, 'd0-late');
    add(D2.id, 50, 'd2');
    add(D0.id, 200, 'd0-early');
    add(D3.id, 400, 'd3-late');
    const rows = planRows(fw, snapshot(doc).items);
    expect(rows.map((r) => r.title)).toEqual(['d0-early', 'd0-late', 'd2', 'd3-early', 'd3-late', 'unknown']);

    // Same domain and same instant: id decides, so every client shows the same order.
    const tie1 = add(D1.id, 7, 'tie');
    const tie2 = add(D1.id, 7, 'tie');
    const tied = planRows(fw, snapshot(doc).items).filter((r) => r.title === 'tie');
    expect(tied.map((r) => r.id)).toEqual([tie1, tie2].sort());
  });

  it('planRows does not reorder its input', () => {
    const { snap } = viewsDoc();
    const input = [...snap.items].reverse();
    const copy = [...input];
    planRows(fw, input);
    expect(input).toEqual(copy);
  });

  it('isOutsideHomeDomain: true only for a framework intervention placed outside its own domain', () => {
    const doc = baseWorkshop();
    const iv = at(D1.interventions, 0);
    const home = addPlanItem(doc, { interventionId: iv.id, domainId: D1.id, position: { x: 0, y: 0 } });
    const away = addPlanItem(doc, { interventionId: iv.id, domainId: D3.id, position: { x: 0, y: 0 } });
    const custom = addPlanItem(doc, { interventionId: null, customTitle: 'c', domainId: D3.id, position: { x: 0, y: 0 } });
    const unknown = addPlanItem(doc, { interventionId: 'gone', domainId: D3.id, position: { x: 0, y: 0 } });
    expect(isOutsideHomeDomain(fw, item(doc, home))).toBe(false);
    expect(isOutsideHomeDomain(fw, item(doc, away))).toBe(true);
    expect(isOutsideHomeDomain(fw, item(doc, custom))).toBe(false);
    expect(isOutsideHomeDomain(fw, item(doc, unknown))).toBe(false);
    moveEntry(doc, away, { x: 0, y: 0 }, D1.id);
    expect(isOutsideHomeDomain(fw, item(doc, away))).toBe(false);
  });
});

// --- migrations ------------------------------------------------------------------------------

describe('migrations', () => {
  it('a doc with no schemaVersion migrates to SCHEMA_VERSION and gains meta defaults', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('footprint', 'West Yorkshire'); // an old doc with some meta already
    expect(docSchemaVersion(doc)).toBe(0);
    const passed = migrate(doc);
    expect(passed).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(docSchemaVersion(doc)).toBe(SCHEMA_VERSION);
    expect(metaMap(doc).toJSON()).toEqual({
      title: 'Untitled workshop',
      footprint: 'West Yorkshire',
      academyId: '',
      date: '',
      schemaVersion: SCHEMA_VERSION,
    });
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('migration keeps existing values and tags its transaction with the origin', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('title', 'Kept');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    migrate(doc, 'upgrade');
    expect(readMeta(doc).title).toBe('Kept');
    expect(origins.length).toBeGreaterThan(0);
    expect(new Set(origins)).toEqual(new Set(['upgrade']));
  });

  it('migrate is idempotent: a second run passes through nothing and writes nothing', () => {
    const doc = new Y.Doc();
    migrate(doc);
    const before = Y.encodeStateAsUpdate(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrate(doc)).toEqual([]);
    expect(updates).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('a freshly initialised workshop needs no migration', () => {
    const doc = baseWorkshop();
    expect(migrate(doc)).toEqual([]);
  });

  it('two clients migrating the same old doc at once converge', () => {
    const old = newDoc(5);
    metaMap(old).set('footprint', 'Leeds');
    addCard(old, cardInput());
    const a = cloneDoc(old, 1);
    const b = cloneDoc(old, 2);
    migrate(a);
    migrate(b);
    syncPair(a, b);
    const merged = expectConverged(a, b);
    expect(merged.meta).toEqual({ title: 'Untitled workshop', footprint: 'Leeds', academyId: '', date: '', schemaVersion: SCHEMA_VERSION });
    expect(migrate(a)).toEqual([]);
  });

  it("schema 3: a card's plain words become a shared text with the same words, which the import check accepts only in an older doc", () => {
    const doc = baseWorkshop();
    const id = addCard(doc, cardInput());
    // A card as schema 2 wrote it: its words a plain string.
    cardsMap(doc).get(id)!.set('text', 'Ward managers');
    metaMap(doc).set('schemaVersion', 2);
    expect(docProblems(doc)).toEqual([]);
    metaMap(doc).set('schemaVersion', 3);
    expect(docProblems(doc).join()).toMatch(/text is not a text/);
    metaMap(doc).set('schemaVersion', 2);
    expect(migrate(doc)).toEqual([3, 4]);
    const text = cardsMap(doc).get(id)!.get('text');
    expect(text).toBeInstanceOf(Y.Text);
    expect(String(text)).toBe('Ward managers');
    expect(readCard(id, cardsMap(doc).get(id)!).text).toBe('Ward managers');
    expect(docProblems(doc)).toEqual([]);
    // Typing into it afterwards merges like any shared text.
    setCardText(doc, id, 'Ward managers and matrons');
    expect(String(cardsMap(doc).get(id)!.get('text'))).toBe('Ward managers and matrons');
  });

  it('a doc from a newer app throws NewerSchemaError with a clear message and is left untouched', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    let caught: unknown;
    try {
      migrate(doc);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NewerSchemaError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as NewerSchemaError;
    expect(err.name).toBe('NewerSchemaError');
    expect(err.message).toContain('newer version of the app');
    expect(err.message).toContain(`schema ${SCHEMA_VERSION + 1}`);
    expect(err.message).toContain(`up to ${SCHEMA_VERSION}`);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

// --- ids -------------------------------------------------------------------------------------

describe('randomId', () => {
  it('has the requested length and only [a-z0-9]', () => {
    expect(randomId()).toHaveLength(20);
    for (const n of [1, 5, 12, 64]) expect(randomId(n)).toMatch(new RegExp(`^[a-z0-9]{${n}}$`));
    expect(newWorkshopId()).toMatch(/^[a-z0-9]{20}$/);
    expect(newEntryId()).toMatch(/^[a-z0-9]{12}$/);
    expect(randomId(0)).toBe('');
  });

  it('gives no duplicates in 10,000 ids', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(newEntryId());
    expect(ids.size).toBe(10_000);
  });

  it('uses the whole alphabet, roughly evenly', () => {
    const counts = new Map<string, number>();
    const sample = Array.from({ length: 100 }, () => randomId(720)).join('');
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(36);
    // 2,000 expected per character; a biased modulo (256 % 36) would skew the first 4 by ~14%.
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(250);
  });
});
