// Excel workbooks (.xlsx) → source features. An .xlsx is a zip of XML parts;
// they are read with fflate (already the app's unzip) and @xmldom/xmldom
// (already the KML reader's XML), synchronously, so the workbook is read in
// the same worker pass as every other format. exceljs and read-excel-file
// were the library alternatives: both load workbooks asynchronously (the
// import is synchronous in the worker, the CLI and the tests) and exceljs
// adds ~1 MB. The sheet's cells then go through the same table reading as a
// CSV (table.ts): header row, longitude/latitude or WKT column by name; cells
// keep the type Excel gave them (numbers stay numbers, text stays text, a
// date-formatted number becomes its ISO date).
//
// Refused with a reason: the old binary .xls and password-protected
// workbooks (both OLE compound files, D0 CF 11 E0), damaged archives.
import { unzipSync } from 'fflate';
import type { LocalizedText } from '../../i18n/text';
import { MAX_IMPORT_BYTES, MAX_IMPORT_POINTS, tooLargeFailure, tooManyFeaturesFailure } from './limits';
import { readTable, type TableCell, type TableRecord } from './table';
import { failure, type ConvertResult, type FileFormat, type ImportFailure, type InputFile } from './types';
import { elements, parseXml, textIn, type XmlDocument, type XmlElement } from './xml';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, index) => bytes[index] === byte);

/** "EncryptionInfo" in UTF-16LE: the stream an encrypted OOXML package keeps in its compound file. */
function holdsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = Uint8Array.from([...text].flatMap((char) => [char.charCodeAt(0), 0]));
  outer: for (let at = 0; at + pattern.length <= bytes.length; at++) {
    for (let index = 0; index < pattern.length; index++) if (bytes[at + index] !== pattern[index]) continue outer;
    return true;
  }
  return false;
}

function oleRefusal(file: InputFile): ImportFailure {
  if (holdsUtf16(file.bytes, 'EncryptionInfo') || holdsUtf16(file.bytes, 'EncryptedPackage'))
    return failure(
      'encrypted',
      `工作簿 ${file.name} 设有打开密码（已加密），无法读取。请在 Excel 中打开，“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存，再导入。`,
      `the workbook ${file.name} is password-protected (encrypted) and cannot be read. Open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password, save, and import again.`,
    );
  return failure(
    'unsupported-format',
    `${file.name} 是旧版 Excel 97-2003 工作簿（.xls 二进制格式），不能直接读取。请在 Excel 或 WPS 中“另存为 → Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入。`,
    `${file.name} is an old Excel 97-2003 workbook (binary .xls), which is not read. In Excel or WPS, Save As → Excel Workbook (.xlsx) or CSV UTF-8 (comma delimited), then import that.`,
  );
}

function damaged(file: InputFile, why: LocalizedText): ImportFailure {
  return failure(
    'corrupt-file',
    `工作簿 ${file.name} 无法读取：${why.zh}。文件可能损坏或不完整；请在 Excel 中打开并重新保存为 .xlsx。`,
    `the workbook ${file.name} cannot be read: ${why.en}. It may be damaged or incomplete; open it in Excel and save it again as .xlsx.`,
  );
}

/** Built-in number formats that show dates (ECMA-376 18.8.30, and the CJK ones 27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom number format shows a date when it has date/time letters outside quotes, brackets and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs年月日]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** An Excel serial day → ISO date (and time when it has one). */
function excelDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const milliseconds = Math.round((serial * 86400) % 86400) * 1000;
  const date = new Date(epoch + Math.floor(serial) * 86400000 + milliseconds);
  const iso = date.toISOString();
  return milliseconds === 0 ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** "AB12" → column index 27 (0-based). */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference.replace(/\d+$/, '').toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}

/** Visible text of a shared or inline string: its runs' <t>, without phonetic guides (<rPh>). */
function stringText(item: XmlElement): string {
  return elements(item, 't')
    .filter((t) => (t.parentNode as XmlElement | null)?.localName !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');
}

interface Workbook {
  sheets: { name: string; path: string }[];
  part(path: string): XmlDocument | ImportFailure | null;
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

function openWorkbook(file: InputFile): Workbook | ImportFailure {
  let total = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(file.bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        return total <= MAX_IMPORT_BYTES && (entry.name.endsWith('.xml') || entry.name.endsWith('.rels'));
      },
    });
  } catch (error) {
    return damaged(file, { zh: `压缩结构损坏（${error instanceof Error ? error.message : String(error)}）`, en: `its zip structure is broken (${error instanceof Error ? error.message : String(error)})` });
  }
  if (total > MAX_IMPORT_BYTES) return tooLargeFailure(total);
  const part = (path: string): XmlDocument | ImportFailure | null => {
    const bytes = parts[path];
    if (!bytes) return null;
    const parsed = parseXml(new TextDecoder('utf-8').decode(bytes), { zh: `工作簿部件 ${path}`, en: `workbook part ${path}` });
    return parsed.ok ? parsed.document : failure(parsed.code, parsed.message.zh, parsed.message.en);
  };
  const workbook = part('xl/workbook.xml');
  if (!workbook) return damaged(file, { zh: '缺少 xl/workbook.xml（不是 Excel 工作簿）', en: 'xl/workbook.xml is missing (not an Excel workbook)' });
  if ('ok' in workbook) return workbook;
  const relations = part('xl/_rels/workbook.xml.rels');
  if (relations && 'ok' in relations) return relations;
  const targets = new Map(relations ? elements(relations, 'Relationship').map((relation) => [relation.getAttribute('Id') ?? '', relation.getAttribute('Target') ?? '']) : []);
  const sheets = elements(workbook, 'sheet').map((sheet, index) => {
    const id = sheet.getAttribute('r:id') ?? sheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ?? '';
    const target = targets.get(id) ?? `worksheets/sheet${index + 1}.xml`;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    return { name: sheet.getAttribute('name') ?? `Sheet${index + 1}`, path };
  });
  const shared = part('xl/sharedStrings.xml');
  if (shared && 'ok' in shared) return shared;
  const sharedStrings = shared ? elements(shared, 'si').map(stringText) : [];
  const styles = part('xl/styles.xml');
  if (styles && 'ok' in styles) return styles;
  const dateStyles = new Set<number>();
  if (styles) {
    const custom = new Map(elements(styles, 'numFmt').map((format) => [Number(format.getAttribute('numFmtId')), format.getAttribute('formatCode') ?? '']));
    const cellFormats = elements(styles, 'cellXfs')[0];
    (cellFormats ? elements(cellFormats, 'xf') : []).forEach((format, index) => {
      const id = Number(format.getAttribute('numFmtId') ?? 0);
      if (DATE_FORMAT_IDS.has(id) || isDateFormat(custom.get(id) ?? '')) dateStyles.add(index);
    });
  }
  const properties = elements(workbook, 'workbookPr')[0];
  const date1904 = /^(1|true)$/.test(properties?.getAttribute('date1904') ?? '');
  return { sheets, part, sharedStrings, dateStyles, date1904 };
}

/** A worksheet's cells as rows of typed values, keyed by the sheet's own row numbers. */
function sheetRows(sheet: XmlDocument, book: Workbook): TableRecord[] {
  const records: TableRecord[] = [];
  let nextRow = 1;
  for (const rowElement of elements(sheet, 'row')) {
    const row = Number(rowElement.getAttribute('r') ?? nextRow);
    nextRow = row + 1;
    const cells: TableCell[] = [];
    let nextColumn = 0;
    for (const cell of elements(rowElement, 'c')) {
      const reference = cell.getAttribute('r');
      const column = reference ? columnIndex(reference) : nextColumn;
      nextColumn = column + 1;
      const type = cell.getAttribute('t') ?? 'n';
      const raw = textIn(elements(cell, 'v')[0]);
      let value: TableCell;
      if (type === 's') value = book.sharedStrings[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = elements(cell, 'is').map(stringText).join('');
      else if (type === 'str') value = elements(cell, 'v')[0]?.textContent ?? '';
      else if (type === 'b') value = raw === '1';
      else if (type === 'e') value = raw;
      else if (raw === '') value = null;
      else {
        const number = Number(raw);
        const style = Number(cell.getAttribute('s') ?? 0);
        value = Number.isFinite(number) ? (book.dateStyles.has(style) ? excelDate(number, book.date1904) : number) : raw;
      }
      while (cells.length < column) cells.push(null);
      cells[column] = value;
    }
    records.push({ row, cells });
  }
  return records;
}

const cellText = (value: TableCell | undefined) => (value === null || value === undefined ? '' : String(value).trim());

export function readWorkbook(file: InputFile, chosenSheet: string | undefined): ConvertResult {
  if (file.bytes.length === 0) return failure('empty', '文件为空。', 'the file is empty.');
  if (startsWith(file.bytes, OLE_SIGNATURE)) return oleRefusal(file);
  if (!startsWith(file.bytes, ZIP_SIGNATURE)) return damaged(file, { zh: '文件开头不是 .xlsx（zip）的标记', en: 'it does not start like an .xlsx (zip) file' });
  const book = openWorkbook(file);
  if ('ok' in book) return book;
  if (book.sheets.length === 0) return damaged(file, { zh: '工作簿中没有工作表', en: 'the workbook lists no sheets' });
  const names = book.sheets.map((sheet) => sheet.name);
  const sheet = chosenSheet === undefined ? book.sheets[0] : book.sheets.find((each) => each.name === chosenSheet);
  if (!sheet)
    return failure(
      'empty',
      `工作簿中没有名为“${chosenSheet}”的工作表（有：${names.join('、')}）。`,
      `the workbook has no sheet named "${chosenSheet}" (it has: ${names.join(', ')}).`,
    );
  const document = book.part(sheet.path);
  if (!document) return damaged(file, { zh: `工作表“${sheet.name}”的内容（${sheet.path}）缺失`, en: `the contents of sheet "${sheet.name}" (${sheet.path}) are missing` });
  if ('ok' in document) return document;
  const rows = sheetRows(document, book).filter((record) => record.cells.some((value) => cellText(value) !== ''));
  const where = { zh: `工作表“${sheet.name}”`, en: `sheet "${sheet.name}"` };
  const others = names.length > 1 ? { zh: `；工作簿还有：${names.filter((name) => name !== sheet.name).join('、')}，可在导入时选择`, en: `; the workbook also has: ${names.filter((name) => name !== sheet.name).join(', ')}, which can be chosen when importing` } : { zh: '', en: '' };
  const [header, ...data] = rows;
  if (!header)
    return failure('empty', `${where.zh}是空的（没有任何单元格）${others.zh}。`, `${where.en} is empty (no cells at all)${others.en}.`);
  if (data.length > MAX_IMPORT_POINTS) return tooManyFeaturesFailure(data.length, 'rows');
  const read = readTable(
    header.cells.map(cellText),
    data,
    { typed: true, where, hint: others },
  );
  if (!read.ok) return read;
  if (read.features.length === 0 && read.rejected.length === 0)
    return failure('empty', `${where.zh}只有表头，没有数据行${others.zh}。`, `${where.en} has a header but no data rows${others.en}.`);
  const notes: LocalizedText[] = [{ zh: `读取工作表“${sheet.name}”（第 ${header.row} 行为表头）${others.zh}。`, en: `read sheet "${sheet.name}" (row ${header.row} is the header)${others.en}.` }];
  return { ...read, notes, sheets: { names, read: sheet.name } };
}

export const xlsxFormat: FileFormat = {
  id: 'xlsx',
  title: { zh: 'Excel 工作簿', en: 'Excel workbook' },
  detail: { zh: '.xlsx，经纬度列或 WKT 列', en: '.xlsx, longitude/latitude or WKT column' },
  extensions: ['xlsx', 'xls'],
  mimeTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'],
  reads: 'bytes',
  read: ([file], { sheet }) => (file ? readWorkbook(file, sheet) : failure('empty', '没有选择文件。', 'no file was chosen.')),
};
