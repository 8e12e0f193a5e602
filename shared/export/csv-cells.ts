// Every CSV the app writes goes through here, so that what people typed stays text when the
// file is opened in a spreadsheet. Excel, LibreOffice and Google Sheets run a cell that starts
// with = + - @ (or a tab or carriage return before one) as a formula, and a cell with several
// lines is read line by line by some of them and by whatever the cell is pasted into: so every
// line of a cell that starts that way gets a leading apostrophe, the mark spreadsheets read as
// "this is text" (OWASP's advice for CSV injection).
import Papa from 'papaparse';

const FORMULA_AT_LINE_START = /(^|\r\n|\n|\r)(?=[=+\-@\t\r])/g;

/** The cell with every line that a spreadsheet would run marked as text. */
export function textCell(cell: string): string {
  return cell.replace(FORMULA_AT_LINE_START, "$1'");
}

/** A header row and data rows as CSV (CRLF, every cell quoted), each cell made safe by textCell. */
export function csvTable(fields: readonly string[], data: readonly (readonly string[])[]): string {
  return Papa.unparse({ fields: fields.map(textCell), data: data.map((row) => row.map(textCell)) }, { newline: '\r\n', quotes: true });
}
