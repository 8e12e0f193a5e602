// The React-facing mirror of one open workshop. Workshop data comes only from the doc (via the
// doc mirror) and other people only from the presence mirror; every write goes through the
// doc actions, never into this store directly. Local-only state (selection, what this window
// is focused on, its view) lives here too, and is shared with others by local-presence.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LensId } from '../../../shared/framework/schema';
import { frameworkIndex } from '../../../shared/framework';
import * as docApi from '../../../shared/doc';
import { mirrorDoc, emptySnapshot, type DocSnapshot } from '../collab/doc-mirror';
import { mirrorPresence, EMPTY_PRESENCE, type PresenceView, type Viewport } from '../collab/presence-mirror';
import { PresenceBroadcast } from '../collab/presence-broadcast';
import { watchOwnRemovals } from '../collab/own-removals';
import { MAX_DRAG_POSITIONS, type DragPosition } from '../collab/presence';
import type { WorkshopSession, SessionStatus } from '../collab/session';
import type { ControlState, ControlCommand, PersonHere } from '../../../shared/control';
import { revealDrafts } from '../facilitation/drafts';
import { createDocActions, type DocActions } from './doc-actions';
import { broadcastLocalState, followLeader } from './local-presence';

export { nextFreeSlot } from './doc-actions';
export type { Viewport } from '../collab/presence-mirror';

export interface WorkshopState extends PresenceView {
  session: WorkshopSession;
  status: SessionStatus;
  /** facilitation state from the relay (timer, locks, vote, presentation), null until it arrives */
  control: ControlState | null;
  /** who is connected as the relay counts people (null until it says, or while away) */
  peopleHere: readonly PersonHere[] | null;
  /** whether this person may change the board right now (role, refusal, locks and file version together) */
  canEdit: boolean;
  snapshot: DocSnapshot;
  canUndo: boolean;
  canRedo: boolean;
  /** ids of selected cards/items (local to this window) */
  selection: readonly string[];
  /** entry whose text is being edited in place */
  editingId: string | null;
  /**
   * a request for the board to show an entry: 'centre' (chosen in the plan table, the outline or
   * a link) centres it; 'reveal' (an entry just added) keeps the view unless the entry is off it
   */
  focusRequest: { id: string; seq: number; how: FocusHow } | null;
  /** the domain new cards go into from the toolbar (the last domain clicked or chosen) */
  targetDomainId: string;
  /** the lens a double-click on a domain creates */
  newCardKind: LensId;
  /** this window's board viewport (kept current by the board, shared through awareness) */
  viewport: Viewport | null;
  /** a viewport the board should move to (a summon, or following someone); seq makes repeats count */
  viewportRequest: (Viewport & { seq: number }) | null;
  /** the client id of the person whose view this window follows, or null */
  following: number | null;
  /** the table whose cards and plan this window shows (new ones are that table's), or null for the whole room */
  tableView: string | null;
  actions: WorkshopActions;
}

/** How the board shows an entry it is asked to: centred, or only brought on screen. */
export type FocusHow = 'centre' | 'reveal';

export interface WorkshopActions extends DocActions {
  select(ids: readonly string[]): void;
  setTargetDomain(domainId: string): void;
  /** shows one table's space on the board (null: the whole room) */
  viewTable(id: string | null): void;
  setNewCardKind(kind: LensId): void;
  /** called by the board when its viewport changes */
  viewportChanged(v: Viewport): void;
  /** moves this window's board to a viewport */
  goToViewport(v: Viewport): void;
  follow(clientId: number | null): void;
  setEditing(id: string | null): void;
  /** selects an entry and shows it on the board (see focusRequest for how) */
  focus(id: string, how?: FocusHow): void;
  /** where this person's pointer is on the board (board coordinates), null when it left */
  pointerMoved(p: { x: number; y: number } | null): void;
  /** live positions of what this person is dragging, null when the drag ends */
  dragMoved(positions: readonly DragPosition[] | null): void;
  undo(): void;
  redo(): void;
  /** sends a facilitation command to the relay (which decides whether it is allowed) */
  control(command: ControlCommand): void;
}

export function createWorkshopStore(session: WorkshopSession): StoreApi<WorkshopState> {
  const { doc } = session;
  let focusSeq = 0;
  let viewportSeq = 0;
  const broadcast = new PresenceBroadcast(session.provider.awareness);

  const store = createStore<WorkshopState>()((set, get) => {
    const docActions = createDocActions(
      session.writer,
      () => session.options.profile,
      () => get().snapshot,
      () => get().tableView ?? '',
    );
    return {
      session,
      status: session.status,
      control: null,
      peopleHere: null,
      canEdit: session.canEdit,
      snapshot: emptySnapshot(docApi.readMeta(doc)),
      ...EMPTY_PRESENCE,
      canUndo: false,
      canRedo: false,
      selection: [],
      editingId: null,
      focusRequest: null,
      targetDomainId: frameworkIndex.framework.domains[0]!.id,
      newCardKind: 'people',
      viewport: null,
      viewportRequest: null,
      following: null,
      tableView: null,
      actions: {
        ...docActions,
        remove(ids, linkIds) {
          docActions.remove(ids, linkIds);
          set({ selection: get().selection.filter((s) => !ids.includes(s)) });
        },
        discardNewCard(id) {
          docActions.discardNewCard(id);
          set({ selection: get().selection.filter((s) => s !== id) });
        },
        select: (ids) => set({ selection: ids }),
        setTargetDomain: (domainId) => set({ targetDomainId: domainId }),
        viewTable: (id) => {
          set({ tableView: id, selection: [] });
          session.showSpace(id);
        },
        setNewCardKind: (kind) => set({ newCardKind: kind }),
        viewportChanged: (v) => set({ viewport: v }),
        goToViewport(v) {
          viewportSeq += 1;
          set({ viewportRequest: { ...v, seq: viewportSeq } });
        },
        follow(clientId) {
          set({ following: clientId });
          const target = clientId === null ? undefined : get().viewports.get(clientId);
          if (target) get().actions.goToViewport(target);
        },
        setEditing: (id) => set({ editingId: id }),
        focus(id, how = 'centre') {
          focusSeq += 1;
          set({ focusRequest: { id, seq: focusSeq, how }, selection: [id] });
        },
        pointerMoved: (p) => broadcast.set({ cursor: p }, p === null),
        // The end of a drag goes out at once, so nobody keeps seeing a card that has landed.
        dragMoved: (positions) => broadcast.set({ drag: positions ? positions.slice(0, MAX_DRAG_POSITIONS) : null }, positions === null),
        undo: () => void session.undo.undo(),
        redo: () => void session.undo.redo(),
        control: (command) => void session.control.send(command),
      },
    };
  });

  // Seated at a table (by themselves or the facilitator), a person sees that table's space,
  // from the moment they are seated or moved; a table removed is no longer shown.
  let seatedTable: string | null = null;
  const followSeat = (snapshot: DocSnapshot) => {
    const table = docApi.seatedAt(snapshot.seats, snapshot.tables, session.options.profile);
    if (table !== seatedTable) {
      seatedTable = table;
      store.getState().actions.viewTable(table);
    }
    const shown = store.getState().tableView;
    if (shown !== null && !snapshot.tables.has(shown)) store.getState().actions.viewTable(null);
  };
  const stopDoc = mirrorDoc(doc, frameworkIndex, (snapshot) => {
    store.setState({ snapshot });
    followSeat(snapshot);
  });
  // Sent at once, so it reaches others before their Activity log reads the removal out.
  const stopRemovals = watchOwnRemovals(doc, (recent) => broadcast.set({ removed: recent }, true));
  session.subscribe(() => store.setState({ status: session.status, canEdit: session.canEdit }));
  session.control.onState(() => store.setState({ control: session.control.state, peopleHere: session.control.people, canEdit: session.canEdit }));
  session.control.onEvent((event) => {
    // "Bring everyone here" (or one table): those summoned move to the facilitator's view, the
    // space it shows and the place on it.
    if (event.type === 'summon' && store.getState().status.role !== 'facilitator') {
      if (event.tableId !== undefined && seatedTable !== event.tableId) return;
      if (event.space !== undefined) store.getState().actions.viewTable(event.space || null);
      store.getState().actions.goToViewport(event.viewport);
    }
    // "Reveal drafts": every person's private drafts go onto the board together.
    if (event.type === 'drafts.reveal')
      revealDrafts(session.options.workshopId, (d) => store.getState().actions.addCard(d.kind, d.domainId, undefined, d.text) !== null);
  });
  const refreshUndo = () => store.setState({ canUndo: session.undo.canUndo(), canRedo: session.undo.canRedo() });
  session.undo.on('stack-item-added', refreshUndo);
  session.undo.on('stack-item-popped', refreshUndo);
  session.undo.on('stack-cleared', refreshUndo);

  const stopPresence = mirrorPresence(session.provider.awareness, (changed) => store.setState(changed));
  const stopBroadcast = broadcastLocalState(store, broadcast);
  const stopFollowing = followLeader(store);
  session.onDestroy(() => {
    stopDoc();
    stopRemovals();
    stopPresence();
    stopBroadcast();
    stopFollowing();
    broadcast.destroy();
  });
  return store;
}
