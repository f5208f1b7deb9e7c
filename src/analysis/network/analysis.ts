// Network travel time: one multi-source Dijkstra from every chosen facility
// gives each road node its minutes and nearest facility; from that follow
// coverage (targets within the budget, by count and weight), catchment
// (nearest facility by network time) and isochrone bands (minutes on a grid
// of ≤ 100 m cells, the walk off the road included, contoured by marching
// squares: holes where nothing is reachable, no hull across a river).
import { area as turfArea } from '@turf/turf';
import { contours } from 'd3-contour';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { representativePoint } from '../facilityGeometry';
import type { AreaCoverage, Facility, StudyArea, Target, TravelParameters } from '../types';
import { buildRoadGraph, NetworkInputError, unproject, type GraphFacts, type GraphOptions, type Island, type RoadGraph, type RoadLine } from './graph';
import { anchorOf, anchorsByEdge, minutesOnEdge, modeNetwork, multiSourceDijkstra, seedsOf, type Anchor, type ModeNetwork, type Tree } from './route';

export interface NetworkOptions extends GraphOptions {
  /** Longest walk between a point and the road, metres (default 500); beyond it the point is unreachable. */
  accessMeters: number;
  /** Grid cell of the isochrones, metres (default 100; coarser only when the reached area would need over 4 million cells, and said). */
  cellMeters?: number;
}

export const DEFAULT_ACCESS_METERS = 500;
export const DEFAULT_CELL_METERS = 100;
const MAX_GRID_CELLS = 4_000_000;

export interface NetworkStats {
  nodes: number;
  edges: number;
  components: number;
  /** Targets with no road within the walk allowance, or on a piece no facility reaches. */
  unreachableTargets: number;
  /** Facilities with no road the mode may use within the walk allowance (left out). */
  unanchoredFacilities: string[];
  islands: Island[];
  facts: GraphFacts;
  mode: TravelParameters['mode'];
  accessMeters: number;
  cellMeters: number;
  /** Roads open to the mode, of all edges. */
  edgesOpen: number;
}

export type TargetReach = 'covered' | 'too-far' | 'no-road' | 'no-path';

export interface NetworkTargetTime {
  targetId: string;
  /** Network minutes including the walk to and from the road; null when unreachable. */
  minutes: number | null;
  facilityId: string | null;
  reach: TargetReach;
}

export interface NetworkOutcomeCore {
  method: LocalizedText;
  network: NetworkStats;
  /** Nested areas reachable within each band's minutes (5/10/15 for 15), largest first. */
  bands: Feature<MultiPolygon, { minutes: number; areaKm2: number }>[];
  /** Reachable within the budget, per region (city first). */
  areas: AreaCoverage[];
  coverage: {
    total: number;
    covered: number;
    share: number;
    weightTotal: number;
    weightCovered: number;
    weightShare: number;
    unreachable: number;
  };
  times: NetworkTargetTime[];
  perFacility: { facilityId: string; targets: number; weight: number; areaKm2: number }[];
  /** Problems the planner should know of (unknown classes, islands, unanchored facilities). */
  warnings: LocalizedText[];
}

export const NETWORK_METHOD: LocalizedText = {
  zh: '路网通行时间（最短路径，含离路步行段），非直线距离',
  en: 'network travel time (shortest paths, walk to and from the road included), not straight-line',
};

/** Bands for a budget: thirds of it (5/10/15 for 15 minutes). */
export function bandMinutes(minutes: number): number[] {
  return [minutes / 3, (2 * minutes) / 3, minutes].map((value) => Math.round(value * 100) / 100);
}

// ---------------------------------------------------------------- graph cache

/** A fingerprint of the road lines: their positions and attribute values (an edited road changes it). */
export function roadsFingerprint(roads: readonly RoadLine[]): string {
  let sum = 0;
  let weighted = 0;
  let text = 0;
  let count = 0;
  for (const road of roads) {
    for (const position of road.coordinates) {
      const x = position[0] ?? 0;
      const y = position[1] ?? 0;
      count++;
      sum += x * 1.000_003 + y * 0.999_991;
      weighted += (x * ((count % 97) + 1) - y * ((count % 89) + 1)) * 1e-3;
    }
    for (const value of Object.values(road.properties)) {
      const string = String(value);
      for (let i = 0; i < string.length; i++) text = (Math.imul(text, 31) + string.charCodeAt(i)) | 0;
    }
  }
  return `${roads.length}:${count}:${sum}:${weighted}:${text}`;
}

const graphCache = new Map<string, RoadGraph>();
const modeCache = new WeakMap<RoadGraph, Map<string, ModeNetwork>>();

/** The graph for these roads and options, rebuilt only when either changed (a facility moved reuses it). */
export function cachedRoadGraph(roads: readonly RoadLine[], options: GraphOptions): RoadGraph {
  const key = `${roadsFingerprint(roads)}|${options.classField}|${options.speedField}|${options.oneWayField}|${options.connectCrossings}|${options.snapMeters}`;
  let graph = graphCache.get(key);
  if (!graph) {
    graph = buildRoadGraph(roads, options);
    graphCache.clear(); // one network at a time: a road edit replaces it
    graphCache.set(key, graph);
  }
  return graph;
}

function cachedModeNetwork(graph: RoadGraph, params: TravelParameters): ModeNetwork {
  let byMode = modeCache.get(graph);
  if (!byMode) modeCache.set(graph, (byMode = new Map()));
  const key = `${params.mode}|${params.speeds.walk}|${params.speeds.bike}|${params.speeds.drive}`;
  let network = byMode.get(key);
  if (!network) byMode.set(key, (network = modeNetwork(graph, params.mode, params.speeds)));
  return network;
}

// ---------------------------------------------------------------- the run

export interface NetworkRun {
  facilities: readonly Facility[];
  targets: readonly Target[];
  params: TravelParameters;
  roads: readonly RoadLine[];
  options: NetworkOptions;
  area: StudyArea;
}

/** Everything the network analyses report, from one Dijkstra. Throws NetworkInputError for input it cannot use. */
export function networkTravel(run: NetworkRun): NetworkOutcomeCore {
  const { facilities, targets, params, options, area } = run;
  const graph = cachedRoadGraph(run.roads, options);
  const network = cachedModeNetwork(graph, params);
  const accessMeters = options.accessMeters;
  const budget = params.minutes;
  const warnings: LocalizedText[] = [];

  // ---- facilities join the network
  const anchors: (Anchor | null)[] = facilities.map((facility) => {
    const [lon, lat] = representativePoint(facility);
    return anchorOf(graph, network, lon, lat, accessMeters);
  });
  const unanchored = facilities.filter((_, i) => !anchors[i]).map((facility) => facility.id);
  if (facilities.length > 0 && unanchored.length === facilities.length) throw farFromNetwork(graph, facilities, accessMeters);
  if (unanchored.length > 0)
    warnings.push({
      zh: `${unanchored.length} 个设施 ${accessMeters} 米内没有可通行道路，未参与计算：${unanchored.slice(0, 5).join('、')}${unanchored.length > 5 ? '…' : ''}`,
      en: `${unanchored.length} facilities have no usable road within ${accessMeters} m and were left out: ${unanchored.slice(0, 5).join(', ')}${unanchored.length > 5 ? '…' : ''}`,
    });
  const seeds = anchors.flatMap((anchor, source) => (anchor ? seedsOf(graph, network, anchor, source) : []));
  const tree = multiSourceDijkstra(network, graph.nodeCount, seeds);
  const sameEdge = anchorsByEdge(anchors);

  // ---- targets: time, nearest facility, covered or why not
  const times: NetworkTargetTime[] = [];
  const perFacility = facilities.map((facility) => ({ facilityId: facility.id, targets: 0, weight: 0, areaKm2: 0 }));
  let covered = 0;
  let weightTotal = 0;
  let weightCovered = 0;
  let unreachable = 0;
  for (const target of targets) {
    weightTotal += target.weight;
    const anchor = anchorOf(graph, network, target.coordinates[0], target.coordinates[1], accessMeters);
    if (!anchor) {
      unreachable++;
      times.push({ targetId: target.id, minutes: null, facilityId: null, reach: 'no-road' });
      continue;
    }
    const onEdge = minutesOnEdge(graph, network, tree, anchor.edge, anchor.position, sameEdge);
    if (!(onEdge.minutes < Infinity)) {
      unreachable++;
      times.push({ targetId: target.id, minutes: null, facilityId: null, reach: 'no-path' });
      continue;
    }
    const minutes = onEdge.minutes + anchor.accessMeters / network.walkSpeed;
    const facility = perFacility[onEdge.source]!;
    facility.targets++;
    facility.weight += target.weight;
    const isCovered = minutes <= budget;
    if (isCovered) {
      covered++;
      weightCovered += target.weight;
    }
    times.push({ targetId: target.id, minutes, facilityId: facility.facilityId, reach: isCovered ? 'covered' : 'too-far' });
  }

  // ---- isochrone grid, bands and areas
  const grid = isochroneGrid(graph, network, tree, sameEdge, budget, accessMeters, options.cellMeters ?? DEFAULT_CELL_METERS);
  if (grid.cellMeters > (options.cellMeters ?? DEFAULT_CELL_METERS))
    warnings.push({
      zh: `可达范围很大，等时圈网格放宽为 ${grid.cellMeters} 米`,
      en: `the reachable area is large: the isochrone grid was coarsened to ${grid.cellMeters} m`,
    });
  const bands = bandPolygons(grid, graph, bandMinutes(budget));
  const cellKm2 = (grid.cellMeters * grid.cellMeters) / 1e6;
  const regions = [
    { adcode: null, name_zh: '全市', name_en: 'Whole city', geometry: area.outline.geometry },
    ...area.counties.map((county) => ({ adcode: county.adcode, name_zh: county.name_zh, name_en: county.name_en, geometry: county.geometry })),
  ];
  const outlineProps = area.outline.properties as { name_zh?: string; name_en?: string } | null;
  if (outlineProps?.name_zh) regions[0]!.name_zh = outlineProps.name_zh;
  if (outlineProps?.name_en) regions[0]!.name_en = outlineProps.name_en;
  // Covered cells per row as prefix sums: a region's covered count is a sum over its scanline intervals.
  const { nx, ny } = grid;
  const prefix = new Int32Array((nx + 1) * ny);
  for (let j = 0; j < ny; j++) {
    let running = 0;
    for (let k = 0; k < nx; k++) {
      if (grid.minutes[j * nx + k]! <= budget) running++;
      prefix[j * (nx + 1) + k + 1] = running;
    }
  }
  const areas: AreaCoverage[] = regions.map((region, r) => {
    let cells = 0;
    forEachInterval(region.geometry, grid, graph, (j, from, to) => {
      cells += prefix[j * (nx + 1) + to + 1]! - prefix[j * (nx + 1) + from]!;
      if (r !== 0) return;
      for (let k = from; k <= to; k++) if (grid.minutes[j * nx + k]! <= budget) perFacility[grid.source[j * nx + k]!]!.areaKm2 += cellKm2;
    });
    const areaKm2 = turfArea(region.geometry) / 1e6;
    const coveredKm2 = cells * cellKm2;
    return { adcode: region.adcode, name_zh: region.name_zh, name_en: region.name_en, areaKm2, coveredKm2, share: areaKm2 > 0 ? Math.min(1, coveredKm2 / areaKm2) : 0 };
  });
  for (const facility of perFacility) facility.areaKm2 = Math.round(facility.areaKm2 * 1e4) / 1e4;

  // ---- what the planner should know
  const unknown = graph.facts.unknownClasses;
  if (unknown.length > 0)
    warnings.push({
      zh: `道路等级字段“${graph.facts.classField}”中有 ${unknown.length} 个未知取值（按${params.mode === 'drive' ? '默认车速' : '默认'}计）：${unknown.slice(0, 8).map((u) => `${u.value}（${u.edges} 段）`).join('、')}`,
      en: `class field "${graph.facts.classField}" has ${unknown.length} unknown values (given the default speed): ${unknown.slice(0, 8).map((u) => `${u.value} (${u.edges} edges)`).join(', ')}`,
    });
  if (graph.components.count > 1)
    warnings.push({
      zh: `路网分成 ${graph.components.count} 个互不连通的部分（最大部分之外有 ${graph.components.count - 1} 个孤岛）；孤岛上的点只能由同一孤岛上的设施到达`,
      en: `the network has ${graph.components.count} disconnected pieces (${graph.components.count - 1} islands besides the largest); points on an island are reached only from facilities on it`,
    });
  const facts = graph.facts;
  if (facts.droppedLines > 0 || facts.zeroLengthSegments > 0)
    warnings.push({
      zh: `忽略了 ${facts.droppedLines} 条无长度的线和 ${facts.zeroLengthSegments} 个零长度线段`,
      en: `left out ${facts.droppedLines} lines without length and ${facts.zeroLengthSegments} zero-length segments`,
    });

  let edgesOpen = 0;
  for (let e = 0; e < graph.edgeCount; e++) edgesOpen += network.edgeAllowed[e]!;
  return {
    method: NETWORK_METHOD,
    network: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      components: graph.components.count,
      unreachableTargets: unreachable,
      unanchoredFacilities: unanchored,
      islands: graph.components.islands,
      facts,
      mode: params.mode,
      accessMeters,
      cellMeters: grid.cellMeters,
      edgesOpen,
    },
    bands,
    areas,
    coverage: {
      total: targets.length,
      covered,
      share: targets.length > 0 ? covered / targets.length : 0,
      weightTotal,
      weightCovered,
      weightShare: weightTotal > 0 ? weightCovered / weightTotal : 0,
      unreachable,
    },
    times,
    perFacility,
    warnings,
  };
}

/** No facility within reach of a road: say how far the roads are, which usually means another area or another coordinate system. */
function farFromNetwork(graph: RoadGraph, facilities: readonly Facility[], accessMeters: number): NetworkInputError {
  const [lon, lat] = representativePoint(facilities[0]!);
  let nearest = Infinity;
  for (let n = 0; n < graph.nodeCount; n += Math.max(1, Math.floor(graph.nodeCount / 5000))) {
    const dx = (graph.nodeLon[n]! - lon) * graph.projection.kx;
    const dy = (graph.nodeLat[n]! - lat) * graph.projection.ky;
    nearest = Math.min(nearest, Math.hypot(dx, dy));
  }
  const km = (nearest / 1000).toFixed(1);
  return new NetworkInputError({
    zh: `${facilities.length} 个设施在 ${accessMeters} 米内都没有可通行的道路（最近的道路节点约 ${km} 公里外）：道路图层是否在同一地区、同一坐标系？保留上一次结果。`,
    en: `none of the ${facilities.length} facilities has a usable road within ${accessMeters} m (the nearest road node is about ${km} km away): is the road layer of the same area and coordinate system? The previous result is kept.`,
  });
}

// ---------------------------------------------------------------- grid

export interface TimeGrid {
  /** Cells west→east, then south→north rows; x0/y0 the south-west corner (local metres). */
  nx: number;
  ny: number;
  x0: number;
  y0: number;
  cellMeters: number;
  minutes: Float32Array;
  source: Int32Array;
}

/**
 * Minutes at each cell centre, reckoned as for a target: the cell joins the
 * network at the nearest point of the nearest road the mode may use (within
 * `accessMeters`), then time there + the walk. So a cell across a river from a
 * reached road, but nearer a road on its own bank, takes that road's time: no
 * walking through the river. Each road segment paints only the cells within
 * the walk allowance of it, so the cost follows the roads in the reached
 * area's box, not the city.
 */
export function isochroneGrid(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  sameEdge: ReturnType<typeof anchorsByEdge>,
  budget: number,
  accessMeters: number,
  requestedCell: number,
): TimeGrid {
  const walk = network.walkSpeed;
  // The box of the edges with some point within the budget, and each edge's cheapest point.
  const edgeBest = new Float64Array(graph.edgeCount).fill(Infinity);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let reached = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (!network.edgeAllowed[e]) continue;
    let best = Math.min(tree.minutes[graph.edgeFrom[e]!]!, tree.minutes[graph.edgeTo[e]!]!);
    for (const { anchor } of sameEdge.get(e) ?? []) best = Math.min(best, anchor.accessMeters / walk);
    if (!(best <= budget)) continue;
    edgeBest[e] = best;
    reached++;
    for (let i = graph.geomStart[e]!; i < graph.geomStart[e + 1]!; i++) {
      minX = Math.min(minX, graph.geomX[i]!);
      maxX = Math.max(maxX, graph.geomX[i]!);
      minY = Math.min(minY, graph.geomY[i]!);
      maxY = Math.max(maxY, graph.geomY[i]!);
    }
  }
  let cell = requestedCell;
  if (reached === 0) return { nx: 0, ny: 0, x0: 0, y0: 0, cellMeters: cell, minutes: new Float32Array(0), source: new Int32Array(0) };
  while (((maxX - minX + 2 * (accessMeters + 2 * cell)) / cell) * ((maxY - minY + 2 * (accessMeters + 2 * cell)) / cell) > MAX_GRID_CELLS) cell *= 1.5;
  cell = Math.round(cell);
  const margin = accessMeters + 2 * cell;
  const x0 = minX - margin;
  const y0 = minY - margin;
  const nx = Math.ceil((maxX - minX + 2 * margin) / cell);
  const ny = Math.ceil((maxY - minY + 2 * margin) / cell);
  const minutes = new Float32Array(nx * ny).fill(Infinity);
  const source = new Int32Array(nx * ny).fill(-1);
  const nearest = new Float32Array(nx * ny).fill(Infinity);
  const { geomX, geomY, geomM } = graph;
  const index = graph.segmentIndex!;
  const radius = accessMeters;
  // Cells that can be within the budget: near a reached road. Only they are painted, by every road near them
  // (the nearest road decides), so the work follows the reached area, not the box around all facilities.
  const candidate = new Uint8Array(nx * ny);
  const paint = new Uint8Array(graph.segmentPoint.length);
  const reachedSegments: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if (!(edgeBest[e]! <= budget)) continue;
    const reach = Math.min(radius, (budget - edgeBest[e]!) * walk);
    for (let i = graph.geomStart[e]!; i < graph.geomStart[e + 1]! - 1; i++) {
      const i0 = Math.max(0, Math.floor((Math.min(geomX[i]!, geomX[i + 1]!) - reach - x0) / cell));
      const i1 = Math.min(nx - 1, Math.floor((Math.max(geomX[i]!, geomX[i + 1]!) + reach - x0) / cell));
      const j0 = Math.max(0, Math.floor((Math.min(geomY[i]!, geomY[i + 1]!) - reach - y0) / cell));
      const j1 = Math.min(ny - 1, Math.floor((Math.max(geomY[i]!, geomY[i + 1]!) + reach - y0) / cell));
      for (let j = j0; j <= j1; j++) candidate.fill(1, j * nx + i0, j * nx + i1 + 1);
      reachedSegments.push(i);
    }
  }
  const pad = 2 * radius + 2 * cell;
  for (const i of reachedSegments) {
    const found = index.search(
      Math.min(geomX[i]!, geomX[i + 1]!) - pad,
      Math.min(geomY[i]!, geomY[i + 1]!) - pad,
      Math.max(geomX[i]!, geomX[i + 1]!) + pad,
      Math.max(geomY[i]!, geomY[i + 1]!) + pad,
    );
    for (const s of found) paint[s] = 1;
  }
  for (let s = 0; s < paint.length; s++) {
    if (!paint[s]) continue;
    const e = graph.segmentEdge[s]!;
    if (!network.edgeAllowed[e]) continue;
    const i = graph.segmentPoint[s]!;
    const total = geomM[graph.geomStart[e + 1]! - 1]!;
    const reachable = edgeBest[e]! <= budget;
    const ax = geomX[i]!, ay = geomY[i]!, bx = geomX[i + 1]!, by = geomY[i + 1]!;
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - radius - x0) / cell));
    const i1 = Math.min(nx - 1, Math.floor((Math.max(ax, bx) + radius - x0) / cell));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by) - radius - y0) / cell));
    const j1 = Math.min(ny - 1, Math.floor((Math.max(ay, by) + radius - y0) / cell));
    const dx = bx - ax;
    const dy = by - ay;
    const squared = dx * dx + dy * dy;
    const m0 = geomM[i]!;
    const dm = geomM[i + 1]! - m0;
    for (let j = j0; j <= j1; j++) {
      const cy = y0 + (j + 0.5) * cell;
      for (let k = i0; k <= i1; k++) {
        if (!candidate[j * nx + k]) continue;
        const cx = x0 + (k + 0.5) * cell;
        let t = squared === 0 ? 0 : ((cx - ax) * dx + (cy - ay) * dy) / squared;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const distance = Math.hypot(ax + t * dx - cx, ay + t * dy - cy);
        const cellIndex = j * nx + k;
        const held = nearest[cellIndex]!;
        if (distance > radius || distance > held + 1e-3) continue;
        let time = Infinity;
        let from = -1;
        if (reachable) {
          const onEdge = minutesOnEdge(graph, network, tree, e, total > 0 ? (m0 + t * dm) / total : 0, sameEdge);
          time = onEdge.minutes + distance / walk;
          from = onEdge.source;
        }
        // A clearly nearer road replaces the held one; an equally near one (a junction) keeps the quicker time.
        if (distance < held - 1e-3 || time < minutes[cellIndex]!) {
          nearest[cellIndex] = Math.min(distance, held);
          minutes[cellIndex] = time;
          source[cellIndex] = from;
        }
      }
    }
  }
  for (let c = 0; c < minutes.length; c++) if (minutes[c]! > budget) [minutes[c], source[c]] = [Infinity, -1];
  return { nx, ny, x0, y0, cellMeters: cell, minutes, source };
}

/** Nested band polygons (lon/lat) by marching squares over the grid: within 5, 10, 15 minutes… */
export function bandPolygons(grid: TimeGrid, graph: RoadGraph, bands: readonly number[]): Feature<MultiPolygon, { minutes: number; areaKm2: number }>[] {
  if (grid.nx < 2 || grid.ny < 2) return [];
  // d3-contour encloses values ≥ a threshold, so contour −minutes at −band; unreachable is far below every band.
  const values = new Float64Array(grid.nx * grid.ny);
  for (let i = 0; i < values.length; i++) values[i] = grid.minutes[i]! < Infinity ? -grid.minutes[i]! : -1e6;
  const generator = contours()
    .size([grid.nx, grid.ny])
    .thresholds(bands.map((band) => -band));
  const toLonLat = (point: Position): Position => {
    const [lon, lat] = unproject(graph.projection, grid.x0 + point[0]! * grid.cellMeters, grid.y0 + point[1]! * grid.cellMeters);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  return generator(values as unknown as number[])
    .map((contour) => ({
      type: 'Feature' as const,
      properties: { minutes: -contour.value, areaKm2: 0 },
      // Rows run south→north here while d3 assumes y down, so rings come out mirrored: reverse them to keep GeoJSON's winding.
      geometry: { type: 'MultiPolygon' as const, coordinates: contour.coordinates.map((polygon) => polygon.map((ring) => withoutRepeats(ring.map(toLonLat)).reverse())) },
    }))
    .filter((band) => band.geometry.coordinates.length > 0)
    .map((band) => ({ ...band, properties: { ...band.properties, areaKm2: Math.round(turfArea(band.geometry) / 1e4) / 100 } }))
    .sort((a, b) => b.properties.minutes - a.properties.minutes);
}

/** A ring without consecutive repeated positions (marching squares emits some at saddles and after rounding). */
function withoutRepeats(ring: Position[]): Position[] {
  return ring.filter((point, i) => i === 0 || point[0] !== ring[i - 1]![0] || point[1] !== ring[i - 1]![1]);
}

/**
 * The runs of cells whose centre lies in the geometry, row by row (even–odd
 * scanline): `visit(row, firstColumn, lastColumn)`. Ring edges are bucketed
 * by the rows they span, so each row looks only at its own edges.
 */
export function forEachInterval(geometry: Polygon | MultiPolygon, grid: TimeGrid, graph: RoadGraph, visit: (row: number, from: number, to: number) => void): void {
  if (grid.nx === 0 || grid.ny === 0) return;
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

export { NetworkInputError, type RoadLine };
