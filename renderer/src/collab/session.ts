// One open workshop: the doc, its local copy (IndexedDB), the connection to the relay, undo
// steps for the local user only, and a connection status anyone can subscribe to. No React here.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { decodeSaved, decodeWelcome } from '../../../shared/relay-messages';
import { MessageType, describeClose, isPermanentClose, type Role } from '../../../shared/protocol';
import { metaMap } from '../../../shared/doc';
import { migrate, docSchemaVersion, NewerSchemaError } from '../../../shared/doc/migrations';
import { SCHEMA_VERSION } from '../../../shared/doc/layout';
import { DocWriter } from './doc-writer';
import { SaveTracker, countOwnChanges } from './save-tracker';
import { colourFor, type Profile, type PresenceState } from './presence';
import { ControlChannel, readTicket } from './control-channel';
import { sendOwnPresenceOnly } from '../../../shared/own-presence-only';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface SessionStatus {
  connection: ConnectionState;
  /** the role the relay admitted us with; null until it says */
  role: Role | null;
  /** local changes the relay has not yet confirmed as saved */
  unsaved: number;
  /** whether the local copy (IndexedDB) has loaded */
  localCopyReady: boolean;
  /** whether this page has reached the host yet; until then it shows the device's own copy */
  hostReached: boolean;
  /** set when the relay refused us for good (bad or withdrawn link...) */
  refusal: string | null;
  /** why the host cannot save right now (changes stay on this device); null while it can */
  saveProblem: string | null;
  /** set when the workshop was saved by a newer version of the app: it opens read-only */
  newerVersion: string | null;
}

export interface SessionOptions {
  /** e.g. ws://127.0.0.1:8080/ws */
  socketBase: string;
  workshopId: string;
  token: string;
  profile: Profile;
  /** keep a local copy in IndexedDB (off in tests that want a bare client) */
  localCopy?: boolean;
  /** the role this link had last time, so a viewer cannot edit before the relay has said so */
  knownRole?: Role | null;
  /** this browser profile's stable id, so votes survive reconnects */
  voterId?: string;
}

export class WorkshopSession {
  readonly doc = new Y.Doc();
  /** the only way this person's changes reach the doc (origins, undo steps, permission) */
  readonly writer: DocWriter;
  readonly provider: WebsocketProvider;
  readonly control: ControlChannel;
  private readonly localCopy: IndexeddbPersistence | null;
  private readonly saves: SaveTracker;
  private listeners = new Set<() => void>();
  private state: SessionStatus = {
    connection: 'connecting',
    role: null,
    unsaved: 0,
    localCopyReady: false,
    hostReached: false,
    refusal: null,
    saveProblem: null,
    newerVersion: null,
  };
  /** set by a failed attempt: retries after it read as offline, not as a fresh "connecting" */
  private unreachable = false;
  private readonly onOffline = () => {
    // The operating system says the network is gone: stop waiting on a dead socket and show it.
    this.provider.disconnect();
    this.patch({ connection: 'offline' });
  };
  private readonly onOnline = () => {
    if (this.state.refusal) return;
    this.patch({ connection: 'connecting' });
    this.provider.connect();
  };

  constructor(readonly options: SessionOptions) {
    this.state.role = options.knownRole ?? null;
    this.saves = new SaveTracker(this.doc, () => this.patch({ unsaved: this.saves.unsaved }));
    this.writer = new DocWriter(this.doc, () => this.canEdit);
    countOwnChanges(this.doc, this.writer, this.saves);
    // A newer app may write a newer schema at any time (or the file was one): stop writing then.
    const checkVersion = () => this.checkSchemaVersion();
    metaMap(this.doc).observe(checkVersion);

    this.localCopy = options.localCopy === false ? null : new IndexeddbPersistence(`slc-workshop-${options.workshopId}`, this.doc);
    if (this.localCopy) void this.localCopy.whenSynced.then(() => this.patch({ localCopyReady: true }));
    else this.state.localCopyReady = true;

    this.provider = new WebsocketProvider(options.socketBase, options.workshopId, this.doc, {
      // The relay's own voter ticket for this workshop, when it has issued one, keeps this
      // person's dots across reloads; the relay ignores ids it did not sign.
      params: {
        token: options.token,
        ext: '1',
        ...(options.voterId
          ? {
              voter: readTicket(options.workshopId) ?? options.voterId,
              name: options.profile.name.slice(0, 80),
              // With the name, the seat this person may choose from (the relay holds them to it).
              org: options.profile.organisation.slice(0, 120),
            }
          : {}),
      },
      maxBackoffTime: 10_000,
      disableBc: true,
    });
    sendOwnPresenceOnly(this.provider);
    this.control = new ControlChannel(this.provider);
    this.control.onSaveStatus(() => this.patch({ saveProblem: this.control.saveProblem }));
    this.provider.shouldReconnect = (event: CloseEvent) => !isPermanentClose(event.code);
    this.provider.messageHandlers[MessageType.saved] = (_enc, decoder) => this.saves.noteSaved(decodeSaved(decoder));
    this.provider.messageHandlers[MessageType.welcome] = (_enc, decoder) => {
      const role = decodeWelcome(decoder);
      this.patch({ role });
      this.setPresence({ user: { ...this.currentUser(), role } });
    };
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.unreachable = false;
        this.patch({ connection: 'connected', hostReached: true });
        return;
      }
      // Once the host has been missed (a drop, or a page opened while it is down), each retry
      // stays "offline" rather than flickering back to "connecting" every few seconds.
      this.patch({ connection: this.state.hostReached || this.unreachable || !navigator.onLine ? 'offline' : 'connecting' });
    });
    this.provider.on('connection-error', () => {
      if (this.state.connection === 'connected') return;
      this.unreachable = true;
      this.patch({ connection: 'offline' });
    });
    this.provider.on('closed', ({ code }: { code: number }) => this.patch({ refusal: describeClose(code), connection: 'offline' }));
    this.provider.on('sync', (synced: boolean) => {
      if (!synced || this.checkSchemaVersion()) return;
      // An old file opened by a newer app is upgraded once it has the relay's copy; nobody undoes that.
      if (this.state.role === 'viewer') return;
      try {
        migrate(this.doc, this.writer.systemOrigin);
      } catch (err) {
        if (err instanceof NewerSchemaError) this.patch({ newerVersion: err.message });
        else throw err;
      }
    });

    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    if (!navigator.onLine) this.onOffline();

    this.provider.awareness.setLocalState({
      user: { ...options.profile, colour: colourFor(options.profile.name + options.profile.organisation), role: null },
      cursor: null,
      selection: [],
      editing: null,
      drag: null,
      lastActive: Date.now(),
    } satisfies PresenceState);
  }

  /** Marks the session read-only when the doc's schema is newer than ours; returns whether it is. */
  private checkSchemaVersion(): boolean {
    const version = docSchemaVersion(this.doc);
    if (version <= SCHEMA_VERSION) return false;
    if (!this.state.newerVersion) {
      this.patch({
        newerVersion: `This workshop was saved by a newer version of Systems Leadership Canvas (file version ${version}; this app reads up to ${SCHEMA_VERSION}). It is open read-only: update the app to change it.`,
      });
    }
    return true;
  }

  /** The Y.UndoManager behind this person's undo steps (Undo, Redo and their stacks). */
  get undo(): Y.UndoManager {
    return this.writer.undo;
  }

  /** The origin of this person's undoable changes (to tell their own edits from others'). */
  get localOrigin(): object {
    return this.writer.localOrigin;
  }

  private currentUser(): PresenceState['user'] {
    return (this.provider.awareness.getLocalState() as PresenceState).user;
  }

  setPresence(patch: Partial<PresenceState>): void {
    const current = this.provider.awareness.getLocalState() as PresenceState | null;
    if (current) this.provider.awareness.setLocalState({ ...current, ...patch, lastActive: Date.now() });
  }

  get status(): SessionStatus {
    return this.state;
  }

  /** The space this window's board shows (a table's, or null for the room's): a table's lock holds it. */
  private space: string | null = null;

  showSpace(tableId: string | null): void {
    if (tableId === this.space) return;
    this.space = tableId;
    for (const l of this.listeners) l();
  }

  get canEdit(): boolean {
    const locked = this.control.state?.locked || (this.space !== null && !!this.control.state?.lockedTables?.includes(this.space));
    return this.state.role !== 'viewer' && this.state.refusal === null && this.state.newerVersion === null && !(locked && this.state.role !== 'facilitator');
  }

  private patch(p: Partial<SessionStatus>): void {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private cleanups: (() => void)[] = [];

  /** Registers something to undo when the session closes (timers, observers). */
  onDestroy(fn: () => void): void {
    this.cleanups.push(fn);
  }

  destroy(): void {
    for (const fn of this.cleanups.splice(0)) fn();
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.listeners.clear();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    this.writer.destroy();
    void this.localCopy?.destroy();
    this.doc.destroy();
  }
}
