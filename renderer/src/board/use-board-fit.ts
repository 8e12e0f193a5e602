// Keeps the board fitted to its content while a workshop loads (the local copy, then the relay,
// then perhaps the worked example arrive one after another), until the person moves the view
// themselves; and offers the same fit as a command.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { boardRect, viewportFor, type Insets, type Rect } from './fit';

/** Room kept free around the fitted board: the view controls sit in the left margin. */
export const FIT_INSETS: Insets = { top: 14, right: 14, bottom: 14, left: 60 };
const SETTLE_MS = 4000;

export function useBoardFit(bounds: Rect, minZoom: number, maxZoom: number) {
  const flow = useReactFlow();
  const rfStore = useStoreApi();
  const initialized = useNodesInitialized();
  const rect = useMemo(() => boardRect(bounds), [bounds]);
  const key = `${rect.x},${rect.y},${rect.width},${rect.height}`;
  const [fitted, setFitted] = useState(false);
  const touched = useRef(false);
  const started = useRef(0);
  const rectRef = useRef(rect);

  const fit = useCallback(
    (duration = 0) => {
      const { width, height } = rfStore.getState();
      if (!width || !height) return false;
      void flow.setViewport(viewportFor(rectRef.current, width, height, FIT_INSETS, minZoom, maxZoom), { duration });
      return true;
    },
    [flow, rfStore, minZoom, maxZoom],
  );

  useEffect(() => {
    rectRef.current = rect;
    if (!initialized) return;
    if (!started.current) started.current = performance.now();
    if (touched.current || performance.now() - started.current > SETTLE_MS) return;
    if (fit()) setFitted(true);
    // `key` stands for `rect`: refit when the content's extent changes, not on every new object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialized, key, fit]);

  /** Call when the person moves the view (or asks to see something): stop following the content. */
  const touch = useCallback(() => {
    touched.current = true;
  }, []);

  return { rect, fitted, fit, touch };
}
