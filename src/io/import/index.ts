// Importing a planner's file as a scenario layer: bytes in, a report out.
// One converter per format (geojson.ts, csv.ts) turns text into source
// features; crs.ts finds the coordinate system and converts to WGS84; this
// file names the layer, keeps or makes feature ids and lists every rejected
// row with its reason. Pure and synchronous (it runs in the Web Worker): a
// failed import returns { ok: false, error } and changes nothing.
import type { Geometry } from 'geojson';
import type { ScenarioFeature, ScenarioLayer } from '../../domain/scenario';
import { ID_KEYS, IdAllocator, decodeText, detectFormat, failure, findKey, isUnsafeKey, textOf } from '../points';
import type { DecodedText, ImportFailure, InputFormat } from '../points';
import type { CityBounds } from '../../domain/validation';
import { resolveCrs } from './crs';
import type { CrsReport, SourceCrs } from './crs';
import { csvConverter } from './csv';
import { geojsonConverter } from './geojson';
import { MAX_IMPORT_BYTES, MAX_LISTED_REJECTIONS, tooLargeFailure } from './limits';
import { REPAIR_NOTES, repairGeometry, type RepairKind } from './repair';

export type { CrsReport, DetectedCrs, SourceCrs } from './crs';
export type { ImportError } from '../points';
export { MAX_IMPORT_BYTES, MAX_IMPORT_FEATURES, MAX_LISTED_REJECTIONS, tooLargeFailure } from './limits';

/** Stages of an import, in order; progress is reported within each. */
export type ImportPhase = 'decode' | 'parse' | 'read' | 'convert' | 'check';
/** `fraction` of `phase` done, 0…1; called often, so keep it cheap. */
export type ImportProgress = (fraction: number, phase: ImportPhase) => void;

export interface Reason {
  zh: string;
  en: string;
}

export interface Rejection {
  /** CSV: the spreadsheet row (header = row 1). GeoJSON: the feature's number, from 1. */
  row: number;
  reason_zh: string;
  reason_en: string;
}

/** A feature as a converter read it: coordinates not yet converted, properties already safe. */
export interface SourceFeature {
  row: number;
  geometry: Geometry;
  properties: Record<string, unknown>;
  /** GeoJSON's Feature.id, when present. */
  featureId?: unknown;
}

export type ConvertResult =
  | {
      ok: true;
      features: SourceFeature[];
      rejected: Rejection[];
      /** `__proto__`/`constructor`/`prototype` keys found (kept as `<key>_`). */
      renamedKeys: string[];
      /** The GeoJSON had bare NaN/Infinity (not JSON); their features are rejected. */
      nonFinite?: boolean;
      declaredCrs?: string;
    }
  | ImportFailure;

/** One per format: adding a format is adding a file and a line in CONVERTERS. */
export interface Converter {
  format: InputFormat;
  toFeatures(text: string, progress?: ImportProgress): ConvertResult;
}

const CONVERTERS: Record<InputFormat, Converter> = { geojson: geojsonConverter, csv: csvConverter };

export interface ImportOptions {
  /** What the coordinates are; 'auto' (default) detects by magnitude. GCJ-02 can only be declared. */
  sourceCrs?: SourceCrs;
  /** The layer id to use; default `imported-<slug>-<n>` with n not in existingLayerIds. */
  layerId?: string;
  existingLayerIds?: readonly string[];
  /** Default: the file name without its extension, in both languages. */
  title?: Reason;
  /**
   * The city the scenario is validated against: when given, every feature is
   * checked as an edit would be (far outside the city, self-intersection…)
   * and refused on its own row, so confirming the import never fails.
   */
  cityBounds?: CityBounds;
}

export type ImportReport =
  | {
      ok: true;
      layer: ScenarioLayer;
      crs: CrsReport;
      encoding: DecodedText['encoding'];
      accepted: number;
      /** The first MAX_LISTED_REJECTIONS rejected rows, by row. */
      rejected: Rejection[];
      /** Every rejected row, listed or not. */
      rejectedCount: number;
      /** Things done to the data worth telling the planner (ids generated, keys dropped). */
      warnings: Reason[];
    }
  | ImportFailure;

const UNSUPPORTED = /\.(shp|shx|dbf|prj|zip|kml|kmz|gpx|xlsx?|gpkg|dwg|dxf|mdb|tab|mif)$/i;

/** The file name without folders and extension. */
export function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '') || name;
}

/** Letters (any script) and digits, joined by '-': 驻马店物流节点.csv → 驻马店物流节点. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'layer';
}

function layerIdFor(slug: string, existing: readonly string[] = []): string {
  const taken = new Set(existing);
  let n = 1;
  while (taken.has(`imported-${slug}-${n}`)) n++;
  return `imported-${slug}-${n}`;
}

/**
 * Ids for the accepted features: the file's own (Feature.id, else an
 * id/编号/code… column) when every feature has one and none repeats, else
 * `<slug>-<row>`. Returns the ids, the column they came from and a warning
 * when the file's ids could not be kept.
 */
function chooseIds(features: readonly SourceFeature[], slug: string): { ids: string[]; column: string | null; warning?: Reason } {
  const uniqueTexts = (values: unknown[]) => {
    const texts = values.map(textOf);
    const complete = texts.every((text): text is string => text !== undefined);
    return complete && new Set(texts).size === texts.length ? texts : null;
  };
  const fromFeatureIds = features.some((feature) => feature.featureId !== undefined) ? uniqueTexts(features.map((feature) => feature.featureId)) : null;
  if (fromFeatureIds) return { ids: fromFeatureIds, column: null };
  const key = findKey([...new Set(features.flatMap((feature) => Object.keys(feature.properties)))], ID_KEYS);
  const fromColumn = key === undefined ? null : uniqueTexts(features.map((feature) => feature.properties[key]));
  if (key !== undefined && fromColumn) return { ids: fromColumn, column: key };
  const ids = new IdAllocator();
  const generated = features.map((feature) => ids.take(`${slug}-${feature.row}`));
  const warning =
    key === undefined
      ? undefined
      : {
          zh: `编号列“${key}”有空值或重复，已改用自动编号（<名称>-<行号>）${key === 'id' ? '；原值保存在 source_id' : ''}。`,
          en: `the id column "${key}" has empty or repeated values; generated ids (<name>-<row>) instead${key === 'id' ? '; the original values are kept in source_id' : ''}.`,
        };
  return { ids: generated, column: null, ...(warning ? { warning } : {}) };
}

const byRow = (a: Rejection, b: Rejection) => a.row - b.row;

/** Calls `report` at most once per percent of each phase. */
function throttled(report: ImportProgress | undefined): ImportProgress | undefined {
  if (!report) return undefined;
  let last = { phase: '', percent: -1 };
  return (fraction, phase) => {
    const percent = Math.floor(Math.min(Math.max(fraction, 0), 1) * 100);
    if (phase === last.phase && percent === last.percent) return;
    last = { phase, percent };
    report(percent / 100, phase);
  };
}

/** Feature rows for a warning: "第 3、5、8 个…" style lists, at most 5 shown. */
function rowList(rows: readonly number[]): { zh: string; en: string } {
  const shown = rows.slice(0, 5).join(rows.length > 5 ? ', ' : ', ');
  const more = rows.length > 5 ? ` …` : '';
  return { zh: `行/要素 ${shown}${more}`, en: `rows/features ${shown}${more}` };
}

/**
 * A dropped or chosen file's bytes → an imported scenario layer, with what
 * was accepted, rejected, repaired and converted. Never throws: anything
 * unexpected becomes a failure with a message, so the dialog always answers.
 */
export function importFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}, onProgress?: ImportProgress): ImportReport {
  try {
    return importBytes(fileName, bytes, options, throttled(onProgress));
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return failure(
      'internal',
      `读取文件时出错，未导入任何内容（${detail}）。请检查文件，或把文件发给维护人员。`,
      `reading the file failed; nothing was imported (${detail}). Check the file, or send it to the maintainers.`,
    );
  }
}

function importBytes(fileName: string, bytes: Uint8Array, options: ImportOptions, progress: ImportProgress | undefined): ImportReport {
  if (UNSUPPORTED.test(fileName))
    return failure(
      'unsupported-format',
      `不支持的文件类型（${fileName}）。请导出为 GeoJSON 或 CSV（经纬度列或 WKT 列）后再导入。`,
      `unsupported file type (${fileName}). Export it as GeoJSON or CSV (longitude/latitude or WKT column) and import that.`,
    );
  if (bytes.length > MAX_IMPORT_BYTES) return tooLargeFailure(bytes.length);
  progress?.(0, 'decode');
  const { text, encoding } = decodeText(bytes);
  const converted = CONVERTERS[detectFormat(fileName, text)].toFeatures(text, progress);
  if (!converted.ok) return converted;

  const rejected = [...converted.rejected];
  const noneUsable = (rejections: Rejection[]): ImportFailure => {
    const first = [...rejections].sort(byRow)[0];
    const count = rejections.length > 1 ? { zh: `，共 ${rejections.length} 行/个被拒绝`, en: `; ${rejections.length} rows/features rejected in all` } : { zh: '', en: '' };
    return failure(
      'no-valid-rows',
      `没有可导入的要素${first ? `（第 ${first.row} 行/个：${first.reason_zh}${count.zh}）` : ''}。`,
      `nothing to import${first ? ` (row/feature ${first.row}: ${first.reason_en}${count.en})` : ''}.`,
    );
  };
  if (converted.features.length === 0) return noneUsable(rejected);

  progress?.(0, 'convert');
  const resolved = resolveCrs(
    converted.features.map((feature) => feature.geometry),
    options.sourceCrs ?? 'auto',
    converted.declaredCrs,
    (fraction) => progress?.(fraction, 'convert'),
  );
  if (!resolved.ok) return failure('unknown-crs', resolved.message_zh, resolved.message_en);

  const kept: { source: SourceFeature; geometry: Geometry }[] = [];
  const repairedRows = new Map<RepairKind, number[]>();
  const total = converted.features.length;
  converted.features.forEach((source, index) => {
    if ((index & 1023) === 0) progress?.(index / total, 'check');
    const geometry = resolved.geometries[index];
    if (!geometry) {
      const reason = resolved.misfit(source.geometry);
      return void rejected.push({ row: source.row, reason_zh: reason.zh, reason_en: reason.en });
    }
    const repaired = repairGeometry(geometry, options.cityBounds);
    if ('problem' in repaired) return void rejected.push({ row: source.row, reason_zh: repaired.problem.zh, reason_en: repaired.problem.en });
    for (const kind of repaired.repairs) repairedRows.set(kind, [...(repairedRows.get(kind) ?? []), source.row]);
    kept.push({ source, geometry: repaired.geometry });
  });
  if (kept.length === 0) return noneUsable(rejected);

  const base = baseName(fileName);
  const slug = slugify(base);
  const { ids, warning } = chooseIds(
    kept.map(({ source }) => source),
    slug,
  );
  const features: ScenarioFeature[] = kept.map(({ source, geometry }, index) => {
    const id = ids[index] ?? `${slug}-${source.row}`;
    const { id: ownId, ...rest } = source.properties;
    const properties = { id, ...(ownId !== undefined && textOf(ownId) !== id ? { source_id: ownId } : {}), ...rest };
    return { type: 'Feature', geometry, properties };
  });

  const warnings: Reason[] = warning ? [warning] : [];
  if (converted.renamedKeys.length) {
    const pairs = converted.renamedKeys.map((key) => `${key} → ${key}_`);
    warnings.push({
      zh: `属性名 ${pairs.join('、')} 已改名（这些名称在程序中有特殊含义），值照常保留。`,
      en: `property names renamed: ${pairs.join(', ')} (these names are special in programs); their values are kept.`,
    });
  }
  if (converted.nonFinite)
    warnings.push({
      zh: '文件中有 NaN 或 Infinity（标准 JSON 不允许），含有它们的要素已被拒绝。',
      en: 'the file contains NaN or Infinity (not allowed in standard JSON); the features holding them were rejected.',
    });
  for (const [kind, rows] of repairedRows) {
    const list = rowList(rows);
    const note = REPAIR_NOTES[kind](rows.length, '');
    warnings.push({ zh: note.zh.replace('（）', `（${list.zh}）`), en: note.en.replace('()', `(${list.en})`) });
  }
  progress?.(1, 'check');

  const sorted = rejected.sort(byRow);
  return {
    ok: true,
    layer: {
      id: options.layerId ?? layerIdFor(slug, options.existingLayerIds),
      title: options.title ?? { zh: base, en: base },
      imported: true,
      features,
    },
    crs: resolved.crs,
    encoding,
    accepted: features.length,
    rejected: sorted.length > MAX_LISTED_REJECTIONS ? sorted.slice(0, MAX_LISTED_REJECTIONS) : sorted,
    rejectedCount: sorted.length,
    warnings,
  };
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
