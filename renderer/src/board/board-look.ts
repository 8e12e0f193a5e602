// How the board looks at the zoom it is shown at, for the board itself and for the presentation's
// view of it: the card and region sizes from the shared geometry, and semantic zoom (below
// FAR_ZOOM, cards show only their words, larger).
import { useMemo, type CSSProperties } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';
import { CARD_WIDTH, CARD_HEIGHT, ITEM_WIDTH, ITEM_HEIGHT, REGION_HEADER, REGION_PAD } from '../../../shared/doc/board-geometry';

/**
 * Below this zoom, cards show only their words, larger, and focus rings get thicker (see
 * cards.css): at 0.85 a card's ordinary 14.5 px text is about 12 px on screen, the least that reads
 * well from a seat in the room, so from there down the words grow instead of shrinking.
 */
export const FAR_ZOOM = 0.85;

// Sizes from the shared board geometry, so the CSS can never drift from the slot layout.
const geometryStyle = {
  '--card-w': `${CARD_WIDTH}px`,
  '--card-h': `${CARD_HEIGHT}px`,
  '--item-w': `${ITEM_WIDTH}px`,
  '--item-h': `${ITEM_HEIGHT}px`,
  '--region-header': `${REGION_HEADER}px`,
  '--region-pad': `${REGION_PAD}px`,
} as CSSProperties;

const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
/** On-screen height, in px, that zoomed-out card words keep (a seat at the back of the room). */
const FAR_TEXT_ON_SCREEN = 13;
/** The height a zoomed-out card's face leaves its words (cards.css: the card less its border and padding), and their line height. */
const FAR_TEXT_ROOM = CARD_HEIGHT - 20;
const FAR_LINE_HEIGHT = 1.1;
/**
 * The font size zoomed-out card words get: large enough that font size times zoom stays at
 * FAR_TEXT_ON_SCREEN, within 22-30 px, in whole pixels (so zooming re-renders the board only
 * when the size steps, not on every frame).
 */
const farTextPx = (s: ReactFlowState) => (s.transform[2] < FAR_ZOOM ? Math.min(30, Math.max(22, Math.ceil(FAR_TEXT_ON_SCREEN / s.transform[2]))) : 22);

/** Call inside a React Flow provider: whether the board is zoomed out, and the style it needs. */
export function useBoardLook(): { far: boolean; style: CSSProperties } {
  const far = useStore(isFar);
  const farText = useStore(farTextPx);
  // As many whole lines as a card's face holds at that size, so no line shows cut in half.
  const farLines = Math.max(2, Math.floor(FAR_TEXT_ROOM / (farText * FAR_LINE_HEIGHT)));
  const style = useMemo(() => ({ ...geometryStyle, '--far-card-text': `${farText}px`, '--far-card-lines': farLines }) as CSSProperties, [farText, farLines]);
  return { far, style };
}
