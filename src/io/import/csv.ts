// CSV → source features. Geometry from a WKT column (wkt/geometry/geom/几何)
// when the row has one, else from longitude/latitude columns found by name as
// in fields.ts (also x/y, easting/northing, X坐标/Y坐标 for projected files).
// Cells are data, never formulas: "=HYPERLINK(…)" stays that text. A column
// becomes numbers only when every cell in it round-trips exactly ("007" and
// "1.50" keep the column as text), so nothing a planner typed is lost.
import Papa from 'papaparse';
import type { Geometry, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { LATITUDE_COLUMNS, LONGITUDE_COLUMNS, coordinateProblem, findKey, isUnsafeKey, parseNumberCell, safeKeyName } from './fields';
import { checkGeometry } from './geojson';
import { MAX_IMPORT_FEATURES, tooManyFeaturesFailure } from './limits';
import { failure, type FileFormat, type Rejection, type SourceFeature } from './types';

export const X_COLUMNS = [...LONGITUDE_COLUMNS, 'easting', 'x坐标', '东坐标', '横坐标'] as const;
export const Y_COLUMNS = [...LATITUDE_COLUMNS, 'northing', 'y坐标', '北坐标', '纵坐标'] as const;
export const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '空间信息'] as const;

// ---------------------------------------------------------------- WKT

type Token = { kind: 'word' | 'number' | 'punct'; text: string; at: number };

const TOKEN = /\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([(),;=]))/y;

class WktSyntaxError {
  constructor(readonly at: number) {}
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(at))) break;
    const match = TOKEN.exec(text);
    if (!match) throw new WktSyntaxError(at);
    const [, word, number, punct] = match;
    tokens.push(word ? { kind: 'word', text: word.toUpperCase(), at } : number ? { kind: 'number', text: number, at } : { kind: 'punct', text: punct ?? '', at });
  }
  return tokens;
}

/** A small recursive-descent reader for 2D/3D WKT (and EWKT's SRID=…; prefix). */
class WktReader {
  private index = 0;
  /** Values per position to keep: M is dropped, Z kept. */
  private dimensions: { keep: number } = { keep: 3 };

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(): never {
    throw new WktSyntaxError(this.peek()?.at ?? this.length);
  }

  private take(text: string): void {
    if (this.peek()?.text !== text) this.fail();
    this.index++;
  }

  private takeIf(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.index++;
    return true;
  }

  document(): Geometry | 'empty' {
    if (this.peek()?.text === 'SRID') {
      this.index++;
      this.take('=');
      if (this.peek()?.kind !== 'number') this.fail();
      this.index++;
      this.take(';');
    }
    const geometry = this.geometry();
    if (this.peek()) this.fail();
    return geometry;
  }

  private geometry(): Geometry | 'empty' {
    const type = this.peek();
    if (type?.kind !== 'word') this.fail();
    this.index++;
    const tag = this.peek()?.text;
    if (tag === 'Z' || tag === 'M' || tag === 'ZM') {
      this.index++;
      this.dimensions = { keep: tag === 'M' ? 2 : 3 };
    }
    if (this.takeIf('EMPTY')) return 'empty';
    switch (type.text) {
      case 'POINT': {
        this.take('(');
        const coordinates = this.position();
        this.take(')');
        return { type: 'Point', coordinates };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: this.positions() };
      case 'MULTIPOINT':
        // Both MULTIPOINT (1 2, 3 4) and MULTIPOINT ((1 2), (3 4)) occur in the wild.
        return { type: 'MultiPoint', coordinates: this.list(() => (this.takeIf('(') ? this.closeAfter(this.position()) : this.position())) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.list(() => this.positions()) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.list(() => this.positions()) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: this.list(() => this.list(() => this.positions())) };
      case 'GEOMETRYCOLLECTION':
        return {
          type: 'GeometryCollection',
          geometries: this.list(() => {
            const member = this.geometry();
            return member === 'empty' ? this.fail() : member;
          }),
        };
      default:
        this.index--;
        return this.fail();
    }
  }

  private closeAfter<T>(value: T): T {
    this.take(')');
    return value;
  }

  /** '(' item (',' item)* ')' */
  private list<T>(item: () => T): T[] {
    this.take('(');
    const items = [item()];
    while (this.takeIf(',')) items.push(item());
    this.take(')');
    return items;
  }

  private positions(): Position[] {
    return this.list(() => this.position());
  }

  private position(): Position {
    const values: number[] = [];
    while (this.peek()?.kind === 'number') values.push(Number(this.tokens[this.index++]?.text));
    if (values.length < 2 || values.length > 4) this.fail();
    return values.slice(0, this.dimensions.keep);
  }
}

/** WKT text → GeoJSON geometry (unchecked shape), or why not. */
export function parseWkt(text: string): { geometry: Geometry } | { problem: LocalizedText } {
  try {
    const geometry = new WktReader(tokenize(text), text.length).document();
    if (geometry === 'empty') return { problem: { zh: 'WKT 几何为空（EMPTY）', en: 'the WKT geometry is EMPTY' } };
    return { geometry };
  } catch (error) {
    if (!(error instanceof WktSyntaxError)) throw error;
    const near = text.slice(error.at, error.at + 12).trim() || '（结尾）';
    return {
      problem: {
        zh: `WKT 无法解析（第 ${error.at + 1} 个字符附近：“${near}”）`,
        en: `WKT cannot be read (near character ${error.at + 1}: "${near === '（结尾）' ? 'end of text' : near}")`,
      },
    };
  }
}

// ---------------------------------------------------------------- table

/**
 * Header cells → unique, non-empty property names; `__proto__`,
 * `constructor` and `prototype` are renamed (`constructor_`) so their
 * columns stay as data but never reach a prototype.
 */
function columnNames(header: readonly string[], renamed: Set<string>): string[] {
  const seen = new Set<string>();
  const trimmed = header.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  return trimmed.map((cell, index) => {
    let base = cell || `column_${index + 1}`;
    if (isUnsafeKey(base)) {
      renamed.add(base);
      base = safeKeyName(base, { has: (name) => seen.has(name) || trimmed.includes(name) });
    }
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return name;
  });
}

/** Line breaks in the text: an upper bound on the data rows, counted before any parsing. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** True when the text is exactly how JavaScript writes that number: converting loses nothing. */
const isExactNumber = (cell: string) => cell !== '' && Number.isFinite(Number(cell)) && String(Number(cell)) === cell;

function pointFrom(xCell: string, yCell: string): { geometry: Geometry } | { problem: LocalizedText } {
  const x = parseNumberCell(xCell);
  const y = parseNumberCell(yCell);
  if (x === null) return { problem: coordinateProblem(xCell, { zh: '经度/X', en: 'longitude/x' }) };
  if (y === null) return { problem: coordinateProblem(yCell, { zh: '纬度/Y', en: 'latitude/y' }) };
  return { geometry: { type: 'Point', coordinates: [x, y] } };
}

export const csvFormat: FileFormat = {
  id: 'csv',
  title: { zh: 'CSV', en: 'CSV' },
  detail: { zh: '经纬度列或 WKT 列', en: 'longitude/latitude or WKT column' },
  extensions: ['csv', 'tsv', 'txt'],
  mimeTypes: ['text/csv', 'text/tab-separated-values', 'text/plain'],
  reads: 'text',
  read([file], { decode, progress }) {
    const body = (file ? decode(file) : '').replace(/^\uFEFF/, '');
    if (body.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
    // Quoted line breaks make this an over-count, which is the safe side of a limit.
    const lines = lineBreaks(body);
    if (lines > MAX_IMPORT_FEATURES + 1) return tooManyFeaturesFailure(lines, 'rows');
    const records: string[][] = [];
    let quoteErrorRow: number | null = null;
    progress?.(0, 'parse');
    // Parsed in 1 MB chunks so progress can be reported between them (row-by-row `step` is several times slower).
    // (papaparse streams strings in chunks too; its types only declare `chunk` for files.)
    const config: Papa.ParseConfig<string[]> & { chunkSize: number; chunk: (results: Papa.ParseResult<string[]>) => void } = {
      header: false,
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results) => {
        const quoteError = results.errors.find((error) => error.type === 'Quotes');
        if (quoteErrorRow === null && quoteError) quoteErrorRow = records.length + (quoteError.row ?? 0) + 1;
        for (const record of results.data) records.push(record);
        progress?.(results.meta.cursor / body.length, 'parse');
      },
    };
    Papa.parse<string[]>(body, config);
    if (quoteErrorRow !== null) {
      const row: number = quoteErrorRow;
      return failure(
        'malformed-csv',
        `CSV 格式错误：第 ${row} 行的引号没有配对（一个以 " 开头的单元格直到文件末尾都没有结束）。`,
        `malformed CSV: the quote opened at row ${row} is never closed (a cell starting with " runs to the end of the file).`,
      );
    }
    const [header = [], ...dataRecords] = records;
    const renamed = new Set<string>();
    const columns = columnNames(header, renamed);
    const xKey = findKey(columns, X_COLUMNS);
    const yKey = findKey(columns, Y_COLUMNS);
    const wktKey = findKey(columns, WKT_COLUMNS);
    const hasXY = xKey !== undefined && yKey !== undefined;
    if (!hasXY && wktKey === undefined) {
      const found = columns.join(', ') || '—';
      const single = columns.length === 1 && /[;\t|]/.test(header[0] ?? '') ? { zh: '（整行只读出一列：分隔符可能不是逗号、分号或制表符）', en: ' (the header was read as one column: the delimiter may not be a comma, semicolon or tab)' } : { zh: '', en: '' };
      return failure(
        'no-coordinate-columns',
        `找不到坐标列（文件中的列：${found}）${single.zh}。可用列名：经度 ${X_COLUMNS.join('/')}；纬度 ${Y_COLUMNS.join('/')}；或 WKT 列 ${WKT_COLUMNS.join('/')}（不区分大小写）。`,
        `no coordinate columns found (columns in the file: ${found})${single.en}. Accepted names: longitude ${X_COLUMNS.join('/')}; latitude ${Y_COLUMNS.join('/')}; or a WKT column ${WKT_COLUMNS.join('/')} (case-insensitive).`,
      );
    }
    const geometryColumns = new Set([xKey, yKey, wktKey]);
    const dataColumns = columns.map((name, index) => ({ name, index })).filter(({ name }) => !geometryColumns.has(name));
    const cell = (record: readonly string[], index: number) => (record[index] ?? '').trim();
    const column = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
    const rows = dataRecords
      .map((record, index) => ({ record, row: index + 2 }))
      .filter(({ record }) => record.some((value) => value.trim() !== ''));
    const numeric = new Set(
      dataColumns
        .filter(({ index }) => rows.every(({ record }) => cell(record, index) === '' || isExactNumber(cell(record, index))))
        .filter(({ index }) => rows.some(({ record }) => cell(record, index) !== ''))
        .map(({ name }) => name),
    );

    const features: SourceFeature[] = [];
    const rejected: Rejection[] = [];
    rows.forEach(({ record, row }, index) => {
      if ((index & 4095) === 0) progress?.(index / rows.length, 'read');
      const wkt = wktKey === undefined ? '' : cell(record, column(wktKey));
      const read =
        wkt !== ''
          ? parseWkt(wkt)
          : hasXY
            ? pointFrom(cell(record, column(xKey)), cell(record, column(yKey)))
            : { problem: { zh: `“${wktKey}”列为空，没有几何`, en: `the "${wktKey}" cell is empty: no geometry` } };
      const checked = 'problem' in read ? read : checkGeometry(read.geometry);
      if ('problem' in checked) return void rejected.push({ row, reason: checked.problem });
      const properties: Record<string, unknown> = {};
      for (const { name, index: at } of dataColumns) {
        const value = cell(record, at);
        properties[name] = value === '' ? null : numeric.has(name) ? Number(value) : value;
      }
      features.push({ row, geometry: checked.geometry, properties });
    });
    return { ok: true, features, rejected, renamedKeys: [...renamed] };
  },
};
