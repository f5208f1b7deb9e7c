// The isochrone grid, built so a refresh costs what changed, not the city.
//
// One fixed grid of ≤ 100 m cells over the whole network (per graph, mode and
// walk allowance), cut into 16 × 16-cell tiles. What does not depend on the
// facilities is kept per tile once computed: each cell's nearest road the mode
// may use (edge, position along it, distance; ties at junctions kept too), and
// which county the cell centre lies in. A run then only reads times off the
// shortest-path tree for the cells of the tiles near a reached road, and
// contours each cluster of such tiles on its own (marching squares over a few
// thousand cells instead of the city's millions). A moved facility touches the
// same tiles again at the cost of a table look-up per cell; an edited road
// drops the tiles near it (invalidateTiles) and they are recomputed on demand.
import { area as turfArea } from '@turf/turf';
import { contours } from 'd3-contour';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { StudyArea } from '../types';
import { unproject, type RoadGraph } from './graph';
import { minutesOnEdge, type AnchorsByEdge, type ModeNetwork, type Tree } from './route';
import { visitSegmentsInBox } from './segmentBuckets';

export const TILE = 16;
const TILE_CELLS = TILE * TILE;
const MAX_GRID_CELLS = 8_000_000;
/** Two roads this close (metres) to a cell centre are equally near: the quicker one decides (a junction). */
const TIE_METERS = 1e-3;

interface NearestTile {
  edge: Int32Array;
  position: Float32Array;
  distance: Float32Array;
  /** Cells with a second (third…) equally near road: [edge, position, distance] triples. */
  ties: Map<number, number[]>;
}

export interface CellGrid {
  /** South-west corner of cell (0, 0), local metres; rows run south → north. */
  x0: number;
  y0: number;
  nx: number;
  ny: number;
  cellMeters: number;
  /** The walk allowance between a cell centre and its road, metres. */
  radius: number;
  tilesX: number;
  tilesY: number;
  tiles: (NearestTile | undefined)[];
}

/** The grid over the network's box (plus the walk allowance), coarsened only past 8 million cells. */
export function cellGridFor(graph: RoadGraph, accessMeters: number, requestedCell: number): CellGrid {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < graph.geomX.length; i++) {
    const x = graph.geomX[i]!, y = graph.geomY[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  let cell = requestedCell;
  const cellsAt = (size: number) => ((maxX - minX + 2 * (accessMeters + 2 * size)) / size) * ((maxY - minY + 2 * (accessMeters + 2 * size)) / size);
  while (cellsAt(cell) > MAX_GRID_CELLS) cell *= 1.5;
  cell = Math.round(cell);
  const margin = accessMeters + 2 * cell;
  const x0 = minX - margin;
  const y0 = minY - margin;
  const nx = Math.ceil((maxX - minX + 2 * margin) / cell);
  const ny = Math.ceil((maxY - minY + 2 * margin) / cell);
  const tilesX = Math.ceil(nx / TILE);
  const tilesY = Math.ceil(ny / TILE);
  return { x0, y0, nx, ny, cellMeters: cell, radius: accessMeters, tilesX, tilesY, tiles: new Array(tilesX * tilesY) };
}

/**
 * The grid for a patched graph (same projection, kept edges keep their
 * numbers): the old tiles and region cells, less the tiles near the changed
 * box. Null when the edit reaches past the grid (a new grid is needed).
 */
export function carryGrid(old: CellGrid, changedBox: readonly [number, number, number, number]): CellGrid | null {
  const [minX, minY, maxX, maxY] = changedBox;
  const inner = old.radius + 2 * old.cellMeters;
  if (minX < old.x0 + inner || minY < old.y0 + inner || maxX > old.x0 + old.nx * old.cellMeters - inner || maxY > old.y0 + old.ny * old.cellMeters - inner) return null;
  const grid: CellGrid = { ...old, tiles: old.tiles.slice() };
  invalidateTiles(grid, minX, minY, maxX, maxY);
  const regions = regionCache.get(old);
  if (regions) regionCache.set(grid, regions);
  const contoured = contourCache.get(old);
  if (contoured) contourCache.set(grid, contoured);
  return grid;
}

/** Forget the tiles within the walk allowance of a box (local metres): an edited road changed their nearest roads. */
export function invalidateTiles(grid: CellGrid, minX: number, minY: number, maxX: number, maxY: number): void {
  const pad = grid.radius + grid.cellMeters;
  const t0 = Math.max(0, Math.floor((minX - pad - grid.x0) / grid.cellMeters / TILE));
  const t1 = Math.min(grid.tilesX - 1, Math.floor((maxX + pad - grid.x0) / grid.cellMeters / TILE));
  const u0 = Math.max(0, Math.floor((minY - pad - grid.y0) / grid.cellMeters / TILE));
  const u1 = Math.min(grid.tilesY - 1, Math.floor((maxY + pad - grid.y0) / grid.cellMeters / TILE));
  for (let u = u0; u <= u1; u++) for (let t = t0; t <= t1; t++) grid.tiles[u * grid.tilesX + t] = undefined;
}

/**
 * The tile being painted. Module-level, with one plain function that paints
 * a segment, so that painting allocates no closure per tile and the painting
 * loop is compiled once as a function of its own (a closure per tile inside
 * the run's long function was compiled late, by on-stack replacement, and
 * thrown away at the run's next loop).
 */
const painting = {
  edge: new Int32Array(0) as Int32Array,
  position: new Float32Array(0) as Float32Array,
  distance: new Float32Array(0) as Float32Array,
  ties: new Map<number, number[]>(),
  tied: new Uint8Array(TILE_CELLS),
  k0: 0,
  j0: 0,
  kEnd: 0,
  jEnd: 0,
  x0: 0,
  y0: 0,
  cell: 0,
  radius: 0,
  allowed: new Uint8Array(0) as Uint8Array,
  geomX: new Float64Array(0) as Float64Array,
  geomY: new Float64Array(0) as Float64Array,
  geomM: new Float64Array(0) as Float64Array,
  geomStart: new Int32Array(0) as Int32Array,
  segmentEdge: new Int32Array(0) as Int32Array,
  segmentPoint: new Int32Array(0) as Int32Array,
  ends: new Float64Array(0) as Float64Array,
};

/** Paints the cells of the tile within the allowance of segment i (from ax, ay to bx, by) of edge e, if the mode may use it. */
function paintSegment(e: number, i: number, ax: number, ay: number, bx: number, by: number): void {
  const state = painting;
  if (!state.allowed[e]) return;
  const { edge, position, distance, ties, tied, k0, j0, kEnd, jEnd, x0, y0, cell, radius, geomM } = state;
  const total = geomM[state.geomStart[e + 1]! - 1]!;
  const c0 = Math.max(k0, Math.floor((Math.min(ax, bx) - radius - x0) / cell));
  const c1 = Math.min(kEnd, Math.floor((Math.max(ax, bx) + radius - x0) / cell));
  const r0 = Math.max(j0, Math.floor((Math.min(ay, by) - radius - y0) / cell));
  const r1 = Math.min(jEnd, Math.floor((Math.max(ay, by) + radius - y0) / cell));
  const dx = bx - ax;
  const dy = by - ay;
  const squared = dx * dx + dy * dy;
  const m0 = geomM[i]!;
  const dm = geomM[i + 1]! - m0;
  for (let j = r0; j <= r1; j++) {
    const cy = y0 + (j + 0.5) * cell;
    const row = (j - j0) * TILE - k0;
    for (let k = c0; k <= c1; k++) {
      const cx = x0 + (k + 0.5) * cell;
      let t = squared === 0 ? 0 : ((cx - ax) * dx + (cy - ay) * dy) / squared;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - cx;
      const ey = ay + t * dy - cy;
      const squaredDistance = ex * ex + ey * ey;
      const c = row + k;
      const held = distance[c]!;
      // Past the allowance or past the road the cell holds (and its ties): the tests below would fail; skip the square root.
      if (surelyBeyond(squaredDistance, held + TIE_METERS < radius ? held + TIE_METERS : radius)) continue;
      const d = Math.sqrt(squaredDistance);
      if (d > radius) continue;
      if (d < held - TIE_METERS) {
        edge[c] = e;
        position[c] = total > 0 ? (m0 + t * dm) / total : 0;
        distance[c] = d;
        // (A flag per cell says whether it holds ties: deleting from the map on every nearer road cost more than the painting.)
        if (tied[c]) (ties.delete(c), (tied[c] = 0));
      } else if (d <= held + TIE_METERS && edge[c] !== e) {
        const along = total > 0 ? (m0 + t * dm) / total : 0;
        const list = ties.get(c);
        if (list) list.push(e, along, d);
        else (ties.set(c, [e, along, d]), (tied[c] = 1));
      }
    }
  }
}

/**
 * Whether the square root of `squared` is surely greater than `limit` (both
 * non-negative): the square is compared, raised by 1e-12, thousands of times
 * the rounding of the square and of the root, so a true answer is never wrong.
 */
export function surelyBeyond(squared: number, limit: number): boolean {
  return squared > limit * limit * (1 + 1e-12);
}

/** A base segment from the buckets: ends from their item-ordered copy (the same numbers as the geometry's). */
function paintBucketItem(s: number, k: number): void {
  const state = painting;
  const ends = state.ends;
  paintSegment(state.segmentEdge[s]!, state.segmentPoint[s]!, ends[4 * k]!, ends[4 * k + 1]!, ends[4 * k + 2]!, ends[4 * k + 3]!);
}

/** Each cell's nearest road open to the mode within the allowance, for one tile (every road near the tile paints it). */
function nearestTile(grid: CellGrid, graph: RoadGraph, network: ModeNetwork, tile: number): NearestTile {
  const cached = grid.tiles[tile];
  if (cached) return cached;
  const { x0, y0, cellMeters: cell, radius } = grid;
  const tx = tile % grid.tilesX;
  const ty = Math.floor(tile / grid.tilesX);
  const k0 = tx * TILE;
  const j0 = ty * TILE;
  const kEnd = Math.min(grid.nx, k0 + TILE) - 1;
  const jEnd = Math.min(grid.ny, j0 + TILE) - 1;
  const edge = new Int32Array(TILE_CELLS).fill(-1);
  const position = new Float32Array(TILE_CELLS);
  const distance = new Float32Array(TILE_CELLS).fill(Infinity);
  const ties = new Map<number, number[]>();
  const state = painting;
  state.edge = edge;
  state.position = position;
  state.distance = distance;
  state.ties = ties;
  state.tied.fill(0);
  state.k0 = k0;
  state.j0 = j0;
  state.kEnd = kEnd;
  state.jEnd = jEnd;
  state.x0 = x0;
  state.y0 = y0;
  state.cell = cell;
  state.radius = radius;
  state.allowed = network.edgeAllowed;
  state.geomX = graph.geomX;
  state.geomY = graph.geomY;
  state.geomM = graph.geomM;
  state.geomStart = graph.geomStart;
  state.segmentEdge = graph.segmentEdge;
  state.segmentPoint = graph.segmentPoint;
  state.ends = graph.segmentBuckets.ends;
  const boxMinX = x0 + (k0 + 0.5) * cell - radius;
  const boxMaxX = x0 + (kEnd + 0.5) * cell + radius;
  const boxMinY = y0 + (j0 + 0.5) * cell - radius;
  const boxMaxY = y0 + (jEnd + 0.5) * cell + radius;
  visitSegmentsInBox(graph.segmentBuckets, boxMinX, boxMinY, boxMaxX, boxMaxY, paintBucketItem);
  const patch = graph.patch;
  if (patch?.segmentIndex) {
    const { geomX, geomY } = graph;
    for (const s of patch.segmentIndex.search(boxMinX, boxMinY, boxMaxX, boxMaxY)) {
      const i = patch.segmentPoint[s]!;
      paintSegment(patch.segmentEdge[s]!, i, geomX[i]!, geomY[i]!, geomX[i + 1]!, geomY[i + 1]!);
    }
  }
  const result = { edge, position, distance, ties };
  grid.tiles[tile] = result;
  return result;
}

/** Minutes per cell of the tiles near a reached road (Infinity past the budget), with each cell's facility. */
export interface ReachedCells {
  grid: CellGrid;
  /** Tile number → minutes and source of its cells (tile-local rows of TILE). */
  tiles: Map<number, { minutes: Float32Array; source: Int32Array }>;
}

/**
 * Minutes at each cell centre, reckoned as for a target: the cell joins the
 * network at the nearest point of the nearest road the mode may use (within
 * the allowance), then time there + the walk. So a cell across a river from
 * a reached road, but nearer a road on its own bank, takes that road's time:
 * no walking through the river. Only tiles within reach of a road reached
 * within the budget are looked at.
 */
export function reachedCells(graph: RoadGraph, network: ModeNetwork, tree: Tree, sameEdge: AnchorsByEdge, budget: number, grid: CellGrid): ReachedCells {
  // One function per hot loop: a cold run compiles each loop when it gets hot, and no loop's
  // on-stack-replaced code is thrown away at the next (reachedCells was one function and deoptimised so).
  const { edgeBest, marked } = markReachedTiles(graph, network, tree, sameEdge, budget, grid);
  const tiles = new Map<number, { minutes: Float32Array; source: Int32Array }>();
  for (let tile = 0; tile < marked.length; tile++) {
    if (!marked[tile]) continue;
    const nearest = nearestTile(grid, graph, network, tile);
    const cells = tileMinutes(graph, network, tree, sameEdge, budget, nearest, edgeBest);
    if (cells) tiles.set(tile, cells);
  }
  return { grid, tiles };
}

/** Each allowed edge's earliest minutes when within the budget (else Infinity), and the tiles within reach of such an edge. */
function markReachedTiles(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  sameEdge: AnchorsByEdge,
  budget: number,
  grid: CellGrid,
): { edgeBest: Float64Array; marked: Uint8Array } {
  const walk = network.walkSpeed;
  const { x0, y0, cellMeters: cell } = grid;
  const edgeBest = new Float64Array(graph.edgeCount).fill(Infinity);
  const marked = new Uint8Array(grid.tilesX * grid.tilesY);
  const tileSize = TILE * cell;
  const { edgeFrom, edgeTo, geomStart, geomX, geomY, edgeCount } = graph;
  const allowed = network.edgeAllowed;
  const nodeMinutes = tree.minutes;
  for (let e = 0; e < edgeCount; e++) {
    if (!allowed[e]) continue;
    let best = Math.min(nodeMinutes[edgeFrom[e]!]!, nodeMinutes[edgeTo[e]!]!);
    const here = sameEdge.size > 0 ? sameEdge.get(e) : undefined;
    if (here) for (const { anchor } of here) best = Math.min(best, anchor.accessMeters / walk);
    if (!(best <= budget)) continue;
    edgeBest[e] = best;
    const reach = Math.min(grid.radius, (budget - best) * walk);
    for (let i = geomStart[e]!; i < geomStart[e + 1]! - 1; i++) {
      const gx0 = Math.min(geomX[i]!, geomX[i + 1]!) - reach;
      const gx1 = Math.max(geomX[i]!, geomX[i + 1]!) + reach;
      const gy0 = Math.min(geomY[i]!, geomY[i + 1]!) - reach;
      const gy1 = Math.max(geomY[i]!, geomY[i + 1]!) + reach;
      const t0 = Math.max(0, Math.floor((gx0 - x0) / tileSize));
      const t1 = Math.min(grid.tilesX - 1, Math.floor((gx1 - x0) / tileSize));
      const u0 = Math.max(0, Math.floor((gy0 - y0) / tileSize));
      const u1 = Math.min(grid.tilesY - 1, Math.floor((gy1 - y0) / tileSize));
      for (let u = u0; u <= u1; u++) for (let t = t0; t <= t1; t++) marked[u * grid.tilesX + t] = 1;
    }
  }
  return { edgeBest, marked };
}

/** One tile's minutes and facility per cell from its nearest roads (ties: the quicker road); null when no cell is within the budget. */
function tileMinutes(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  sameEdge: AnchorsByEdge,
  budget: number,
  nearest: NearestTile,
  edgeBest: Float64Array,
): { minutes: Float32Array; source: Int32Array } | null {
  const walk = network.walkSpeed;
  const minutes = new Float32Array(TILE_CELLS).fill(Infinity);
  const source = new Int32Array(TILE_CELLS).fill(-1);
  let any = false;
  for (let c = 0; c < TILE_CELLS; c++) {
    const e = nearest.edge[c]!;
    if (e < 0) continue;
    let time = Infinity;
    let from = -1;
    if (edgeBest[e]! <= budget) {
      const onEdge = minutesOnEdge(graph, network, tree, e, nearest.position[c]!, sameEdge);
      time = onEdge.minutes + nearest.distance[c]! / walk;
      from = onEdge.source;
    }
    const tied = nearest.ties.size > 0 ? nearest.ties.get(c) : undefined;
    if (tied)
      for (let k = 0; k < tied.length; k += 3) {
        const other = tied[k]!;
        if (!(edgeBest[other]! <= budget)) continue;
        const onEdge = minutesOnEdge(graph, network, tree, other, tied[k + 1]!, sameEdge);
        const alt = onEdge.minutes + tied[k + 2]! / walk;
        if (alt < time) {
          time = alt;
          from = onEdge.source;
        }
      }
    if (time <= budget) {
      minutes[c] = time;
      source[c] = from;
      any = true;
    }
  }
  return any ? { minutes, source } : null;
}

/** Clusters of reached tiles (8-connected), each with its tile box [t0, u0, t1, u1]. Clusters touch no other's tiles. */
function tileClusters(reached: ReachedCells): { box: [number, number, number, number]; tiles: number[] }[] {
  const { tilesX } = reached.grid;
  const seen = new Set<number>();
  const clusters: { box: [number, number, number, number]; tiles: number[] }[] = [];
  for (const start of reached.tiles.keys()) {
    if (seen.has(start)) continue;
    const box: [number, number, number, number] = [start % tilesX, Math.floor(start / tilesX), start % tilesX, Math.floor(start / tilesX)];
    const stack = [start];
    const tiles: number[] = [];
    seen.add(start);
    while (stack.length > 0) {
      const tile = stack.pop()!;
      tiles.push(tile);
      const t = tile % tilesX;
      const u = Math.floor(tile / tilesX);
      box[0] = Math.min(box[0], t);
      box[1] = Math.min(box[1], u);
      box[2] = Math.max(box[2], t);
      box[3] = Math.max(box[3], u);
      for (let du = -1; du <= 1; du++)
        for (let dt = -1; dt <= 1; dt++) {
          const nt = t + dt;
          const nu = u + du;
          if (nt < 0 || nt >= tilesX || nu < 0 || nu >= reached.grid.tilesY) continue;
          const next = nu * tilesX + nt;
          if (!seen.has(next) && reached.tiles.has(next)) (seen.add(next), stack.push(next));
        }
    }
    clusters.push({ box, tiles });
  }
  return clusters;
}

/** A band's geodesic area in km², to 0.01 km² (the figure the panel shows; gained and lost areas use it too). */
export const bandKm2 = (geometry: Polygon | MultiPolygon): number => Math.round(turfArea(geometry) / 1e4) / 100;

/** Nested band polygons (lon/lat) by marching squares over each cluster of reached tiles: within 5, 10, 15 minutes… */
export function bandPolygons(reached: ReachedCells, graph: RoadGraph, bands: readonly number[]): Feature<MultiPolygon, { minutes: number; areaKm2: number }>[] {
  const { grid } = reached;
  const polygons = new Map<number, Position[][][]>(bands.map((band) => [band, []]));
  // A cluster whose cells hold the same minutes as last run keeps its polygons: a moved facility or an
  // edited road re-contours only the clusters it changed.
  let cache = contourCache.get(grid);
  if (!cache || cache.bands !== bands.join(',')) contourCache.set(grid, (cache = { bands: bands.join(','), byKey: new Map() }));
  const used = new Map<string, Position[][][][]>();
  for (const cluster of tileClusters(reached)) {
    const key = clusterKey(reached, cluster.tiles);
    const perBand = cache.byKey.get(key) ?? contourCluster(reached, graph, bands, cluster);
    used.set(key, perBand);
    perBand.forEach((coordinates, b) => polygons.get(bands[b]!)!.push(...coordinates));
  }
  cache.byKey = used;
  return [...polygons]
    .filter(([, coordinates]) => coordinates.length > 0)
    .map(([minutes, coordinates]) => {
      const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates };
      return { type: 'Feature' as const, properties: { minutes, areaKm2: bandKm2(geometry) }, geometry };
    })
    .sort((a, b) => b.properties.minutes - a.properties.minutes);
}

/** One cluster's band polygons (lon/lat), one list per band. */
function contourCluster(reached: ReachedCells, graph: RoadGraph, bands: readonly number[], cluster: { box: [number, number, number, number]; tiles: number[] }): Position[][][][] {
  const [t0, u0, t1, u1] = cluster.box;
  const { grid } = reached;
  const perBand: Position[][][][] = bands.map(() => []);
  const tiles = cluster.tiles;
  // One unreachable cell of border all round closes every ring inside the cluster's box. Only the cluster's own
  // tiles are filled: another cluster's tiles inside the box (round an L) are contoured with that cluster.
  const width = (t1 - t0 + 1) * TILE + 2;
  const height = (u1 - u0 + 1) * TILE + 2;
  const values = new Float64Array(width * height).fill(-1e6);
  for (const id of tiles) {
    const tile = reached.tiles.get(id)!;
    const t = id % grid.tilesX;
    const u = Math.floor(id / grid.tilesX);
    for (let j = 0; j < TILE; j++) {
      const row = ((u - u0) * TILE + j + 1) * width + (t - t0) * TILE + 1;
      for (let k = 0; k < TILE; k++) {
        const minutes = tile.minutes[j * TILE + k]!;
        // d3-contour encloses values ≥ a threshold, so contour −minutes at −band; unreachable is far below every band.
        if (minutes < Infinity) values[row + k] = -minutes;
      }
    }
  }
  const offsetX = t0 * TILE - 1;
  const offsetY = u0 * TILE - 1;
  const toLonLat = (point: Position): Position => {
    const [lon, lat] = unproject(graph.projection, grid.x0 + (point[0]! + offsetX) * grid.cellMeters, grid.y0 + (point[1]! + offsetY) * grid.cellMeters);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const generator = contours()
    .size([width, height])
    .thresholds(bands.map((band) => -band));
  for (const contour of generator(values as unknown as number[]))
    // Rows run south→north here while d3 assumes y down, so rings come out mirrored: reverse them to keep GeoJSON's winding.
    perBand[bands.indexOf(-contour.value)]?.push(...contour.coordinates.map((polygon) => polygon.map((ring) => withoutRepeats(ring.map(toLonLat)).reverse())));
  return perBand;
}

const contourCache = new WeakMap<CellGrid, { bands: string; byKey: Map<string, Position[][][][]> }>();

/** A fingerprint of a cluster's tiles and their minutes (FNV-1a over the float bits). */
function clusterKey(reached: ReachedCells, tiles: readonly number[]): string {
  let hash = 0x811c9dc5;
  let sum = 0;
  for (const id of [...tiles].sort((a, b) => a - b)) {
    hash = Math.imul(hash ^ id, 0x01000193);
    const bits = new Uint32Array(reached.tiles.get(id)!.minutes.buffer);
    for (let c = 0; c < bits.length; c++) hash = Math.imul(hash ^ bits[c]!, 0x01000193);
    sum += id;
  }
  return `${tiles.length}:${sum}:${hash >>> 0}`;
}

/** A ring without consecutive repeated positions (marching squares emits some at saddles and after rounding). */
function withoutRepeats(ring: Position[]): Position[] {
  return ring.filter((point, i) => i === 0 || point[0] !== ring[i - 1]![0] || point[1] !== ring[i - 1]![1]);
}

// ---------------------------------------------------------------- regions

export interface Region {
  adcode: string | null;
  name_zh: string;
  name_en: string;
  geometry: Polygon | MultiPolygon;
}

/** Which region each cell centre lies in (per grid and study area, computed once). */
export interface RegionCells {
  regions: Region[];
  areaKm2: number[];
  /** 1 where the cell centre is in the whole city (region 0). */
  inCity: Uint8Array;
  /** 1 + the county region's index (regions 1…), 0 in none. */
  county: Uint16Array;
}

const regionCache = new WeakMap<CellGrid, { key: string; cells: RegionCells }>();

function areaKey(area: StudyArea): string {
  let sum = 0;
  let count = 0;
  const add = (geometry: Polygon | MultiPolygon) => {
    for (const ring of (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat())
      for (const position of ring) (count++, (sum += (position[0] ?? 0) * 1.000_003 + (position[1] ?? 0) * (1 + (count % 7) * 1e-6)));
  };
  add(area.outline.geometry);
  for (const county of area.counties) add(county.geometry);
  const props = area.outline.properties as { name_zh?: string } | null;
  return `${area.counties.map((county) => county.adcode).join(',')}|${count}|${sum}|${props?.name_zh ?? ''}`;
}

const areaKeys = new WeakMap<StudyArea, string>();

export function regionCellsFor(grid: CellGrid, graph: RoadGraph, area: StudyArea): RegionCells {
  let key = areaKeys.get(area);
  if (key === undefined) areaKeys.set(area, (key = areaKey(area)));
  const cached = regionCache.get(grid);
  if (cached && cached.key === key) return cached.cells;
  const regions: Region[] = [
    { adcode: null, name_zh: '全市', name_en: 'Whole city', geometry: area.outline.geometry },
    ...area.counties.map((county) => ({ adcode: county.adcode, name_zh: county.name_zh, name_en: county.name_en, geometry: county.geometry })),
  ];
  const outlineProps = area.outline.properties as { name_zh?: string; name_en?: string } | null;
  if (outlineProps?.name_zh) regions[0]!.name_zh = outlineProps.name_zh;
  if (outlineProps?.name_en) regions[0]!.name_en = outlineProps.name_en;
  const inCity = new Uint8Array(grid.nx * grid.ny);
  const county = new Uint16Array(grid.nx * grid.ny);
  regions.forEach((region, r) => {
    forEachInterval(region.geometry, grid, graph, (j, from, to) => {
      if (r === 0) inCity.fill(1, j * grid.nx + from, j * grid.nx + to + 1);
      else county.fill(r, j * grid.nx + from, j * grid.nx + to + 1);
    });
  });
  const cells = { regions, areaKm2: regions.map((region) => turfArea(region.geometry) / 1e6), inCity, county };
  regionCache.set(grid, { key, cells });
  return cells;
}

/**
 * The runs of cells whose centre lies in the geometry, row by row (even–odd
 * scanline): `visit(row, firstColumn, lastColumn)`. Ring edges are bucketed
 * by the rows they span, so each row looks only at its own edges.
 */
export function forEachInterval(
  geometry: Polygon | MultiPolygon,
  grid: Pick<CellGrid, 'nx' | 'ny' | 'x0' | 'y0' | 'cellMeters'>,
  graph: RoadGraph,
  visit: (row: number, from: number, to: number) => void,
): void {
  if (grid.nx === 0 || grid.ny === 0) return;
  // (Two functions, one per hot loop: a cold run compiles each when it gets hot, and neither is thrown away at the other.)
  const { buckets, edges } = ringEdgesByRow(geometry, grid, graph);
  scanRows(buckets, edges, grid, visit);
}

/** The rings' edges (x1, y1, x2, y2 each, local metres) and, per grid row, the edges that span its cell centres. */
function ringEdgesByRow(
  geometry: Polygon | MultiPolygon,
  grid: Pick<CellGrid, 'nx' | 'ny' | 'x0' | 'y0' | 'cellMeters'>,
  graph: RoadGraph,
): { buckets: number[][]; edges: number[] } {
  const rings = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat();
  const { lon0, lat0, kx, ky } = graph.projection;
  const rowOf = (y: number) => (y - grid.y0) / grid.cellMeters - 0.5;
  const buckets: number[][] = Array.from({ length: grid.ny }, () => []);
  const edges: number[] = []; // x1, y1, x2, y2 per edge
  for (const ring of rings) {
    for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
      const x1 = ((ring[i]![0] ?? 0) - lon0) * kx;
      const y1 = ((ring[i]![1] ?? 0) - lat0) * ky;
      const x2 = ((ring[k]![0] ?? 0) - lon0) * kx;
      const y2 = ((ring[k]![1] ?? 0) - lat0) * ky;
      if (y1 === y2) continue;
      const first = Math.max(0, Math.ceil(rowOf(Math.min(y1, y2))));
      const last = Math.min(grid.ny - 1, Math.floor(rowOf(Math.max(y1, y2))));
      if (first > last) continue;
      const id = edges.length / 4;
      edges.push(x1, y1, x2, y2);
      for (let j = first; j <= last; j++) buckets[j]!.push(id);
    }
  }
  return { buckets, edges };
}

/** Even–odd runs of cell centres per row, from each row's edges. */
function scanRows(
  buckets: number[][],
  edges: number[],
  grid: Pick<CellGrid, 'nx' | 'ny' | 'x0' | 'y0' | 'cellMeters'>,
  visit: (row: number, from: number, to: number) => void,
): void {
  const crossings: number[] = [];
  for (let j = 0; j < grid.ny; j++) {
    const bucket = buckets[j]!;
    if (bucket.length === 0) continue;
    const y = grid.y0 + (j + 0.5) * grid.cellMeters;
    crossings.length = 0;
    for (const id of bucket) {
      const x1 = edges[4 * id]!, y1 = edges[4 * id + 1]!, x2 = edges[4 * id + 2]!, y2 = edges[4 * id + 3]!;
      if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
    crossings.sort((a, b) => a - b);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      const from = Math.max(0, Math.ceil((crossings[c]! - grid.x0) / grid.cellMeters - 0.5));
      const to = Math.min(grid.nx - 1, Math.floor((crossings[c + 1]! - grid.x0) / grid.cellMeters - 0.5));
      if (from <= to) visit(j, from, to);
    }
  }
}
