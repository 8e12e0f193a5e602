// Flows paragraphs of text into fixed boxes on fixed-size slides. PowerPoint does not tell us
// how tall text will be, so heights are estimated conservatively from character counts: a
// box is always at least as tall as its text, and long content moves to the next slide
// instead of shrinking below a readable size.

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  colour?: string;
}

export interface Para {
  runs: Run[];
  /** font size in points */
  size: number;
  /** keep on the same column as the next paragraph (headings) */
  keepWithNext?: boolean;
}

/** Paragraphs that belong together (one plan item, one lens); drawn as one box. */
export interface Group {
  paras: Para[];
  /** colour of a bar down the box's left edge */
  bar?: string;
  fill?: string;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  group: Group;
}

export interface Column {
  x: number;
  w: number;
}

/** Inches per point. */
const PT = 1 / 72;
/** Inner margin of a text box, points (each side). */
export const BOX_MARGIN_PT = 5;
/** Average glyph width as a fraction of the font size: Arial's mixed-case text measures about 0.47, so this errs towards more lines. */
const GLYPH = 0.52;
/** Single line spacing is about 1.17 of the font size in PowerPoint and LibreOffice. */
const LINE = 1.22;
const PARA_GAP_PT = 4;
const GROUP_GAP = 0.14;
const BAR_W = 0.08;

const paraText = (p: Para) => p.runs.map((r) => r.text).join('');

/** Width available to text inside a box of outer width w (inches). */
function innerWidth(w: number, group: Group): number {
  return w - 2 * BOX_MARGIN_PT * PT - (group.bar ? BAR_W : 0);
}

/** Lines a paragraph wraps to at a width, greedy by words as a text engine does. */
export function wrapLines(text: string, size: number, widthIn: number): string[] {
  const perLine = Math.max(8, Math.floor(widthIn / PT / (size * GLYPH)));
  const out: string[] = [];
  for (const hard of text.split('\n')) {
    let line = '';
    for (const word of hard.split(/\s+/).filter(Boolean)) {
      // A word longer than a line (a URL) is cut, as PowerPoint would break it.
      for (let w = word; w.length;) {
        const room = line ? perLine - line.length - 1 : perLine;
        if (w.length <= room) {
          line = line ? `${line} ${w}` : w;
          w = '';
        } else if (line) {
          out.push(line);
          line = '';
        } else {
          out.push(w.slice(0, perLine));
          w = w.slice(perLine);
        }
      }
    }
    out.push(line);
  }
  return out;
}

export function paraHeight(p: Para, widthIn: number): number {
  return (wrapLines(paraText(p), p.size, widthIn).length * p.size * LINE + PARA_GAP_PT) * PT;
}

export function groupHeight(g: Group, w: number): number {
  const iw = innerWidth(w, g);
  return g.paras.reduce((h, p) => h + paraHeight(p, iw), 2 * BOX_MARGIN_PT * PT);
}

/** Splits one paragraph so its first part fits in `room` inches; null when not even a line fits. */
function splitPara(p: Para, widthIn: number, room: number): [Para, Para] | null {
  const lineH = p.size * LINE * PT;
  const fit = Math.floor((room - PARA_GAP_PT * PT) / lineH);
  if (fit < 1) return null;
  // Splitting keeps the runs' look by giving each half the style of the first run.
  const style = { ...p.runs[0], text: '' };
  const lines = wrapLines(paraText(p), p.size, widthIn);
  if (lines.length <= fit) return null;
  return [
    { ...p, runs: [{ ...style, text: lines.slice(0, fit).join(' ') }] },
    { ...p, runs: [{ ...style, text: lines.slice(fit).join(' ') }] },
  ];
}

export interface FlowArea {
  columns: Column[];
  top: number;
  bottom: number;
  /** top of the first page, when the first page carries something above the flow */
  firstTop?: number;
}

/**
 * Places groups into columns, column by column, page by page. A group that does not fit the
 * rest of a column moves on whole when it would fit an empty column, and is split between
 * paragraphs (or inside a very long paragraph) when it would not.
 */
export function flow(groups: readonly Group[], area: FlowArea): Box[][] {
  const pages: Box[][] = [[]];
  let col = 0;
  let y = area.firstTop ?? area.top;
  const nextColumn = () => {
    col++;
    if (col >= area.columns.length) {
      col = 0;
      pages.push([]);
    }
    y = area.top;
  };
  const columnHeight = () => area.bottom - area.top;
  const queue = groups.map((g) => ({ ...g, paras: [...g.paras] }));
  while (queue.length) {
    const g = queue.shift()!;
    if (!g.paras.length) continue;
    const c = area.columns[col]!;
    const h = groupHeight(g, c.w);
    const room = area.bottom - y;
    if (h <= room) {
      pages[pages.length - 1]!.push({ x: c.x, y, w: c.w, h, group: g });
      y += h + GROUP_GAP;
      continue;
    }
    const atTop = y <= area.top + 1e-6;
    if (h <= columnHeight() && !atTop) {
      nextColumn();
      queue.unshift(g);
      continue;
    }
    // Too tall for any column: take as many paragraphs as fit here, the rest goes on.
    const iw = innerWidth(c.w, g);
    let used = 2 * BOX_MARGIN_PT * PT;
    const here: Para[] = [];
    const rest = [...g.paras];
    while (rest.length) {
      const p = rest[0]!;
      const ph = paraHeight(p, iw);
      if (used + ph <= room) {
        here.push(rest.shift()!);
        used += ph;
        continue;
      }
      const parts = splitPara(p, iw, room - used);
      if (parts) {
        here.push(parts[0]);
        rest[0] = parts[1];
      }
      break;
    }
    // A heading left alone at the foot of a column goes with what it introduces.
    while (here.length && here[here.length - 1]!.keepWithNext) rest.unshift(here.pop()!);
    if (!here.length) {
      if (atTop) throw new Error('A paragraph is too large for an empty slide');
      nextColumn();
      queue.unshift(g);
      continue;
    }
    pages[pages.length - 1]!.push({ x: c.x, y, w: c.w, h: groupHeight({ ...g, paras: here }, c.w), group: { ...g, paras: here } });
    queue.unshift({ ...g, paras: rest });
    nextColumn();
  }
  if (pages.length > 1 && !pages[pages.length - 1]!.length) pages.pop();
  return pages;
}
