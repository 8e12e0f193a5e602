import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import {
  mixAgencies,
  typesAt,
  seatIdOf,
  seat,
  seatsMap,
  addTable,
  removeTable,
  tablesMap,
  readSeat,
  readTable,
  addCard,
  cardsMap,
  readCard,
  migrate,
  metaMap,
  addPlanItem,
  itemsMap,
  readPlanItem,
  itemText,
  addOrganisation,
  addLink,
  linksMap,
  bringTableIntoRoom,
} from '../../shared/doc';
import { frameworkIndex } from '../../shared/framework';
import type { OrganisationType } from '../../shared/doc';

const person = (name: string, organisation: string, organisationType: OrganisationType) => ({ name, organisation, organisationType });

/** Nine people from six organisation types, as a small workshop might have. */
const room = [
  person('Ada', 'Riverside Trust', 'NHS trust'),
  person('Ben', 'Riverside Trust', 'NHS trust'),
  person('Cal', 'Northern Trust', 'NHS trust'),
  person('Dee', 'Riverside City Council', 'Local authority'),
  person('Eve', 'Riverside City Council', 'Local authority'),
  person('Fay', 'Riverside ICB', 'ICB'),
  person('Gus', 'Bridge Street Surgery', 'Primary care'),
  person('Hal', 'Carers Together', 'Voluntary sector'),
  person('Ivy', 'Patient panel', 'Patient or citizen'),
];

describe('mix the agencies', () => {
  it('gives three tables of nine people at least three organisation types each, sizes within one', () => {
    const { tables } = mixAgencies(room, 3);
    expect(tables.map((t) => t.length)).toEqual([3, 3, 3]);
    for (const t of tables) expect(typesAt(t).length).toBeGreaterThanOrEqual(3);
    // Everyone placed once.
    expect(
      tables
        .flat()
        .map((p) => p.name)
        .sort(),
    ).toEqual(room.map((p) => p.name).sort());
    // The three trust people are at three different tables.
    for (const t of tables) expect(t.filter((p) => p.organisationType === 'NHS trust')).toHaveLength(1);
  });

  it('is the same for the same room, whatever order people joined in', () => {
    const names = (tables: { name: string }[][]) => tables.map((t) => t.map((p) => p.name).sort());
    expect(names(mixAgencies([...room].reverse(), 3).tables)).toEqual(names(mixAgencies(room, 3).tables));
  });

  it('spreads one organisation before a table gets two of it, and copes with more tables than people', () => {
    const { tables } = mixAgencies(room.slice(0, 2), 4);
    expect(tables.map((t) => t.length).sort()).toEqual([0, 0, 1, 1]);
    expect(mixAgencies(room, 0).tables).toEqual([]);
  });
});

describe('tables and seats in the doc', () => {
  it('keys a seat by the person, whatever their spacing and case, and keeps one seat per person', () => {
    expect(seatIdOf({ name: ' Ada  Lovelace', organisation: 'Riverside Trust' })).toBe(seatIdOf({ name: 'ada lovelace', organisation: 'RIVERSIDE TRUST ' }));
    expect(seatIdOf({ name: 'Ada', organisation: 'Riverside Trust' })).not.toBe(seatIdOf({ name: 'Ada', organisation: 'Northern Trust' }));
    expect(seatIdOf({ name: 'x'.repeat(80), organisation: 'y'.repeat(120) }).length).toBeLessThanOrEqual(64);
    const doc = new Y.Doc();
    const a = addTable(doc, 'Bassetlaw', 'Place: discharge from Bassetlaw Hospital');
    const b = addTable(doc, 'Mansfield');
    seat(doc, room[0]!, a);
    seat(doc, room[0]!, b);
    expect(seatsMap(doc).size).toBe(1);
    const [id, entry] = [...seatsMap(doc).entries()][0]!;
    expect(readSeat(id, entry)).toMatchObject({ tableId: b, name: 'Ada', organisationType: 'NHS trust' });
    expect(readTable(a, tablesMap(doc).get(a)!)).toMatchObject({ name: 'Bassetlaw', brief: 'Place: discharge from Bassetlaw Hospital', order: 0 });
    expect(readTable(b, tablesMap(doc).get(b)!).order).toBe(1);
    // Removing a table leaves its people at no table.
    removeTable(doc, b);
    expect(readSeat(id, seatsMap(doc).get(id)!).tableId).toBe('');
  });

  it('a card remembers its table; a card from before tables is the whole room’s after migrating', () => {
    const doc = new Y.Doc();
    const id = addCard(doc, { kind: 'people', text: 'Discharge coordinators', domainId: 'd', position: { x: 0, y: 0 }, tableId: 't1' });
    expect(readCard(id, cardsMap(doc).get(id)!).tableId).toBe('t1');
    const old = new Y.Doc();
    metaMap(old).set('schemaVersion', 3);
    const entry = new Y.Map<unknown>();
    cardsMap(old).set('c1', entry);
    entry.set('text', new Y.Text('Old card'));
    expect(migrate(old)).toEqual([4]);
    expect(cardsMap(old).get('c1')!.get('tableId')).toBe('');
  });
});

describe('bringing a table’s work into the room’s plan', () => {
  it('turns two tables’ Action Learning Sets into one plan item with both tables’ words, organisations and cards', () => {
    const doc = new Y.Doc();
    const bassetlaw = addTable(doc, 'Bassetlaw');
    const mansfield = addTable(doc, 'Mansfield');
    const at = { x: 0, y: 0 };
    const proposal = (tableId: string, why: string, org: string, cardText: string) => {
      const id = addPlanItem(doc, { interventionId: 'action-learning-sets', domainId: 'relationships-and-connectivity', position: at, tableId });
      itemText(doc, id, 'description').insert(0, why);
      addOrganisation(doc, id, { name: org, type: 'NHS trust' });
      const c = addCard(doc, { kind: 'people', text: cardText, domainId: 'relationships-and-connectivity', position: at, tableId });
      addLink(doc, c, id);
      return { id, card: c };
    };
    const a = proposal(bassetlaw, 'Ward managers learn from each other.', 'Bassetlaw Hospital', 'Ward managers');
    const b = proposal(mansfield, 'Discharge leads solve cases together.', 'Kings Mill Hospital', 'Discharge leads');
    expect(bringTableIntoRoom(doc, bassetlaw)).toEqual({ cards: 1, items: 1, joined: 0 });
    expect(bringTableIntoRoom(doc, mansfield)).toEqual({ cards: 1, items: 1, joined: 1 });
    expect(itemsMap(doc).size).toBe(1);
    const merged = readPlanItem(a.id, itemsMap(doc).get(a.id)!, frameworkIndex);
    expect(merged.tableId).toBe('');
    expect([...merged.fromTables].sort()).toEqual([bassetlaw, mansfield].sort());
    expect(merged.description).toBe('Bassetlaw: Ward managers learn from each other.\n\nMansfield: Discharge leads solve cases together.');
    expect(merged.organisations.map((o) => o.name)).toEqual(['Bassetlaw Hospital', 'Kings Mill Hospital']);
    // Both tables' cards are linked to the one item, and say where they came from.
    const linked = [...linksMap(doc).values()].map((l) => [l.get('from'), l.get('to')].find((x) => x !== a.id));
    expect(linked.sort()).toEqual([a.card, b.card].sort());
    expect(readCard(b.card, cardsMap(doc).get(b.card)!)).toMatchObject({ tableId: '', fromTableId: mansfield });
  });

  it('moves a table’s own intervention over as it is, and a removed table’s work goes to the room', () => {
    const doc = new Y.Doc();
    const t = addTable(doc, 'Newark');
    const item = addPlanItem(doc, { interventionId: null, customTitle: 'Carers’ café', domainId: 'd', position: { x: 0, y: 0 }, tableId: t });
    itemText(doc, item, 'description').insert(0, 'Monthly.');
    removeTable(doc, t);
    const moved = readPlanItem(item, itemsMap(doc).get(item)!, frameworkIndex);
    expect(moved).toMatchObject({ tableId: '', description: 'Monthly.', fromTables: [t] });
    expect(tablesMap(doc).size).toBe(0);
  });
});
