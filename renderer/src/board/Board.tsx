// The canvas: four domain regions, Start Anywhere cards and plan items on React Flow.
// Drag positions stay local (and travel to others through awareness) until the drop, which is
// the only moment a move is written to the doc.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ReactFlow,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlowProvider,
  useReactFlow,
  type NodeChange,
  type EdgeChange,
  type Connection,
  type OnNodeDrag,
} from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { regionIndexAt, ITEM_WIDTH, ITEM_HEIGHT, REGION_WIDTH, REGION_GAP, REGION_HEIGHT } from '../../../shared/doc/board-geometry';
import type { Position } from '../../../shared/doc/layout';
import { useActions, useWorkshop, useWorkshopStore } from '../store/context';
import { useBoardElements } from './use-board-elements';
import { DomainNode } from './DomainNode';
import { CardNode } from './CardNode';
import { PlanItemNode } from './PlanItemNode';
import { RemoteCursors } from './RemoteCursors';
import { INTERVENTION_DRAG_TYPE, type BoardNode } from './node-types';

const nodeTypes = { domain: DomainNode, card: CardNode, item: PlanItemNode };
const domainIdAt = (p: Position) => frameworkIndex.framework.domains[regionIndexAt(p)]!.id;
const boardBounds = { x: -40, y: -40, width: 2 * REGION_WIDTH + REGION_GAP + 80, height: 2 * REGION_HEIGHT + REGION_GAP + 80 };

export function Board() {
  return (
    <ReactFlowProvider>
      <BoardCanvas />
    </ReactFlowProvider>
  );
}

function BoardCanvas() {
  const actions = useActions();
  const store = useWorkshopStore();
  const session = useWorkshop((s) => s.session);
  const focusRequest = useWorkshop((s) => s.focusRequest);
  const canEdit = useWorkshop((s) => s.status.role !== 'viewer');
  const [localDrag, setLocalDrag] = useState<ReadonlyMap<string, Position>>(new Map());
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const { nodes, edges } = useBoardElements(localDrag, measured);
  const flow = useReactFlow();
  const lastPresence = useRef(0);

  const onNodesChange = useCallback(
    (changes: NodeChange<BoardNode>[]) => {
      let nextMeasured: Map<string, { width: number; height: number }> | null = null;
      let nextDrag: Map<string, Position> | null = null;
      let selection: string[] | null = null;
      const removed: string[] = [];
      for (const ch of changes) {
        if (ch.type === 'dimensions' && ch.dimensions) {
          nextMeasured ??= new Map(measured);
          nextMeasured.set(ch.id, ch.dimensions);
        } else if (ch.type === 'position' && ch.position) {
          nextDrag ??= new Map(localDrag);
          nextDrag.set(ch.id, ch.position);
        } else if (ch.type === 'select') {
          selection ??= [...store.getState().selection];
          if (ch.selected && !selection.includes(ch.id)) selection.push(ch.id);
          if (!ch.selected) selection = selection.filter((s) => s !== ch.id);
        } else if (ch.type === 'remove' && !ch.id.startsWith('domain:')) {
          removed.push(ch.id);
        }
      }
      if (nextMeasured) setMeasured(nextMeasured);
      if (nextDrag) setLocalDrag(nextDrag);
      if (selection) actions.select(selection.filter((id) => !id.startsWith('domain:')));
      if (removed.length) actions.remove(removed);
    },
    [actions, localDrag, measured, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const ch of changes) if (ch.type === 'remove') actions.unlink(ch.id);
    },
    [actions],
  );

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
      for (const n of dragged) {
        if (n.type === 'domain') continue;
        const w = n.measured?.width ?? 0;
        const h = n.measured?.height ?? 0;
        actions.move(n.id, n.position, domainIdAt({ x: n.position.x + w / 2, y: n.position.y + h / 2 }));
      }
      session.setPresence({ drag: null });
      setLocalDrag(new Map());
    },
    [actions, session],
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

  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      const now = performance.now();
      if (now - lastPresence.current < 40) return;
      lastPresence.current = now;
      session.setPresence({ cursor: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    },
    [flow, session],
  );

  useEffect(() => {
    if (!focusRequest) return;
    const node = flow.getNode(focusRequest.id);
    if (!node) return;
    const w = node.measured?.width ?? 200;
    const h = node.measured?.height ?? 100;
    void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 400 });
  }, [focusRequest, flow]);

  return (
    <div className="board" onPointerMove={onPointerMove} onPointerLeave={() => session.setPresence({ cursor: null })}>
      <ReactFlow<BoardNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDrop={onDrop}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(INTERVENTION_DRAG_TYPE)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }
        }}
        onNodeDoubleClick={(_e, node) => node.type === 'card' && canEdit && actions.setEditing(node.id)}
        onNodeClick={(_e, node) =>
          node.type !== 'domain' &&
          actions.setTargetDomain(
            (node.data as { card?: { domainId: string }; item?: { domainId: string } }).card?.domainId ??
              (node.data as { item: { domainId: string } }).item.domainId,
          )
        }
        onKeyDown={(e) => {
          const target = e.target as HTMLElement;
          const id = target.classList.contains('react-flow__node') ? target.dataset.id : undefined;
          if (!id || id.startsWith('domain:') || !canEdit) return;
          if (e.key === 'Enter' && store.getState().snapshot.cards.has(id)) {
            e.preventDefault();
            actions.setEditing(id);
          } else if (e.key.toLowerCase() === 'd' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            actions.duplicate(id);
          }
        }}
        fitView
        fitViewOptions={{ padding: 0.04 }}
        minZoom={0.1}
        maxZoom={2.5}
        zoomOnDoubleClick={false}
        deleteKeyCode={canEdit ? ['Delete', 'Backspace'] : null}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        translateExtent={[
          [boardBounds.x - 2000, boardBounds.y - 2000],
          [boardBounds.x + boardBounds.width + 2000, boardBounds.y + boardBounds.height + 2000],
        ]}
        proOptions={{ hideAttribution: true }}
        aria-label="Workshop board"
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#c9d3df" />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Board overview"
          nodeColor={(n) => (n.type === 'domain' ? '#e8eef5' : n.type === 'item' ? '#005eb8' : '#7a8a9c')}
        />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <RemoteCursors />
      </ReactFlow>
    </div>
  );
}
