// What an import repairs and what it refuses, after the coordinates are
// lon/lat. The line follows what GIS tools do on import (GDAL/QGIS "fix
// geometries", PostGIS ST_RemoveRepeatedPoints): harmless defects are fixed
// and counted, so the planner is told once per file; defects that leave the
// shape ambiguous are refused per feature, saying why and where.
// - repaired: repeated consecutive vertices (dropped), rings whose last
//   position differs from the first (closed), 4th+ ordinates (M) dropped;
// - refused: fewer than 2 distinct points in a line or 3 in a ring, rings of
//   zero area (all corners on one line), self-intersections, and everything
//   the scenario's own edit validation refuses (src/domain/validation.ts),
//   so that a report's features can always be applied.
import { kinks } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { validateGeometry, type CityBounds } from '../../domain/validation';
import type { LocalizedText } from '../../i18n/text';

export type RepairKind = 'duplicate-vertices' | 'closed-ring' | 'extra-ordinates';

export type Repaired = { geometry: Geometry; repairs: RepairKind[] } | { problem: LocalizedText };

class Refusal {
  constructor(readonly reason: LocalizedText) {}
}

const samePlace = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** True when every corner lies on the line through the first two distinct ones: the ring has no area. */
function collinear(ring: readonly Position[]): boolean {
  const [ax = 0, ay = 0] = ring[0]!;
  const other = ring.find((position) => !samePlace(position, ring[0]!));
  if (!other) return true;
  const [bx = 0, by = 0] = other;
  const length = Math.hypot(bx - ax, by - ay);
  // Distance of each corner from the line, in degrees: under ~1 mm counts as on it.
  return ring.every(([x = 0, y = 0]) => Math.abs((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / length < 1e-8);
}

const round = (value: number | undefined) => (value === undefined ? '?' : String(Math.round(value * 1e5) / 1e5));

class Repairer {
  readonly repairs = new Set<RepairKind>();

  position(position: Position): Position {
    if (position.length <= 3) return position;
    this.repairs.add('extra-ordinates');
    return position.slice(0, 3);
  }

  /** Positions without repeated consecutive ones. */
  deduplicated(positions: readonly Position[]): Position[] {
    const out: Position[] = [];
    for (const raw of positions) {
      const position = this.position(raw);
      const previous = out[out.length - 1];
      if (previous && samePlace(previous, position)) this.repairs.add('duplicate-vertices');
      else out.push(position);
    }
    return out;
  }

  line(positions: readonly Position[]): Position[] {
    const line = this.deduplicated(positions);
    if (line.length < 2) throw new Refusal({ zh: '线的所有点都重合（至少需要 2 个不同的点）', en: 'every point of the line is the same (a line needs 2 distinct points)' });
    return line;
  }

  ring(positions: readonly Position[]): Position[] {
    const ring = this.deduplicated(positions);
    const first = ring[0];
    if (first && ring.length > 1 && !samePlace(first, ring[ring.length - 1]!)) {
      ring.push(first);
      this.repairs.add('closed-ring');
    }
    if (ring.length < 4)
      throw new Refusal({ zh: `面的边界环只有 ${Math.max(ring.length - 1, 0)} 个不同的顶点（至少需要 3 个）`, en: `a polygon ring has only ${Math.max(ring.length - 1, 0)} distinct corners (3 are needed)` });
    if (collinear(ring))
      throw new Refusal({ zh: `面积为零：边界环的顶点都在一条直线上（从 ${round(first?.[0])}, ${round(first?.[1])} 起）`, en: `zero area: the ring's corners all lie on one line (starting at ${round(first?.[0])}, ${round(first?.[1])})` });
    return ring;
  }

  geometry(geometry: Geometry): Geometry {
    switch (geometry.type) {
      case 'Point':
        return { type: 'Point', coordinates: this.position(geometry.coordinates) };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: geometry.coordinates.map((position) => this.position(position)) };
      case 'LineString':
        return { type: 'LineString', coordinates: this.line(geometry.coordinates) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => this.line(line)) };
      case 'Polygon':
        return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => this.ring(ring)) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => this.ring(ring))) };
      case 'GeometryCollection':
        return { type: 'GeometryCollection', geometries: geometry.geometries.map((member) => this.geometry(member)) };
    }
  }
}

/** Where a line or polygon first crosses itself, for the message. */
function crossing(geometry: Geometry): string {
  const parts = geometry.type === 'GeometryCollection' ? geometry.geometries : [geometry];
  for (const part of parts) {
    if (part.type === 'Point' || part.type === 'MultiPoint' || part.type === 'GeometryCollection') continue;
    const [x, y] = kinks(part).features[0]?.geometry.coordinates ?? [];
    if (x !== undefined) return `${round(x)}, ${round(y)}`;
  }
  return '?';
}

function selfIntersects(geometry: Geometry): boolean {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.some(selfIntersects);
  return geometry.type !== 'Point' && geometry.type !== 'MultiPoint' && kinks(geometry).features.length > 0;
}

/**
 * A converted (lon/lat) geometry repaired where that is safe, or why it is
 * refused. With `city`, every check of the scenario's edit validation runs
 * too (same messages), so an accepted feature is never refused on confirm.
 */
export function repairGeometry(geometry: Geometry, city?: CityBounds): Repaired {
  const repairer = new Repairer();
  let repaired: Geometry;
  try {
    repaired = repairer.geometry(geometry);
  } catch (error) {
    if (error instanceof Refusal) return { problem: error.reason };
    throw error;
  }
  if (city) {
    const validation = validateGeometry(repaired, city);
    if (!validation.ok) {
      const problem = validation.problems[0]!;
      if (problem.code === 'self-intersection') {
        const at = crossing(repaired);
        return { problem: { zh: `线或面自相交（约在 ${at} 处）`, en: `the line or polygon crosses itself (near ${at})` } };
      }
      return { problem: problem.message };
    }
  } else if (selfIntersects(repaired)) {
    const at = crossing(repaired);
    return { problem: { zh: `线或面自相交（约在 ${at} 处）`, en: `the line or polygon crosses itself (near ${at})` } };
  }
  return { geometry: repaired, repairs: [...repairer.repairs] };
}

export const REPAIR_NOTES: Record<RepairKind, (count: number, rows: string) => LocalizedText> = {
  'duplicate-vertices': (count, rows) => ({
    zh: `${count} 个要素有连续重复的顶点，已删去重复点（${rows}）。`,
    en: `${count} feature(s) had repeated consecutive vertices; the repeats were removed (${rows}).`,
  }),
  'closed-ring': (count, rows) => ({
    zh: `${count} 个要素的面边界环未闭合，已把首点补在末尾使其闭合（${rows}）；请核对形状。`,
    en: `${count} feature(s) had polygon rings that were not closed; closed by repeating the first position (${rows}) — please check the shapes.`,
  }),
  'extra-ordinates': (count, rows) => ({
    zh: `${count} 个要素的坐标多于 3 个数值（如 M 值），只保留经度、纬度和高程（${rows}）。`,
    en: `${count} feature(s) had more than 3 values per position (e.g. M); only longitude, latitude and elevation were kept (${rows}).`,
  }),
};
