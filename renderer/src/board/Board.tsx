// The canvas: four domain regions, Start Anywhere cards and plan items on React Flow. Each of
// its jobs is a hook of its own: committing moves (use-move-commits), telling others where the
// pointer and live drags are (use-board-presence), following and summoned views
// (use-view-requests) and interventions dropped from the menu (use-intervention-drop).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ReactFlow,
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlowProvider,
  useStore,
  type NodeChange,
  type EdgeChange,
  type Connection,
  type OnNodeDrag,
  type OnConnectEnd,
  type ReactFlowState,
  type AriaLabelConfig,
} from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { shownRegionIndexAt, storedPosition, type BoardLayout } from '../../../shared/doc/board-geometry';
import { shownLayout } from './shown-layout';
import { useActions, useWorkshop, useWorkshopStore } from '../store/context';
import { useShownEntries } from './use-shown-entries';
import { useBoardElements } from './use-board-elements';
import { DomainNode } from './DomainNode';
import { CardNode } from './CardNode';
import { PlanItemNode } from './PlanItemNode';
import { RemoteCursors } from './RemoteCursors';
import { BoardViewBar } from '../layout/BoardViewBar';
import { ViewControls } from './ViewControls';
import { useBoardFit, FIT_INSETS } from './use-board-fit';
import { useBoardLook } from './board-look';
import { viewportFor } from './fit';
import type { BoardNode } from './node-types';
import { useMoveCommits, type PositionChange, type PlaceAt } from './use-move-commits';
import { useBoardPresence } from './use-board-presence';
import { useViewRequests } from './use-view-requests';
import { useInterventionDrop } from './use-intervention-drop';
import { useMeasuredNodes } from './use-measured-nodes';

const nodeTypes = { domain: DomainNode, card: CardNode, item: PlanItemNode };
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2.5;
const ariaLabelConfig: Partial<AriaLabelConfig> = {
  'node.a11yDescription.ariaLiveMessage': ({ direction }) => `Moved ${direction}.`,
  'controls.ariaLabel': 'Zoom controls',
  'minimap.ariaLabel': 'Board overview',
};

const isLinking = (s: ReactFlowState) => s.connection.inProgress;

export function Board() {
  return (
    <ReactFlowProvider>
      <div className="board-area">
        <BoardViewBar />
        <BoardCanvas />
      </div>
    </ReactFlowProvider>
  );
}

function BoardCanvas() {
  const actions = useActions();
  const store = useWorkshopStore();
  const canEdit = useWorkshop((s) => s.canEdit);
  const { measured, noteSizes } = useMeasuredNodes();
  const measuredRef = useRef(measured);
  useEffect(() => {
    measuredRef.current = measured;
  }, [measured]);
  const { cards, items } = useShownEntries();
  const layout = useMemo(() => shownLayout(cards, items), [cards, items]);
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);
  // An entry belongs to the domain its centre lands in, and is stored in that domain's frame.
  const placeAt: PlaceAt = useCallback((id, p) => {
    const m = measuredRef.current.get(id);
    const index = shownRegionIndexAt(layoutRef.current, { x: p.x + (m?.width ?? 0) / 2, y: p.y + (m?.height ?? 0) / 2 });
    return { domainId: frameworkIndex.framework.domains[index]!.id, position: storedPosition(layoutRef.current, index, p) };
  }, []);
  const moves = useMoveCommits(placeAt);
  const presence = useBoardPresence();
  const { nodes, edges } = useBoardElements(moves.localDrag, measured, layout);
  const translateExtent = useMemo(() => extentAround(layout), [layout]);
  const { far, style: boardStyle } = useBoardLook();
  // While a link is being drawn every card shows its link dots, so the person sees where it can end.
  const linking = useStore(isLinking);
  const { rect: contentRect, fitted, fit, touch } = useBoardFit(layout.bounds, MIN_ZOOM, MAX_ZOOM);
  const boardRef = useRef<HTMLDivElement>(null);
  const view = useViewRequests(boardRef, touch);
  const drop = useInterventionDrop(layoutRef);
  // The overview appears only once someone has zoomed in past the fitted view: at that zoom it
  // would only repeat the board (and redrawing it costs every frame of a pan).
  const zoomedIn = useStore(
    useCallback(
      (s: ReactFlowState) => s.width > 0 && s.transform[2] > 1.15 * viewportFor(contentRect, s.width, s.height, FIT_INSETS, MIN_ZOOM, MAX_ZOOM).zoom,
      [contentRect],
    ),
  );
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const shownEdges = useMemo(
    () => (selectedEdges.size === 0 ? edges : edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [edges, selectedEdges],
  );

  const { positionsChanged } = moves;
  const onNodesChange = useCallback(
    (changes: NodeChange<BoardNode>[]) => {
      const positions: PositionChange[] = [];
      let selection: string[] | null = null;
      for (const ch of changes) {
        if (ch.type === 'position' && ch.position) {
          positions.push({ id: ch.id, position: ch.position, dragging: !!ch.dragging });
        } else if (ch.type === 'select') {
          selection ??= [...store.getState().selection];
          if (ch.selected && !selection.includes(ch.id)) selection.push(ch.id);
          if (!ch.selected) selection = selection.filter((s) => s !== ch.id);
        }
        // 'remove' changes are handled once, for nodes and edges together, in onDelete.
      }
      noteSizes(changes);
      positionsChanged(positions);
      if (selection) actions.select(selection.filter((id) => !id.startsWith('domain:')));
    },
    [actions, store, positionsChanged, noteSizes],
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
      // Entries and links removed together are one change and one undo step.
      actions.remove(
        gone.map((n) => n.id).filter((id) => !id.startsWith('domain:')),
        cut.map((e) => e.id),
      );
    },
    [actions],
  );

  const { onNodeDragStop: commitDrop } = moves;
  const { dragEnded } = presence;
  const onNodeDragStop: OnNodeDrag<BoardNode> = useCallback(
    (e, node, dragged) => {
      commitDrop(e, node, dragged);
      dragEnded();
    },
    [commitDrop, dragEnded],
  );

  const onConnect = useCallback((c: Connection) => actions.link(c.source, c.target), [actions]);
  // A link dropped on a card's body (not on its small dot) still links to that card: React Flow
  // only connects within a few pixels of a dot, which is fiddly at the board's usual zoom.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const toId = document.elementFromPoint(point.clientX, point.clientY)?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      if (!toId || toId === state.fromNode.id || toId.startsWith('domain:')) return;
      if (state.fromHandle.type === 'source') actions.link(state.fromNode.id, toId);
      else actions.link(toId, state.fromNode.id);
    },
    [actions],
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
        if (copy) actions.focus(copy, 'reveal');
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !store.getState().selection.includes(id)) {
        // A card reached with Tab has focus but is not selected: Delete means this card, not
        // whatever happens to be selected elsewhere (React Flow's own Delete key would take that).
        e.preventDefault();
        e.stopPropagation();
        actions.remove([id]);
      }
    },
    [actions, canEdit, store],
  );

  const deleteKeys = useMemo(() => (canEdit ? ['Delete', 'Backspace'] : null), [canEdit]);

  return (
    <div
      ref={boardRef}
      className={`board${far ? ' zoom-far' : ''}${fitted ? '' : ' is-fitting'}${linking ? ' is-linking' : ''}`}
      style={boardStyle}
      onPointerMove={presence.onPointerMove}
      onPointerLeave={presence.onPointerLeave}
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
        onNodeDragStart={moves.onNodeDragStart}
        onNodeDrag={presence.onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onDrop={drop.onDrop}
        onDragOver={drop.onDragOver}
        onNodeClick={onNodeClick}
        onKeyDown={onKeyDown}
        onMoveStart={view.onMoveStart}
        onMove={view.onMove}
        onMoveEnd={view.onMoveEnd}
        onInit={view.onInit}
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
        <ViewControls fit={() => (touch(), fit(300))} touch={touch} regions={layout.regions} />
        <RemoteCursors />
      </ReactFlow>
    </div>
  );
}

const domainTint = ['#d5e6f6', '#e8dcef', '#d3ebe7', '#f6e1d5'];

/** How far the view may be panned: the board and a margin around it, so it can never be lost. */
function extentAround(layout: BoardLayout): [[number, number], [number, number]] {
  const { x, y, width, height } = layout.bounds;
  return [
    [x - 2000, y - 2000],
    [x + width + 2000, y + height + 2000],
  ];
}
