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

/**
 * A table with a block of notes above it (what it was computed with, its
 * caveats), then an empty row: how statistical tables carry their notes, and
 * what a spreadsheet user sees first. Each note is a label and its text.
 */
export function toCsvWithNotes(notes: readonly (readonly [string, string])[], fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  if (notes.length === 0) return toCsv(fields, rows);
  const block = Papa.unparse(notes.map((note) => note.map(neutraliseFormula)), { newline: '\r\n' });
  return `\uFEFF${block}\r\n\r\n${toCsv(fields, rows).slice(1)}`;
}
