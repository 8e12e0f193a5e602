// The plan as CSV: one row per item, a column per field. A byte-order mark makes Excel read it
// as UTF-8 (the £ sign), and lines of cells that a spreadsheet would run as formulas are neutralised (csv-cells.ts).
import type { FrameworkIndex } from '../framework/load';
import { planColumns, planTable, type PlanContent } from './plan-rows';
import { followUpColumns, followUpExport } from './follow-up-rows';
import { csvTable } from './csv-cells';

/**
 * The plan, then (once measures are being followed up) a follow-up section after one empty
 * line: its own header row and one row per outcome, so a spreadsheet shows two tables.
 */
export function planCsv(fw: FrameworkIndex, content: PlanContent, today?: string): string {
  const columns = planColumns(fw);
  const rows = planTable(fw, content).map((r) => columns.map((c) => r.cells[c] ?? ''));
  let out = '\uFEFF' + csvTable(columns, rows);
  const followUp = followUpExport(fw, content, today);
  if (followUp.rows.length)
    out +=
      '\r\n\r\n' +
      csvTable(
        followUpColumns,
        followUp.rows.map((r) => followUpColumns.map((c) => r[c])),
      );
  return out;
}
