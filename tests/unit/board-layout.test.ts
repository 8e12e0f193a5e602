// The board as shown: each domain as large as what it holds, entries moved with their domain, and
// a shown point mapped back to where it is stored.
import { describe, it, expect } from 'vitest';
import {
  boardLayout,
  cellPosition,
  domainRegion,
  shownPosition,
  shownRegionIndexAt,
  storedPosition,
  tidyPositions,
  firstFreeSlot,
  entrySize,
  gridColumns,
  CARD_WIDTH,
  CARD_HEIGHT,
  REGION_WIDTH,
} from '../../shared/doc/board-geometry';

const card = (domainIndex: number, k: number, cols = 3) => ({
  domainIndex,
  ...cellPosition(domainRegion(domainIndex), k, cols),
  width: CARD_WIDTH,
  height: CARD_HEIGHT,
});
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('boardLayout', () => {
  it('draws a domain as large as its entries need, far smaller than its stored region', () => {
    const layout = boardLayout([card(0, 0), card(0, 1), card(0, 2), card(0, 3)]);
    const r = layout.regions[0]!;
    expect(r.width).toBeLessThan(REGION_WIDTH);
    // Every entry is shown inside its domain.
    for (const k of [0, 1, 2, 3]) {
      const p = shownPosition(layout, 0, cellPosition(domainRegion(0), k, 3));
      expect(p.x).toBeGreaterThanOrEqual(r.x);
      expect(p.y).toBeGreaterThan(r.y);
      expect(p.x + CARD_WIDTH).toBeLessThanOrEqual(r.x + r.width);
      expect(p.y + CARD_HEIGHT).toBeLessThanOrEqual(r.y + r.height);
    }
  });
  it('grows a domain and moves its neighbours, never overlapping them', () => {
    const small = boardLayout([card(0, 0), card(1, 0)]);
    const big = boardLayout([card(0, 0), ...Array.from({ length: 12 }, (_, k) => card(0, k, 4)), card(1, 0)]);
    expect(big.regions[0]!.width).toBeGreaterThan(small.regions[0]!.width);
    expect(big.regions[1]!.x).toBeGreaterThan(small.regions[1]!.x);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(overlap(big.regions[i]!, big.regions[j]!)).toBe(false);
  });
  it('maps a shown point back to where it is stored, in the domain it lands in', () => {
    const layout = boardLayout([card(0, 0), card(3, 4)]);
    const shown = shownPosition(layout, 3, cellPosition(domainRegion(3), 4, 3));
    expect(shownRegionIndexAt(layout, { x: shown.x + 10, y: shown.y + 10 })).toBe(3);
    expect(storedPosition(layout, 3, shown)).toEqual(cellPosition(domainRegion(3), 4, 3));
  });
});

describe('tidyPositions', () => {
  it('groups cards by lens in framework order, then the interventions, in an about-square grid', () => {
    const entries = [
      { id: 'i', group: 'item', createdAt: 0 },
      { id: 'pl', group: 'place', createdAt: 1 },
      { id: 'pe', group: 'people', createdAt: 2 },
      { id: 'pr', group: 'priority', createdAt: 3 },
      { id: 'pu', group: 'purpose', createdAt: 4 },
    ];
    const at = tidyPositions(domainRegion(1), entries, ['people', 'priority', 'place', 'purpose']);
    const cols = gridColumns(5);
    expect(cols).toBe(3);
    expect(['pe', 'pr', 'pl', 'pu', 'i'].map((id) => at.get(id))).toEqual([0, 1, 2, 3, 4].map((k) => cellPosition(domainRegion(1), k, cols)));
  });
});

describe('firstFreeSlot', () => {
  it('puts a new card in the first cell nothing covers', () => {
    const region = domainRegion(2);
    const taken = [0, 1, 3].map((k) => ({ ...cellPosition(region, k, 2), ...entrySize('card') }));
    expect(firstFreeSlot(region, 'card', taken, 3)).toEqual(cellPosition(region, 2, 2));
  });
});
