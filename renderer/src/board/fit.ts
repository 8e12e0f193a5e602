// What "fit the board" means: all four domains across, and down only as far as there is
// something to see. The lower halves of the bottom domains are usually empty, and the canvas is
// shorter than the board, so cropping them makes every card on screen larger.
import { REGION_WIDTH, REGION_HEIGHT, REGION_GAP, REGION_HEADER, CARD_WIDTH, CARD_HEIGHT } from '../../../shared/doc/board-geometry';
import type { Position } from '../../../shared/doc/layout';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const BOARD_RECT: Rect = { x: 0, y: 0, width: 2 * REGION_WIDTH + REGION_GAP, height: 2 * REGION_HEIGHT + REGION_GAP };
const MARGIN = 36;
/** Even an empty board shows the bottom domains' headings and room for a row of cards. */
const MIN_HEIGHT = REGION_HEIGHT + REGION_GAP + REGION_HEADER + CARD_HEIGHT + MARGIN;

export function contentRect(
  entries: Iterable<{ position: Position }>,
  size: (e: { position: Position }) => { width: number; height: number } = () => ({ width: CARD_WIDTH, height: CARD_HEIGHT }),
): Rect {
  let x0 = BOARD_RECT.x;
  let y0 = BOARD_RECT.y;
  let x1 = BOARD_RECT.x + BOARD_RECT.width;
  let y1 = MIN_HEIGHT;
  for (const e of entries) {
    const s = size(e);
    x0 = Math.min(x0, e.position.x - MARGIN);
    y0 = Math.min(y0, e.position.y - MARGIN);
    x1 = Math.max(x1, e.position.x + s.width + MARGIN);
    y1 = Math.max(y1, e.position.y + s.height + MARGIN);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether a rectangle (in board coordinates) is wholly on screen for a viewport transform. */
export function rectVisible(r: Rect, [tx, ty, k]: readonly [number, number, number], width: number, height: number, slack = 4): boolean {
  return tx + r.x * k >= -slack && ty + r.y * k >= -slack && tx + (r.x + r.width) * k <= width + slack && ty + (r.y + r.height) * k <= height + slack;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The viewport that shows a rectangle as large as it fits inside a canvas less its insets, centred. */
export function viewportFor(r: Rect, width: number, height: number, inset: Insets, minZoom: number, maxZoom: number) {
  const w = Math.max(1, width - inset.left - inset.right);
  const h = Math.max(1, height - inset.top - inset.bottom);
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(w / r.width, h / r.height)));
  return { x: inset.left + (w - r.width * zoom) / 2 - r.x * zoom, y: inset.top + (h - r.height * zoom) / 2 - r.y * zoom, zoom };
}
