// The board's view and other people's: centring an entry chosen elsewhere, moving where a summon
// or the person we follow asks, stepping out of following when we pan by hand, and reporting our
// own view (which the store shares with others) a few times a second and where it stops.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, useStoreApi, type OnMove, type Viewport } from '@xyflow/react';
import { rectVisible } from './fit';
import { CARD_WIDTH, CARD_HEIGHT } from '../../../shared/doc/board-geometry';
import { useActions, useWorkshop, useWorkshopStore } from '../store/context';

/** how often a moving view is reported to the store (and so to others) */
const VIEW_REPORT_MS = 120;

export function useViewRequests(boardRef: RefObject<HTMLDivElement | null>, touch: () => void) {
  const actions = useActions();
  const store = useWorkshopStore();
  const flow = useReactFlow();
  const rfStore = useStoreApi();
  const focusRequest = useWorkshop((s) => s.focusRequest);
  const viewportRequest = useWorkshop((s) => s.viewportRequest);

  useEffect(() => {
    if (!focusRequest) return;
    touch();
    const node = flow.getNode(focusRequest.id);
    if (!node) return;
    const w = node.measured?.width ?? CARD_WIDTH;
    const h = node.measured?.height ?? CARD_HEIGHT;
    const cx = node.position.x + w / 2;
    const cy = node.position.y + h / 2;
    if (focusRequest.how === 'centre') {
      // Chosen elsewhere (the plan, the outline, a link): centred, close enough to read.
      void flow.setCenter(cx, cy, { zoom: Math.max(flow.getZoom(), 0.9), duration: 400 });
      return;
    }
    // Just added: the view stays as the person left it. It moves only to bring the entry on
    // screen, and never zooms (a new card zooming the author's view right in lost them their place).
    const { width, height, transform } = rfStore.getState();
    if (rectVisible({ ...node.position, width: w, height: h }, transform, width, height)) return;
    void flow.setCenter(cx, cy, { zoom: flow.getZoom(), duration: 400 });
  }, [focusRequest, flow, rfStore, touch]);

  useEffect(() => {
    if (!viewportRequest) return;
    touch();
    void flow.setViewport({ x: viewportRequest.x, y: viewportRequest.y, zoom: viewportRequest.zoom }, { duration: 300 });
  }, [viewportRequest, flow, touch]);

  const lastReport = useRef(0);
  const report = useCallback((v: Viewport) => actions.viewportChanged({ x: v.x, y: v.y, zoom: v.zoom }), [actions]);
  const onMove: OnMove = useCallback(
    (_e, v) => {
      const now = performance.now();
      if (now - lastReport.current < VIEW_REPORT_MS) return;
      lastReport.current = now;
      report(v);
    },
    [report],
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
    [boardRef, touch, store, actions],
  );
  const onMoveEnd: OnMove = useCallback(
    (_e, v) => {
      boardRef.current?.classList.remove('is-moving');
      report(v);
    },
    [boardRef, report],
  );
  const onInit = useCallback((instance: { getViewport(): Viewport }) => report(instance.getViewport()), [report]);
  return { onMove, onMoveStart, onMoveEnd, onInit };
}
