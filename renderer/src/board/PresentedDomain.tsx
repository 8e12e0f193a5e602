// The board as the presentation shows it: the real board, live, with one domain fitted to the
// screen so its cards and interventions read from the back of the room. Nothing here can be
// moved, selected or edited, and none of the board's controls show: it is for looking at.
import { BoardSpace, useShownEntries } from './use-shown-entries';
import { useEffect, useMemo } from 'react';
import { ReactFlow, ReactFlowProvider, useReactFlow, useStore } from '@xyflow/react';
import { shownLayout } from './shown-layout';
import { useBoardElements } from './use-board-elements';
import { useBoardLook } from './board-look';
import { viewportFor, type Insets } from './fit';
import { DomainNode } from './DomainNode';
import { CardNode } from './CardNode';
import { PlanItemNode } from './PlanItemNode';
import type { BoardNode } from './node-types';
import { useMeasuredNodes } from './use-measured-nodes';

const nodeTypes = { domain: DomainNode, card: CardNode, item: PlanItemNode };
const NO_DRAGS: ReadonlyMap<string, { x: number; y: number }> = new Map();
/** Room around the fitted domain: a little, so it fills the screen without touching its edges. */
const INSETS: Insets = { top: 16, right: 24, bottom: 16, left: 24 };
/** Close enough to read a card from the back of the room, never so close that one card fills the screen. */
const MAX_ZOOM = 1.8;
const MIN_ZOOM = 0.2;

/** One domain of the room's board (or, with `tableId`, of a table's), the same on every screen. */
export function PresentedDomain({ index, name, tableId = null }: { index: number; name: string; tableId?: string | null }) {
  const space = useMemo(() => ({ tableId }), [tableId]);
  return (
    <ReactFlowProvider>
      <BoardSpace.Provider value={space}>
        <PresentedCanvas index={index} name={name} />
      </BoardSpace.Provider>
    </ReactFlowProvider>
  );
}

function PresentedCanvas({ index, name }: { index: number; name: string }) {
  const { cards, items } = useShownEntries();
  const layout = useMemo(() => shownLayout(cards, items), [cards, items]);
  const { measured, noteSizes } = useMeasuredNodes();
  const { nodes: boardNodes, edges } = useBoardElements(NO_DRAGS, measured, layout);
  // The same nodes as the board, made still: not draggable, selectable or editable here.
  const nodes = useMemo(
    () =>
      boardNodes.map(
        (n): BoardNode =>
          ({
            ...n,
            selected: false,
            draggable: false,
            selectable: false,
            connectable: false,
            focusable: false,
            deletable: false,
            // Not focusable, so React Flow gives the node no role of its own: say what it is. A
            // domain is a group here, not a landmark (the board beneath has the landmarks).
            ariaRole: 'group',
            // Nor is a domain marked as where this person's new cards go.
            data: n.type === 'card' ? { ...n.data, editing: false, canEdit: false } : n.type === 'domain' ? { ...n.data, targeted: false } : n.data,
          }) as BoardNode,
      ),
    [boardNodes],
  );
  const { far, style } = useBoardLook();
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const region = layout.regions[index]!;
  const regionKey = `${region.x},${region.y},${region.width},${region.height}`;

  useEffect(() => {
    if (!width || !height) return;
    void flow.setViewport(viewportFor(region, width, height, INSETS, MIN_ZOOM, MAX_ZOOM), { duration: 450 });
    // `regionKey` stands for `region`: move when the domain's extent changes, not on every new object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow, regionKey, width, height]);

  return (
    <div className={`board is-presented${far ? ' zoom-far' : ''}`} style={style}>
      <ReactFlow<BoardNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={noteSizes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        proOptions={{ hideAttribution: true }}
        aria-label={`The board: ${name}`}
      />
    </div>
  );
}
