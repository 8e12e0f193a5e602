// Where things sit on the board. The four domains are fixed regions in a 2×2 grid, in
// framework order; a card's domain is the region its position falls in.
import type { Position } from './layout';

export const REGION_WIDTH = 1200;
export const REGION_HEIGHT = 820;
export const REGION_GAP = 60;
export const REGION_HEADER = 110;
export const CARD_WIDTH = 220;
export const CARD_HEIGHT = 96;
export const ITEM_WIDTH = 260;
export const ITEM_HEIGHT = 104;

export interface Region {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function domainRegion(index: number): Region {
  const i = Math.max(0, Math.min(3, index));
  return {
    index: i,
    x: (i % 2) * (REGION_WIDTH + REGION_GAP),
    y: Math.floor(i / 2) * (REGION_HEIGHT + REGION_GAP),
    width: REGION_WIDTH,
    height: REGION_HEIGHT,
  };
}

/** Index (0–3) of the region containing a point, or of the nearest region when it is in a gap or outside. */
export function regionIndexAt(p: Position): number {
  let best = 0;
  let bestDist = Infinity;
  for (let i = 0; i < 4; i++) {
    const r = domainRegion(i);
    const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
    const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
    const d = dx * dx + dy * dy;
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  }
  return best;
}

/** How many distinct slots a region has for an entry of a kind, before they repeat a little offset. */
function slotLayout(region: Region, kind: 'card' | 'item') {
  const pad = 28;
  if (kind === 'item') {
    const perCol = Math.floor((region.height - REGION_HEADER - pad) / (ITEM_HEIGHT + 20));
    return { pad, perCol, count: 2 * perCol };
  }
  const cols = 3;
  return { pad, cols, count: cols * Math.floor((region.height - REGION_HEADER - pad) / (CARD_HEIGHT + 18)) };
}

/**
 * The n-th slot for a new entry in a region: cards fill a grid on the left two-thirds, plan items
 * a column on the right; past the last slot they start again, a little offset.
 */
export function slotPosition(region: Region, kind: 'card' | 'item', n: number): Position {
  const layout = slotLayout(region, kind);
  const { pad } = layout;
  if (kind === 'item') {
    const perCol = layout.perCol!;
    const col = Math.floor(n / perCol) % 2;
    const row = n % perCol;
    return { x: region.x + region.width - pad - ITEM_WIDTH - col * (ITEM_WIDTH + 20), y: region.y + REGION_HEADER + row * (ITEM_HEIGHT + 20) };
  }
  const cols = layout.cols!;
  const k = n % layout.count;
  const wrap = Math.floor(n / layout.count);
  return {
    x: region.x + pad + (k % cols) * (CARD_WIDTH + 18) + wrap * 12,
    y: region.y + REGION_HEADER + Math.floor(k / cols) * (CARD_HEIGHT + 18) + wrap * 12,
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const entrySize = (kind: 'card' | 'item') => (kind === 'card' ? { width: CARD_WIDTH, height: CARD_HEIGHT } : { width: ITEM_WIDTH, height: ITEM_HEIGHT });

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where a new entry goes in a region: the first slot that overlaps nothing already on the board.
 * Entries are moved freely, so counting them is not enough (a card dragged onto a slot would be
 * covered by the next new one). When every slot is covered, the slot after the `taken`-th.
 */
export function firstFreeSlot(region: Region, kind: 'card' | 'item', occupied: readonly Rect[], taken: number): Position {
  const size = entrySize(kind);
  const { count } = slotLayout(region, kind);
  for (let n = 0; n < count; n++) {
    const p = slotPosition(region, kind, n);
    if (!occupied.some((r) => overlaps({ ...p, ...size }, r))) return p;
  }
  return slotPosition(region, kind, taken);
}
