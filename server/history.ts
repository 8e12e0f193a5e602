// The host's history of each workshop: restore points taken every few minutes while a room
// changes, when a room opens and closes, before a restore, after an import, and whenever a
// facilitator asks. Each point remembers who changed things since the one before (the names
// of the peers whose updates the relay applied), and restoring one is an ordinary Yjs edit in
// the live room, so everyone receives it and nobody's copy is overwritten behind their back.
import * as Y from 'yjs';
import type { Room, Peer } from './room';
import type { WorkshopFolder } from './workshop-folder';
import { HistoryStore, DEFAULT_HISTORY_BUDGET, type HistoryBudget, type PointReason, type RestorePoint } from './history-store';
import { LOAD_ORIGIN, RELAY_ORIGIN, RESTORE_ORIGIN } from '../shared/doc/origins';
import { contentKey, docFromState, makeEqual, previewOf, summarise, type PointPreview } from './history-content';

export interface HistoryOptions {
  /** how long a room must have been changing before an automatic point (default five minutes) */
  intervalMs?: number;
  budget?: HistoryBudget;
}

interface Watched {
  room: Room;
  /** whether the doc changed since the last point */
  dirty: boolean;
  lastPointAt: number;
  /** names of people whose edits arrived since the last point */
  by: Set<string>;
}

export class HistoryKeeper {
  readonly points: HistoryStore;
  private readonly watched = new Map<string, Watched>();
  private readonly timer: NodeJS.Timeout;
  private readonly intervalMs: number;

  constructor(
    private readonly workshops: WorkshopFolder,
    private readonly log: (line: string) => void,
    options: HistoryOptions = {},
  ) {
    this.points = new HistoryStore(workshops.dir, options.budget ?? DEFAULT_HISTORY_BUDGET);
    this.intervalMs = options.intervalMs ?? 5 * 60_000;
    this.timer = setInterval(() => this.tick(), Math.max(200, Math.min(this.intervalMs / 4, 30_000)));
    this.timer.unref();
  }

  /** Follows a room from when it opens; a point is taken now if the last one differs from it. */
  watch(room: Room): void {
    const w: Watched = { room, dirty: false, lastPointAt: Date.now(), by: new Set() };
    this.watched.set(room.id, w);
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      w.dirty = true;
      const name = this.nameOf(room, origin);
      if (name) w.by.add(name);
    });
    room.doc.on('destroy', () => {
      if (this.watched.get(room.id) !== w) return;
      this.watched.delete(room.id);
      if (w.dirty) this.safely(room.id, () => this.take(room.id, room.doc, 'closed', w));
      this.safely(room.id, () => this.points.release(room.id));
    });
    this.safely(room.id, () => {
      const latest = this.points.latest(room.id);
      if (!latest || contentKey(docFromState(latest.state)) !== contentKey(room.doc)) this.take(room.id, room.doc, 'opened', w);
    });
  }

  private nameOf(room: Room, origin: unknown): string | null {
    if (origin === RESTORE_ORIGIN) return null;
    if (origin === RELAY_ORIGIN) return null;
    // Peers' edits reach the doc through the room's update gate, which names the sender.
    const peer = origin && typeof origin === 'object' && room.peers.has(origin as Peer) ? (origin as Peer) : room.applyingFrom;
    if (!peer) return null;
    if (peer.name) return peer.name;
    // A client that gave no name in its link may still have one in its presence.
    for (const id of peer.awarenessIds) {
      const user = (room.awareness.getStates().get(id) as { user?: { name?: unknown } } | undefined)?.user;
      if (typeof user?.name === 'string' && user.name.trim()) return user.name.trim().slice(0, 80);
    }
    return `a ${peer.role}`;
  }

  private tick(): void {
    const now = Date.now();
    for (const [id, w] of this.watched) {
      if (w.dirty && now - w.lastPointAt >= this.intervalMs) this.safely(id, () => this.take(id, w.room.doc, 'auto', w));
    }
  }

  private safely(id: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // History is a safety net: a failure to keep a point is logged, never felt by the room.
      this.log(`history ${id}: ${(err as Error).message}`);
    }
  }

  private take(id: string, doc: Y.Doc, reason: PointReason, w?: Watched, by: string[] = []): RestorePoint {
    const latest = this.points.latest(id);
    const before = latest ? docFromState(latest.state) : null;
    const point = this.points.add(
      id,
      { at: Date.now(), reason, by: [...new Set([...(w?.by ?? []), ...by])], summary: summarise(before, doc) },
      Y.encodeStateAsUpdate(doc),
    );
    before?.destroy();
    if (w) {
      w.dirty = false;
      w.by.clear();
      w.lastPointAt = point.at;
    }
    return point;
  }

  /** A point of the workshop as it is now (live room or file). */
  takeNow(id: string, reason: PointReason, room?: Room, by: string[] = []): RestorePoint {
    if (room) return this.take(id, room.doc, reason, this.watched.get(id), by);
    return this.withFileDoc(id, (doc) => this.take(id, doc, reason, undefined, by));
  }

  list(id: string): RestorePoint[] {
    return this.points.list(id);
  }

  preview(id: string, pointId: number): PointPreview | null {
    const state = this.points.state(id, pointId);
    if (!state) return null;
    const doc = docFromState(state);
    try {
      return previewOf(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Brings the workshop back to a point: first keeps the present as a point of its own (so the
   * restore can be undone from History), then applies the difference as one edit.
   */
  restore(id: string, pointId: number, room: Room | undefined, by: string): RestorePoint | null {
    const state = this.points.state(id, pointId);
    if (!state) return null;
    const before = this.takeNow(id, 'before-restore', room);
    const point = docFromState(state);
    try {
      if (room) {
        // Said first, so everyone's Activity log reads the change that follows as a restore.
        const at = this.points.list(id).find((p) => p.id === pointId)?.at;
        if (at !== undefined) room.announce({ type: 'restored', at });
        room.doc.transact(() => makeEqual(room.doc, point), RESTORE_ORIGIN);
        const w = this.watched.get(id);
        w?.by.add(by);
      } else {
        this.withFileDoc(id, (doc, file) => {
          const updates: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => updates.push(u));
          doc.transact(() => makeEqual(doc, point), RESTORE_ORIGIN);
          file.append(updates);
        });
      }
    } finally {
      point.destroy();
    }
    return before;
  }

  private withFileDoc<T>(id: string, fn: (doc: Y.Doc, file: ReturnType<WorkshopFolder['open']>) => T): T {
    const file = this.workshops.open(id);
    const doc = new Y.Doc();
    try {
      file.loadInto(doc);
      return fn(doc, file);
    } finally {
      doc.destroy();
      file.close();
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.points.close();
  }
}
