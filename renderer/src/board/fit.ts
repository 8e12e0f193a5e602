// What "fit the board" means: every domain as shown, which is as large as what it holds (see
// boardLayout in the shared geometry), with a thin margin: so a fitted board is cards, not space.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN = 12;

export function boardRect(bounds: Rect): Rect {
  return { x: bounds.x - MARGIN, y: bounds.y - MARGIN, width: bounds.width + 2 * MARGIN, height: bounds.height + 2 * MARGIN };
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
