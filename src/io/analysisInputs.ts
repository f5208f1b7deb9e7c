// Analysis inputs (targets to reach, facilities that serve them, areas to
// report against) as a view over an import report: whatever the import reads
// — every format, encoding and coordinate system, WKT, repairs, rejected rows
// with reasons — serves the analysis panel and `npm run analyze` alike. This
// file only says which imported features an analysis can use and how.
import { union } from '@turf/turf';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { CountyArea, Facility, StudyArea, Target } from '../analysis/types';
import type { CrsReport, ImportReport } from './import';
import { ID_KEYS, displayName, findKey, normaliseKey, parseNumberCell, textOf } from './import/fields';
import { failure, type ImportFailure, type Rejection, type TextEncodingName } from './import/types';

export type ImportedGeometry = Point | LineString | Polygon | MultiPolygon;

export interface ImportedPoint {
  /** The imported feature's id; parts of a MultiPoint get -1, -2… */
  id: string;
  name: string;
  /** Where it came from, as in SkippedRow.row. */
  row: number;
  /** A Point for targets; for facilities also lines and polygons. */
  geometry: ImportedGeometry;
  properties: Record<string, unknown>;
}

/** A row the analysis cannot use: rejected by the import, or of a shape the analysis does not take. */
export type SkippedRow = Rejection;

/** What the planner is told about the file besides its points: as the import dialog tells it. */
export interface ImportFacts {
  fileName: string;
  crs: CrsReport;
  encoding: TextEncodingName | null;
  /** Every unusable row, listed in `skipped` or not (the import lists the first 1,000). */
  skippedCount: number;
}

export type PointsResult = ({ ok: true; points: ImportedPoint[]; skipped: SkippedRow[] } & ImportFacts) | ImportFailure;
export type TargetsResult = { ok: true; targets: Target[]; skipped: SkippedRow[] } | ImportFailure;
export type FacilitiesResult = { ok: true; facilities: Facility[]; skipped: SkippedRow[] } | ImportFailure;
export type StudyAreaResult = { ok: true; studyArea: StudyArea; skipped: SkippedRow[] } | ImportFailure;

/** 'targets': points only (a MultiPoint is one target per point). 'facilities': lines and polygons too. */
export type AnalysisUse = 'targets' | 'facilities';

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

const byRow = (a: SkippedRow, b: SkippedRow) => a.row - b.row;

/** The import's features as analysis points, with the rows the import rejected and those of the wrong shape. */
export function pointsFromImport(report: ImportReport, use: AnalysisUse): PointsResult {
  if (!report.ok) return report;
  const points: ImportedPoint[] = [];
  const skipped: SkippedRow[] = [...report.rejected];
  let wrongShape = 0;
  report.layer.features.forEach((feature, index) => {
    const row = report.rows[index] ?? index + 1;
    const { id } = feature.properties;
    const parts = feature.geometry ? splitGeometry(feature.geometry) : [];
    const kept = use === 'facilities' ? parts : parts.filter((part) => part.type === 'Point');
    if (kept.length < parts.length) {
      wrongShape++;
      const type = parts.find((part) => part.type !== 'Point')?.type ?? feature.geometry?.type;
      skipped.push({ row, reason: { zh: `${type} 不是点，目标只能是点`, en: `${type} is not a point; targets must be points` } });
    }
    const name = displayName(feature.properties, id);
    kept.forEach((geometry, part) => {
      points.push({ id: kept.length > 1 ? `${id}-${part + 1}` : id, name, row, geometry, properties: feature.properties });
    });
  });
  skipped.sort(byRow);
  if (points.length === 0) {
    const first = skipped[0];
    return failure(
      'no-valid-rows',
      `没有可用的点位${first ? `（第 ${first.row} 行/个：${first.reason.zh}）` : ''}。`,
      `no usable points${first ? ` (row/feature ${first.row}: ${first.reason.en})` : ''}.`,
    );
  }
  const facts: ImportFacts = { fileName: report.fileName, crs: report.crs, encoding: report.encoding, skippedCount: report.rejectedCount + wrongShape };
  return { ok: true, points, skipped, ...facts };
}

// ---------------------------------------------------------------- to engine inputs

function propertyKeys(points: readonly ImportedPoint[]): string[] {
  return [...new Set(points.flatMap((point) => Object.keys(point.properties)))].filter((key) => key !== 'id');
}

/** A property value as a number: numbers, and text written as one ("12,000" stays text in an import that keeps what was typed). */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseNumberCell(value) : null;
}

/** Properties every point that has one holds as a number: the weight and attractiveness choices. */
export function numericKeys(points: readonly ImportedPoint[]): string[] {
  const present = (value: unknown) => value !== null && value !== undefined && value !== '';
  return propertyKeys(points).filter((key) => {
    const values = points.map((point) => point.properties[key]).filter(present);
    return values.length > 0 && values.every((value) => numberOf(value) !== null);
  });
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
    const value = numberOf(raw);
    if (value !== null && Number.isFinite(value) && accept(value)) return value;
    skipped.push({ row: point.row, reason: { zh: `“${key}”的值 ${String(raw)} 不可用`, en: `"${key}" value ${String(raw)} is not usable` } });
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

/** Both steps and every skipped row, for callers that start from a report. */
function withSkipped<R extends { ok: true; skipped: SkippedRow[] }>(points: PointsResult, result: (points: ImportedPoint[]) => R | ImportFailure): R | ImportFailure {
  if (!points.ok) return points;
  const converted = result(points.points);
  return converted.ok ? { ...converted, skipped: [...points.skipped, ...converted.skipped].sort(byRow) } : converted;
}

export function targetsFromImport(report: ImportReport, weightProperty?: string): TargetsResult {
  return withSkipped(pointsFromImport(report, 'targets'), (points) => toTargets(points, weightProperty));
}

export function facilitiesFromImport(report: ImportReport, attractivenessProperty?: string): FacilitiesResult {
  return withSkipped(pointsFromImport(report, 'facilities'), (points) => toFacilities(points, attractivenessProperty));
}

// ---------------------------------------------------------------- boundary

/**
 * Imported polygons → the area an analysis reports against: each polygon
 * feature is one area (adcode/code/id and name_zh/name/名称 from its
 * properties), the outline is their union.
 */
export function studyAreaFromImport(report: ImportReport): StudyAreaResult {
  if (!report.ok) return report;
  const counties: CountyArea[] = [];
  const skipped: SkippedRow[] = [...report.rejected];
  report.layer.features.forEach((feature, index) => {
    const row = report.rows[index] ?? index + 1;
    const geometry = feature.geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon')
      return void skipped.push({ row, reason: { zh: `${geometry?.type} 不是面`, en: `${geometry?.type} is not a polygon` } });
    const { id, ...properties } = feature.properties;
    // The area's own code (adcode…) when the file has one, even if the import generated the feature ids.
    const codeKey = findKey(Object.keys(properties), ID_KEYS);
    const adcode = (codeKey ? textOf(properties[codeKey]) : undefined) ?? id;
    const name = displayName(properties, adcode);
    counties.push({ adcode, name_zh: name, name_en: textOf(properties.name_en) ?? name, geometry });
  });
  skipped.sort(byRow);
  if (counties.length === 0) return failure('no-polygons', '边界文件中没有面要素。', 'the boundary file has no polygons.');
  const asFeature = (area: CountyArea): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', geometry: area.geometry, properties: {} });
  const first = counties[0];
  const outline = counties.length === 1 && first ? asFeature(first) : union({ type: 'FeatureCollection', features: counties.map(asFeature) });
  if (!outline) return failure('no-polygons', '边界文件中的面为空。', 'the boundary polygons are empty.');
  return { ok: true, studyArea: { outline: { ...outline, properties: {} }, counties }, skipped };
}
