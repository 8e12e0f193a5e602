// The canvas: four domain regions, Start Anywhere cards and plan items on React Flow.
// Drag positions stay local (and travel to others through awareness) until the drop, which is
// the only moment a move is written to the doc: one transaction for everything dropped.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  ReactFlow,
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type NodeChange,
  type EdgeChange,
  type Connection,
  type OnNodeDrag,
  type OnMove,
  type Viewport,
  type ReactFlowState,
  type AriaLabelConfig,
} from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { regionIndexAt, ITEM_WIDTH, ITEM_HEIGHT, CARD_WIDTH, CARD_HEIGHT, REGION_HEADER } from '../../../shared/doc/board-geometry';
import type { Position } from '../../../shared/doc/layout';
import { useActions, useWorkshop, useWorkshopStore } from '../store/context';
import type { WorkshopSession } from '../collab/session';
import { useBoardElements } from './use-board-elements';
import { DomainNode } from './DomainNode';
import { CardNode } from './CardNode';
import { PlanItemNode } from './PlanItemNode';
import { RemoteCursors } from './RemoteCursors';
import { CardToolbar } from './CardToolbar';
import { ViewControls } from './ViewControls';
import { useBoardFit, FIT_INSETS } from './use-board-fit';
import { viewportFor, BOARD_RECT } from './fit';
import { INTERVENTION_DRAG_TYPE, type BoardNode } from './node-types';

const nodeTypes = { domain: DomainNode, card: CardNode, item: PlanItemNode };
const domainIdAt = (p: Position) => frameworkIndex.framework.domains[regionIndexAt(p)]!.id;
const translateExtent: [[number, number], [number, number]] = [
  [-2000, -2000],
  [BOARD_RECT.width + 2000, BOARD_RECT.height + 2000],
];
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2.5;
/** Below this zoom, cards show only their text, large, and focus rings get thicker (see app.css). */
const FAR_ZOOM = 0.6;
/** A pause after arrow-key moves before the new position is written (one doc update per burst). */
const KEY_MOVE_COMMIT_MS = 500;

const ariaLabelConfig: Partial<AriaLabelConfig> = {
  'node.a11yDescription.ariaLiveMessage': ({ direction }) => `Moved ${direction}.`,
  'controls.ariaLabel': 'Zoom controls',
  'minimap.ariaLabel': 'Board overview',
};

// Sizes from the shared board geometry, so the CSS can never drift from the slot layout.
const geometryStyle = {
  '--card-w': `${CARD_WIDTH}px`,
  '--card-h': `${CARD_HEIGHT}px`,
  '--item-w': `${ITEM_WIDTH}px`,
  '--item-h': `${ITEM_HEIGHT}px`,
  '--region-header': `${REGION_HEADER}px`,
} as CSSProperties;

const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** Runs several store actions as one doc transaction, so they are one update and one undo step. */
function batch(session: WorkshopSession, fn: () => void) {
  session.doc.transact(fn, session.localOrigin);
}

export function Board() {
  return (
    <ReactFlowProvider>
      <div className="board-area">
        <div className="board-bar">
          <CardToolbar />
        </div>
        <BoardCanvas />
      </div>
    </ReactFlowProvider>
  );
}

function BoardCanvas() {
  const actions = useActions();
  const store = useWorkshopStore();
  const session = useWorkshop((s) => s.session);
  const focusRequest = useWorkshop((s) => s.focusRequest);
  const viewportRequest = useWorkshop((s) => s.viewportRequest);
  const canEdit = useWorkshop((s) => s.canEdit);
  const [localDrag, setLocalDrag] = useState<ReadonlyMap<string, Position>>(new Map());
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const { nodes, edges } = useBoardElements(localDrag, measured);
  const flow = useReactFlow();
  const far = useStore(isFar);
  const { rect: contentRect, fitted, fit, touch } = useBoardFit(MIN_ZOOM, MAX_ZOOM);
  // The overview appears only once someone has zoomed in past the fitted view: at that zoom it
  // would only repeat the board (and redrawing it costs every frame of a pan).
  const zoomedIn = useStore(
    useCallback(
      (s: ReactFlowState) => s.width > 0 && s.transform[2] > 1.15 * viewportFor(contentRect, s.width, s.height, FIT_INSETS, MIN_ZOOM, MAX_ZOOM).zoom,
      [contentRect],
    ),
  );
  const boardRef = useRef<HTMLDivElement>(null);
  const lastPresence = useRef(0);
  const dragging = useRef(false);
  const keyMoves = useRef(new Map<string, Position>());
  const keyTimer = useRef(0);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const measuredRef = useRef(measured);
  useEffect(() => {
    measuredRef.current = measured;
  }, [measured]);
  const shownEdges = useMemo(
    () => (selectedEdges.size === 0 ? edges : edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [edges, selectedEdges],
  );

  const domainOf = useCallback((id: string, p: Position) => {
    const m = measuredRef.current.get(id);
    return domainIdAt({ x: p.x + (m?.width ?? 0) / 2, y: p.y + (m?.height ?? 0) / 2 });
  }, []);

  const commitKeyMoves = useCallback(() => {
    window.clearTimeout(keyTimer.current);
    const moves = [...keyMoves.current];
    keyMoves.current.clear();
    if (moves.length === 0) return;
    batch(session, () => moves.forEach(([id, p]) => actions.move(id, p, domainOf(id, p))));
    setLocalDrag((prev) => {
      const next = new Map(prev);
      for (const [id] of moves) next.delete(id);
      return next;
    });
  }, [actions, domainOf, session]);
  useEffect(() => () => window.clearTimeout(keyTimer.current), []);

  const onNodesChange = useCallback(
    (changes: NodeChange<BoardNode>[]) => {
      const dims: { id: string; width: number; height: number }[] = [];
      const moves: { id: string; position: Position }[] = [];
      let selection: string[] | null = null;
      let keyMoved = false;
      for (const ch of changes) {
        if (ch.type === 'dimensions' && ch.dimensions) {
          dims.push({ id: ch.id, ...ch.dimensions });
        } else if (ch.type === 'position' && ch.position) {
          moves.push({ id: ch.id, position: ch.position });
          // Arrow keys move a selected node without any drag: write after a short pause.
          if (!ch.dragging && !dragging.current) {
            keyMoves.current.set(ch.id, ch.position);
            keyMoved = true;
          }
        } else if (ch.type === 'select') {
          selection ??= [...store.getState().selection];
          if (ch.selected && !selection.includes(ch.id)) selection.push(ch.id);
          if (!ch.selected) selection = selection.filter((s) => s !== ch.id);
        }
        // 'remove' changes are handled once, for nodes and edges together, in onDelete.
      }
      if (dims.length) {
        setMeasured((prev) => {
          let next: Map<string, { width: number; height: number }> | null = null;
          for (const d of dims) {
            const old = prev.get(d.id);
            if (old && old.width === d.width && old.height === d.height) continue;
            next ??= new Map(prev);
            next.set(d.id, { width: d.width, height: d.height });
          }
          return next ?? prev;
        });
      }
      if (moves.length) {
        setLocalDrag((prev) => {
          const next = new Map(prev);
          for (const m of moves) next.set(m.id, m.position);
          return next;
        });
      }
      if (selection) actions.select(selection.filter((id) => !id.startsWith('domain:')));
      if (keyMoved) {
        window.clearTimeout(keyTimer.current);
        keyTimer.current = window.setTimeout(commitKeyMoves, KEY_MOVE_COMMIT_MS);
      }
    },
    [actions, store, commitKeyMoves],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    // Removal goes through onDelete; selection is local to this window.
    const picks = changes.filter((c) => c.type === 'select');
    if (!picks.length) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of picks)
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      return next;
    });
  }, []);

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: BoardNode[]; edges: { id: string }[] }) => {
      const ids = gone.map((n) => n.id).filter((id) => !id.startsWith('domain:'));
      batch(session, () => {
        for (const e of cut) actions.unlink(e.id);
        if (ids.length) actions.remove(ids);
      });
    },
    [actions, session],
  );

  const onNodeDragStart: OnNodeDrag<BoardNode> = useCallback(() => {
    dragging.current = true;
    // Anything still waiting from the keyboard goes first, so the two never interleave.
    commitKeyMoves();
  }, [commitKeyMoves]);

  const onNodeDrag: OnNodeDrag<BoardNode> = useCallback(
    (_e, node) => {
      // Share the live position with others at most ~20 times a second; never write it to the doc.
      const now = performance.now();
      if (now - lastPresence.current < 50) return;
      lastPresence.current = now;
      session.setPresence({ drag: { id: node.id, x: node.position.x, y: node.position.y } });
    },
    [session],
  );

  const onNodeDragStop: OnNodeDrag<BoardNode> = useCallback(
    (_e, _node, dragged) => {
      dragging.current = false;
      const moved = dragged.filter((n) => n.type !== 'domain');
      const snapshot = store.getState().snapshot;
      const changed = moved.filter((n) => {
        const was = snapshot.cards.get(n.id)?.position ?? snapshot.items.get(n.id)?.position;
        return !was || Math.round(was.x) !== Math.round(n.position.x) || Math.round(was.y) !== Math.round(n.position.y);
      });
      if (changed.length) batch(session, () => changed.forEach((n) => actions.move(n.id, n.position, domainOf(n.id, n.position))));
      session.setPresence({ drag: null });
      setLocalDrag(new Map());
    },
    [actions, session, store, domainOf],
  );

  const onConnect = useCallback((c: Connection) => actions.link(c.source, c.target), [actions]);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const interventionId = e.dataTransfer.getData(INTERVENTION_DRAG_TYPE);
      if (!interventionId) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const id = actions.addPlanItem(interventionId, domainIdAt(p), { x: p.x - ITEM_WIDTH / 2, y: p.y - ITEM_HEIGHT / 2 });
      if (id) actions.select([id]);
    },
    [actions, flow],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(INTERVENTION_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      const now = performance.now();
      if (now - lastPresence.current < 40) return;
      lastPresence.current = now;
      session.setPresence({ cursor: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    },
    [flow, session],
  );

  const onNodeClick = useCallback(
    (_e: React.MouseEvent, node: BoardNode) => {
      // Clicking what is already selected still means "show me its details".
      const { selection } = store.getState();
      if (selection.includes(node.id)) actions.select([...selection]);
      if (node.type === 'card') actions.setTargetDomain(node.data.card.domainId);
      else if (node.type === 'item') actions.setTargetDomain(node.data.item.domainId);
    },
    [actions, store],
  );

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const id = target.classList.contains('react-flow__node') ? target.dataset.id : undefined;
      if (!id || id.startsWith('domain:') || !canEdit) return;
      if (e.key === 'Enter' && store.getState().snapshot.cards.has(id)) {
        e.preventDefault();
        actions.setEditing(id);
      } else if (e.key.toLowerCase() === 'd' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        const copy = actions.duplicate(id);
        if (copy) actions.focus(copy);
      }
    },
    [actions, canEdit, store],
  );

  useEffect(() => {
    if (!focusRequest) return;
    touch();
    const node = flow.getNode(focusRequest.id);
    if (!node) return;
    const w = node.measured?.width ?? CARD_WIDTH;
    const h = node.measured?.height ?? CARD_HEIGHT;
    void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 400 });
  }, [focusRequest, flow, touch]);

  // Our viewport is shared (for "follow me" and "bring everyone here") a few times a second
  // while it moves, and exactly where it stops.
  const lastViewport = useRef(0);
  const shareViewport = useCallback((v: Viewport) => actions.viewportChanged({ x: v.x, y: v.y, zoom: v.zoom }), [actions]);
  const onMove: OnMove = useCallback(
    (_e, v) => {
      const now = performance.now();
      if (now - lastViewport.current < 120) return;
      lastViewport.current = now;
      shareViewport(v);
    },
    [shareViewport],
  );
  // While the view moves, the canvas is its own compositor layer, so a pan moves pixels instead of
  // repainting every card; afterwards it is painted again at the new zoom, crisp.
  const onMoveStart: OnMove = useCallback(
    (e) => {
      boardRef.current?.classList.add('is-moving');
      if (!e) return;
      touch();
      // Panning or zooming by hand means stepping out of following someone.
      if (store.getState().following !== null) actions.follow(null);
    },
    [touch, store, actions],
  );
  const onMoveEnd: OnMove = useCallback(
    (_e, v) => {
      boardRef.current?.classList.remove('is-moving');
      shareViewport(v);
    },
    [shareViewport],
  );
  useEffect(() => {
    if (!viewportRequest) return;
    touch();
    void flow.setViewport({ x: viewportRequest.x, y: viewportRequest.y, zoom: viewportRequest.zoom }, { duration: 300 });
  }, [viewportRequest, flow, touch]);

  const deleteKeys = useMemo(() => (canEdit ? ['Delete', 'Backspace'] : null), [canEdit]);

  return (
    <div
      ref={boardRef}
      className={`board${far ? ' zoom-far' : ''}${fitted ? '' : ' is-fitting'}`}
      style={geometryStyle}
      onPointerMove={onPointerMove}
      onPointerLeave={() => session.setPresence({ cursor: null })}
    >
      <p id="board-help" className="visually-hidden">
        Tab moves between cards and interventions. Enter selects a card and then edits its text; arrow keys move it, Shift with an arrow moves it further;
        Delete removes it; Control+D duplicates it.
      </p>
      <ReactFlow<BoardNode>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDrop={onDrop}
        onDragOver={onDragOver}
        onNodeClick={onNodeClick}
        onKeyDown={onKeyDown}
        onMoveStart={onMoveStart}
        onMove={onMove}
        onMoveEnd={onMoveEnd}
        onInit={(instance) => shareViewport(instance.getViewport())}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        zoomOnDoubleClick={false}
        deleteKeyCode={deleteKeys}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        translateExtent={translateExtent}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabelConfig}
        id="board"
        aria-label="Workshop board"
        aria-describedby="board-help"
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#c3cdd8" />
        {zoomedIn && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Board overview"
            maskColor="rgba(29, 42, 56, 0.12)"
            nodeColor={(n) => (n.type === 'domain' ? domainTint[(n.data as { index: number }).index]! : n.type === 'item' ? '#003087' : '#7a8a9c')}
            nodeStrokeWidth={0}
          />
        )}
        <ViewControls fit={() => (touch(), fit(300))} touch={touch} />
        <RemoteCursors />
      </ReactFlow>
    </div>
  );
}

const domainTint = ['#d5e6f6', '#e8dcef', '#d3ebe7', '#f6e1d5'];
