// The nearest road segment to a point, for joining tens of thousands of
// targets to the network. Flatbush answers each box query by walking its tree
// from the root (≈ 3.5 µs a target on a 100,000-edge network, several growing
// boxes each); a uniform grid of buckets goes straight to the point's cell and
// widens ring by ring only until no unseen segment can be nearer (≈ 0.5 µs).
// Built with the graph (the base segments; a road edit's appended segments
// keep their own small flatbush); the isochrone grid's tiles ask it for the
// segments near them too.

/** Segments by grid cell (CSR): the segments whose box meets cell c are `items[start[c] … start[c+1]-1]`. */
export interface SegmentBuckets {
  x0: number;
  y0: number;
  cell: number;
  nx: number;
  ny: number;
  start: Int32Array;
  items: Int32Array;
  /**
   * Each item's segment ends, in item order (x0, y0, x1, y1 per item): the
   * segments of a cell are read one after the other, not from geometry
   * arrays of millions of points at random (the cache misses were most of
   * the search's time).
   */
  ends: Float64Array;
  /** Per segment: the query that last weighed it (a segment lies in several cells). */
  seen: Int32Array;
  query: number;
}

/** About this many segments per cell on average: few to weigh, few empty cells to step over. */
const SEGMENTS_PER_CELL = 1;
/** Never finer than this (metres): a dense city centre would otherwise make millions of cells. */
const MIN_CELL_METERS = 25;
/** Never more cells than this (memory: 4 bytes each). */
const MAX_CELLS = 4_000_000;

/** Buckets over segments `s` from geometry point `segmentPoint[s]` to the next (local metres). */
export function segmentBuckets(geomX: Float64Array, geomY: Float64Array, segmentPoint: Int32Array): SegmentBuckets {
  const count = segmentPoint.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let s = 0; s < count; s++) {
    const i = segmentPoint[s]!;
    for (let k = i; k <= i + 1; k++) {
      const x = geomX[k]!, y = geomY[k]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (count === 0) (minX = minY = 0), (maxX = maxY = 1);
  const width = Math.max(maxX - minX, 1);
  const height = Math.max(maxY - minY, 1);
  let cell = Math.max(MIN_CELL_METERS, Math.sqrt((width * height * SEGMENTS_PER_CELL) / Math.max(count, 1)));
  while (Math.ceil(width / cell + 1e-9) * Math.ceil(height / cell + 1e-9) > MAX_CELLS) cell *= 1.5;
  const nx = Math.max(1, Math.ceil(width / cell + 1e-9));
  const ny = Math.max(1, Math.ceil(height / cell + 1e-9));
  // Two passes over the segments' boxes: count per cell, then fill. (Plain loops: a closure per segment
  // cost more than the counting under the command line's TypeScript runner.)
  const start = new Int32Array(nx * ny + 1);
  const box = new Int32Array(4);
  const cellBox = (s: number) => {
    const i = segmentPoint[s]!;
    const ax = geomX[i]!, ay = geomY[i]!, bx = geomX[i + 1]!, by = geomY[i + 1]!;
    box[0] = Math.min(nx - 1, Math.max(0, Math.floor(((ax < bx ? ax : bx) - minX) / cell)));
    box[1] = Math.min(nx - 1, Math.max(0, Math.floor(((ax < bx ? bx : ax) - minX) / cell)));
    box[2] = Math.min(ny - 1, Math.max(0, Math.floor(((ay < by ? ay : by) - minY) / cell)));
    box[3] = Math.min(ny - 1, Math.max(0, Math.floor(((ay < by ? by : ay) - minY) / cell)));
  };
  for (let s = 0; s < count; s++) {
    cellBox(s);
    for (let r = box[2]!; r <= box[3]!; r++) for (let c = box[0]!; c <= box[1]!; c++) start[r * nx + c + 1]!++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(start[nx * ny]!);
  for (let s = 0; s < count; s++) {
    cellBox(s);
    for (let r = box[2]!; r <= box[3]!; r++) for (let c = box[0]!; c <= box[1]!; c++) items[fill[r * nx + c]!++] = s;
  }
  const ends = new Float64Array(items.length * 4);
  for (let k = 0; k < items.length; k++) {
    const i = segmentPoint[items[k]!]!;
    ends[4 * k] = geomX[i]!;
    ends[4 * k + 1] = geomY[i]!;
    ends[4 * k + 2] = geomX[i + 1]!;
    ends[4 * k + 3] = geomY[i + 1]!;
  }
  return { x0: minX, y0: minY, cell, nx, ny, start, items, ends, seen: new Int32Array(count), query: 0 };
}

/**
 * Calls `weigh(s, k)` for every segment s (item k: its ends are in `ends`)
 * that may be nearer to (x, y) than `best()` metres, ring by ring of cells,
 * and stops once every unseen segment is farther than `best()` or than
 * `maxMeters`. `weigh` narrows `best`.
 */
export function visitNearSegments(buckets: SegmentBuckets, x: number, y: number, maxMeters: number, best: () => number, weigh: (s: number, k: number) => void): void {
  const { x0, y0, cell, nx, ny, start, items, seen } = buckets;
  // Far outside the grid: nothing within reach.
  const outsideX = Math.max(x0 - x, x - (x0 + nx * cell), 0);
  const outsideY = Math.max(y0 - y, y - (y0 + ny * cell), 0);
  if (Math.sqrt(outsideX * outsideX + outsideY * outsideY) > maxMeters) return;
  if (++buckets.query === 0x7fffffff) (seen.fill(0), (buckets.query = 1));
  const stamp = buckets.query;
  const ci = Math.floor((x - x0) / cell);
  const cj = Math.floor((y - y0) / cell);
  // How far the point is from its own cell's sides: the first ring's bound.
  const inset = Math.min(x - (x0 + ci * cell), x0 + (ci + 1) * cell - x, y - (y0 + cj * cell), y0 + (cj + 1) * cell - y);
  const maxRing = Math.ceil(maxMeters / cell) + 1;
  for (let ring = 0; ring <= maxRing; ring++) {
    for (let j = cj - ring; j <= cj + ring; j++) {
      if (j < 0 || j >= ny) continue;
      const edgeRow = j === cj - ring || j === cj + ring;
      for (let i = ci - ring; i <= ci + ring; i += edgeRow || ring === 0 ? 1 : 2 * ring) {
        if (i < 0 || i >= nx) continue;
        const c = j * nx + i;
        for (let k = start[c]!; k < start[c + 1]!; k++) {
          const s = items[k]!;
          if (seen[s] === stamp) continue;
          seen[s] = stamp;
          weigh(s, k);
        }
      }
    }
    // Every segment not yet seen lies wholly outside this block of cells, so at least this far away.
    const bound = ring * cell + Math.max(0, inset);
    if (bound >= Math.min(best(), maxMeters)) return;
  }
}

/** Calls `visit(s, k)` once for every segment s whose cells meet the box (a superset of those whose own box does); item k's ends are in `ends`. */
export function visitSegmentsInBox(buckets: SegmentBuckets, minX: number, minY: number, maxX: number, maxY: number, visit: (s: number, k: number) => void): void {
  const { x0, y0, cell, nx, ny, start, items, seen } = buckets;
  const i0 = Math.max(0, Math.floor((minX - x0) / cell));
  const i1 = Math.min(nx - 1, Math.floor((maxX - x0) / cell));
  const j0 = Math.max(0, Math.floor((minY - y0) / cell));
  const j1 = Math.min(ny - 1, Math.floor((maxY - y0) / cell));
  if (i0 > i1 || j0 > j1) return;
  if (++buckets.query === 0x7fffffff) (seen.fill(0), (buckets.query = 1));
  const stamp = buckets.query;
  for (let j = j0; j <= j1; j++)
    for (let c = j * nx + i0; c <= j * nx + i1; c++)
      for (let k = start[c]!; k < start[c + 1]!; k++) {
        const s = items[k]!;
        if (seen[s] === stamp) continue;
        seen[s] = stamp;
        visit(s, k);
      }
}
