// A table (CSV rows, an Excel sheet) → source features: the header row names
// the properties; geometry from a WKT column (wkt/geometry/geom/几何) when the
// row has one, else from longitude/latitude columns found by name as in
// fields.ts (also x/y, easting/northing, X坐标/Y坐标 for projected files).
// Cells are data, never formulas: "=HYPERLINK(…)" stays that text. Text cells
// (CSV) become numbers only when every cell of the column round-trips exactly
// ("007" and "1.50" keep the column as text); typed cells (Excel) stay as typed.
import type { Geometry } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { LATITUDE_COLUMNS, LONGITUDE_COLUMNS, coordinateProblem, findKey, isUnsafeKey, parseNumberCell, safeKeyName } from './fields';
import { checkGeometry } from './geojson';
import { failure, type ConvertResult, type ImportProgress, type Rejection, type SourceFeature } from './types';
import { parseWkt } from './wkt';

export const X_COLUMNS = [...LONGITUDE_COLUMNS, 'easting', 'x坐标', '东坐标', '横坐标'] as const;
export const Y_COLUMNS = [...LATITUDE_COLUMNS, 'northing', 'y坐标', '北坐标', '纵坐标'] as const;
export const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '空间信息'] as const;

/** A cell as read: text (CSV), or as the spreadsheet typed it (Excel). */
export type TableCell = string | number | boolean | null;

export interface TableRecord {
  /** The row as the planner sees it in the file (header = 1 in a CSV). */
  row: number;
  cells: readonly TableCell[];
}

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

/** True when the text is exactly how JavaScript writes that number: converting loses nothing. */
const isExactNumber = (cell: string) => cell !== '' && Number.isFinite(Number(cell)) && String(Number(cell)) === cell;

const textOfCell = (value: TableCell | undefined): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value.trim() : String(value));

function coordinate(value: TableCell | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return parseNumberCell(textOfCell(value));
}

function pointFrom(xCell: TableCell | undefined, yCell: TableCell | undefined): { geometry: Geometry } | { problem: LocalizedText } {
  const x = coordinate(xCell);
  const y = coordinate(yCell);
  if (x === null) return { problem: coordinateProblem(textOfCell(xCell), { zh: '经度/X', en: 'longitude/x' }) };
  if (y === null) return { problem: coordinateProblem(textOfCell(yCell), { zh: '纬度/Y', en: 'latitude/y' }) };
  return { geometry: { type: 'Point', coordinates: [x, y] } };
}

/** The columns a table needs: longitude and latitude, or WKT. */
export function coordinateColumns(columns: readonly string[]): { xKey?: string; yKey?: string; wktKey?: string } | null {
  const xKey = findKey(columns, X_COLUMNS);
  const yKey = findKey(columns, Y_COLUMNS);
  const wktKey = findKey(columns, WKT_COLUMNS);
  if ((xKey === undefined || yKey === undefined) && wktKey === undefined) return null;
  return { ...(xKey !== undefined ? { xKey } : {}), ...(yKey !== undefined ? { yKey } : {}), ...(wktKey !== undefined ? { wktKey } : {}) };
}

/**
 * A header and its data rows → features. `typed`: cells keep their types
 * (Excel); otherwise text columns that are all exact numbers become numbers (CSV).
 * `where` names the table in the no-coordinates message ("the file", "sheet 设施点").
 */
export function readTable(
  header: readonly string[],
  records: readonly TableRecord[],
  options: { typed: boolean; progress?: ImportProgress | undefined; where?: LocalizedText; hint?: LocalizedText },
): ConvertResult {
  const { typed, progress } = options;
  const renamed = new Set<string>();
  const columns = columnNames(header, renamed);
  const found = coordinateColumns(columns);
  if (!found) {
    const listed = columns.join(', ') || '—';
    const where = options.where ?? { zh: '文件', en: 'the file' };
    const hint = options.hint ?? { zh: '', en: '' };
    return failure(
      'no-coordinate-columns',
      `找不到坐标列（${where.zh}中的列：${listed}）${hint.zh}。可用列名：经度 ${X_COLUMNS.join('/')}；纬度 ${Y_COLUMNS.join('/')}；或 WKT 列 ${WKT_COLUMNS.join('/')}（不区分大小写）。`,
      `no coordinate columns found (columns in ${where.en}: ${listed})${hint.en}. Accepted names: longitude ${X_COLUMNS.join('/')}; latitude ${Y_COLUMNS.join('/')}; or a WKT column ${WKT_COLUMNS.join('/')} (case-insensitive).`,
    );
  }
  const { xKey, yKey, wktKey } = found;
  const hasXY = xKey !== undefined && yKey !== undefined;
  const geometryColumns = new Set([xKey, yKey, wktKey]);
  const dataColumns = columns.map((name, index) => ({ name, index })).filter(({ name }) => !geometryColumns.has(name));
  const cell = (record: readonly TableCell[], index: number) => textOfCell(record[index]);
  const column = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const rows = records.filter(({ cells }) => cells.some((value) => textOfCell(value) !== ''));
  const numeric = typed
    ? new Set<string>()
    : new Set(
        dataColumns
          .filter(({ index }) => rows.every(({ cells }) => cell(cells, index) === '' || isExactNumber(cell(cells, index))))
          .filter(({ index }) => rows.some(({ cells }) => cell(cells, index) !== ''))
          .map(({ name }) => name),
      );

  const features: SourceFeature[] = [];
  const rejected: Rejection[] = [];
  rows.forEach(({ cells, row }, index) => {
    if ((index & 4095) === 0) progress?.(index / rows.length, 'read');
    const wkt = wktKey === undefined ? '' : cell(cells, column(wktKey));
    const read =
      wkt !== ''
        ? parseWkt(wkt)
        : hasXY
          ? pointFrom(cells[column(xKey)], cells[column(yKey)])
          : { problem: { zh: `“${wktKey}”列为空，没有几何`, en: `the "${wktKey}" cell is empty: no geometry` } };
    const checked = 'problem' in read ? read : checkGeometry(read.geometry);
    if ('problem' in checked) return void rejected.push({ row, reason: checked.problem });
    const properties: Record<string, unknown> = {};
    for (const { name, index: at } of dataColumns) {
      const raw = cells[at];
      const value = cell(cells, at);
      properties[name] = value === '' ? null : typed ? (typeof raw === 'string' ? value : raw) : numeric.has(name) ? Number(value) : value;
    }
    features.push({ row, geometry: checked.geometry, properties });
  });
  return { ok: true, features, rejected, renamedKeys: [...renamed] };
}
