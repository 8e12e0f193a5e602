// The React-facing mirror of one open workshop. Workshop data comes only from the doc (via the
// mirror); actions write to the doc through the session, never into this store directly.
// Local-only state (selection, what the viewer is focused on) lives here too.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type * as Y from 'yjs';
import type { LensId } from '../../../shared/framework/schema';
import { frameworkIndex } from '../../../shared/framework';
import * as docApi from '../../../shared/doc';
import type { Position } from '../../../shared/doc';
import { mirrorDoc, type DocSnapshot } from '../collab/doc-mirror';
import { readParticipants, type Participant } from '../collab/presence';
import type { WorkshopSession, SessionStatus } from '../collab/session';
import type { ControlState, ControlCommand } from '../../../shared/control';
import { revealDrafts } from '../facilitation/drafts';

export interface WorkshopState {
  session: WorkshopSession;
  status: SessionStatus;
  /** facilitation state from the relay (timer, locks, vote, presentation), null until it arrives */
  control: ControlState | null;
  /** whether this person may change the board right now (role, refusal and locks together) */
  canEdit: boolean;
  snapshot: DocSnapshot;
  participants: Participant[];
  canUndo: boolean;
  canRedo: boolean;
  /** ids of selected cards/items (local to this window) */
  selection: readonly string[];
  /** entry whose text is being edited in place */
  editingId: string | null;
  /** a request for the board to centre an entry (from the plan table or the outline) */
  focusRequest: { id: string; seq: number } | null;
  /** live drag positions other people are broadcasting, by entry id */
  remoteDrags: ReadonlyMap<string, { x: number; y: number; colour: string }>;
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
  actions: WorkshopActions;
}

export interface WorkshopActions {
  addCard(kind: LensId, domainId: string, position?: Position, text?: string): string | null;
  setCardText(id: string, text: string): void;
  setCardKind(id: string, kind: LensId): void;
  duplicate(id: string): string | null;
  move(id: string, position: Position, domainId: string): void;
  remove(ids: readonly string[]): void;
  setTag(id: string, tagId: string, on: boolean): void;
  link(from: string, to: string): void;
  unlink(linkId: string): void;
  addPlanItem(interventionId: string | null, domainId: string, position?: Position, customTitle?: string): string | null;
  setItemStatus(id: string, status: docApi.PlanStatus): void;
  select(ids: readonly string[]): void;
  setTargetDomain(domainId: string): void;
  setNewCardKind(kind: LensId): void;
  /** called by the board when its viewport changes */
  viewportChanged(v: Viewport): void;
  /** moves this window's board to a viewport */
  goToViewport(v: Viewport): void;
  follow(clientId: number | null): void;
  setEditing(id: string | null): void;
  focus(id: string): void;
  undo(): void;
  redo(): void;
  /** sends a facilitation command to the relay (which decides whether it is allowed) */
  control(command: ControlCommand): void;
}

/** Where the next new card or item goes in a domain when no position was given. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function nextFreeSlot(snapshot: DocSnapshot, domainId: string, kind: 'card' | 'item'): Position {
  const region = docApi.domainRegion(frameworkIndex.framework.domains.findIndex((d) => d.id === domainId));
  const taken =
    kind === 'card'
      ? [...snapshot.cards.values()].filter((c) => c.domainId === domainId).length
      : [...snapshot.items.values()].filter((i) => i.domainId === domainId).length;
  return docApi.slotPosition(region, kind, taken);
}

export function createWorkshopStore(session: WorkshopSession): StoreApi<WorkshopState> {
  const { doc } = session;
  let focusSeq = 0;
  let viewportSeq = 0;
  const write = (fn: (d: Y.Doc, origin: object) => void) => session.change(fn);

  const store = createStore<WorkshopState>()((set, get) => ({
    session,
    status: session.status,
    control: null,
    canEdit: session.canEdit,
    snapshot: { meta: docApi.readMeta(doc), cards: new Map(), items: new Map(), links: new Map() },
    participants: [],
    canUndo: false,
    canRedo: false,
    selection: [],
    editingId: null,
    focusRequest: null,
    remoteDrags: new Map(),
    targetDomainId: frameworkIndex.framework.domains[0]!.id,
    newCardKind: 'people',
    viewport: null,
    viewportRequest: null,
    following: null,
    actions: {
      addCard(kind, domainId, position, text = '') {
        if (!session.canEdit) return null;
        const me = session.options.profile;
        let id: string | null = null;
        write((d, origin) => {
          id = docApi.addCard(
            d,
            { kind, text, domainId, position: position ?? nextFreeSlot(get().snapshot, domainId, 'card'), author: me.name, organisation: me.organisation },
            origin,
          );
        });
        return id;
      },
      setCardText: (id, text) => write((d, o) => docApi.setCardText(d, id, text, o)),
      setCardKind: (id, kind) => write((d, o) => docApi.setCardKind(d, id, kind, o)),
      duplicate(id) {
        const card = get().snapshot.cards.get(id);
        if (!card) return null;
        return get().actions.addCard(card.kind, card.domainId, { x: card.position.x + 30, y: card.position.y + 30 }, card.text);
      },
      move: (id, position, domainId) => write((d, o) => docApi.moveEntry(d, id, position, domainId, o)),
      remove(ids) {
        write((d, o) => d.transact(() => ids.forEach((id) => docApi.deleteEntry(d, id, o)), o));
        set({ selection: get().selection.filter((s) => !ids.includes(s)) });
      },
      setTag: (id, tagId, on) => write((d, o) => docApi.setTag(d, id, tagId, on, o)),
      link: (from, to) => write((d, o) => void docApi.addLink(d, from, to, o)),
      unlink: (linkId) => write((d, o) => docApi.removeLink(d, linkId, o)),
      addPlanItem(interventionId, domainId, position, customTitle) {
        if (!session.canEdit) return null;
        let id: string | null = null;
        write((d, origin) => {
          id = docApi.addPlanItem(
            d,
            { interventionId, domainId, customTitle: customTitle ?? '', position: position ?? nextFreeSlot(get().snapshot, domainId, 'item') },
            origin,
          );
        });
        return id;
      },
      setItemStatus: (id, status) => write((d, o) => docApi.setItemScalar(d, id, 'status', status, o)),
      select(ids) {
        set({ selection: ids });
        session.setPresence({ selection: [...ids] });
      },
      setTargetDomain: (domainId) => set({ targetDomainId: domainId }),
      setNewCardKind: (kind) => set({ newCardKind: kind }),
      viewportChanged(v) {
        set({ viewport: v });
        session.setPresence({ viewport: v });
      },
      goToViewport(v) {
        viewportSeq += 1;
        set({ viewportRequest: { ...v, seq: viewportSeq } });
      },
      follow(clientId) {
        set({ following: clientId });
        session.setPresence({ following: clientId });
        const target = clientId === null ? undefined : get().participants.find((p) => p.clientId === clientId)?.viewport;
        if (target) get().actions.goToViewport(target);
      },
      setEditing(id) {
        set({ editingId: id });
        session.setPresence({ editing: id });
      },
      focus(id) {
        focusSeq += 1;
        set({ focusRequest: { id, seq: focusSeq }, selection: [id] });
        session.setPresence({ selection: [id] });
      },
      undo: () => void session.undo.undo(),
      redo: () => void session.undo.redo(),
      control: (command) => void session.control.send(command),
    },
  }));

  mirrorDoc(doc, frameworkIndex, (snapshot) => store.setState({ snapshot }));
  session.subscribe(() => store.setState({ status: session.status, canEdit: session.canEdit }));
  session.control.onState(() => store.setState({ control: session.control.state, canEdit: session.canEdit }));
  session.control.onEvent((event) => {
    // "Bring everyone here": everyone else moves to the facilitator's view and follows them.
    if (event.type === 'summon' && store.getState().status.role !== 'facilitator') store.getState().actions.goToViewport(event.viewport);
    // "Reveal drafts": every person's private drafts go onto the board together.
    if (event.type === 'drafts.reveal')
      revealDrafts(session.options.workshopId, (d) => store.getState().actions.addCard(d.kind, d.domainId, undefined, d.text) !== null);
  });
  const refreshUndo = () => store.setState({ canUndo: session.undo.canUndo(), canRedo: session.undo.canRedo() });
  session.undo.on('stack-item-added', refreshUndo);
  session.undo.on('stack-item-popped', refreshUndo);
  session.undo.on('stack-cleared', refreshUndo);

  const awareness = session.provider.awareness;
  const refreshPresence = () => {
    const participants = readParticipants(awareness);
    const drags = new Map<string, { x: number; y: number; colour: string }>();
    for (const p of participants) if (!p.isSelf && p.drag) drags.set(p.drag.id, { x: p.drag.x, y: p.drag.y, colour: p.user.colour });
    store.setState({ participants, remoteDrags: drags });
    // Following someone: go where they go; if they left, stop following.
    const { following, viewportRequest, actions } = store.getState();
    if (following !== null) {
      const leader = participants.find((p) => p.clientId === following);
      if (!leader) actions.follow(null);
      else if (
        leader.viewport &&
        (!viewportRequest ||
          viewportRequest.x !== leader.viewport.x ||
          viewportRequest.y !== leader.viewport.y ||
          viewportRequest.zoom !== leader.viewport.zoom)
      ) {
        actions.goToViewport(leader.viewport);
      }
    }
  };
  awareness.on('change', refreshPresence);
  refreshPresence();
  // Idle is a matter of time passing, not of a message arriving: re-read presence now and then.
  const idleTimer = setInterval(refreshPresence, 15_000);
  session.onDestroy(() => clearInterval(idleTimer));
  return store;
}
