// Every change a person makes to the workshop, as named actions over a DocWriter. Components call
// these (through the store) and never write to the doc or the session themselves; each action
// says which undo step it belongs to. No React and no network: the tests run them on a bare Y.Doc.
import * as docApi from '../../../shared/doc';
import type { Position, ItemScalarField, ItemTextField, Organisation, CriterionAnswer } from '../../../shared/doc/layout';
import { newEntryId } from '../../../shared/doc/ids';
import type { LensId } from '../../../shared/framework/schema';
import { frameworkIndex } from '../../../shared/framework';
import { applyLocalText } from '../collab/text-binding';
import { named, typing, NEW_STEP } from '../collab/undo-steps';
import type { DocWriter } from '../collab/doc-writer';
import type { DocSnapshot } from '../collab/doc-mirror';

export interface Author {
  name: string;
  organisation: string;
}

export interface EntryMove {
  id: string;
  position: Position;
  domainId: string;
}

export interface DocActions {
  /** adds a card; with no text it opens a named step that naming it (or discarding it) joins */
  addCard(kind: LensId, domainId: string, position?: Position, text?: string): string | null;
  /**
   * typing in a card's words, shared as they are typed: for a card just added (`isNew`) the
   * same undo step as adding it, otherwise one step for the whole edit until it ends
   */
  typeCardText(id: string, value: string, isNew: boolean): void;
  /** the card's editor closed with its words kept: the next edit is a step of its own */
  endCardText(): void;
  /** the edit was cancelled (Escape): the words go back to `original`, leaving no step behind */
  cancelCardText(id: string, original: string): void;
  /** a card just added and left empty goes away, leaving nothing to undo behind */
  discardNewCard(id: string): void;
  setCardText(id: string, text: string): void;
  setCardKind(id: string, kind: LensId): void;
  duplicate(id: string): string | null;
  move(id: string, position: Position, domainId: string): void;
  /** one drop or one burst of arrow keys: every entry moved in one step */
  moveMany(moves: readonly EntryMove[]): void;
  /** deletes entries and links together, as one step */
  remove(ids: readonly string[], linkIds?: readonly string[]): void;
  setTag(id: string, tagId: string, on: boolean): void;
  link(from: string, to: string): void;
  unlink(linkId: string): void;
  addPlanItem(interventionId: string | null, domainId: string, position?: Position, customTitle?: string): string | null;
  setItemStatus(id: string, status: docApi.PlanStatus): void;
  setDeliveryRoute(id: string, route: string): void;
  /** typing in a one-line field of a plan item: one step until a pause or leaving the field */
  typeItemField(id: string, field: ItemScalarField, value: string): void;
  /** typing in a shared text field of a plan item: merges character by character with others */
  typeItemText(id: string, field: ItemTextField, value: string): void;
  /** the person left a plan item's field: their next typing there is a new step */
  leaveItemField(id: string, field: ItemScalarField | ItemTextField): void;
  addOrganisation(id: string, organisation: Organisation): void;
  removeOrganisation(id: string, name: string): void;
  setCriterionAnswer(id: string, criterionId: string, answer: CriterionAnswer): void;
  /** follow-up: a measure of success on a plan item; throws a FollowUpInputError for bad input, changing nothing */
  addMeasure(itemId: string, measure: docApi.NewMeasure): void;
  /** follow-up: an outcome recorded against a measure (outcomes are only ever added or removed, so they merge) */
  recordOutcome(measureId: string, outcome: docApi.NewOutcome): void;
  removeOutcome(outcomeId: string): void;
  /** tables (facilitators): a new table, its name or brief, its removal */
  addTable(name: string, brief?: string): string | null;
  setTableField(id: string, field: 'name' | 'brief', value: string): void;
  removeTable(id: string): void;
  /** sits people at tables ('' for none), all in one step */
  sit(placements: ReadonlyArray<{ who: docApi.Sitter; tableId: string }>): void;
  /** brings a table's cards and proposed interventions into the room's plan (one undo step) */
  bringIntoRoom(tableId: string): docApi.Brought | null;
}

/**
 * Where the next new card or item goes in a domain when no position was given (or one is moved
 * there by choosing its domain): the first slot nothing on the board covers. `except` is the
 * entry being moved, which does not stand in its own way.
 */
export function nextFreeSlot(snapshot: DocSnapshot, domainId: string, kind: 'card' | 'item', except?: string): Position {
  const region = docApi.domainRegion(frameworkIndex.framework.domains.findIndex((d) => d.id === domainId));
  const entries = placedEntries(snapshot, except);
  const taken = entries.filter((e) => e.kind === kind && e.domainId === domainId).length;
  return docApi.firstFreeSlot(
    region,
    kind,
    entries.map((e) => e.rect),
    taken,
  );
}

/** Every card and item on the board with the area it covers (but `except`, the entry being moved). */
function placedEntries(snapshot: DocSnapshot, except?: string): Array<{ kind: 'card' | 'item'; domainId: string; rect: docApi.Rect }> {
  const out: Array<{ kind: 'card' | 'item'; domainId: string; rect: docApi.Rect }> = [];
  for (const [kind, entries] of [
    ['card', snapshot.cards],
    ['item', snapshot.items],
  ] as const)
    for (const e of entries.values()) if (e.id !== except) out.push({ kind, domainId: e.domainId, rect: { ...e.position, ...docApi.entrySize(kind) } });
  return out;
}

/**
 * Where a dropped entry goes: where it was dropped, unless that would cover a card or item
 * already there (a drop aimed at a small domain lands on what it holds); then the domain's
 * first free slot.
 */
function placeDropped(snapshot: DocSnapshot, domainId: string, kind: 'card' | 'item', dropped: Position | undefined): Position {
  if (!dropped) return nextFreeSlot(snapshot, domainId, kind);
  const area = { ...dropped, ...docApi.entrySize(kind) };
  return placedEntries(snapshot).some((e) => docApi.rectsOverlap(area, e.rect)) ? nextFreeSlot(snapshot, domainId, kind) : dropped;
}

const fieldKey = (id: string, field: string) => `item:${id}:${field}`;
const newCardName = (id: string) => `new-card:${id}`;
const newCardStep = (id: string) => named(newCardName(id));
const cardEditName = (id: string) => `edit-card:${id}`;

/**
 * `table` is the table new cards and items belong to: the one this window shows, or '' for the
 * whole room.
 */
export function createDocActions(writer: DocWriter, author: () => Author, snapshot: () => DocSnapshot, table: () => string = () => ''): DocActions {
  const insertCard = (kind: LensId, domainId: string, position: Position | undefined, text: string, empty: boolean) => {
    const id = newEntryId();
    const at = position ?? nextFreeSlot(snapshot(), domainId, 'card');
    const me = author();
    const card = { kind, text, domainId, position: at, author: me.name, organisation: me.organisation, tableId: table() };
    return writer.change((d, o) => void docApi.addCard(d, card, o, id), empty ? newCardStep(id) : NEW_STEP) ? id : null;
  };
  const actions: DocActions = {
    addCard: (kind, domainId, position, text = '') => insertCard(kind, domainId, position, text, text === ''),
    typeCardText(id, value, isNew) {
      writer.change((d, o) => applyLocalText(docApi.cardText(d, id), value, o), isNew ? newCardStep(id) : named(cardEditName(id)));
    },
    endCardText: () => writer.endStep(),
    cancelCardText(id, original) {
      if (!writer.retract(cardEditName(id))) writer.change((d, o) => applyLocalText(docApi.cardText(d, id), original, o));
      writer.endStep();
    },
    discardNewCard(id) {
      // Adding and deleting in one step would leave a step that changes nothing (and Undo would
      // skip past it into the step before): take the addition back instead.
      if (!writer.retract(newCardName(id))) writer.change((d, o) => docApi.deleteEntry(d, id, o));
      writer.endStep();
    },
    setCardText: (id, text) => void writer.change((d, o) => docApi.setCardText(d, id, text, o)),
    setCardKind: (id, kind) => void writer.change((d, o) => docApi.setCardKind(d, id, kind, o)),
    duplicate(id) {
      const card = snapshot().cards.get(id);
      if (!card) return null;
      return insertCard(card.kind, card.domainId, { x: card.position.x + 30, y: card.position.y + 30 }, card.text, false);
    },
    move: (id, position, domainId) => actions.moveMany([{ id, position, domainId }]),
    moveMany(moves) {
      if (moves.length === 0) return;
      writer.change((d, o) => moves.forEach((m) => docApi.moveEntry(d, m.id, m.position, m.domainId, o)));
    },
    remove(ids, linkIds = []) {
      if (ids.length + linkIds.length === 0) return;
      writer.change((d, o) => {
        for (const l of linkIds) docApi.removeLink(d, l, o);
        for (const id of ids) docApi.deleteEntry(d, id, o);
      });
    },
    setTag: (id, tagId, on) => void writer.change((d, o) => docApi.setTag(d, id, tagId, on, o)),
    link: (from, to) => void writer.change((d, o) => void docApi.addLink(d, from, to, o)),
    unlink: (linkId) => void writer.change((d, o) => docApi.removeLink(d, linkId, o)),
    addPlanItem(interventionId, domainId, position, customTitle) {
      const id = newEntryId();
      const item = {
        interventionId,
        domainId,
        customTitle: customTitle ?? '',
        position: placeDropped(snapshot(), domainId, 'item', position),
        tableId: table(),
      };
      return writer.change((d, o) => void docApi.addPlanItem(d, item, o, id)) ? id : null;
    },
    setItemStatus: (id, status) => void writer.change((d, o) => docApi.setItemScalar(d, id, 'status', status, o)),
    setDeliveryRoute: (id, route) =>
      void writer.change((d, o) => docApi.setItemDeliveryRoute(d, id, route as Parameters<typeof docApi.setItemDeliveryRoute>[2], o)),
    typeItemField: (id, field, value) => void writer.change((d, o) => docApi.setItemScalar(d, id, field, value, o), typing(fieldKey(id, field))),
    typeItemText: (id, field, value) => void writer.change((d, o) => applyLocalText(docApi.itemText(d, id, field), value, o), typing(fieldKey(id, field))),
    leaveItemField: (id, field) => writer.endTyping(fieldKey(id, field)),
    addOrganisation: (id, organisation) => void writer.change((d, o) => docApi.addOrganisation(d, id, organisation, o)),
    removeOrganisation: (id, name) => void writer.change((d, o) => docApi.removeOrganisation(d, id, name, o)),
    setCriterionAnswer: (id, criterionId, answer) => void writer.change((d, o) => docApi.setCriterionAnswer(d, id, criterionId, answer, o)),
    addMeasure: (itemId, measure) => void writer.change((d, o) => void docApi.addMeasure(d, itemId, measure, o)),
    recordOutcome: (measureId, outcome) => void writer.change((d, o) => void docApi.recordOutcome(d, measureId, outcome, o)),
    removeOutcome: (outcomeId) => void writer.change((d, o) => docApi.removeOutcome(d, outcomeId, o)),
    addTable(name, brief) {
      let id: string | null = null;
      return writer.change((d, o) => void (id = docApi.addTable(d, name, brief, o))) ? id : null;
    },
    setTableField: (id, field, value) => void writer.change((d, o) => docApi.setTableField(d, id, field, value, o), typing(`table:${id}:${field}`)),
    removeTable: (id) => void writer.change((d, o) => docApi.removeTable(d, id, o)),
    bringIntoRoom(tableId) {
      let brought: docApi.Brought | null = null;
      return writer.change((d, o) => void (brought = docApi.bringTableIntoRoom(d, tableId, o))) ? brought : null;
    },
    sit(placements) {
      if (placements.length === 0) return;
      writer.change((d, o) => placements.forEach((p) => docApi.seat(d, p.who, p.tableId, o)));
    },
  };
  return actions;
}
