// GeoJSON for other departments' GIS (QGIS, ArcGIS): a scenario's layers as an
// RFC 7946 FeatureCollection that opens without cleanup. RFC 7946 means
// WGS84 lon/lat, no `crs` member, polygon rings by the right-hand rule
// (exterior counter-clockwise, holes clockwise). What a GIS would ignore but a
// reader should know — the schematic caveat, the scenario, the date, the
// coordinate system, what each accuracy means — goes into one foreign member,
// `metadata`. GCJ-02 (for AMap users) is optional, converted with gcoord, and
// said in the metadata and the file name, because such a file is no longer
// RFC 7946 and must never be mistaken for WGS84.
//
// Pure: no DOM. The UI (src/ui/ExportMenu.tsx) serialises and downloads.
import { rewind } from '@turf/turf';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { ACCURACIES, type Accuracy } from '../domain/plan';
import type { Scenario, ScenarioLayer } from '../domain/scenario';
import type { LocalizedText } from '../i18n/text';
import { translate, type MessageKey } from '../i18n/dictionary';

export type ExportCrs = 'wgs84' | 'gcj02';
export type ExportLanguage = 'zh' | 'en';

/** 7 decimal places of a degree ≈ 1 cm: far below any position in the plan data, and short. */
export const COORDINATE_DECIMALS = 7;
const COORDINATE_FACTOR = 10 ** COORDINATE_DECIMALS;
/** Altitude (rare: only from an imported 3-D file) in metres, to the millimetre. */
const ALTITUDE_FACTOR = 1000;

/**
 * Keys that can only be machinery, never a planner's data: terra-draw's
 * distinctive store flags and `__`-prefixed keys. Scenario features never
 * carry them today (a drawn shape becomes a new feature with fresh schema
 * properties, src/domain/newFeature.ts); this keeps it so if that changes.
 * terra-draw's generic `mode`/`selected`/`edited` are NOT stripped: they are
 * plausible names for a planner's own field (e.g. 运输方式 → mode), and losing
 * data is worse than a stray key.
 */
const INTERNAL_KEYS = new Set([
  'midPoint',
  'selectionPoint',
  'coordinatePoint',
  'closingPoint',
  'snappingPoint',
  'provisionalCoordinateCount',
  'committedCoordinateCount',
  'currentlyDrawing',
]);

export function isInternalKey(key: string): boolean {
  return key.startsWith('__') || INTERNAL_KEYS.has(key);
}

export interface ExportLayerSummary {
  id: string;
  title_zh: string;
  title_en: string;
  features: number;
  /** Features with geometry null (no position known): kept so the list is complete. */
  without_geometry: number;
}

export interface ExportMetadata {
  title: string;
  generator: string;
  scenario: { id: string; name: string };
  layers: ExportLayerSummary[];
  exported_at: string;
  crs: string;
  crs_note_zh: string;
  crs_note_en: string;
  coordinate_precision: string;
  caveat_zh: string;
  caveat_en: string;
  accuracy: Record<Accuracy, LocalizedText>;
  null_geometry_zh: string;
  null_geometry_en: string;
}

export type ExportFeature = Feature<Geometry | null, Record<string, unknown>>;

/** A FeatureCollection plus the foreign members `name` (GDAL's layer name) and `metadata`. */
export interface ExportCollection extends FeatureCollection<Geometry | null, Record<string, unknown>> {
  name: string;
  metadata: ExportMetadata;
}

export interface GeoJsonExportOptions {
  /** Default 'wgs84'. */
  crs?: ExportCrs;
  /** When the export was made (metadata.exported_at). */
  exportedAt: Date;
}

const ACCURACY_HELP_KEYS: Record<Accuracy, MessageKey> = {
  geonames: 'accuracyHelp_geonames',
  'county-seat': 'accuracyHelp_county_seat',
  schematic: 'accuracyHelp_schematic',
  unlocated: 'accuracyHelp_unlocated',
  placed: 'accuracyHelp_placed',
};

/** What each `accuracy` value means, in both languages (the same words as the app's help). */
export function accuracyMeanings(): Record<Accuracy, LocalizedText> {
  return Object.fromEntries(
    ACCURACIES.map((value) => [value, { zh: translate('zh', ACCURACY_HELP_KEYS[value]), en: translate('en', ACCURACY_HELP_KEYS[value]) }]),
  ) as Record<Accuracy, LocalizedText>;
}

const CRS_TEXT: Record<ExportCrs, { name: string; zh: string; en: string }> = {
  wgs84: {
    name: 'EPSG:4326 (WGS 84), longitude, latitude in degrees — RFC 7946',
    zh: 'WGS84 经纬度（经度在前），符合 RFC 7946，QGIS、ArcGIS 等直接识别。',
    en: 'WGS84 longitude/latitude (longitude first), RFC 7946; QGIS, ArcGIS and others read it as is.',
  },
  gcj02: {
    name: 'GCJ-02 (AMap/Gaode offset), longitude, latitude in degrees — NOT WGS84, not RFC 7946',
    zh: 'GCJ-02（高德等国内网络地图使用的加密偏移坐标），不是 WGS84：在驻马店与 WGS84 相差约数百米。仅用于叠加到高德等网络地图；在 QGIS、ArcGIS 中请使用 WGS84 文件。',
    en: 'GCJ-02 (the offset coordinates of AMap/Gaode and other Chinese web maps), NOT WGS84: a few hundred metres off in Zhumadian. Only for overlaying on AMap-like web maps; use the WGS84 file in QGIS or ArcGIS.',
  },
};

/** The schematic caveat every export states (GeoJSON metadata, Shapefile readme, KML description, Excel note). */
export const EXPORT_CAVEAT: LocalizedText = {
  zh: '规划示意数据，非测绘成果。位置依据规划文本、GeoNames 地名坐标或县城驻地示意给出，各要素的 accuracy 字段说明其位置来源（见 metadata.accuracy）；片区、商圈、组团等区域在规划中没有范围，只导出其示意中心点，地图上的虚线圆只是绘图约定。公开展示含行政区界线的地图前须按《地图管理条例》送审。',
  en: 'Schematic planning data, not a survey. Positions come from the plan text, GeoNames place coordinates or county seats; each feature’s `accuracy` says how (see metadata.accuracy). Zones, business districts and clusters have no extent in the plan: only their schematic centre points are exported (the dashed rings on the map are a drawing convention). Maps showing administrative boundaries must pass the statutory map review (地图审核) before being published.',
};

const NULL_GEOMETRY = {
  zh: '没有位置的要素（规划与公开数据均未给出，accuracy = unlocated）按 RFC 7946 以 "geometry": null 保留，使名录完整；GIS 软件会把它们列为无几何的记录。',
  en: 'Features without a position (neither the plan nor public data gives one; accuracy = unlocated) are kept with "geometry": null, as RFC 7946 allows, so the list is complete; GIS software lists them as records without geometry.',
};

const roundTo = (value: number, factor: number) => Math.round(value * factor) / factor || 0;

function toOutputPosition(position: Position, crs: ExportCrs): Position {
  const [lon, lat, altitude] = position as [number, number, number?];
  const [x, y] = crs === 'gcj02' ? (gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]) : [lon, lat];
  const rounded = [roundTo(x, COORDINATE_FACTOR), roundTo(y, COORDINATE_FACTOR)];
  return typeof altitude === 'number' && Number.isFinite(altitude) ? [...rounded, roundTo(altitude, ALTITUDE_FACTOR)] : rounded;
}

/**
 * A new geometry (the scenario's is never touched): coordinates converted
 * (GCJ-02) and rounded, polygon rings rewound to the right-hand rule, and
 * nothing but `type` and `coordinates`/`geometries` (no bbox or stray members).
 */
export function exportGeometry(geometry: Geometry | null, crs: ExportCrs = 'wgs84'): Geometry | null {
  if (geometry === null) return null;
  const at = (position: Position) => toOutputPosition(position, crs);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: at(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(at) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(at) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(at)) };
    // Rewound after rounding: rounding a sliver ring could in principle flip its orientation.
    case 'Polygon':
      return rewind<Polygon>({ type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(at)) }, { mutate: true }) as Polygon;
    case 'MultiPolygon':
      return rewind<MultiPolygon>(
        { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(at))) },
        { mutate: true },
      ) as MultiPolygon;
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => exportGeometry(part, crs)!) };
  }
}

/** A JSON-safe copy of the data properties, `id` first, internal keys dropped. */
export function exportProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { id: properties.id };
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'id' || isInternalKey(key) || value === undefined || typeof value === 'function') continue;
    copy[key] = value === null || typeof value !== 'object' ? value : structuredClone(value);
  }
  return copy;
}

/**
 * One feature as exported. No top-level Feature `id`: GDAL (QGIS, ArcGIS via
 * GDAL) would then see two `id`s; the planner's id stays in properties.
 * In an all-layers file a feature that does not say its layer (imported
 * layers' features) is given `layer`, so the recipient can split the file.
 */
export function exportFeature(
  feature: ScenarioLayer['features'][number],
  crs: ExportCrs = 'wgs84',
  layerId?: string,
): ExportFeature {
  const properties = exportProperties(feature.properties);
  if (layerId !== undefined && !('layer' in properties)) properties.layer = layerId;
  return { type: 'Feature', geometry: exportGeometry(feature.geometry, crs), properties };
}

function summary(layer: ScenarioLayer): ExportLayerSummary {
  return {
    id: layer.id,
    title_zh: layer.title.zh,
    title_en: layer.title.en,
    features: layer.features.length,
    without_geometry: layer.features.filter((feature) => feature.geometry === null).length,
  };
}

/** The scenario's layers to export: one by id, or all (null) in the scenario's order. */
export function layersToExport(scenario: Scenario, layerId: string | null): ScenarioLayer[] {
  if (layerId === null) return scenario.layers;
  const layer = scenario.layers.find((candidate) => candidate.id === layerId);
  if (!layer) throw new Error(`The scenario “${scenario.name}” has no layer “${layerId}”.`);
  return [layer];
}

/** One layer (layerId) or every layer (null) of a scenario as an RFC 7946 FeatureCollection with metadata. */
export function exportScenarioGeoJson(scenario: Scenario, layerId: string | null, options: GeoJsonExportOptions): ExportCollection {
  const crs = options.crs ?? 'wgs84';
  const layers = layersToExport(scenario, layerId);
  const features = layers.flatMap((layer) => layer.features.map((feature) => exportFeature(feature, crs, layerId === null ? layer.id : undefined)));
  const layerName = layerId === null ? '全部图层' : layers[0]!.title.zh;
  const accuracy = accuracyMeanings();
  return {
    type: 'FeatureCollection',
    name: `驻马店-${scenario.name}-${layerName}`,
    metadata: {
      title: `驻马店市空间布局规划 · ${scenario.name} · ${layerName}（规划示意）`,
      generator: '驻马店市空间布局规划工作台 / Zhumadian Layout Planning Studio',
      scenario: { id: scenario.id, name: scenario.name },
      layers: layers.map(summary),
      exported_at: options.exportedAt.toISOString(),
      crs: CRS_TEXT[crs].name,
      crs_note_zh: CRS_TEXT[crs].zh,
      crs_note_en: CRS_TEXT[crs].en,
      coordinate_precision: `${COORDINATE_DECIMALS} decimal places of a degree (≈ 1 cm)`,
      caveat_zh: EXPORT_CAVEAT.zh,
      caveat_en: EXPORT_CAVEAT.en,
      accuracy,
      null_geometry_zh: NULL_GEOMETRY.zh,
      null_geometry_en: NULL_GEOMETRY.en,
    },
    features,
  };
}

/**
 * The file's text: metadata first, then one feature per line, so the file is
 * small, diffable and still readable in a text editor.
 */
export function serializeGeoJson(collection: ExportCollection): string {
  const { features, ...head } = collection;
  const header = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const body = features.map((feature) => `    ${JSON.stringify(feature)}`).join(',\n');
  return `${header},\n  "features": [\n${body}${features.length ? '\n' : ''}  ]\n}\n`;
}

// File names ----------------------------------------------------------------

/** Illegal on Windows or in paths (\ / : * ? " < > |), control characters, and bidi overrides that could disguise an extension. */
const ILLEGAL_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_PART_LENGTH = 60;

/** One part of a file name made safe: illegal characters → _, spaces collapsed, no leading/trailing dots, at most 60 characters. */
export function sanitizeFileNamePart(text: string, fallback = '未命名'): string {
  const cleaned = text
    .normalize('NFC')
    // Tabs and line breaks are spaces to a reader; other control characters are not.
    .replace(/\s+/g, ' ')
    .replace(ILLEGAL_IN_FILE_NAMES, '_')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const clipped = [...cleaned].slice(0, MAX_PART_LENGTH).join('').trim();
  return clipped === '' || /^_+$/.test(clipped) ? fallback : clipped;
}

/** YYYY-MM-DD in the planner's own time zone: the date on their calendar. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface ExportFileNameParts {
  scenarioName: string;
  /** The layer's title in the language; null for all layers. */
  layerTitle: string | null;
  date: Date;
  language?: ExportLanguage;
}

/** 驻马店-方案A…-全部图层-WGS84-2026-11-22.geojson (English UI: Zhumadian-…-all-layers-WGS84-….geojson). */
export function geoJsonFileName(parts: ExportFileNameParts & { crs?: ExportCrs }): string {
  const en = parts.language === 'en';
  const crs = parts.crs === 'gcj02' ? 'GCJ-02' : 'WGS84';
  const layer = parts.layerTitle === null ? (en ? 'all-layers' : '全部图层') : parts.layerTitle;
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(parts.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(layer, en ? 'layer' : '图层')}-${crs}-${localDate(parts.date)}.geojson`;
}

/** 驻马店-方案A…-城镇体系-属性表-2026-11-22.csv */
export function csvFileName(parts: ExportFileNameParts & { layerTitle: string }): string {
  const en = parts.language === 'en';
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(parts.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(parts.layerTitle, en ? 'layer' : '图层')}-${en ? 'attributes' : '属性表'}-${localDate(parts.date)}.csv`;
}
