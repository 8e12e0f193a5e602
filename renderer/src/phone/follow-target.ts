// Which domain someone is looking at on the board, so a phone following them can show that
// domain's cards. The board shares only its transform (not its size), so the centre of view is
// estimated for a typical laptop board area; the nearest region wins, which is what matters.
// Regions are where the board shows them (each as large as what it holds), from the same doc.
import { shownRegionIndexAt, type BoardLayout } from '../../../shared/doc/board-geometry';

/** a laptop's board area at the default layout, in screen pixels */
const TYPICAL_BOARD = { width: 860, height: 540 };

export function domainIndexInView(viewport: { x: number; y: number; zoom: number }, layout: BoardLayout): number {
  const zoom = viewport.zoom > 0 ? viewport.zoom : 1;
  const centre = {
    x: (TYPICAL_BOARD.width / 2 - viewport.x) / zoom,
    y: (TYPICAL_BOARD.height / 2 - viewport.y) / zoom,
  };
  return shownRegionIndexAt(layout, centre);
}

/** The presentation's steps are the four domains first; a later step (the plan) has no domain. */
export function domainIndexOfStep(step: number, domainCount: number): number | null {
  return step >= 0 && step < domainCount ? step : null;
}
