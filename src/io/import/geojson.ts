// GeoJSON → source features: a FeatureCollection, a single Feature, a bare
// geometry or a GeometryCollection (kept whole, as one feature). Coordinates
// are left as found; crs.ts decides what they are. JSON that is not quite
// JSON (bare NaN/Infinity) is read so only the features holding it are
// rejected; JSON that is broken is refused saying where.
import type { Geometry, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { MAX_DATA_DEPTH, TooDeepError, isRecord, safeData, textOf } from './fields';
import { MAX_IMPORT_POINTS, tooManyFeaturesFailure } from './limits';
import { failure, type FileFormat, type ImportFailure, type Rejection, type SourceFeature } from './types';

// ---------------------------------------------------------------- reading JSON

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
/** How deep `coordinates` nest for each geometry type. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

export interface RawFeature {
  id?: unknown;
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Set when the collection's item is not a Feature: what it is instead. */
  notFeature?: string;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Every position of a geometry, or null when one is not a pair of finite numbers. */
function positionsOf(coordinates: unknown, depth: number): Position[] | null {
  if (depth === 0) return isPosition(coordinates) ? [coordinates] : null;
  if (!Array.isArray(coordinates)) return null;
  const all: Position[] = [];
  for (const child of coordinates) {
    const positions = positionsOf(child, depth - 1);
    if (!positions) return null;
    all.push(...positions);
  }
  return all;
}

/** GeometryCollections inside GeometryCollections deeper than this are refused (the spec discourages any nesting). */
export const MAX_COLLECTION_DEPTH = 8;

export function validGeometry(geometry: unknown, depth = 0): { geometry: Geometry; positions: Position[] } | { problem: LocalizedText } {
  if (geometry === null || geometry === undefined) return { problem: { zh: '没有几何', en: 'no geometry' } };
  if (!isRecord(geometry) || typeof geometry.type !== 'string' || !GEOMETRY_TYPES.includes(geometry.type))
    return { problem: { zh: '几何类型无法识别', en: 'unknown geometry type' } };
  if (geometry.type === 'GeometryCollection') {
    if (!Array.isArray(geometry.geometries)) return { problem: { zh: '几何集合缺少 geometries', en: 'GeometryCollection without geometries' } };
    if (depth >= MAX_COLLECTION_DEPTH)
      return { problem: { zh: `几何集合嵌套超过 ${MAX_COLLECTION_DEPTH} 层`, en: `GeometryCollections nested more than ${MAX_COLLECTION_DEPTH} deep` } };
    const positions: Position[] = [];
    for (const member of geometry.geometries) {
      const checked = validGeometry(member, depth + 1);
      if ('problem' in checked) return checked;
      positions.push(...checked.positions);
    }
    return { geometry: geometry as unknown as Geometry, positions };
  }
  const positions = positionsOf(geometry.coordinates, DEPTH[geometry.type] ?? 0);
  if (!positions || positions.length === 0) return { problem: { zh: '坐标不是有效数字', en: 'coordinates are not valid numbers' } };
  return { geometry: geometry as unknown as Geometry, positions };
}

/** Why a parsed JSON value is not GeoJSON, naming what was found; null when it is. */
function notGeoJsonReason(value: unknown): LocalizedText | null {
  const expected = { zh: '需要 FeatureCollection、Feature 或几何对象', en: 'expected a FeatureCollection, a Feature or a geometry' };
  if (Array.isArray(value)) return { zh: `顶层是数组而不是对象；${expected.zh}`, en: `the top level is an array, not an object; ${expected.en}` };
  if (!isRecord(value)) return { zh: `顶层是 ${JSON.stringify(value)?.slice(0, 20)}；${expected.zh}`, en: `the top level is ${JSON.stringify(value)?.slice(0, 20)}; ${expected.en}` };
  if (!('type' in value)) {
    const keys = Object.keys(value).slice(0, 5).join(', ') || '—';
    return { zh: `没有 “type” 字段（顶层字段：${keys}）；${expected.zh}`, en: `no "type" member (top-level members: ${keys}); ${expected.en}` };
  }
  const type = typeof value.type === 'string' ? value.type.slice(0, 40) : JSON.stringify(value.type)?.slice(0, 40);
  if (value.type === 'FeatureCollection')
    return Array.isArray(value.features) ? null : { zh: 'FeatureCollection 的 “features” 不是数组', en: 'the FeatureCollection\'s "features" is not an array' };
  if (value.type === 'Feature' || (typeof value.type === 'string' && GEOMETRY_TYPES.includes(value.type))) return null;
  const topo = value.type === 'Topology' ? { zh: '（TopoJSON：请先转换为 GeoJSON）', en: ' (TopoJSON: convert it to GeoJSON first)' } : { zh: '', en: '' };
  return { zh: `“type” 为 “${type}”${topo.zh}；${expected.zh}`, en: `"type" is "${type}"${topo.en}; ${expected.en}` };
}

function rawFeatures(value: unknown): RawFeature[] | null {
  if (notGeoJsonReason(value) || !isRecord(value)) return null;
  const asFeature = (item: unknown): RawFeature =>
    isRecord(item) && item.type === 'Feature'
      ? { id: item.id, geometry: item.geometry, properties: isRecord(item.properties) ? item.properties : {} }
      : { geometry: undefined, properties: {}, notFeature: describeValue(item) };
  if (value.type === 'FeatureCollection') return (value.features as unknown[]).map(asFeature);
  if (value.type === 'Feature') return [asFeature(value)];
  return [{ geometry: value, properties: {} }];
}

/** A short description of a value for messages: its type member, or its JSON start. */
function describeValue(value: unknown): string {
  if (isRecord(value) && 'type' in value) return `type "${String(value.type).slice(0, 40)}"`;
  return (JSON.stringify(value) ?? String(value)).slice(0, 40);
}

/** Bare NaN / Infinity / -Infinity outside strings (not JSON, but written by Python's json and others). */
const NON_FINITE_TOKEN = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
/** What a bare NaN/Infinity token becomes so the feature holding it can be rejected by name. */
export const NON_FINITE_MARK = '\u0000non-finite:';

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON.parse's error → where and why, in both languages, worded the same whatever the JS engine says. */
function jsonSyntaxFailure(text: string, error: Error): ImportFailure {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^[{[]/.test(start)) {
    const head = start.slice(0, 20).replace(/\s+/g, ' ');
    return failure(
      'not-json',
      `不是有效的 JSON：文件以“${head}”开头，而 GeoJSON 以 { 开头。这可能是另一种格式的文件（扩展名不对）。`,
      `not valid JSON: the file starts with "${head}", while GeoJSON starts with {. It may be another kind of file with the wrong extension.`,
    );
  }
  // V8 says "… at position N" or "Unexpected end of JSON input".
  const position = /at position (\d+)/.exec(error.message);
  const offset = position ? Number(position[1]) : null;
  const end = text.trimEnd().length;
  if (offset === null ? /end of JSON input/i.test(error.message) : offset >= end)
    return failure(
      'not-json',
      `不是有效的 JSON：文件在结尾处中断（共 ${text.length} 个字符），可能下载或复制不完整。`,
      `not valid JSON: the file ends in the middle of the data (${text.length} characters); it may be truncated.`,
    );
  if (offset === null) return failure('not-json', `不是有效的 JSON：语法错误（${error.message}）。`, `not valid JSON: syntax error (${error.message}).`);
  const where = lineColumn(text, offset);
  const near = text.slice(offset, offset + 16).replace(/\s+/g, ' ');
  return failure(
    'not-json',
    `不是有效的 JSON：第 ${where.line} 行第 ${where.column} 列（“${near}”附近）有语法错误。`,
    `not valid JSON: syntax error at line ${where.line}, column ${where.column} (near "${near}").`,
  );
}

/**
 * GeoJSON text → its features (a Feature or a bare geometry counts as one)
 * and the CRS name it declares, if any. No coordinate checks: callers decide.
 * Bare NaN/Infinity (not JSON) are read as marked strings so that only the
 * features holding them are rejected; `nonFinite` says the file had some.
 */
export function readGeoJson(text: string): { features: RawFeature[]; crs: string | undefined; nonFinite: boolean } | ImportFailure {
  if (text.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
  let value: unknown;
  let nonFinite = false;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    let replaced = false;
    const tolerant = text.replace(NON_FINITE_TOKEN, (token) => {
      if (token.startsWith('"')) return token;
      replaced = true;
      return JSON.stringify(NON_FINITE_MARK + token);
    });
    try {
      if (!replaced) throw error;
      value = JSON.parse(tolerant);
      nonFinite = true;
    } catch {
      return jsonSyntaxFailure(text, error);
    }
  }
  const reason = notGeoJsonReason(value);
  if (reason) return failure('not-geojson', `不是 GeoJSON：${reason.zh}。`, `not GeoJSON: ${reason.en}.`);
  return { features: rawFeatures(value) ?? [], crs: crsName(value), nonFinite };
}

function crsName(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.crs) || !isRecord(value.crs.properties)) return undefined;
  return textOf(value.crs.properties.name);
}
// ---------------------------------------------------------------- checking geometries

const closed = (ring: Position[]) => {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
};

function lineProblem(line: Position[]): LocalizedText | null {
  return line.length >= 2 ? null : { zh: '线至少需要 2 个点', en: 'a line needs at least 2 positions' };
}

function polygonProblem(rings: Position[][]): LocalizedText | null {
  if (rings.length === 0) return { zh: '面没有边界环', en: 'a polygon without rings' };
  for (const ring of rings) {
    // An unclosed ring of 3+ corners is closed by repair.ts (and said); 4 positions only when closed.
    if (ring.length < (closed(ring) ? 4 : 3))
      return { zh: '面的边界环至少需要 4 个点（首尾相同）', en: 'a polygon ring needs at least 4 positions (first = last)' };
  }
  return null;
}

const firstProblem = <T>(items: T[], check: (item: T) => LocalizedText | null): LocalizedText | null => {
  if (items.length === 0) return { zh: '几何为空', en: 'empty geometry' };
  for (const item of items) {
    const problem = check(item);
    if (problem) return problem;
  }
  return null;
};

/** Shape rules the coordinate check in points.ts leaves out: enough positions, closed rings. */
function shapeProblem(geometry: Geometry): LocalizedText | null {
  switch (geometry.type) {
    case 'Point':
      return null;
    case 'MultiPoint':
      return firstProblem(geometry.coordinates, () => null);
    case 'LineString':
      return lineProblem(geometry.coordinates);
    case 'MultiLineString':
      return firstProblem(geometry.coordinates, lineProblem);
    case 'Polygon':
      return polygonProblem(geometry.coordinates);
    case 'MultiPolygon':
      return firstProblem(geometry.coordinates, polygonProblem);
    case 'GeometryCollection':
      return firstProblem(geometry.geometries, shapeProblem);
  }
}

const shown = (value: unknown) => {
  if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) return value.slice(NON_FINITE_MARK.length);
  return (JSON.stringify(value) ?? String(value)).slice(0, 40);
};

/** The first thing wrong in a `coordinates` member, said precisely (which value, which level); null when nothing is. */
function coordinatesProblem(coordinates: unknown, depth: number, type: string): LocalizedText | null {
  const nesting = { zh: `“coordinates” 的嵌套层级与 ${type} 不符`, en: `"coordinates" are not nested as a ${type} needs` };
  if (!Array.isArray(coordinates)) return nesting;
  if (depth > 0) {
    if (coordinates.length === 0) return { zh: '几何为空（没有坐标）', en: 'empty geometry (no coordinates)' };
    for (const child of coordinates) {
      const problem = coordinatesProblem(child, depth - 1, type);
      if (problem) return problem;
    }
    return null;
  }
  if (coordinates.length < 2) return { zh: `坐标点 ${shown(coordinates)} 少于 2 个数值`, en: `position ${shown(coordinates)} has fewer than 2 numbers` };
  for (const value of coordinates) {
    if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK))
      return { zh: `坐标值 ${shown(value)} 不是有限数字`, en: `coordinate ${shown(value)} is not a finite number` };
    if (typeof value === 'string') return { zh: `坐标值 ${shown(value)} 是文本，不是数字`, en: `coordinate ${shown(value)} is text, not a number` };
    if (Array.isArray(value)) return nesting;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { zh: `坐标值 ${shown(value)} 不是数字`, en: `coordinate ${shown(value)} is not a number` };
  }
  return null;
}

/** Why a raw geometry value is unusable, more precisely than validGeometry says. */
function explain(value: unknown, fallback: LocalizedText): LocalizedText {
  if (value === null) return { zh: '没有几何（geometry 为 null）：没有位置的要素无法导入', en: 'no geometry (geometry is null): a feature without a position cannot be imported' };
  if (value === undefined) return { zh: '没有几何（缺少 geometry）', en: 'no geometry (the geometry member is missing)' };
  if (typeof value !== 'object' || Array.isArray(value)) return { zh: `geometry 不是对象（${shown(value)}）`, en: `geometry is not an object (${shown(value)})` };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || (!(type in DEPTH) && type !== 'GeometryCollection'))
    return { zh: `几何类型 ${shown(type)} 无法识别`, en: `unknown geometry type ${shown(type)}` };
  if (type === 'GeometryCollection') return fallback;
  return coordinatesProblem(coordinates, DEPTH[type]!, type) ?? fallback;
}

/** Any value → a usable GeoJSON geometry, or why not (shared with the CSV WKT column). */
export function checkGeometry(value: unknown): { geometry: Geometry } | { problem: LocalizedText } {
  const checked = validGeometry(value);
  if ('problem' in checked) return { problem: explain(value, checked.problem) };
  const problem = shapeProblem(checked.geometry);
  return problem ? { problem: { zh: `几何无效：${problem.zh}`, en: `invalid geometry: ${problem.en}` } } : { geometry: checked.geometry };
}

export const geojsonFormat: FileFormat = {
  id: 'geojson',
  title: { zh: 'GeoJSON', en: 'GeoJSON' },
  extensions: ['geojson', 'json'],
  mimeTypes: ['application/geo+json', 'application/json'],
  reads: 'text',
  sniff: (head) => /^\s*[{[]/.test(head),
  read([file], { decode, progress }) {
    progress?.(0, 'parse');
    const read = readGeoJson(file ? decode(file) : '');
    if ('ok' in read) return read;
    if (read.features.length > MAX_IMPORT_POINTS) return tooManyFeaturesFailure(read.features.length, 'features');
    const features: SourceFeature[] = [];
    const rejected: Rejection[] = [];
    const renamed = new Set<string>();
    const total = read.features.length;
    read.features.forEach((raw, index) => {
      if ((index & 1023) === 0) progress?.(index / total, 'parse');
      const row = index + 1;
      if (raw.notFeature !== undefined)
        return void rejected.push({ row, reason: { zh: `不是 Feature（${raw.notFeature}）`, en: `not a Feature (${raw.notFeature})` } });
      const checked = checkGeometry(raw.geometry);
      if ('problem' in checked) return void rejected.push({ row, reason: checked.problem });
      let properties: Record<string, unknown>;
      try {
        properties = safeData(raw.properties, renamed) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        return void rejected.push({
          row,
          reason: {
            zh: `属性嵌套超过 ${MAX_DATA_DEPTH} 层，无法作为表格数据导入`,
            en: `properties nested more than ${MAX_DATA_DEPTH} levels deep cannot be imported as table data`,
          },
        });
      }
      features.push({ row, geometry: checked.geometry, properties, ...(raw.id !== undefined ? { featureId: raw.id } : {}) });
    });
    if (total === 0)
      return failure(
        'empty-collection',
        'GeoJSON 中没有要素（FeatureCollection 的 features 为空）。',
        'the GeoJSON has no features (the FeatureCollection\'s features array is empty).',
      );
    return {
      ok: true,
      features,
      rejected,
      renamedKeys: [...renamed],
      ...(read.nonFinite ? { nonFinite: true } : {}),
      ...(read.crs ? { declaredCrs: read.crs } : {}),
    };
  },
};
