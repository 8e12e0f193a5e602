// A PNG of the whole board as it reads: framed on the domains as shown (each as large as what it
// holds), with every card's words whole and nothing of the screen's controls, selection or link
// dots (the board carries `is-exporting` while it is drawn; see board-export.css).
import { toPng } from 'html-to-image';
import type { Rect } from '../../../shared/doc/board-geometry';

const PAD = 40;
export const BOARD_IMAGE_WIDTH = 2000;

/** Not part of the plan: other people's cursors, buttons on the board, the link dots. */
const leftOut = (node: Node) =>
  node instanceof HTMLElement && (node.classList.contains('remote-cursor') || node.tagName === 'BUTTON' || node.classList.contains('react-flow__handle'));

export async function boardPng(bounds: Rect): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const board = viewport?.closest<HTMLElement>('.board');
  if (!viewport || !board) throw new Error('The board is not on screen.');
  const boardW = bounds.width + 2 * PAD;
  const boardH = bounds.height + 2 * PAD;
  const scale = BOARD_IMAGE_WIDTH / boardW;
  const height = Math.round(boardH * scale);
  board.classList.add('is-exporting');
  try {
    return await toPng(viewport, {
      backgroundColor: '#eef2f6',
      width: BOARD_IMAGE_WIDTH,
      height,
      pixelRatio: 1,
      style: {
        width: `${BOARD_IMAGE_WIDTH}px`,
        height: `${height}px`,
        transform: `translate(${(PAD - bounds.x) * scale}px, ${(PAD - bounds.y) * scale}px) scale(${scale})`,
      },
      filter: (node) => !leftOut(node),
    });
  } finally {
    board.classList.remove('is-exporting');
  }
}
