// The PDF report a consultant takes to a system's leaders: cover, the board, each domain,
// each table where there are tables, the plan with criteria, delivery and evaluation, and who
// takes part. Text stays selectable.
import { readableDate } from '../../../shared/dates';
import { plural, statusLabel, dateSpan, unlinkedCards } from '../../../shared/wording';
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { FrameworkIndex } from '../../../shared/framework/load';
import type { WorkshopMeta, CardView, PlanItemView } from '../../../shared/doc/layout';
import { planHealth } from '../../../shared/doc/plan-health';
import { planTable, type PlanContent } from '../../../shared/export/plan-rows';
import { exportColours, hexToRgb } from '../../../shared/export/palette';

/** White on every coloured table header: dark ink on NHS blue or a domain's colour is about 3:1, white is 4.5:1 or more. */
const HEAD_TEXT = hexToRgb(exportColours.tableHeadText);
import { followUpExport, evaluationFrameworkPointer } from '../../../shared/export/follow-up-rows';
import { tableSections, tableLabel, lensName, type TableSection } from '../../../shared/export/table-sections';

export type Progress = (step: string, fraction: number) => void;

const NHS_BLUE = hexToRgb(exportColours.nhsBlue);
const NHS_DARK = hexToRgb(exportColours.nhsDark);
const INK = hexToRgb(exportColours.ink);
const MUTED = hexToRgb(exportColours.muted);
const DOMAIN_RGB = exportColours.domains.map(hexToRgb);

/** Gives the browser a moment to paint the progress bar between heavy steps. */
const breathe = () => new Promise((r) => setTimeout(r, 0));

export async function buildPdfReport(
  fw: FrameworkIndex,
  meta: WorkshopMeta,
  content: PlanContent,
  boardPng: string | null,
  progress: Progress = () => {},
): Promise<Blob> {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true });
  doc.setProperties({ title: meta.title, subject: 'Systems leadership development plan', creator: 'Systems Leadership Canvas' });
  const academy = fw.framework.academies.find((a) => a.id === meta.academyId);
  const health = planHealth(fw, content.cards, content.items, content.links);
  const rows = planTable(fw, content);
  // The domain lists say each entry's table only when the workshop has tables: without, the report is as it was.
  const withTables = !!content.tables?.size;
  const tableOf = (e: CardView | PlanItemView) => (withTables ? [tableLabel(e, content.tables)] : []);

  progress('Cover', 0.05);
  // Cover
  doc.setFillColor(...NHS_DARK);
  doc.rect(0, 0, 210, 70, 'F');
  doc.setTextColor(255, 255, 255);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(11);
  doc.text('SYSTEMS LEADERSHIP DEVELOPMENT PLAN', 20, 24);
  doc.setFontSize(24);
  doc.text(doc.splitTextToSize(meta.title, 170), 20, 38);
  doc.setTextColor(...INK);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(12);
  let y = 90;
  const line = (label: string, value: string) => {
    if (!value) return;
    doc.setFont('helvetica', 'bold');
    doc.text(label, 20, y);
    doc.setFont('helvetica', 'normal');
    const wrapped = doc.splitTextToSize(value, 125);
    doc.text(wrapped, 65, y);
    y += 7 * wrapped.length + 2;
  };
  line('Footprint', meta.footprint);
  line('Date', meta.date ? readableDate(meta.date) : '');
  line('Facilitated by', academy ? `${academy.name} Leadership Academy` : '');
  if (academy) {
    line('Telephone', academy.phones.join(' / '));
    line('Email', academy.email);
    line('Web', academy.web);
  }
  y += 6;
  doc.setDrawColor(214, 222, 231);
  doc.line(20, y, 190, y);
  y += 10;
  doc.setFontSize(12);
  line('On the board', `${plural(content.cards.length, 'Start Anywhere card')}, ${plural(content.items.length, 'planned intervention')}`);
  line('Taking part', `${plural(health.organisations.length, 'organisation')} of ${plural(health.organisationTypes.length, 'type')}`);
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(doc.splitTextToSize(`Built on ${fw.framework.title}, ${fw.framework.publisher}.`, 170), 20, 280);

  await breathe();
  progress('Board image', 0.2);
  if (boardPng) {
    doc.addPage('a4', 'landscape');
    heading(doc, 'The board', 20);
    const props = doc.getImageProperties(boardPng);
    const maxW = 257;
    const maxH = 165;
    const scale = Math.min(maxW / props.width, maxH / props.height);
    doc.addImage(boardPng, 'PNG', 20 + (maxW - props.width * scale) / 2, 30, props.width * scale, props.height * scale, undefined, 'FAST');
  }

  progress('Domains', 0.4);
  for (const [i, d] of fw.framework.domains.entries()) {
    await breathe();
    doc.addPage('a4', 'portrait');
    doc.setFillColor(...DOMAIN_RGB[i]!);
    doc.rect(0, 0, 210, 8, 'F');
    heading(doc, `${i + 1}. ${d.name}`, 24, DOMAIN_RGB[i]);
    doc.setFontSize(10);
    doc.setTextColor(...MUTED);
    const desc = doc.splitTextToSize(d.description.charAt(0).toUpperCase() + d.description.slice(1), 170);
    doc.text(desc, 20, 33);
    let yy = 33 + desc.length * 4.6 + 6;
    const cards = content.cards.filter((c) => c.domainId === d.id);
    const items = content.items.filter((it) => it.domainId === d.id);
    const body: string[][] = [];
    for (const lens of fw.framework.lenses) for (const c of cards.filter((x) => x.kind === lens.id)) body.push([lens.name, c.text, c.author, ...tableOf(c)]);
    if (body.length) {
      autoTable(doc, {
        startY: yy,
        head: [['Lens', 'Card', 'Added by', ...(withTables ? ['Table'] : [])]],
        body,
        theme: 'grid',
        styles: { fontSize: 9, cellPadding: 1.8, textColor: INK },
        headStyles: { textColor: HEAD_TEXT, fillColor: DOMAIN_RGB[i] },
        columnStyles: { 0: { cellWidth: 22 }, 2: { cellWidth: 38 }, 3: { cellWidth: 34 } },
        margin: { left: 20, right: 20 },
      });
      yy = lastY(doc) + 8;
    } else {
      doc.setTextColor(...MUTED);
      doc.text('No cards in this domain.', 20, yy);
      yy += 8;
    }
    autoTable(doc, {
      startY: yy,
      head: [['Planned intervention', 'Status', 'Owner', ...(withTables ? ['Table'] : [])]],
      body: items.length
        ? items.map((it) => [it.title, statusLabel(it.status), it.owner, ...tableOf(it)])
        : [['No intervention planned in this domain yet', '', '', ...(withTables ? [''] : [])]],
      theme: 'striped',
      styles: { fontSize: 9, cellPadding: 1.8, textColor: INK },
      headStyles: { textColor: HEAD_TEXT, fillColor: DOMAIN_RGB[i] },
      margin: { left: 20, right: 20 },
    });
  }

  const sections = tableSections(fw, content);
  if (sections.length) {
    await breathe();
    progress('Tables', 0.55);
    drawTables(doc, fw, sections);
  }

  await breathe();
  progress('Plan', 0.65);
  doc.addPage('a4', 'landscape');
  heading(doc, 'The plan', 20);
  autoTable(doc, {
    startY: 28,
    head: [['Intervention', 'Domain', 'Status', 'Owner', 'Delivery', 'Dates', 'Cost and funding', 'Measures of success', 'Expected impacts', 'Criteria']],
    body: rows.map((r) => [
      r.cells['Intervention']!,
      r.cells['Domain']!,
      r.cells['Votes'] ? `${statusLabel(r.item.status)}\n${plural(r.item.votes?.dots ?? 0, 'vote')}` : statusLabel(r.item.status),
      r.cells['Owner']!,
      [r.cells['Delivery route'], r.cells['Partner']].filter(Boolean).join(', '),
      dateSpan(r.item.start, r.item.end),
      [r.cells['Cost'], r.cells['Funding source']].filter(Boolean).join(', '),
      r.cells[fw.framework.evaluation.fields[0]!.label]!,
      r.cells[fw.framework.evaluation.fields[1]!.label]!,
      `${r.cells['Criteria met']} met` +
        fw.framework.criteria
          .map((c) => r.cells[c.short]!)
          .filter((v) => v.startsWith('Not met'))
          .map((v) => `\n${v}`)
          .join(''),
    ]),
    theme: 'grid',
    styles: { fontSize: 7.5, cellPadding: 1.5, textColor: INK, overflow: 'linebreak' },
    headStyles: { textColor: HEAD_TEXT, fillColor: NHS_BLUE, fontSize: 8 },
    columnStyles: { 0: { cellWidth: 34, fontStyle: 'bold' }, 1: { cellWidth: 26 }, 2: { cellWidth: 16 }, 9: { cellWidth: 40 } },
    margin: { left: 12, right: 12 },
  });

  await breathe();
  progress('Organisations and plan health', 0.85);
  doc.addPage('a4', 'portrait');
  heading(doc, 'Organisations taking part', 20);
  autoTable(doc, {
    startY: 28,
    head: [['Organisation', 'Type', 'Interventions']],
    body: health.organisations.length ? health.organisations.map((o) => [o.name, o.type, String(o.items)]) : [['None recorded yet', '', '']],
    theme: 'striped',
    styles: { fontSize: 9.5, textColor: INK },
    headStyles: { textColor: HEAD_TEXT, fillColor: NHS_BLUE },
    margin: { left: 20, right: 20 },
  });
  let hy = lastY(doc) + 12;
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(14);
  doc.setTextColor(...NHS_DARK);
  doc.text('Plan health', 20, hy);
  hy += 7;
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(10);
  doc.setTextColor(...INK);
  const bullets = [
    `Interventions per domain: ${health.perDomain.map((d) => `${d.name} ${d.interventions}`).join('; ')}.`,
    health.domainsWithout.length ? `No intervention yet in ${health.domainsWithout.join(', ')}.` : 'Every domain has at least one intervention.',
    ...health.failing.map((f) => `${f.item.title} does not yet meet: ${f.failures.map((x) => `${x.criterion.short} (${x.reason})`).join('; ')}`),
    unlinkedCards(health.unaddressedCards.length, content.cards.length),
  ];
  for (const b of bullets) {
    const wrapped = doc.splitTextToSize(`• ${b}`, 170);
    if (hy + wrapped.length * 5 > 280) {
      doc.addPage('a4', 'portrait');
      hy = 20;
    }
    doc.text(wrapped, 20, hy);
    hy += wrapped.length * 5 + 1.5;
  }

  const followUp = followUpExport(fw, content);
  if (followUp.rows.length) {
    await breathe();
    progress('Follow-up', 0.9);
    doc.addPage('a4', 'landscape');
    heading(doc, 'Follow-up', 20);
    doc.setFontSize(9.5);
    doc.setTextColor(...MUTED);
    const pointer = doc.splitTextToSize(evaluationFrameworkPointer(fw), 257);
    doc.text(pointer, 20, 27);
    autoTable(doc, {
      startY: 29 + pointer.length * 4.4,
      head: [['Intervention', 'Measure', 'Baseline', 'Target', 'How measured', 'Review', 'Date', 'Outcome', 'Evidence', 'Recorded by']],
      body: followUp.rows.map((r) => [
        r.Intervention,
        r.Measure,
        r.Baseline,
        r.Target,
        r['How measured'],
        [r['Review date'] && readableDate(r['Review date']), r.Review].filter(Boolean).join('\n'),
        r['Outcome date'] && readableDate(r['Outcome date']),
        [r.Value, r.Rating].filter(Boolean).join(' '),
        r.Evidence,
        r['Recorded by'],
      ]),
      theme: 'grid',
      styles: { fontSize: 8, cellPadding: 1.5, textColor: INK, overflow: 'linebreak' },
      headStyles: { textColor: HEAD_TEXT, fillColor: hexToRgb(exportColours.ok), fontSize: 8 },
      columnStyles: { 0: { cellWidth: 34, fontStyle: 'bold' }, 8: { cellWidth: 50 } },
      margin: { left: 12, right: 12 },
    });
    const learned = followUp.items.filter((f) => f.item.learned.trim());
    if (learned.length)
      autoTable(doc, {
        startY: lastY(doc) + 6,
        head: [['Intervention', 'What was learned']],
        body: learned.map((f) => [f.item.title, f.item.learned]),
        theme: 'striped',
        styles: { fontSize: 9, textColor: INK },
        headStyles: { textColor: HEAD_TEXT, fillColor: hexToRgb(exportColours.ok) },
        columnStyles: { 0: { cellWidth: 50, fontStyle: 'bold' } },
        margin: { left: 12, right: 12 },
      });
  }

  progress('Page numbers', 0.95);
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    const w = doc.internal.pageSize.getWidth();
    const h = doc.internal.pageSize.getHeight();
    doc.setFontSize(8);
    doc.setTextColor(...MUTED);
    doc.text(`${meta.title} · page ${p} of ${pages}`, w - 12, h - 8, { align: 'right' });
  }
  progress('Done', 1);
  return doc.output('blob');
}

/** One part per table: its name and brief, its cards by domain, what it proposes and what it has brought into the room. */
function drawTables(doc: jsPDF, fw: FrameworkIndex, sections: readonly TableSection[]): void {
  doc.addPage('a4', 'portrait');
  heading(doc, 'Tables', 20);
  let y = 32;
  /** Wrapped text at y, on a new page when it would not fit above the page number. */
  const text = (words: string, size: number, colour: [number, number, number], bold = false, gap = 0.45) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    doc.setTextColor(...colour);
    const wrapped = doc.splitTextToSize(words, 170);
    if (y + wrapped.length * size * gap > 275) {
      doc.addPage('a4', 'portrait');
      y = 20;
    }
    doc.text(wrapped, 20, y);
    y += wrapped.length * size * gap + 2;
    doc.setFont('helvetica', 'normal');
  };
  const table = (head: string[], body: string[][], widths: Record<number, { cellWidth: number }>) => {
    autoTable(doc, {
      startY: y,
      head: [head],
      body,
      theme: 'grid',
      styles: { fontSize: 9, cellPadding: 1.8, textColor: INK },
      headStyles: { textColor: HEAD_TEXT, fillColor: NHS_BLUE },
      columnStyles: widths,
      // A row of one card stays whole rather than breaking across two pages.
      rowPageBreak: 'avoid',
      margin: { left: 20, right: 20 },
    });
    y = lastY(doc) + 6;
  };
  for (const [n, s] of sections.entries()) {
    // Each table after the first starts on a fresh page unless most of this one is still free.
    if (n > 0 && y > 150) {
      doc.addPage('a4', 'portrait');
      y = 20;
    } else if (n > 0) y += 6;
    text(`Table ${s.table.name}`, 14, NHS_DARK, true);
    if (s.table.brief) text(s.table.brief, 10, MUTED);
    y += 2;
    const cards = s.domains.flatMap((d) => d.cards.map((c) => [d.domain.name, lensName(fw, c), c.text, c.author]));
    const items = s.domains.flatMap((d) => d.items.map((it) => [it.title, d.domain.name, statusLabel(it.status), it.owner]));
    if (cards.length) table(['Domain', 'Lens', 'Card', 'Added by'], cards, { 0: { cellWidth: 54 }, 1: { cellWidth: 18 }, 3: { cellWidth: 30 } });
    if (items.length)
      table(['Proposed intervention', 'Domain', 'Status', 'Owner'], items, { 1: { cellWidth: 54 }, 2: { cellWidth: 20 }, 3: { cellWidth: 30 } });
    const { cards: broughtCards, items: broughtItems } = s.brought;
    if (!cards.length && !items.length && !broughtCards.length && !broughtItems.length) text('Nothing at this table yet.', 10, MUTED);
    if (broughtCards.length || broughtItems.length)
      text(
        `Brought into the room's plan: ${[...broughtItems.map((it) => it.title), broughtCards.length ? plural(broughtCards.length, 'card') : ''].filter(Boolean).join('; ')}.`,
        10,
        INK,
      );
  }
}

function heading(doc: jsPDF, text: string, y: number, colour: [number, number, number] = NHS_DARK): void {
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  doc.setTextColor(...colour);
  doc.text(text, 20, y);
  doc.setFont('helvetica', 'normal');
}

function lastY(doc: jsPDF): number {
  return (doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable?.finalY ?? 40;
}
