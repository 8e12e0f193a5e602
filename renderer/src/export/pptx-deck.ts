// Writes the deck outline as an editable PowerPoint file with pptxgenjs: every word is a text
// box (never a picture of text) so a consultant can edit the deck before the board meets.
import PptxGenJS from 'pptxgenjs';
import type { FrameworkIndex } from '../../../shared/framework/load';
import type { WorkshopMeta } from '../../../shared/doc/layout';
import type { PlanContent } from '../../../shared/export/plan-rows';
import { deckOutline, SLIDE_W, SLIDE_H, MIN_PT, type SlideSpec } from '../../../shared/export/deck-outline';
import { BOX_MARGIN_PT, type Box } from '../../../shared/export/text-flow';
import { exportColours } from '../../../shared/export/palette';

const FONT = 'Arial';

export async function buildPptxDeck(fw: FrameworkIndex, meta: WorkshopMeta, content: PlanContent): Promise<Blob> {
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: 'SLC_WIDE', width: SLIDE_W, height: SLIDE_H });
  pptx.layout = 'SLC_WIDE';
  pptx.title = meta.title;
  pptx.subject = 'Systems leadership development plan';
  pptx.company = fw.framework.publisher;
  const outline = deckOutline(fw, meta, content);
  outline.forEach((spec, i) => drawSlide(pptx, spec, meta, i + 1, outline.length));
  const out = await pptx.write({ outputType: 'blob' });
  return out as Blob;
}

function drawSlide(pptx: PptxGenJS, spec: SlideSpec, meta: WorkshopMeta, n: number, total: number): void {
  const slide = pptx.addSlide();
  if (spec.kind === 'title' && n === 1) {
    slide.background = { color: exportColours.nhsDark };
    slide.addText(spec.heading.toUpperCase(), {
      x: 0.8,
      y: 0.9,
      w: SLIDE_W - 1.6,
      h: 0.5,
      fontFace: FONT,
      fontSize: 16,
      bold: true,
      color: 'B9CCE8',
      margin: 0,
    });
    slide.addText(spec.subheading, { x: 0.8, y: SLIDE_H - 0.9, w: SLIDE_W - 1.6, h: 0.45, fontFace: FONT, fontSize: MIN_PT, color: 'B9CCE8', margin: 0 });
  } else {
    slide.background = { color: 'FFFFFF' };
    slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: SLIDE_W, h: 0.14, fill: { color: spec.accent }, line: { color: spec.accent } });
    slide.addText(spec.heading, {
      x: 0.5,
      y: 0.3,
      w: SLIDE_W - 1,
      h: 0.6,
      fontFace: FONT,
      fontSize: 28,
      bold: true,
      color: spec.accent,
      margin: 0,
      fit: 'none',
    });
    if (spec.subheading)
      slide.addText(spec.subheading, {
        x: 0.5,
        y: 0.88,
        w: SLIDE_W - 1,
        h: spec.subheadingH,
        fontFace: FONT,
        fontSize: MIN_PT,
        color: exportColours.muted,
        margin: [0, 0, 0, 0],
        fit: 'none',
      });
    slide.addText(`${meta.title} · ${n} of ${total}`, {
      x: 0.5,
      y: SLIDE_H - 0.45,
      w: SLIDE_W - 1,
      h: 0.3,
      fontFace: FONT,
      fontSize: MIN_PT,
      color: exportColours.muted,
      align: 'right',
      margin: 0,
    });
  }
  for (const t of spec.tiles) {
    slide.addShape(pptx.ShapeType.rect, { x: t.x, y: t.y, w: t.w, h: t.h, fill: { color: t.fill }, line: { color: t.fill } });
    slide.addText(
      [
        { text: t.big, options: { fontSize: 32, bold: true, color: 'FFFFFF', breakLine: true } },
        { text: t.small, options: { fontSize: MIN_PT + 1, color: 'FFFFFF' } },
      ],
      { x: t.x, y: t.y, w: t.w, h: t.h, fontFace: FONT, margin: 6, valign: 'middle', align: 'center', fit: 'none' },
    );
  }
  for (const b of spec.boxes) drawBox(pptx, slide, b);
}

function drawBox(pptx: PptxGenJS, slide: PptxGenJS.Slide, b: Box): void {
  const barW = b.group.bar ? 0.08 : 0;
  if (b.group.fill) slide.addShape(pptx.ShapeType.rect, { x: b.x, y: b.y, w: b.w, h: b.h, fill: { color: b.group.fill }, line: { color: b.group.fill } });
  if (b.group.bar) slide.addShape(pptx.ShapeType.rect, { x: b.x, y: b.y, w: barW, h: b.h, fill: { color: b.group.bar }, line: { color: b.group.bar } });
  const runs: PptxGenJS.TextProps[] = [];
  b.group.paras.forEach((para, pi) =>
    para.runs.forEach((r, ri) =>
      runs.push({
        text: r.text,
        options: {
          fontSize: para.size,
          bold: r.bold,
          italic: r.italic,
          color: r.colour ?? exportColours.ink,
          paraSpaceAfter: 4,
          breakLine: ri === para.runs.length - 1 && pi < b.group.paras.length - 1,
        },
      }),
    ),
  );
  slide.addText(runs, {
    x: b.x + barW,
    y: b.y,
    w: b.w - barW,
    h: b.h,
    fontFace: FONT,
    margin: BOX_MARGIN_PT,
    valign: 'top',
    fit: 'none',
    lineSpacingMultiple: 1.0,
  });
}
