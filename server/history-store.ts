// Restore points on disk: <dataDir>/history/<workshop-id>.history, a small SQLite file of its
// own beside the workshop (so a workshop file that leaves the host never carries its history,
// and a damaged history never stops the workshop from opening). Points survive restarts.
//
// Disk budget per workshop: at most `maxPoints` points and `maxBytes` of snapshots. Over
// budget, the newest `keepRecent` points are always kept and older ones are thinned where they
// are densest (the point closest in time to its older neighbour goes first), so an afternoon
// keeps its shape: many recent points, fewer and fewer further back.
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkshopId } from '../shared/protocol';
import type { ChangeSummary, PointReason, RestorePoint } from '../shared/history';

export type { PointReason, RestorePoint };

export interface HistoryBudget {
  maxPoints: number;
  maxBytes: number;
  keepRecent: number;
}

export const DEFAULT_HISTORY_BUDGET: HistoryBudget = { maxPoints: 60, maxBytes: 64 * 1024 * 1024, keepRecent: 12 };

interface Row {
  id: number;
  at: number;
  reason: string;
  by: string;
  summary: string;
  bytes: number;
}

export class HistoryStore {
  private readonly dir: string;
  private readonly open = new Map<string, DatabaseSync>();

  constructor(
    dataDir: string,
    readonly budget: HistoryBudget = DEFAULT_HISTORY_BUDGET,
  ) {
    this.dir = join(dataDir, 'history');
    mkdirSync(this.dir, { recursive: true });
  }

  private db(workshopId: string): DatabaseSync {
    if (!isWorkshopId(workshopId)) throw new Error(`"${workshopId}" is not a workshop id`);
    let db = this.open.get(workshopId);
    if (!db) {
      db = new DatabaseSync(join(this.dir, `${workshopId}.history`), { timeout: 1000 });
      db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS points (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, reason TEXT NOT NULL,
          by TEXT NOT NULL, summary TEXT NOT NULL, bytes INTEGER NOT NULL, state BLOB NOT NULL) STRICT;`);
      this.open.set(workshopId, db);
    }
    return db;
  }

  add(workshopId: string, point: Omit<RestorePoint, 'id' | 'bytes'>, state: Uint8Array): RestorePoint {
    const db = this.db(workshopId);
    const r = db
      .prepare('INSERT INTO points (at, reason, by, summary, bytes, state) VALUES (?, ?, ?, ?, ?, ?)')
      .run(point.at, point.reason, JSON.stringify(point.by), JSON.stringify(point.summary), state.byteLength, state);
    this.thin(db);
    return { ...point, id: Number(r.lastInsertRowid), bytes: state.byteLength };
  }

  /** Newest first. */
  list(workshopId: string): RestorePoint[] {
    const rows = this.db(workshopId).prepare('SELECT id, at, reason, by, summary, bytes FROM points ORDER BY id DESC').all() as unknown as Row[];
    return rows.map(fromRow);
  }

  latest(workshopId: string): { point: RestorePoint; state: Uint8Array } | null {
    const row = this.db(workshopId).prepare('SELECT id, at, reason, by, summary, bytes, state FROM points ORDER BY id DESC LIMIT 1').get() as
      (Row & { state: Uint8Array }) | undefined;
    return row ? { point: fromRow(row), state: row.state } : null;
  }

  state(workshopId: string, pointId: number): Uint8Array | null {
    const row = this.db(workshopId).prepare('SELECT state FROM points WHERE id = ?').get(pointId) as { state: Uint8Array } | undefined;
    return row?.state ?? null;
  }

  private thin(db: DatabaseSync): void {
    const { maxPoints, maxBytes, keepRecent } = this.budget;
    const points = db.prepare('SELECT id, at, bytes FROM points ORDER BY id').all() as { id: number; at: number; bytes: number }[];
    let total = points.reduce((n, p) => n + p.bytes, 0);
    const drop = db.prepare('DELETE FROM points WHERE id = ?');
    while (points.length > 1 && (points.length > maxPoints || total > maxBytes)) {
      const thinnable = Math.max(0, points.length - keepRecent);
      let victim = 0;
      if (thinnable >= 2) {
        // The oldest point stays as long as others can go: it is the furthest one can go back.
        let best = Infinity;
        for (let i = 1; i < thinnable; i++) {
          const gap = points[i]!.at - points[i - 1]!.at;
          if (gap < best) {
            best = gap;
            victim = i;
          }
        }
      }
      const [gone] = points.splice(victim, 1);
      drop.run(gone!.id);
      total -= gone!.bytes;
    }
  }

  /** Closes one workshop's history file (its room has closed); it reopens when needed. */
  release(workshopId: string): void {
    const db = this.open.get(workshopId);
    this.open.delete(workshopId);
    if (db?.isOpen) db.close();
  }

  close(): void {
    for (const db of this.open.values()) if (db.isOpen) db.close();
    this.open.clear();
  }
}

function fromRow(r: Row): RestorePoint {
  return {
    id: r.id,
    at: r.at,
    reason: r.reason as PointReason,
    by: JSON.parse(r.by) as string[],
    summary: JSON.parse(r.summary) as ChangeSummary,
    bytes: r.bytes,
  };
}
