// Road layers drawn in metres around a point in 驻马店, for known-answer tests.
import type { RoadLine } from '../../../../src/analysis/network/graph';

export const LON0 = 114.02;
export const LAT0 = 32.98;
const KY = 111_319.49;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);

/** lon/lat of a point `x` metres east and `y` metres north of (LON0, LAT0). */
export const at = (x: number, y: number): [number, number] => [LON0 + x / KX, LAT0 + y / KY];

export const road = (points: [number, number][], properties: Record<string, unknown> = {}): RoadLine => ({
  coordinates: points.map(([x, y]) => at(x, y)),
  properties,
});

/**
 * A street grid of `size` × `size` blocks of `block` metres. Rows are single
 * long lines (junctions at shared mid-line vertices); columns are cut by a
 * river between row `riverRow` and the next, crossed only by a bridge on the
 * columns in `bridges`.
 */
export function riverGrid(size: number, block: number, riverRow: number, bridges: number[]): RoadLine[] {
  const lines: RoadLine[] = [];
  for (let j = 0; j <= size; j++) lines.push(road(Array.from({ length: size + 1 }, (_, i) => [i * block, j * block]), { highway: 'residential' }));
  for (let i = 0; i <= size; i++) {
    lines.push(road(Array.from({ length: riverRow + 1 }, (_, j) => [i * block, j * block]), { highway: 'residential' }));
    lines.push(road(Array.from({ length: size - riverRow }, (_, j) => [i * block, (riverRow + 1 + j) * block]), { highway: 'residential' }));
    if (bridges.includes(i)) lines.push(road([[i * block, riverRow * block], [i * block, (riverRow + 1) * block]], { highway: 'residential', name: '桥' }));
  }
  return lines;
}
