// A long press on a card opens it for editing on touch screens, where there is no double-click.
// Listens on the document (in the capture phase) so the board's own gesture handling is left
// as it is: a finger that moves, lifts early, or is joined by a second finger is a drag, a tap
// or a pinch, not a long press.
import { useEffect } from 'react';

export const LONG_PRESS_MS = 550;
const SLOP_PX = 10;

/** Calls `onLongPress(nodeId)` when a card node on the board is held still by one finger. */
export function useLongPressOnCards(onLongPress: (nodeId: string) => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let start: { x: number; y: number } | null = null;
    let pressed = false;
    const cancel = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      start = null;
    };
    const onStart = (e: TouchEvent) => {
      cancel();
      pressed = false;
      if (e.touches.length !== 1) return;
      const target = e.target instanceof Element ? e.target : null;
      // Only cards (not plan items or domains), and not while their text is already open.
      const node = target?.closest<HTMLElement>('.react-flow__node-card');
      if (!node || target?.closest('textarea, input, button, select')) return;
      const id = node.dataset.id;
      if (!id) return;
      const t = e.touches[0]!;
      start = { x: t.clientX, y: t.clientY };
      timer = setTimeout(() => {
        timer = null;
        pressed = true;
        onLongPress(id);
      }, LONG_PRESS_MS);
    };
    const onMove = (e: TouchEvent) => {
      if (!start) return;
      const t = e.touches[0];
      if (e.touches.length !== 1 || !t || Math.hypot(t.clientX - start.x, t.clientY - start.y) > SLOP_PX) cancel();
    };
    // The browser's own long-press menu would cover the editor that just opened.
    const onContextMenu = (e: Event) => {
      if (pressed || timer) e.preventDefault();
    };
    document.addEventListener('touchstart', onStart, { capture: true, passive: true });
    document.addEventListener('touchmove', onMove, { capture: true, passive: true });
    document.addEventListener('touchend', cancel, { capture: true, passive: true });
    document.addEventListener('touchcancel', cancel, { capture: true, passive: true });
    document.addEventListener('contextmenu', onContextMenu, { capture: true });
    return () => {
      cancel();
      document.removeEventListener('touchstart', onStart, { capture: true });
      document.removeEventListener('touchmove', onMove, { capture: true });
      document.removeEventListener('touchend', cancel, { capture: true });
      document.removeEventListener('touchcancel', cancel, { capture: true });
      document.removeEventListener('contextmenu', onContextMenu, { capture: true });
    };
  }, [onLongPress]);
}
