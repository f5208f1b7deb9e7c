// GeoJSON → source features: a FeatureCollection, a single Feature, a bare
// geometry or a GeometryCollection (kept whole, as one feature). Coordinates
// are left as found; crs.ts decides what they are.
import type { Geometry, Position } from 'geojson';
import { readGeoJson, safeData, validGeometry } from '../points';
import type { Converter, Reason, Rejection, SourceFeature } from './index';

const closed = (ring: Position[]) => {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
};

function lineProblem(line: Position[]): Reason | null {
  return line.length >= 2 ? null : { zh: '线至少需要 2 个点', en: 'a line needs at least 2 positions' };
}

function polygonProblem(rings: Position[][]): Reason | null {
  if (rings.length === 0) return { zh: '面没有边界环', en: 'a polygon without rings' };
  for (const ring of rings) {
    if (ring.length < 4) return { zh: '面的边界环至少需要 4 个点（首尾相同）', en: 'a polygon ring needs at least 4 positions (first = last)' };
    if (!closed(ring)) return { zh: '面的边界环未闭合（首点与末点不同）', en: 'a polygon ring is not closed (first and last positions differ)' };
  }
  return null;
}

const firstProblem = <T>(items: T[], check: (item: T) => Reason | null): Reason | null => {
  if (items.length === 0) return { zh: '几何为空', en: 'empty geometry' };
  for (const item of items) {
    const problem = check(item);
    if (problem) return problem;
  }
  return null;
};

/** Shape rules the coordinate check in points.ts leaves out: enough positions, closed rings. */
function shapeProblem(geometry: Geometry): Reason | null {
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

/** Any value → a usable GeoJSON geometry, or why not (shared with the CSV WKT column). */
export function checkGeometry(value: unknown): { geometry: Geometry } | { problem: Reason } {
  const checked = validGeometry(value);
  if ('problem' in checked) return checked;
  const problem = shapeProblem(checked.geometry);
  return problem ? { problem: { zh: `几何无效：${problem.zh}`, en: `invalid geometry: ${problem.en}` } } : { geometry: checked.geometry };
}

export const geojsonConverter: Converter = {
  format: 'geojson',
  toFeatures(text) {
    const read = readGeoJson(text);
    if ('ok' in read) return read;
    const features: SourceFeature[] = [];
    const rejected: Rejection[] = [];
    const dropped = new Set<string>();
    read.features.forEach((raw, index) => {
      const row = index + 1;
      const checked = checkGeometry(raw.geometry);
      if ('problem' in checked) return void rejected.push({ row, reason_zh: checked.problem.zh, reason_en: checked.problem.en });
      const properties = safeData(raw.properties, dropped) as Record<string, unknown>;
      features.push({ row, geometry: checked.geometry, properties, ...(raw.id !== undefined ? { featureId: raw.id } : {}) });
    });
    return { ok: true, features, rejected, droppedKeys: [...dropped], ...(read.crs ? { declaredCrs: read.crs } : {}) };
  },
};
