// Where things sit on the board. The four domains are fixed regions in a 2×2 grid, in
// framework order; a card's domain is the region its position falls in.
import type { Position } from './layout';

// Stored positions live in a fixed frame: each domain owns a large canonical region (below), so a
// position stays meaningful whatever else is on the board. What the board *shows* is laid out
// from what each domain holds (see boardLayout): a domain is drawn as large as its entries need,
// and its entries are shifted with it, so fitting the board fills the screen with cards rather
// than with empty regions.
export const REGION_WIDTH = 1200;
export const REGION_HEIGHT = 820;
export const REGION_GAP = 60;
/** the band at the top of a shown domain that holds its name and counts */
export const REGION_HEADER = 64;
/** room between a shown domain's edge and its entries */
export const REGION_PAD = 16;
/** room between two shown domains */
export const SHOWN_GAP = 24;
// Cards and plan items share one cell size, so a domain's tidy grid holds either.
export const CARD_WIDTH = 224;
export const CARD_HEIGHT = 116;
export const ITEM_WIDTH = 224;
export const ITEM_HEIGHT = 116;
export const CELL_GAP = 12;

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

/** Index of the rectangle containing a point, or of the nearest one when it is in a gap or outside. */
function nearestIndex(rects: readonly Rect[], p: Position): number {
  let best = 0;
  let bestDist = Infinity;
  rects.forEach((r, i) => {
    const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
    const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
    const d = dx * dx + dy * dy;
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  });
  return best;
}

const canonicalRegions = [0, 1, 2, 3].map(domainRegion);
/** Index (0–3) of the stored region containing a point, or of the nearest one. */
export const regionIndexAt = (p: Position): number => nearestIndex(canonicalRegions, p);

/** Where a domain's entries start inside its canonical region (the first cell of its grid). */
export const contentOrigin = (region: Region): Position => ({ x: region.x + REGION_PAD, y: region.y + REGION_HEADER });

/** How many columns a domain's tidy grid has for n entries: about square, never narrower than two. */
export const gridColumns = (n: number) => Math.max(2, Math.min(8, Math.ceil(Math.sqrt(n))));

/** The position of cell k in a grid of `cols` columns in a region. */
export function cellPosition(region: Region, k: number, cols: number): Position {
  const o = contentOrigin(region);
  return { x: o.x + (k % cols) * (CARD_WIDTH + CELL_GAP), y: o.y + Math.floor(k / cols) * (CARD_HEIGHT + CELL_GAP) };
}

/**
 * The n-th slot for a new entry in a region (cards and items alike): a grid three cells wide.
 * Templates laid out on the host use it; the board itself places new entries with firstFreeSlot.
 */
export function slotPosition(region: Region, _kind: 'card' | 'item', n: number): Position {
  return cellPosition(region, n, 3);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const entrySize = (kind: 'card' | 'item') => (kind === 'card' ? { width: CARD_WIDTH, height: CARD_HEIGHT } : { width: ITEM_WIDTH, height: ITEM_HEIGHT });

/** Whether two rectangles share any area (touching edges do not count). */
export const rectsOverlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlaps = rectsOverlap;

/**
 * Where a new entry goes in a region: the first cell of the domain's tidy grid (sized for what it
 * will hold) that overlaps nothing already there. Entries are moved freely, so counting them is
 * not enough (a card dragged onto a cell would be covered by the next new one).
 */
export function firstFreeSlot(region: Region, kind: 'card' | 'item', occupied: readonly Rect[], taken: number): Position {
  const size = entrySize(kind);
  const inRegion = occupied.filter((r) => overlaps(r, region));
  const cols = gridColumns(Math.max(taken, inRegion.length) + 1);
  for (let k = 0; k < inRegion.length + 1 + cols; k++) {
    const p = cellPosition(region, k, cols);
    if (!inRegion.some((r) => overlaps({ ...p, ...size }, r))) return p;
  }
  return cellPosition(region, inRegion.length, cols);
}

/** An entry as the tidy arrangement sees it: cards are grouped by lens, plan items come last. */
export interface TidyEntry {
  id: string;
  /** the lens of a card, or 'item' for a plan item */
  group: string;
  createdAt: number;
}

/**
 * A tidy arrangement of one domain's entries: a grid about as wide as it is tall, cards grouped
 * by lens in the framework's order (people, priority, place, purpose), then the interventions.
 */
export function tidyPositions(region: Region, entries: readonly TidyEntry[], lensOrder: readonly string[]): Map<string, Position> {
  const rank = (g: string) => (g === 'item' ? lensOrder.length : Math.max(0, lensOrder.indexOf(g)));
  const sorted = [...entries].sort((a, b) => rank(a.group) - rank(b.group) || a.createdAt - b.createdAt);
  const cols = gridColumns(sorted.length);
  return new Map(sorted.map((e, k) => [e.id, cellPosition(region, k, cols)]));
}

/** An entry as the shown layout needs it: its domain's index and its stored box. */
export interface PlacedEntry {
  domainIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the board shows: each domain's rectangle, and how far its entries move from where they are stored. */
export interface BoardLayout {
  regions: readonly Rect[];
  offsets: readonly Position[];
  /** the whole board (every shown domain) */
  bounds: Rect;
}

/** A domain with nothing in it still shows its name and room for a row of two cards. */
const MIN_CONTENT = { width: 2 * CARD_WIDTH + CELL_GAP, height: CARD_HEIGHT };

/**
 * Lays the four domains out from what they hold: a 2×2 grid whose columns are as wide, and rows
 * as tall, as the largest domain in them needs (so the grid stays square-cornered), each domain
 * drawn over its whole cell. An entry is shown at its stored position moved by its domain's
 * offset, so moving it within its domain, or a domain growing, never rewrites another's position.
 */
export function boardLayout(entries: Iterable<PlacedEntry>): BoardLayout {
  const ext = [0, 1, 2, 3].map(() => ({ minX: 0, minY: 0, maxX: MIN_CONTENT.width, maxY: MIN_CONTENT.height }));
  for (const e of entries) {
    const i = Math.max(0, Math.min(3, e.domainIndex));
    const o = contentOrigin(domainRegion(i));
    const x = e.x - o.x;
    const y = e.y - o.y;
    const d = ext[i]!;
    // Whole pixels: a dropped entry's position is fractional, and a fractional offset would put
    // every other entry of its domain between pixels (blurred words, positions that drift).
    if (x < d.minX) d.minX = Math.floor(x);
    if (y < d.minY) d.minY = Math.floor(y);
    if (x + e.width > d.maxX) d.maxX = Math.ceil(x + e.width);
    if (y + e.height > d.maxY) d.maxY = Math.ceil(y + e.height);
  }
  const need = ext.map((d) => ({ width: d.maxX - d.minX + 2 * REGION_PAD, height: REGION_HEADER + d.maxY - d.minY + REGION_PAD }));
  const colW = [Math.max(need[0]!.width, need[2]!.width), Math.max(need[1]!.width, need[3]!.width)];
  const rowH = [Math.max(need[0]!.height, need[1]!.height), Math.max(need[2]!.height, need[3]!.height)];
  const regions: Rect[] = [];
  const offsets: Position[] = [];
  for (let i = 0; i < 4; i++) {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = col === 0 ? 0 : colW[0]! + SHOWN_GAP;
    const y = row === 0 ? 0 : rowH[0]! + SHOWN_GAP;
    regions.push({ x, y, width: colW[col]!, height: rowH[row]! });
    const o = contentOrigin(domainRegion(i));
    offsets.push({ x: x + REGION_PAD - ext[i]!.minX - o.x, y: y + REGION_HEADER - ext[i]!.minY - o.y });
  }
  return { regions, offsets, bounds: { x: 0, y: 0, width: colW[0]! + SHOWN_GAP + colW[1]!, height: rowH[0]! + SHOWN_GAP + rowH[1]! } };
}

/** Index (0–3) of the shown domain containing a point, or of the nearest one when it is in a gap or outside. */
export const shownRegionIndexAt = (layout: BoardLayout, p: Position): number => nearestIndex(layout.regions, p);

/** Where an entry is shown, from where it is stored. */
export const shownPosition = (layout: BoardLayout, domainIndex: number, p: Position): Position => {
  const o = layout.offsets[Math.max(0, Math.min(3, domainIndex))]!;
  return { x: p.x + o.x, y: p.y + o.y };
};
/** Where an entry shown at a point is stored, once it belongs to a domain (in whole pixels). */
export const storedPosition = (layout: BoardLayout, domainIndex: number, p: Position): Position => {
  const o = layout.offsets[Math.max(0, Math.min(3, domainIndex))]!;
  return { x: Math.round(p.x - o.x), y: Math.round(p.y - o.y) };
};
