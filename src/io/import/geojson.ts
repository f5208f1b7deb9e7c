// GeoJSON → source features: a FeatureCollection, a single Feature, a bare
// geometry or a GeometryCollection (kept whole, as one feature). Coordinates
// are left as found; crs.ts decides what they are.
import type { Geometry, Position } from 'geojson';
import { MAX_DATA_DEPTH, NON_FINITE_MARK, TooDeepError, readGeoJson, safeData, validGeometry } from '../points';
import type { Converter, Reason, Rejection, SourceFeature } from './index';
import { MAX_IMPORT_FEATURES, tooManyFeaturesFailure } from './limits';

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
    // An unclosed ring of 3+ corners is closed by repair.ts (and said); 4 positions only when closed.
    if (ring.length < (closed(ring) ? 4 : 3))
      return { zh: '面的边界环至少需要 4 个点（首尾相同）', en: 'a polygon ring needs at least 4 positions (first = last)' };
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

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

const shown = (value: unknown) => {
  if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) return value.slice(NON_FINITE_MARK.length);
  return (JSON.stringify(value) ?? String(value)).slice(0, 40);
};

/** The first thing wrong in a `coordinates` member, said precisely (which value, which level); null when nothing is. */
function coordinatesProblem(coordinates: unknown, depth: number, type: string): Reason | null {
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
function explain(value: unknown, fallback: Reason): Reason {
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
export function checkGeometry(value: unknown): { geometry: Geometry } | { problem: Reason } {
  const checked = validGeometry(value);
  if ('problem' in checked) return { problem: explain(value, checked.problem) };
  const problem = shapeProblem(checked.geometry);
  return problem ? { problem: { zh: `几何无效：${problem.zh}`, en: `invalid geometry: ${problem.en}` } } : { geometry: checked.geometry };
}

export const geojsonConverter: Converter = {
  format: 'geojson',
  toFeatures(text, progress) {
    progress?.(0, 'parse');
    const read = readGeoJson(text);
    if ('ok' in read) return read;
    if (read.features.length > MAX_IMPORT_FEATURES) return tooManyFeaturesFailure(read.features.length, 'features');
    const features: SourceFeature[] = [];
    const rejected: Rejection[] = [];
    const renamed = new Set<string>();
    const total = read.features.length;
    read.features.forEach((raw, index) => {
      if ((index & 1023) === 0) progress?.(index / total, 'parse');
      const row = index + 1;
      if (raw.notFeature !== undefined)
        return void rejected.push({ row, reason_zh: `不是 Feature（${raw.notFeature}）`, reason_en: `not a Feature (${raw.notFeature})` });
      const checked = checkGeometry(raw.geometry);
      if ('problem' in checked) return void rejected.push({ row, reason_zh: checked.problem.zh, reason_en: checked.problem.en });
      let properties: Record<string, unknown>;
      try {
        properties = safeData(raw.properties, renamed) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        return void rejected.push({
          row,
          reason_zh: `属性嵌套超过 ${MAX_DATA_DEPTH} 层，无法作为表格数据导入`,
          reason_en: `properties nested more than ${MAX_DATA_DEPTH} levels deep cannot be imported as table data`,
        });
      }
      features.push({ row, geometry: checked.geometry, properties, ...(raw.id !== undefined ? { featureId: raw.id } : {}) });
    });
    if (total === 0)
      return {
        ok: false,
        error: {
          code: 'empty-collection',
          message_zh: 'GeoJSON 中没有要素（FeatureCollection 的 features 为空）。',
          message_en: 'the GeoJSON has no features (the FeatureCollection\'s features array is empty).',
        },
      };
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
