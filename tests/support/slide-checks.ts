// What every slide of the deck must hold to, whatever is on it: each box inside the slide (above
// its footer) and no type smaller than the deck's minimum.
import { expect } from 'vitest';
import { SLIDE_W, SLIDE_H, MIN_PT, type deckOutline } from '../../shared/export/deck-outline';

export function expectInside(slides: ReturnType<typeof deckOutline>): void {
  for (const s of slides) {
    for (const b of [...s.boxes, ...s.tiles]) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(SLIDE_W);
      expect(b.y + b.h).toBeLessThanOrEqual(SLIDE_H - 0.5);
    }
    for (const b of s.boxes) for (const p of b.group.paras) expect(p.size).toBeGreaterThanOrEqual(MIN_PT);
  }
}
