// A phone following someone shows the domain in the middle of their board.
import { describe, it, expect } from 'vitest';
import { domainIndexInView, domainIndexOfStep } from './follow-target';
import { boardLayout, contentOrigin, domainRegion, CARD_WIDTH, CARD_HEIGHT } from '../../../shared/doc/board-geometry';

// A board where one domain holds many cards, so the shown regions differ in size.
const layout = boardLayout(
  Array.from({ length: 12 }, (_, k) => ({
    domainIndex: 1,
    ...contentOrigin(domainRegion(1)),
    x: contentOrigin(domainRegion(1)).x + (k % 4) * 240,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
  })),
);

/** The transform a board of 860x540 has when it centres a point at a zoom. */
const centredOn = (x: number, y: number, zoom: number) => ({ x: 430 - x * zoom, y: 270 - y * zoom, zoom });

describe('domainIndexInView', () => {
  it('finds each domain when a board is centred on it, at any zoom', () => {
    for (let i = 0; i < 4; i++) {
      const r = layout.regions[i]!;
      for (const zoom of [0.2, 0.6, 1.5]) expect(domainIndexInView(centredOn(r.x + r.width / 2, r.y + r.height / 2, zoom), layout)).toBe(i);
    }
  });
  it('picks the nearest domain when the view is off the board, and survives a zero zoom', () => {
    expect(domainIndexInView(centredOn(-5000, -5000, 1), layout)).toBe(0);
    expect(domainIndexInView(centredOn(9000, 9000, 1), layout)).toBe(3);
    expect(domainIndexInView({ x: 0, y: 0, zoom: 0 }, layout)).toBeGreaterThanOrEqual(0);
  });
});

describe('domainIndexOfStep', () => {
  it('maps the presentation’s first steps to domains and the rest to none', () => {
    expect(domainIndexOfStep(0, 4)).toBe(0);
    expect(domainIndexOfStep(3, 4)).toBe(3);
    expect(domainIndexOfStep(4, 4)).toBeNull();
    expect(domainIndexOfStep(-1, 4)).toBeNull();
  });
});
