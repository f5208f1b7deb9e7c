// CSV for Excel users: UTF-8 with a BOM (so Excel shows Chinese), and cells
// that a spreadsheet would run as formulas neutralised.
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell starting like a formula is prefixed with ' so spreadsheets show it as text. */
export function neutraliseFormula(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = Papa.unparse({ fields: [...fields], data: rows.map((row) => row.map(neutraliseFormula)) }, { newline: '\r\n' });
  return `\uFEFF${body}\r\n`;
}
