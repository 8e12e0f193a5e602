// The portfolio as a PDF: the chosen workshops, then what they add up to, table by table.
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { FrameworkIndex } from '../../../shared/framework/load';
import { aggregatePortfolio, type WorkshopSummary, type Tally } from '../../../shared/export/portfolio';
import { exportColours, hexToRgb } from '../../../shared/export/palette';
import { plural } from '../../../shared/wording';

export function buildPortfolioPdf(fw: FrameworkIndex, list: readonly WorkshopSummary[]): Blob {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true });
  doc.setProperties({ title: 'Portfolio', creator: 'Systems Leadership Canvas' });
  const agg = aggregatePortfolio(fw, list);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(20);
  doc.setTextColor(...hexToRgb(exportColours.nhsDark));
  doc.text('Portfolio', 20, 22);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(11);
  doc.setTextColor(...hexToRgb(exportColours.ink));
  const total = agg.perDomain.reduce((s, d) => s + d.count, 0);
  doc.text(
    `${plural(list.length, 'workshop')}, ${plural(total, 'planned intervention')}, £${agg.totalCost.toLocaleString('en-GB')} costed, ${plural(agg.outcomes, 'outcome')} recorded.`,
    20,
    30,
  );
  const head = { fillColor: hexToRgb(exportColours.nhsBlue) };
  autoTable(doc, {
    startY: 36,
    head: [['Workshop', 'Footprint', 'Academy', 'Date', 'Plan']],
    body: list.map((w) => [w.title, w.footprint, fw.framework.academies.find((a) => a.id === w.academyId)?.name ?? '', w.date, w.planStatus]),
    styles: { fontSize: 9 },
    headStyles: head,
    margin: { left: 20, right: 20 },
  });
  const table = (title: string, rows: Tally) =>
    autoTable(doc, {
      startY: ((doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable?.finalY ?? 40) + 8,
      head: [[title, 'Count']],
      body: rows.length ? rows.map((r) => [r.key, String(r.count)]) : [['None', '']],
      styles: { fontSize: 9 },
      headStyles: head,
      columnStyles: { 1: { cellWidth: 20, halign: 'right' } },
      margin: { left: 20, right: 20 },
    });
  table(
    'Interventions per domain',
    agg.perDomain.map((d) => ({ key: d.name, count: d.count })),
  );
  table('Delivery routes', agg.routes);
  table('Interventions chosen', agg.interventions);
  table('Partners', agg.partners);
  table('Funding sources', agg.funding);
  table('Organisations by type', agg.organisationTypes);
  table('Criteria most often unmet', agg.unmetCriteria);
  table('Domains left uncovered', agg.uncoveredDomains);
  return doc.output('blob');
}
