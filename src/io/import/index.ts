// Importing a planner's files as a scenario layer: bytes in, a report out.
// registry.ts names the formats and picks the one a set of files holds (a
// .zip is opened first, zip.ts); that format's converter (geojson.ts,
// csv.ts) turns the files into source features; crs.ts finds the coordinate
// system and converts to WGS84; repair.ts fixes or refuses each geometry;
// this file names the layer, keeps or makes feature ids and lists every
// rejected row with its reason. Analysis targets and facilities are a view
// over the same report (../analysisInputs.ts). Pure and synchronous (it runs
// in the Web Worker and in the CLI): a failed import returns
// { ok: false, error } and changes nothing.
import type { Geometry } from 'geojson';
import type { ScenarioFeature, ScenarioLayer } from '../../domain/scenario';
import type { LocalizedText } from '../../i18n/text';
import type { CityBounds } from '../../domain/validation';
import { resolveCrs } from './crs';
import type { CrsReport, SourceCrs } from './crs';
import { decodeText } from './decode';
import { ID_KEYS, IdAllocator, findKey, textOf } from './fields';
import { MAX_IMPORT_BYTES, MAX_IMPORT_FEATURES, MAX_LISTED_REJECTIONS, tooLargeFailure, tooManyShapesFailure } from './limits';
import { baseName, detectFormat, extensionOf, FORMATS } from './registry';
import { REPAIR_NOTES, repairGeometry, type RepairKind } from './repair';
import { failure, type ImportFailure, type ImportProgress, type InputFile, type Rejection, type SourceFeature, type TextEncodingName } from './types';
import { expandZip, isZip } from './zip';

export type { CrsReport, DetectedCrs, SourceCrs } from './crs';
export type { ImportError, ImportErrorCode, ImportFailure, ImportPhase, ImportProgress, InputFile, Rejection } from './types';
export { failure } from './types';
export { MAX_IMPORT_BYTES, MAX_IMPORT_FEATURES, MAX_IMPORT_POINTS, MAX_LISTED_REJECTIONS, tooLargeFailure } from './limits';
export { acceptList, baseName, formatsMarkdown, unsupportedMessage } from './registry';
// In fields.ts so that the import dialog (main thread) can use it without the readers.
export { mapFields } from './fields';

export interface ImportOptions {
  /** What the coordinates are; 'auto' (default) detects by magnitude. GCJ-02 can only be declared. */
  sourceCrs?: SourceCrs;
  /** The layer id to use; default `imported-<slug>-<n>` with n not in existingLayerIds. */
  layerId?: string;
  existingLayerIds?: readonly string[];
  /** Default: the file name without its extension, in both languages. */
  title?: LocalizedText;
  /**
   * The city the scenario is validated against: when given, every feature is
   * checked as an edit would be (far outside the city, self-intersection…)
   * and refused on its own row, so confirming the import never fails.
   */
  cityBounds?: CityBounds;
  /** A workbook's sheet to read, by name; default the first (the report lists them all). */
  sheet?: string;
}

export type ImportReport =
  | {
      ok: true;
      layer: ScenarioLayer;
      /** The file row (CSV) or feature number (GeoJSON) of each of layer.features, in order. */
      rows: number[];
      /** The registry id of the format read ('geojson', 'csv'). */
      format: string;
      /** The file the features came from (inside the .zip, when one was opened). */
      fileName: string;
      crs: CrsReport;
      /** How the text was decoded; null for formats read as bytes. */
      encoding: TextEncodingName | null;
      accepted: number;
      /** The first MAX_LISTED_REJECTIONS rejected rows, by row. */
      rejected: Rejection[];
      /** Every rejected row, listed or not. */
      rejectedCount: number;
      /** Things done to the data worth telling the planner (ids generated, keys dropped). */
      warnings: LocalizedText[];
      /** What the reader read or assumed (attribute encoding, Z dropped, folders kept). */
      notes: LocalizedText[];
      /** A workbook's sheets and the one read; absent for other formats. */
      sheets?: { names: string[]; read: string };
    }
  | ImportFailure;

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
function chooseIds(features: readonly SourceFeature[], slug: string): { ids: string[]; column: string | null; warning?: LocalizedText } {
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
function rowList(rows: readonly number[]): LocalizedText {
  const shown = rows.slice(0, 5).join(rows.length > 5 ? ', ' : ', ');
  const more = rows.length > 5 ? ` …` : '';
  return { zh: `行/要素 ${shown}${more}`, en: `rows/features ${shown}${more}` };
}

/**
 * A dropped or chosen set of files (one file, a dataset's files together, or
 * one .zip) → an imported scenario layer, with what was accepted, rejected,
 * repaired and converted. Never throws: anything unexpected becomes a failure
 * with a message, so the dialog always answers.
 */
export function importFiles(files: readonly InputFile[], options: ImportOptions = {}, onProgress?: ImportProgress): ImportReport {
  try {
    return importSet(files, options, throttled(onProgress));
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return failure(
      'internal',
      `读取文件时出错，未导入任何内容（${detail}）。请检查文件，或把文件发给维护人员。`,
      `reading the file failed; nothing was imported (${detail}). Check the file, or send it to the maintainers.`,
    );
  }
}

/** One file: importFiles([{ name, bytes }]). */
export function importFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}, onProgress?: ImportProgress): ImportReport {
  return importFiles([{ name: fileName, bytes }], options, onProgress);
}

/** What GIS packages carry beside a multi-file dataset: read-me files, field lists, metadata. */
// JSON is never documentation: a .json beside a Shapefile is a second dataset, and is refused as one.
const DOCUMENT_EXTENSIONS = new Set(['txt', 'csv', 'pdf', 'html', 'htm', 'md', 'doc', 'docx', 'xml']);

/**
 * An archive holding one multi-file dataset (a Shapefile's .shp with its
 * parts) reads that dataset; its documentation (our own export's README.txt
 * and fields.csv, a department's 说明.pdf) is left aside and said. Anything
 * else in the archive keeps the usual rule: one dataset per import.
 */
function packagedDataset(members: readonly InputFile[]): { files: readonly InputFile[]; leftAside: string[] } {
  const multiFileMains = members.filter((file) => FORMATS.some((format) => (format.siblings?.required.length ?? 0) > 0 && format.extensions.includes(extensionOf(file.name))));
  if (multiFileMains.length !== 1) return { files: members, leftAside: [] };
  const base = baseName(multiFileMains[0]!.name).toLowerCase();
  const isDocument = (file: InputFile) => baseName(file.name).toLowerCase() !== base && DOCUMENT_EXTENSIONS.has(extensionOf(file.name));
  return { files: members.filter((file) => !isDocument(file)), leftAside: members.filter(isDocument).map((file) => file.name) };
}

/** The files to read: the members of a lone .zip, else the files as chosen (a .zip among other files is refused). */
function unpacked(files: readonly InputFile[]): { ok: true; files: readonly InputFile[]; leftAside: string[] } | ImportFailure {
  const zip = files.find(isZip);
  if (!zip) return { ok: true, files, leftAside: [] };
  if (files.length > 1)
    return failure(
      'bad-zip',
      `${zip.name} 与其他文件一起选择了：压缩包请单独导入。`,
      `${zip.name} was chosen together with other files: import an archive on its own.`,
    );
  const expanded = expandZip(zip);
  return expanded.ok ? { ok: true, ...packagedDataset(expanded.files) } : expanded;
}

function importSet(files: readonly InputFile[], options: ImportOptions, progress: ImportProgress | undefined): ImportReport {
  const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (bytes > MAX_IMPORT_BYTES) return tooLargeFailure(bytes);
  const expanded = unpacked(files);
  if (!expanded.ok) return expanded;
  const detected = detectFormat(expanded.files);
  if (!detected.ok) return detected;
  progress?.(0, 'decode');
  let encoding: TextEncodingName | null = null;
  const decode = (file: InputFile) => {
    const decoded = decodeText(file.bytes);
    encoding ??= decoded.encoding;
    return decoded.text;
  };
  const converted = detected.format.read(detected.files, { decode, ...(progress ? { progress } : {}), ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) });
  if (!converted.ok) return converted;

  const rejected = [...converted.rejected];
  const noneUsable = (rejections: Rejection[]): ImportFailure => {
    const first = [...rejections].sort(byRow)[0];
    const count = rejections.length > 1 ? { zh: `，共 ${rejections.length} 行/个被拒绝`, en: `; ${rejections.length} rows/features rejected in all` } : { zh: '', en: '' };
    return failure(
      'no-valid-rows',
      `没有可导入的要素${first ? `（第 ${first.row} 行/个：${first.reason.zh}${count.zh}）` : ''}。`,
      `nothing to import${first ? ` (row/feature ${first.row}: ${first.reason.en}${count.en})` : ''}.`,
    );
  };
  if (converted.features.length === 0) return noneUsable(rejected);
  // Up to a million points, but fewer lines and polygons (limits.ts).
  let shapes = 0;
  for (const { geometry } of converted.features) if (geometry && geometry.type !== 'Point' && geometry.type !== 'MultiPoint') shapes++;
  if (shapes > MAX_IMPORT_FEATURES) return tooManyShapesFailure(shapes);

  progress?.(0, 'convert');
  // A file that says its own coordinate system (a Shapefile's .prj) was converted by its reader: only ranges are checked here.
  const own = converted.convertedCrs;
  const resolved = resolveCrs(
    converted.features.map((feature) => feature.geometry),
    own ? 'wgs84' : (options.sourceCrs ?? 'auto'),
    converted.declaredCrs,
    (fraction) => progress?.(fraction, 'convert'),
  );
  if (!resolved.ok) return failure('unknown-crs', resolved.message.zh, resolved.message.en);
  const crs: CrsReport = own ? { detected: 'declared', name: own.name, axisSwapped: false, converted: true, note: own.note } : resolved.crs;

  const kept: { source: SourceFeature; geometry: Geometry }[] = [];
  const repairedRows = new Map<RepairKind, number[]>();
  const total = converted.features.length;
  converted.features.forEach((source, index) => {
    if ((index & 1023) === 0) progress?.(index / total, 'check');
    const geometry = resolved.geometries[index];
    if (!geometry) {
      return void rejected.push({ row: source.row, reason: resolved.misfit(source.geometry) });
    }
    const repaired = repairGeometry(geometry, options.cityBounds);
    if ('problem' in repaired) return void rejected.push({ row: source.row, reason: repaired.problem });
    for (const kind of repaired.repairs) repairedRows.set(kind, [...(repairedRows.get(kind) ?? []), source.row]);
    kept.push({ source, geometry: repaired.geometry });
  });
  if (kept.length === 0) return noneUsable(rejected);

  const base = baseName(detected.name);
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

  const warnings: LocalizedText[] = warning ? [warning] : [];
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
    rows: kept.map(({ source }) => source.row),
    format: detected.format.id,
    fileName: detected.name,
    crs,
    encoding,
    accepted: features.length,
    rejected: sorted.length > MAX_LISTED_REJECTIONS ? sorted.slice(0, MAX_LISTED_REJECTIONS) : sorted,
    rejectedCount: sorted.length,
    warnings,
    notes: [
      ...(converted.notes ?? []),
      ...(expanded.leftAside.length > 0
        ? [
            {
              zh: `压缩包中的说明文件未作为数据读取：${expanded.leftAside.join('、')}。`,
              en: `documentation in the archive was not read as data: ${expanded.leftAside.join(', ')}.`,
            },
          ]
        : []),
    ],
    ...(converted.sheets ? { sheets: converted.sheets } : {}),
  };
}
