// Keeps plain snapshots of the doc for the UI. Only entries touched by a transaction are
// re-read; every other snapshot keeps its object identity, so React skips re-rendering it.
// Every root the UI shows is mirrored here (the follow-up's measures and outcomes too), so a
// change reaches the screen the same way whoever made it: this person, someone else, or undo.
import * as Y from 'yjs';
import {
  cardsMap,
  itemsMap,
  linksMap,
  measuresMap,
  outcomesMap,
  readCard,
  readPlanItem,
  readLink,
  readMeasure,
  readOutcome,
  readMeta,
  readTable,
  readSeat,
  tablesMap,
  seatsMap,
  type TableView,
  type SeatView,
  type CardView,
  type PlanItemView,
  type LinkView,
  type MeasureView,
  type OutcomeView,
  type WorkshopMeta,
} from '../../../shared/doc';
import type { FrameworkIndex } from '../../../shared/framework/load';
import { changedEntries } from '../../../shared/doc/changed-entries';

export interface DocSnapshot {
  meta: WorkshopMeta;
  cards: ReadonlyMap<string, CardView>;
  items: ReadonlyMap<string, PlanItemView>;
  links: ReadonlyMap<string, LinkView>;
  /** measures of success being followed up, by id */
  measures: ReadonlyMap<string, MeasureView>;
  /** outcomes recorded against measures, by id (stored values that are not outcomes are left out) */
  outcomes: ReadonlyMap<string, OutcomeView>;
  /** table groups, by id (schema 4) */
  tables: ReadonlyMap<string, TableView>;
  /** who sits at which table, by seat id */
  seats: ReadonlyMap<string, SeatView>;
}

type Root = 'cards' | 'items' | 'links' | 'measures' | 'outcomes' | 'tables' | 'seats';
const rootNames: readonly Root[] = ['cards', 'items', 'links', 'measures', 'outcomes', 'tables', 'seats'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- roots hold Y.Maps or plain values
type AnyMap = Y.Map<any>;
/** Reads one stored entry of a root; null when what is stored there is not one (it is left out). */
type Reader = (id: string, raw: unknown) => unknown;

/** A snapshot of an empty doc, for a store before its mirror starts. */
export function emptySnapshot(meta: WorkshopMeta): DocSnapshot {
  return { meta, cards: new Map(), items: new Map(), links: new Map(), measures: new Map(), outcomes: new Map(), tables: new Map(), seats: new Map() };
}

export function mirrorDoc(doc: Y.Doc, fw: FrameworkIndex, onSnapshot: (s: DocSnapshot) => void): () => void {
  const roots: Record<Root, AnyMap> = {
    cards: cardsMap(doc),
    items: itemsMap(doc),
    links: linksMap(doc),
    measures: measuresMap(doc),
    outcomes: outcomesMap(doc),
    tables: tablesMap(doc),
    seats: seatsMap(doc),
  };
  const entry =
    <T>(read: (id: string, e: Y.Map<unknown>) => T): Reader =>
    (id, raw) =>
      raw instanceof Y.Map ? read(id, raw as Y.Map<unknown>) : null;
  const readers: Record<Root, Reader> = {
    cards: entry(readCard),
    items: entry((id, e) => readPlanItem(id, e, fw)),
    links: entry(readLink),
    measures: entry(readMeasure),
    // Outcomes are plain objects written once, whole.
    outcomes: readOutcome,
    tables: entry(readTable),
    seats: entry(readSeat),
  };
  const readRoot = (root: Root) => {
    const map = new Map<string, unknown>();
    for (const [id, raw] of roots[root]) {
      const view = readers[root](id, raw);
      if (view) map.set(id, view);
    }
    return map;
  };
  let snapshot = { meta: readMeta(doc), ...Object.fromEntries(rootNames.map((r) => [r, readRoot(r)])) } as DocSnapshot;
  onSnapshot(snapshot);

  const onAfterTransaction = (tr: Y.Transaction) => {
    const changed = changedEntries(tr);
    const touched = Object.fromEntries(rootNames.map((r) => [r, new Set(changed.get(r)?.keys() ?? [])])) as Record<Root, Set<string>>;
    const metaChanged = changed.has('meta');
    const changedRoots = rootNames.filter((r) => touched[r].size > 0);
    if (!metaChanged && changedRoots.length === 0) return;
    const next = { ...snapshot };
    if (metaChanged) next.meta = readMeta(doc);
    for (const root of changedRoots) {
      const map = new Map(snapshot[root] as ReadonlyMap<string, unknown>);
      for (const id of touched[root]) {
        const view = readers[root](id, roots[root].get(id));
        if (view) map.set(id, view);
        else map.delete(id);
      }
      (next as Record<Root, unknown>)[root] = map;
    }
    snapshot = next;
    onSnapshot(snapshot);
  };
  doc.on('afterTransaction', onAfterTransaction);
  return () => doc.off('afterTransaction', onAfterTransaction);
}
