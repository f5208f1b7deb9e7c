// Reading a planner's table data safely and loosely: property keys that
// could reach a prototype are renamed, column names are matched ignoring case,
// spaces and units, numbers are read as Chinese spreadsheets write them. Shared
// by every converter and by the analysis view of an import.
import type { ScenarioFeature } from '../../domain/scenario';
import type { LocalizedText } from '../../i18n/text';

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
export const NAME_KEYS = ['name', 'name_zh', 'title', '名称', '名字', '地名', '站点名称', '设施名称'];

/** Header or property key compared loosely: case, spaces and a trailing unit in brackets ignored. */
export function normaliseKey(key: string): string {
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
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

export function coordinateProblem(cell: string | undefined, axis: LocalizedText): LocalizedText {
  if (cell === undefined || cell.trim() === '') return { zh: `${axis.zh}为空`, en: `${axis.en} is empty` };
  return { zh: `${axis.zh}“${cell.trim()}”不是数字`, en: `${axis.en} "${cell.trim()}" is not a number` };
}

/**
 * Imported features with a plan layer's field names: `mapping` is
 * { targetField: sourceField }. Mapped source fields are renamed; unmapped
 * ones are kept (as `<name>_source` when a target takes their name). A source
 * field a feature lacks gives null. `id` is the importer's and is not
 * remapped; unsafe target names are ignored.
 */
export function mapFields(features: readonly ScenarioFeature[], mapping: Readonly<Record<string, string>>): ScenarioFeature[] {
  const pairs = Object.entries(mapping).filter(([target, source]) => target !== 'id' && source !== '' && !isUnsafeKey(target));
  const renamed = new Set(pairs.map(([, source]) => source));
  return features.map((feature) => {
    const source = feature.properties;
    const properties: Record<string, unknown> = { id: source.id };
    for (const [target, from] of pairs) properties[target] = Object.hasOwn(source, from) ? source[from] : null;
    for (const [key, value] of Object.entries(source)) {
      if (key === 'id' || renamed.has(key)) continue;
      const name = Object.hasOwn(properties, key) ? `${key}_source` : key;
      properties[name] = value;
    }
    return { ...feature, properties: properties as ScenarioFeature['properties'] };
  });
}
