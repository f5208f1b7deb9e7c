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
import { resolveCrs } from './crs';
import type { CrsReport, SourceCrs } from './crs';
import { csvConverter } from './csv';
import { geojsonConverter } from './geojson';

export type { CrsReport, DetectedCrs, SourceCrs } from './crs';
export type { ImportError } from '../points';

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
  | { ok: true; features: SourceFeature[]; rejected: Rejection[]; droppedKeys: string[]; declaredCrs?: string }
  | ImportFailure;

/** One per format: adding a format is adding a file and a line in CONVERTERS. */
export interface Converter {
  format: InputFormat;
  toFeatures(text: string): ConvertResult;
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
}

export type ImportReport =
  | {
      ok: true;
      layer: ScenarioLayer;
      crs: CrsReport;
      encoding: DecodedText['encoding'];
      accepted: number;
      rejected: Rejection[];
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

/** A dropped or chosen file's bytes → an imported scenario layer, with what was accepted, rejected and converted. */
export function importFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): ImportReport {
  if (UNSUPPORTED.test(fileName))
    return failure(
      'unsupported-format',
      `不支持的文件类型（${fileName}）。请导出为 GeoJSON 或 CSV（经纬度列或 WKT 列）后再导入。`,
      `unsupported file type (${fileName}). Export it as GeoJSON or CSV (longitude/latitude or WKT column) and import that.`,
    );
  const { text, encoding } = decodeText(bytes);
  const converted = CONVERTERS[detectFormat(fileName, text)].toFeatures(text);
  if (!converted.ok) return converted;

  const rejected = [...converted.rejected];
  const noneUsable = (rejections: Rejection[]): ImportFailure => {
    const first = [...rejections].sort(byRow)[0];
    return failure(
      'no-valid-rows',
      `没有可导入的要素${first ? `（第 ${first.row} 行/个：${first.reason_zh}）` : ''}。`,
      `nothing to import${first ? ` (row/feature ${first.row}: ${first.reason_en})` : ''}.`,
    );
  };
  if (converted.features.length === 0) return noneUsable(rejected);

  const resolved = resolveCrs(
    converted.features.map((feature) => feature.geometry),
    options.sourceCrs ?? 'auto',
    converted.declaredCrs,
  );
  if (!resolved.ok) return failure('unknown-crs', resolved.message_zh, resolved.message_en);

  const kept: { source: SourceFeature; geometry: Geometry }[] = [];
  converted.features.forEach((source, index) => {
    const geometry = resolved.geometries[index];
    if (geometry) kept.push({ source, geometry });
    else {
      const reason = resolved.misfit(source.geometry);
      rejected.push({ row: source.row, reason_zh: reason.zh, reason_en: reason.en });
    }
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
  if (converted.droppedKeys.length)
    warnings.push({
      zh: `已忽略不安全的属性名：${converted.droppedKeys.join('、')}。`,
      en: `ignored unsafe property names: ${converted.droppedKeys.join(', ')}.`,
    });

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
    rejected: rejected.sort(byRow),
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
