// Geometry checks run on every edit before it is saved, so a scenario never
// holds a shape that breaks drawing, analysis or export later. Problems come
// back as values with messages in both languages, for the UI to show.
import { bbox, distance, kinks } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Patch } from './scenario';
import type { LocalizedText } from '../i18n/text';

export type ProblemCode =
  | 'non-finite-coordinate'
  | 'out-of-range'
  | 'too-few-vertices'
  | 'unclosed-ring'
  | 'self-intersection'
  | 'far-outside-city';

export interface GeometryProblem {
  code: ProblemCode;
  message: LocalizedText;
  /** Which feature, when a whole patch was checked. */
  featureId?: string;
}

export type ValidationResult = { ok: true } | { ok: false; problems: GeometryProblem[] };

/**
 * How far outside the city outline's bounding box a vertex may lie. The
 * 明港 airport zone is just over the border in 信阳, so zero would be wrong;
 * 50 km still catches a point dropped in the wrong province or a lng/lat swap.
 */
export const DEFAULT_MARGIN_KM = 50;

export interface CityBounds {
  /** [west, south, east, north] of the city outline. */
  bbox: [number, number, number, number];
  marginKm: number;
}

/** Built once from context.geojson's `focus` feature, then reused for every edit. */
export function cityBounds(outline: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon, marginKm = DEFAULT_MARGIN_KM): CityBounds {
  const [west, south, east, north] = bbox(outline);
  return { bbox: [west, south, east, north], marginKm };
}

export function validateGeometry(geometry: Geometry | null, city: CityBounds): ValidationResult {
  // No geometry is legitimate: an unlocated feature is listed, not drawn.
  if (geometry === null) return { ok: true };
  const problems = geometryProblems(geometry, city);
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** Every geometry the patch puts; removals need no check. */
export function validatePatch(patch: Patch, city: CityBounds): ValidationResult {
  const problems = (patch.put ?? []).flatMap(({ feature }) =>
    feature.geometry === null ? [] : geometryProblems(feature.geometry, city).map((problem) => ({ ...problem, featureId: feature.properties.id })),
  );
  return problems.length ? { ok: false, problems } : { ok: true };
}

function geometryProblems(geometry: Geometry, city: CityBounds): GeometryProblem[] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap((part) => geometryProblems(part, city));

  const positions = positionsOf(geometry);
  const nonFinite = positions.filter((position) => !isFinitePosition(position));
  if (nonFinite.length) return [problem('non-finite-coordinate', `${nonFinite.length} 个坐标不是有限数值`, `${nonFinite.length} coordinate(s) are not finite numbers`)];

  const problems: GeometryProblem[] = [];
  const outOfRange = positions.filter(([lng, lat]) => Math.abs(lng!) > 180 || Math.abs(lat!) > 90);
  if (outOfRange.length)
    problems.push(problem('out-of-range', `${outOfRange.length} 个坐标超出经度 ±180°、纬度 ±90°`, `${outOfRange.length} coordinate(s) beyond ±180° longitude or ±90° latitude`));
  problems.push(...structureProblems(geometry));
  // Distances and kinks are meaningless on broken structure or impossible coordinates.
  if (problems.length) return problems;

  const farthestKm = Math.max(...positions.map((position) => kmOutsideBox(position, city.bbox)));
  if (farthestKm > city.marginKm)
    problems.push(
      problem(
        'far-outside-city',
        `位置在驻马店市范围外约 ${Math.round(farthestKm)} 公里（允许 ${city.marginKm} 公里）`,
        `Lies about ${Math.round(farthestKm)} km outside Zhumadian (${city.marginKm} km allowed)`,
      ),
    );
  if (geometry.type !== 'Point' && geometry.type !== 'MultiPoint' && kinks(geometry).features.length > 0)
    problems.push(problem('self-intersection', '线或面自相交', 'The line or polygon crosses itself'));
  return problems;
}

function structureProblems(geometry: Exclude<Geometry, { type: 'GeometryCollection' }>): GeometryProblem[] {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return [];
    case 'LineString':
      return lineProblems(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.flatMap(lineProblems);
    case 'Polygon':
      return geometry.coordinates.flatMap(ringProblems);
    case 'MultiPolygon':
      return geometry.coordinates.flat().flatMap(ringProblems);
  }
}

function lineProblems(line: Position[]): GeometryProblem[] {
  if (distinctCount(line) >= 2) return [];
  return [problem('too-few-vertices', '线至少需要 2 个不同的点', 'A line needs at least 2 distinct points')];
}

function ringProblems(ring: Position[]): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const closed = ring.length > 0 && samePosition(ring[0]!, ring.at(-1)!);
  if (!closed) problems.push(problem('unclosed-ring', '面的边界未闭合（首尾点不同）', 'A polygon ring is not closed (first and last points differ)'));
  // A ring needs 3 distinct corners plus the closing point.
  if (ring.length < 4 || distinctCount(ring) < 3)
    problems.push(problem('too-few-vertices', '面的边界至少需要 3 个不同的点并闭合（共 4 个坐标）', 'A polygon ring needs at least 3 distinct points plus the closing one (4 positions)'));
  return problems;
}

/** 0 inside the box; otherwise the distance to the nearest point of the box. */
function kmOutsideBox([lng, lat]: Position, [west, south, east, north]: CityBounds['bbox']): number {
  const nearest = [Math.min(east, Math.max(west, lng!)), Math.min(north, Math.max(south, lat!))];
  if (nearest[0] === lng && nearest[1] === lat) return 0;
  return distance([lng!, lat!], nearest, { units: 'kilometers' });
}

/** Every vertex of a geometry, in order (none for null). */
export function positionsOf(geometry: Geometry | null): Position[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

function isFinitePosition(position: unknown): boolean {
  return Array.isArray(position) && position.length >= 2 && position.every((value) => typeof value === 'number' && Number.isFinite(value));
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function distinctCount(positions: Position[]): number {
  return new Set(positions.map(([lng, lat]) => `${lng},${lat}`)).size;
}

function problem(code: ProblemCode, zh: string, en: string): GeometryProblem {
  return { code, message: { zh, en } };
}
