// Reading analysis inputs (targets to reach, facilities that serve them) from
// files a planner brings: GeoJSON or CSV, UTF-8 or GBK. Pure text in, values
// out — no DOM, no fs — so the CLI and the browser's Web Worker share it.
// Errors are values: a bad file yields { ok: false, error } with a message in
// both languages; bad rows are skipped and listed, never thrown.
import { union } from '@turf/turf';
import Papa from 'papaparse';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { CountyArea, Facility, StudyArea, Target } from '../analysis/types';

export type ImportedGeometry = Point | LineString | Polygon | MultiPolygon;
export type PropertyValue = string | number | boolean | null;

export interface ImportedPoint {
  /** Unique within one import (duplicates get a -2, -3… suffix). */
  id: string;
  name: string;
  /** Where it came from, as in SkippedRow.row. */
  row: number;
  /** Always a Point from CSV; from GeoJSON also lines and polygons when geometries: 'any'. */
  geometry: ImportedGeometry;
  properties: Record<string, unknown>;
}

export interface SkippedRow {
  /** CSV: the spreadsheet row (header = row 1). GeoJSON: the feature's number, from 1. */
  row: number;
  reason: { zh: string; en: string };
}

export type ImportErrorCode =
  | 'empty'
  | 'not-json'
  | 'not-geojson'
  | 'malformed-csv'
  | 'no-coordinate-columns'
  | 'projected-coordinates'
  | 'no-valid-rows'
  | 'no-polygons'
  | 'unknown-property'
  | 'unknown-crs'
  | 'unsupported-format'
  | 'empty-collection'
  | 'too-large'
  | 'too-many-features'
  | 'internal';

export interface ImportError {
  code: ImportErrorCode;
  message_zh: string;
  message_en: string;
}

export type ImportFailure = { ok: false; error: ImportError };
export type PointsResult = { ok: true; points: ImportedPoint[]; skipped: SkippedRow[] } | ImportFailure;
export type TargetsResult = { ok: true; targets: Target[]; skipped: SkippedRow[] } | ImportFailure;
export type FacilitiesResult = { ok: true; facilities: Facility[]; skipped: SkippedRow[] } | ImportFailure;
export type StudyAreaResult = { ok: true; studyArea: StudyArea; skipped: SkippedRow[] } | ImportFailure;

export interface ParseOptions {
  /** 'points' (targets): Points and MultiPoints only. 'any' (facilities): lines and polygons too. */
  geometries?: 'points' | 'any';
}

export type InputFormat = 'geojson' | 'csv';

export function failure(code: ImportErrorCode, message_zh: string, message_en: string): ImportFailure {
  return { ok: false, error: { code, message_zh, message_en } };
}

const skip = (row: number, zh: string, en: string): SkippedRow => ({ row, reason: { zh, en } });

// ---------------------------------------------------------------- encoding

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/**
 * Text from file bytes: UTF-8 with or without BOM, UTF-16 with BOM (Excel's
 * "Unicode text"), else GB18030 — a superset of GBK/GB2312, which Chinese
 * Excel and most GIS exports on Chinese Windows write.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** GeoJSON when the name says so or the text starts like JSON; CSV otherwise. */
export function detectFormat(fileName: string, text: string): InputFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  return /^\s*[{[]/.test(text) ? 'geojson' : 'csv';
}

export function parsePointsText(text: string, format: InputFormat, options: ParseOptions = {}): PointsResult {
  return format === 'geojson' ? parseGeoJsonPoints(text, options) : parseCsvPoints(text);
}

/** Bytes of a dropped or named file → points: decode, pick the format, parse. */
export function parsePointsFile(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): PointsResult {
  const { text } = decodeText(bytes);
  return parsePointsText(text, detectFormat(fileName, text), options);
}

// ---------------------------------------------------------------- shared row handling

/** Keys that reach Object.prototype when a record is later merged with assignment (`Object.assign`, deep merges). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep file data may nest inside one property (JSON objects/arrays); deeper is refused, not recursed into. */
export const MAX_DATA_DEPTH = 64;

/** Thrown by safeData for data nested deeper than MAX_DATA_DEPTH; callers turn it into a row's reason. */
export class TooDeepError extends Error {
  constructor() {
    super(`data nested deeper than ${MAX_DATA_DEPTH} levels`);
  }
}

/** The name an unsafe key is kept under: `constructor` → `constructor_` (more _ if that is taken). */
export function safeKeyName(key: string, taken: { has(key: string): boolean }): string {
  let name = `${key}_`;
  while (taken.has(name)) name += '_';
  return name;
}

/**
 * A copy of file data in which `__proto__`/`constructor`/`prototype` keys, at
 * any depth, are renamed (`constructor_`…) so their values stay as data but no
 * later assignment or merge can reach a prototype; `renamed` collects the
 * original keys. Values are otherwise kept as they are: strings stay plain
 * strings. Throws TooDeepError past MAX_DATA_DEPTH levels (a 1 MB "[[[[…"
 * must not overflow the stack of whoever walks it next).
 */
export function safeData(value: unknown, renamed: Set<string> = new Set(), depth = 0): unknown {
  if (depth > MAX_DATA_DEPTH) throw new TooDeepError();
  if (Array.isArray(value)) return value.map((item) => safeData(item, renamed, depth + 1));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys) {
    const unsafe = UNSAFE_KEYS.has(key);
    if (unsafe) renamed.add(key);
    const item = safeData(value[key], renamed, depth + 1);
    if (unsafe) copy[safeKeyName(key, { has: (name) => Object.hasOwn(copy, name) || keys.includes(name) })] = item;
    else copy[key] = item;
  }
  return copy;
}

export const isUnsafeKey = (key: string): boolean => UNSAFE_KEYS.has(key);

export const ID_KEYS = ['id', 'adcode', 'code', 'fid', 'objectid', '编号', '代码', '编码', '序号'];
const NAME_KEYS = ['name', 'name_zh', 'title', '名称', '名字', '地名', '站点名称', '设施名称'];

/** Header or property key compared loosely: case, spaces and a trailing unit in brackets ignored. */
function normaliseKey(key: string): string {
  return key
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[(（][^)）]*[)）]$/, '');
}

export function findKey(keys: readonly string[], candidates: readonly string[]): string | undefined {
  const byNormal = new Map<string, string>();
  for (const key of keys) if (!byNormal.has(normaliseKey(key))) byNormal.set(normaliseKey(key), key);
  for (const candidate of candidates) {
    const key = byNormal.get(candidate);
    if (key !== undefined) return key;
  }
  return undefined;
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Makes ids unique within one import, since the engine keys results by id. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();
  take(wanted: string): string {
    const count = (this.seen.get(wanted) ?? 0) + 1;
    this.seen.set(wanted, count);
    if (count === 1) return wanted;
    const candidate = `${wanted}-${count}`;
    return this.seen.has(candidate) ? this.take(candidate) : (this.seen.set(candidate, 1), candidate);
  }
}

/** The name a feature goes by: the first name-like property (name, 名称, …), else its id. */
export function displayName(properties: Record<string, unknown>, fallback: string): string {
  const nameKey = findKey(Object.keys(properties), NAME_KEYS);
  return (nameKey ? textOf(properties[nameKey]) : undefined) ?? fallback;
}

function identity(properties: Record<string, unknown>, fallbackId: string, featureId?: unknown) {
  const keys = Object.keys(properties);
  const idKey = findKey(keys, ID_KEYS);
  const id = textOf(featureId) ?? (idKey ? textOf(properties[idKey]) : undefined) ?? fallbackId;
  return { id, name: displayName(properties, id) };
}

const inRange = ([x, y]: Position) => x !== undefined && y !== undefined && Math.abs(x) <= 180 && Math.abs(y) <= 90;

const PROJECTED_ZH = '坐标看起来是投影坐标（|x| > 180 或 |y| > 90）；命令行暂不支持投影坐标，请先转换为经纬度（WGS84/CGCS2000）。';
const PROJECTED_EN =
  'the coordinates look projected (|x| > 180 or |y| > 90); projected coordinates are not supported by the CLI yet — convert to longitude/latitude (WGS84/CGCS2000) first.';

function outOfRangeSkip(row: number, [x, y]: Position): SkippedRow {
  return skip(row, `坐标 (${x}, ${y}) 超出经纬度范围`, `coordinates (${x}, ${y}) are outside longitude/latitude range`);
}

/** Refuse a file whose coordinates are mostly out of range: it is projected, not a few typos. */
function finish(points: ImportedPoint[], skipped: SkippedRow[], outOfRange: number, what: { zh: string; en: string }): PointsResult {
  if (outOfRange > 0 && outOfRange >= points.length) return failure('projected-coordinates', PROJECTED_ZH, PROJECTED_EN);
  if (points.length === 0) {
    const first = skipped[0];
    const whyZh = first ? `（第 ${first.row} ${what.zh}：${first.reason.zh}）` : '';
    const whyEn = first ? ` (${what.en} ${first.row}: ${first.reason.en})` : '';
    return failure('no-valid-rows', `没有可用的点位${whyZh}。`, `no usable points${whyEn}.`);
  }
  return { ok: true, points, skipped };
}

// ---------------------------------------------------------------- GeoJSON

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
const GEOGRAPHIC_CRS = /CRS84|EPSG:+4326|EPSG:+4490|EPSG:+4283/i;

export interface RawFeature {
  id?: unknown;
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Set when the collection's item is not a Feature: what it is instead. */
  notFeature?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** A geometry split into the shapes a facility or target can have. */
function splitGeometry(geometry: Geometry): ImportedGeometry[] {
  switch (geometry.type) {
    case 'MultiPoint':
      return geometry.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'MultiLineString':
      return geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'GeometryCollection':
      return geometry.geometries.flatMap(splitGeometry);
    default:
      return [geometry];
  }
}

/** GeometryCollections inside GeometryCollections deeper than this are refused (the spec discourages any nesting). */
export const MAX_COLLECTION_DEPTH = 8;

export function validGeometry(geometry: unknown, depth = 0): { geometry: Geometry; positions: Position[] } | { problem: { zh: string; en: string } } {
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
function notGeoJsonReason(value: unknown): { zh: string; en: string } | null {
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

function parseGeoJsonValue(text: string): { features: RawFeature[] } | ImportFailure {
  const read = readGeoJson(text);
  if ('ok' in read) return read;
  const { features, crs } = read;
  if (crs && !GEOGRAPHIC_CRS.test(crs))
    return failure('projected-coordinates', `文件声明坐标系 ${crs}。${PROJECTED_ZH}`, `the file declares CRS ${crs}; ${PROJECTED_EN}`);
  return { features };
}

function crsName(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.crs) || !isRecord(value.crs.properties)) return undefined;
  return textOf(value.crs.properties.name);
}

/**
 * GeoJSON text → points. Accepts a FeatureCollection, a Feature or a bare
 * geometry; a MultiPoint becomes one point per position (id-1, id-2…).
 */
export function parseGeoJsonPoints(text: string, options: ParseOptions = {}): PointsResult {
  const acceptAny = options.geometries === 'any';
  const parsed = parseGeoJsonValue(text);
  if ('ok' in parsed) return parsed;
  const { features } = parsed;
  const points: ImportedPoint[] = [];
  const skipped: SkippedRow[] = [];
  const ids = new IdAllocator();
  let outOfRange = 0;
  features.forEach((feature, index) => {
    const row = index + 1;
    const checked = validGeometry(feature.geometry);
    if ('problem' in checked) return void skipped.push(skip(row, checked.problem.zh, checked.problem.en));
    const bad = checked.positions.find((position) => !inRange(position));
    if (bad) {
      outOfRange++;
      return void skipped.push(outOfRangeSkip(row, bad));
    }
    const parts = splitGeometry(checked.geometry);
    const kept = acceptAny ? parts : parts.filter((part) => part.type === 'Point');
    if (kept.length < parts.length) {
      const type = parts.find((part) => part.type !== 'Point')?.type ?? checked.geometry.type;
      skipped.push(skip(row, `${type} 不是点，目标只能是点`, `${type} is not a point; targets must be points`));
    }
    const { id, name } = identity(feature.properties, `feature-${row}`, feature.id);
    kept.forEach((geometry, part) => {
      const partId = kept.length > 1 ? `${id}-${part + 1}` : id;
      points.push({ id: ids.take(partId), name, row, geometry, properties: feature.properties });
    });
  });
  return finish(points, skipped, outOfRange, { zh: '个要素', en: 'feature' });
}

// ---------------------------------------------------------------- CSV

export const LONGITUDE_COLUMNS = ['lng', 'lon', 'long', 'longitude', 'x', '经度'] as const;
export const LATITUDE_COLUMNS = ['lat', 'latitude', 'y', '纬度'] as const;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A cell as a number when the whole cell is one (thousands separators and a trailing ° allowed). */
export function parseNumberCell(cell: string): number | null {
  const trimmed = cell.trim().replace(/°$/, '');
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (GROUPED_NUMBER.test(trimmed)) return Number(trimmed.replace(/,/g, ''));
  return null;
}

function cellValue(cell: string | undefined): PropertyValue {
  if (cell === undefined || cell.trim() === '') return null;
  return parseNumberCell(cell) ?? cell.trim();
}

export function coordinateProblem(cell: string | undefined, axis: { zh: string; en: string }): SkippedRow['reason'] {
  if (cell === undefined || cell.trim() === '') return { zh: `${axis.zh}为空`, en: `${axis.en} is empty` };
  return { zh: `${axis.zh}“${cell.trim()}”不是数字`, en: `${axis.en} "${cell.trim()}" is not a number` };
}

/**
 * CSV text (header row; comma, tab or semicolon) → points. Longitude and
 * latitude columns are found by name; every column is kept as a property,
 * numeric cells as numbers, so any of them can serve as a weight.
 */
export function parseCsvPoints(text: string): PointsResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
  // A column named __proto__ would become the records' prototype: such headers are renamed (constructor → constructor_).
  const parsed = Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => (UNSAFE_KEYS.has(header.trim()) ? `${header.trim()}_` : header),
  });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 2;
    return failure('malformed-csv', `CSV 格式错误（第 ${row} 行引号不匹配）。`, `malformed CSV (unmatched quote at row ${row}).`);
  }
  const columns = (parsed.meta.fields ?? []).filter((field) => field !== '');
  const lngKey = findKey(columns, LONGITUDE_COLUMNS);
  const latKey = findKey(columns, LATITUDE_COLUMNS);
  if (!lngKey || !latKey) {
    const found = columns.length ? columns.join(', ') : '—';
    return failure(
      'no-coordinate-columns',
      `找不到经纬度列（文件中的列：${found}）。可用列名：经度 ${LONGITUDE_COLUMNS.join('/')}；纬度 ${LATITUDE_COLUMNS.join('/')}（不区分大小写）。`,
      `no longitude/latitude columns found (columns in the file: ${found}). Accepted names: longitude ${LONGITUDE_COLUMNS.join('/')}; latitude ${LATITUDE_COLUMNS.join('/')} (case-insensitive).`,
    );
  }

  const points: ImportedPoint[] = [];
  const skipped: SkippedRow[] = [];
  const ids = new IdAllocator();
  let outOfRange = 0;
  parsed.data.forEach((record, index) => {
    const row = index + 2;
    const x = parseNumberCell(record[lngKey] ?? '');
    const y = parseNumberCell(record[latKey] ?? '');
    if (x === null || y === null) {
      const problem =
        x === null ? coordinateProblem(record[lngKey], { zh: '经度', en: 'longitude' }) : coordinateProblem(record[latKey], { zh: '纬度', en: 'latitude' });
      return void skipped.push({ row, reason: problem });
    }
    if (!inRange([x, y])) {
      outOfRange++;
      return void skipped.push(outOfRangeSkip(row, [x, y]));
    }
    const properties: Record<string, unknown> = {};
    for (const column of columns) properties[column] = cellValue(record[column]);
    const { id, name } = identity(properties, `row-${row}`);
    points.push({ id: ids.take(id), name, row, geometry: { type: 'Point', coordinates: [x, y] }, properties });
  });
  return finish(points, skipped, outOfRange, { zh: '行', en: 'row' });
}

// ---------------------------------------------------------------- to engine inputs

function propertyKeys(points: readonly ImportedPoint[]): string[] {
  return [...new Set(points.flatMap((point) => Object.keys(point.properties)))];
}

export function numericKeys(points: readonly ImportedPoint[]): string[] {
  return propertyKeys(points).filter((key) => points.some((point) => typeof point.properties[key] === 'number'));
}

function unknownProperty(property: string, points: readonly ImportedPoint[]): ImportFailure {
  const numeric = numericKeys(points).join(', ') || '—';
  return failure(
    'unknown-property',
    `没有属性“${property}”（可用的数值属性：${numeric}）。`,
    `no property "${property}" (numeric properties available: ${numeric}).`,
  );
}

/**
 * A numeric property per point, when asked for: rows where it is missing,
 * negative or not a number are skipped. Without a property every value is
 * `fallback`.
 */
function numericProperty(
  points: readonly ImportedPoint[],
  property: string | undefined,
  fallback: number | undefined,
  accept: (value: number) => boolean,
): { ok: true; values: (number | undefined)[]; skipped: SkippedRow[] } | ImportFailure {
  if (property === undefined) return { ok: true, values: points.map(() => fallback), skipped: [] };
  const key = findKey(propertyKeys(points), [normaliseKey(property)]);
  if (key === undefined) return unknownProperty(property, points);
  const skipped: SkippedRow[] = [];
  const values = points.map((point) => {
    const raw = point.properties[key];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberCell(raw) : null;
    if (value !== null && Number.isFinite(value) && accept(value)) return value;
    skipped.push(skip(point.row, `“${key}”的值 ${String(raw)} 不可用`, `"${key}" value ${String(raw)} is not usable`));
    return undefined;
  });
  return { ok: true, values, skipped };
}

const pointCoordinates = (point: ImportedPoint): [number, number] | null =>
  point.geometry.type === 'Point' ? [point.geometry.coordinates[0] ?? NaN, point.geometry.coordinates[1] ?? NaN] : null;

/** Imported points → engine targets, weight from `weightProperty` (non-negative) or 1. */
export function toTargets(points: readonly ImportedPoint[], weightProperty?: string): TargetsResult {
  const weights = numericProperty(points, weightProperty, 1, (value) => value >= 0);
  if (!weights.ok) return weights;
  const targets: Target[] = [];
  points.forEach((point, index) => {
    const coordinates = pointCoordinates(point);
    const weight = weights.values[index];
    if (coordinates && weight !== undefined) targets.push({ id: point.id, name: point.name, coordinates, weight });
  });
  if (targets.length === 0) return failure('no-valid-rows', '没有可用的目标点。', 'no usable target points.');
  return { ok: true, targets, skipped: weights.skipped };
}

/** Imported points → engine facilities, attractiveness from `attractivenessProperty` (positive) when given. */
export function toFacilities(points: readonly ImportedPoint[], attractivenessProperty?: string): FacilitiesResult {
  const attractiveness = numericProperty(points, attractivenessProperty, undefined, (value) => value > 0);
  if (!attractiveness.ok) return attractiveness;
  const facilities: Facility[] = [];
  points.forEach((point, index) => {
    const value = attractiveness.values[index];
    if (attractivenessProperty !== undefined && value === undefined) return;
    facilities.push({ id: point.id, name: point.name, geometry: point.geometry, ...(value !== undefined ? { attractiveness: value } : {}) });
  });
  if (facilities.length === 0) return failure('no-valid-rows', '没有可用的设施。', 'no usable facilities.');
  return { ok: true, facilities, skipped: attractiveness.skipped };
}

// ---------------------------------------------------------------- boundary

/**
 * GeoJSON polygons → the area an analysis reports against: each polygon
 * feature is one area (adcode/code/id and name_zh/name/名称 from its
 * properties), the outline is their union.
 */
export function parseBoundary(text: string): StudyAreaResult {
  const parsed = parseGeoJsonValue(text);
  if ('ok' in parsed) return parsed;
  const counties: CountyArea[] = [];
  const skipped: SkippedRow[] = [];
  let outOfRange = 0;
  parsed.features.forEach((feature, index) => {
    const row = index + 1;
    const checked = validGeometry(feature.geometry);
    if ('problem' in checked) return void skipped.push(skip(row, checked.problem.zh, checked.problem.en));
    const geometry = checked.geometry;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')
      return void skipped.push(skip(row, `${geometry.type} 不是面`, `${geometry.type} is not a polygon`));
    const bad = checked.positions.find((position) => !inRange(position));
    if (bad) {
      outOfRange++;
      return void skipped.push(outOfRangeSkip(row, bad));
    }
    const { id, name } = identity(feature.properties, `area-${row}`, feature.id);
    const nameEn = textOf(feature.properties.name_en) ?? name;
    counties.push({ adcode: id, name_zh: name, name_en: nameEn, geometry });
  });
  if (outOfRange > 0 && outOfRange >= counties.length) return failure('projected-coordinates', PROJECTED_ZH, PROJECTED_EN);
  if (counties.length === 0) return failure('no-polygons', '边界文件中没有面要素。', 'the boundary file has no polygons.');
  const asFeature = (area: CountyArea): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', geometry: area.geometry, properties: {} });
  const first = counties[0];
  const outline =
    counties.length === 1 && first
      ? asFeature(first)
      : union({ type: 'FeatureCollection', features: counties.map(asFeature) });
  if (!outline) return failure('no-polygons', '边界文件中的面为空。', 'the boundary polygons are empty.');
  return { ok: true, studyArea: { outline: { ...outline, properties: {} }, counties }, skipped };
}
