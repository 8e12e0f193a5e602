// A PNG of the whole board. The board's extent is fixed (four regions), so the image is framed
// on the regions rather than on whatever happens to be in view.
import { toPng } from 'html-to-image';
import { REGION_WIDTH, REGION_HEIGHT, REGION_GAP } from '../../../shared/doc/board-geometry';

const PAD = 40;
export const BOARD_IMAGE_WIDTH = 2000;

export async function boardPng(): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The board is not on screen.');
  const boardW = 2 * REGION_WIDTH + REGION_GAP + 2 * PAD;
  const boardH = 2 * REGION_HEIGHT + REGION_GAP + 2 * PAD;
  const scale = BOARD_IMAGE_WIDTH / boardW;
  const height = Math.round(boardH * scale);
  return toPng(viewport, {
    backgroundColor: '#eef2f6',
    width: BOARD_IMAGE_WIDTH,
    height,
    pixelRatio: 1,
    style: { width: `${BOARD_IMAGE_WIDTH}px`, height: `${height}px`, transform: `translate(${PAD * scale}px, ${PAD * scale}px) scale(${scale})` },
    // Other people's cursors are not part of the plan.
    filter: (node) => !(node instanceof HTMLElement && node.classList.contains('remote-cursor')),
  });
}
