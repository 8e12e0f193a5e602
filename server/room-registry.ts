// The rooms the relay holds in memory: opened from their file when the first person joins,
// saved and freed when the last one leaves, and dropped without saving anything more when a
// room's doc can no longer be trusted.
import type { WorkshopFolder } from './workshop-folder';
import type { RelayMetrics } from './metrics';
import type { SaveWorker } from './save-worker';
import type { HistoryKeeper } from './history';
import { Room } from './room';
import { CloseCode } from '../shared/protocol';

const RETRY_UNLOAD_AFTER_MS = 1000;

export interface RoomRegistryOptions {
  store: WorkshopFolder;
  saver: SaveWorker;
  metrics: RelayMetrics;
  history: HistoryKeeper;
  maxDocBytes: number;
  log(line: string): void;
  onSaveStatus?: (s: { workshopId: string; ok: boolean; error?: string }) => void;
}

export class RoomRegistry {
  readonly rooms = new Map<string, Room>();
  /** rooms whose last client left and that are being saved before they are freed */
  private readonly unloading = new Set<Room>();

  constructor(private readonly o: RoomRegistryOptions) {}

  /** The room of a workshop, loaded from its file if it is not in memory. Throws what loading throws. */
  open(id: string): Room {
    const existing = this.rooms.get(id);
    if (existing) return existing;
    const { store, log } = this.o;
    const path = store.pathOf(id);
    const file = store.open(id);
    let room: Room;
    try {
      room = new Room(id, file, this.o.metrics.timedStorage(this.o.saver.storageFor(path)), {
        maxDocBytes: this.o.maxDocBytes,
        onError: (err) => log(`room ${id}: ${(err as Error).stack ?? String(err)}`),
        onSaveStatus: (ok, error) => {
          log(ok ? `room ${id}: saving works again` : `room ${id}: CANNOT SAVE: ${error}`);
          try {
            this.o.onSaveStatus?.({ workshopId: id, ok, ...(ok ? {} : { error }) });
          } catch (err) {
            log(`room ${id}: onSaveStatus: ${(err as Error).message}`);
          }
        },
        onBroken: (err) => this.drop(room, err),
      });
    } finally {
      try {
        file.close();
      } catch (err) {
        log(`room ${id}: closing the file after loading: ${(err as Error).message}`);
      }
    }
    this.rooms.set(id, room);
    this.o.history.watch(room);
    return room;
  }

  /** Once the last client has left: save everything, then free the room (unless someone came back). */
  closeIfEmpty(room: Room): void {
    if (room.peers.size > 0 || this.rooms.get(room.id) !== room || this.unloading.has(room)) return;
    this.unloading.add(room);
    room.save().then(
      () => {
        this.unloading.delete(room);
        if (room.peers.size > 0 || this.rooms.get(room.id) !== room) return;
        if (room.hasUnsavedChanges) return this.closeIfEmpty(room);
        this.rooms.delete(room.id);
        room.destroy();
      },
      (err: unknown) => {
        // Keep the room (and its unsaved edits) in memory and try again; joining still works.
        this.unloading.delete(room);
        this.o.log(`room ${room.id}: could not save before unloading, retrying: ${(err as Error).message}`);
        setTimeout(() => this.closeIfEmpty(room), RETRY_UNLOAD_AFTER_MS).unref();
      },
    );
  }

  /**
   * A room whose doc holds something the gate could not take back: forget it (what was published
   * is already saved, the rest never will be) and have everyone reconnect to it loaded afresh.
   */
  private drop(room: Room, err: Error): void {
    this.o.log(`room ${room.id}: reloading it: ${err.message}`);
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
    for (const p of [...room.peers]) p.close(CloseCode.serverError, 'the room is reloading');
    room
      .save()
      .catch((saveErr: unknown) => this.o.log(`room ${room.id}: saving before the reload: ${(saveErr as Error).message}`))
      .finally(() => room.destroy());
  }

  /** Closes every connection and saves and frees every room (the relay is stopping). */
  async closeAll(): Promise<void> {
    for (const room of this.rooms.values()) for (const p of [...room.peers]) p.close(CloseCode.shuttingDown, 'relay stopping');
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        try {
          await room.save();
        } catch (err) {
          this.o.log(`room ${room.id}: unsaved edits lost at shutdown: ${(err as Error).message}`);
        }
        this.rooms.delete(room.id);
        room.destroy();
      }),
    );
  }
}
