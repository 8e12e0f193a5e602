// The plan as CSV: one row per item, a column per field. A byte-order mark makes Excel read it
// as UTF-8 (the £ sign), and cells that a spreadsheet would run as formulas are neutralised.
import Papa from 'papaparse';
import type { FrameworkIndex } from '../framework/load';
import { planColumns, planTable, type WorkshopContent } from './plan-rows';

export function planCsv(fw: FrameworkIndex, content: WorkshopContent): string {
  const columns = planColumns(fw);
  const rows = planTable(fw, content).map((r) => columns.map((c) => r.cells[c] ?? ''));
  return '\uFEFF' + Papa.unparse({ fields: columns, data: rows }, { escapeFormulae: true, newline: '\r\n', quotes: true });
}
