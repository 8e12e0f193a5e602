// The host's portfolio: a summary of every workshop file in the data folder, read straight from
// the files (no live room is opened) and cached by each file's modification time, so a few
// hundred workshops cost one read each until they change.
import { statSync, readdirSync } from 'node:fs';
import * as Y from 'yjs';
import { frameworkIndex } from '../shared/framework';
import { cardsMap, itemsMap, linksMap, tablesMap, readMeta, readCard, readPlanItem, readLink, readTable, readFollowUp } from '../shared/doc';
import { summariseWorkshop, type WorkshopSummary } from '../shared/export/portfolio';
import type { WorkshopFolder } from './workshop-folder';
import { WORKSHOP_FILE_EXTENSION, isWorkshopId } from '../shared/protocol';

interface Cached {
  mtimeMs: number;
  summary: WorkshopSummary;
}

export class Portfolio {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly store: WorkshopFolder) {}

  summaries(): WorkshopSummary[] {
    const out: WorkshopSummary[] = [];
    const seen = new Set<string>();
    // Names from the folder, not the store's listing: the listing opens every file, and an
    // unchanged file should cost no more than a stat.
    const ids = readdirSync(this.store.dir)
      .filter((n) => n.endsWith(WORKSHOP_FILE_EXTENSION))
      .map((n) => n.slice(0, -WORKSHOP_FILE_EXTENSION.length))
      .filter(isWorkshopId);
    for (const id of ids) {
      seen.add(id);
      try {
        out.push(this.summary(id));
      } catch {
        // A damaged file is left out of the portfolio, as it is out of the listing.
      }
    }
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return out;
  }

  private summary(id: string): WorkshopSummary {
    const path = this.store.pathOf(id);
    // The write-ahead log changes before the main file does; either one moving means a change.
    const mtimeMs = Math.max(statSync(path).mtimeMs, statMtime(`${path}-wal`));
    const hit = this.cache.get(id);
    if (hit && hit.mtimeMs === mtimeMs) return hit.summary;
    const doc = new Y.Doc();
    const file = this.store.open(id);
    try {
      file.loadInto(doc);
    } finally {
      file.close();
    }
    const summary = summariseWorkshop(frameworkIndex, id, readMeta(doc), {
      cards: [...cardsMap(doc)].map(([k, e]) => readCard(k, e)),
      items: [...itemsMap(doc)].map(([k, e]) => readPlanItem(k, e, frameworkIndex)),
      links: [...linksMap(doc)].map(([k, e]) => readLink(k, e)),
      followUp: readFollowUp(doc),
      tables: new Map([...tablesMap(doc)].map(([k, e]) => [k, readTable(k, e)])),
    });
    doc.destroy();
    this.cache.set(id, { mtimeMs, summary });
    return summary;
  }
}

function statMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

const portfolios = new WeakMap<WorkshopFolder, Portfolio>();

/** One portfolio (and cache) per workshop folder. */
export function portfolioFor(store: WorkshopFolder): Portfolio {
  let p = portfolios.get(store);
  if (!p) portfolios.set(store, (p = new Portfolio(store)));
  return p;
}
