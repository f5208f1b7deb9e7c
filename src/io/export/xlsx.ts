// A minimal Office Open XML workbook (.xlsx), written with fflate (already
// the app's zip library) rather than ExcelJS (≈ 1 MB in a browser bundle, last
// released 2023 with a dated dependency tree) or SheetJS's `xlsx` on npm (an
// old release with published advisories). Tables are all we write: a header
// row (bold, frozen), typed cells — numbers as numbers, true/false as
// booleans, everything else as shared strings — and a notes sheet.
// No cell is ever a formula: strings go to the shared-string table, which
// Excel, WPS and LibreOffice show as text and never evaluate; text that looks
// like a formula (= + - @) also carries quotePrefix, so editing the cell in
// Excel keeps it text. Pure: runs in Node and browsers.
import { strToU8, zipSync } from 'fflate';

/** A number shown as a percentage (0.125 → 12.5%). */
export interface PercentCell {
  percent: number;
}
export type XlsxCell = string | number | boolean | null | PercentCell;

export interface XlsxSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
}

/** Excel's limits: 31 characters per sheet name, 32,767 per cell. */
const SHEET_NAME_LENGTH = 31;
const CELL_LENGTH = 32_767;
const FORMULA_START = /^[=+\-@\t\r]/;

const STYLE = { plain: 0, header: 1, textLooksLikeFormula: 2, note: 3, percent: 4 } as const;

export function escapeXmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '') // lone surrogates are not XML
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Sheet names Excel accepts: no [ ] : * ? / \, at most 31 characters, not blank, unique (case-insensitively). */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const clean = raw.replace(/[[\]:*?/\\\u0000-\u001f]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
    let name = [...clean].slice(0, SHEET_NAME_LENGTH).join('');
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${[...clean].slice(0, SHEET_NAME_LENGTH - String(n).length - 1).join('')}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Display width in Excel's character units: CJK and full-width characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(character) ? 2 : 1;
  return width;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  add(text: string): number {
    this.count++;
    let at = this.index.get(text);
    if (at === undefined) this.index.set(text, (at = this.list.push(text) - 1));
    return at;
  }
}

function cellXml(ref: string, cell: XlsxCell, strings: SharedStrings, headerRow: boolean): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"><v>${cell}</v></c>` : '';
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (typeof cell === 'object') return Number.isFinite(cell.percent) ? `<c r="${ref}" s="${STYLE.percent}"><v>${cell.percent}</v></c>` : '';
  const text = [...cell].slice(0, CELL_LENGTH).join('');
  const style = headerRow ? STYLE.header : FORMULA_START.test(text) ? STYLE.textLooksLikeFormula : STYLE.plain;
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${strings.add(text)}</v></c>`;
}

const cellText = (cell: XlsxCell) => (cell === null ? '' : typeof cell === 'object' ? `${(cell.percent * 100).toFixed(1)}%` : String(cell));

function sheetXml(sheet: XlsxSheet, strings: SharedStrings, selected: boolean, wrapColumn?: number): string {
  const all = [sheet.header, ...sheet.rows];
  const columns = Math.max(sheet.header.length, ...sheet.rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.min(wrapColumn === column ? 120 : 60, Math.max(6, ...all.slice(0, 1000).map((row) => displayWidth(cellText(row[column] ?? null)) + 2))),
  );
  const rows = all.map((row, r) => {
    const cells = row.map((cell, c) => {
      const xml = cellXml(`${columnLetters(c)}${r + 1}`, cell, strings, r === 0 && sheet.header.length > 0);
      return wrapColumn === c && xml ? xml.replace('<c ', `<c s="${STYLE.note}" `) : xml;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const frozen = sheet.header.length > 0 ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : '';
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${frozen}</sheetView></sheetViews>`,
    columns > 0 ? `<cols>${widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>` : '',
    `<sheetData>${rows.join('')}</sheetData>`,
    '</worksheet>',
  ].join('');
}

const STYLES_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>',
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  '<cellXfs count="5">',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>',
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '</cellXfs>',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
  '</styleSheet>',
].join('');

export interface XlsxNotes {
  /** Sheet name of the notes (e.g. 说明 Notes). */
  name: string;
  /** One paragraph per row, in one wrapped column. */
  lines: readonly string[];
}

/** The .xlsx bytes: the data sheets in order (the first one open), then the notes sheet. */
export function writeXlsx(sheets: readonly XlsxSheet[], notes: XlsxNotes, modified: Date): Uint8Array {
  const all: (XlsxSheet & { wrap?: number })[] = [...sheets, { name: notes.name, header: [], rows: notes.lines.map((line) => [line]), wrap: 0 }];
  const names = sheetNames(all.map((sheet) => sheet.name));
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  all.forEach((sheet, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(sheetXml(sheet, strings, index === 0, sheet.wrap));
  });
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.list.length}">${strings.list
      .map((text) => `<si><t${/^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : ''}>${escapeXmlText(text)}</t></si>`)
      .join('')}</sst>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${names
      .map((name, i) => `<sheet name="${escapeXmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${names.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  // [Content_Types].xml first, as Office writes it (some readers sniff the first entry).
  const ordered: Record<string, Uint8Array> = { '[Content_Types].xml': files['[Content_Types].xml']! };
  for (const [name, bytes] of Object.entries(files)) if (name !== '[Content_Types].xml') ordered[name] = bytes;
  return zipSync(ordered, { level: 6, mtime: modified });
}
