// Network travel time: one multi-source Dijkstra from every chosen facility
// gives each road node its minutes and nearest facility; from that follow
// coverage (targets within the budget, by count and weight), catchment
// (nearest facility by network time) and isochrone bands (minutes on a grid
// of ≤ 100 m cells, the walk off the road included, contoured by marching
// squares: holes where nothing is reachable, no hull across a river).
import type { Feature, MultiPolygon } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { representativePoint } from '../facilityGeometry';
import type { AreaCoverage, Facility, RunControl, StudyArea, Target, TravelParameters } from '../types';
import { buildRoadGraph, NetworkInputError, type BuildProgress, type GraphFacts, type GraphOptions, type Island, type RoadGraph, type RoadLine } from './graph';
import { bandPolygons, carryGrid, cellGridFor, reachedCells, regionCellsFor, TILE, type CellGrid, type ReachedCells, type RegionCells } from './grid';
import { diffLines, digestLines, patchRoadGraph, type PatchResult } from './patch';
import { anchorOf, anchorsByEdge, minutesOnEdge, modeNetwork, multiSourceDijkstra, seedsOf, type Anchor, type AnchorsByEdge, type ModeNetwork, type Tree } from './route';

export interface NetworkOptions extends GraphOptions {
  /** Longest walk between a point and the road, metres (default 500); beyond it the point is unreachable. */
  accessMeters: number;
  /** Grid cell of the isochrones, metres (default 100; coarser only when the network's box would need over 8 million cells, and said). */
  cellMeters?: number;
}

export const DEFAULT_ACCESS_METERS = 500;
export const DEFAULT_CELL_METERS = 100;

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

/** The graph last built, what it was built from, and its mode networks (one network at a time: an edit replaces it). */
let graphCache: { optionsKey: string; hashes: string[]; boxes: Float64Array; lines: readonly RoadLine[]; graph: RoadGraph } | null = null;
const modeCache = new WeakMap<RoadGraph, Map<string, ModeNetwork>>();

/**
 * The graph for these roads and options: the cached one when nothing
 * changed (a facility moved), a patched one when a few roads were drawn,
 * reshaped or deleted (patch.ts; the caches of the targets' joining points
 * and of the isochrone grid follow it outside the changed area), else a full
 * build.
 */
export function cachedRoadGraph(roads: readonly RoadLine[], options: GraphOptions, onProgress?: BuildProgress): RoadGraph {
  const optionsKey = `${options.classField}|${options.speedField}|${options.oneWayField}|${options.connectCrossings}|${options.snapMeters}`;
  const { hashes, boxes } = digestLines(roads);
  const cached = graphCache;
  if (cached && cached.optionsKey === optionsKey) {
    if (cached.hashes.length === hashes.length && cached.hashes.every((hash, i) => hash === hashes[i])) return cached.graph;
    const patched = patchRoadGraph(cached.graph, cached.lines, roads, diffLines(cached.hashes, hashes), options, cached.boxes);
    if (patched) {
      carryCaches(cached.graph, patched);
      graphCache = { optionsKey, hashes, boxes, lines: roads, graph: patched.graph };
      return patched.graph;
    }
  }
  const graph = buildRoadGraph(roads, options, undefined, onProgress);
  graphCache = { optionsKey, hashes, boxes, lines: roads, graph };
  return graph;
}

/** The mode networks, targets' joining points and grids of the old graph, carried to the patched one. */
function carryCaches(old: RoadGraph, patch: PatchResult): void {
  const byMode = modeCache.get(old);
  if (!byMode) return;
  const next = new Map<string, ModeNetwork>();
  for (const [key, oldNetwork] of byMode) {
    const network = modeNetwork(patch.graph, oldNetwork.mode, oldNetwork.speeds);
    next.set(key, network);
    const joins = joinCache.get(oldNetwork);
    if (joins) joinCache.set(network, rejoinTargets(patch, network, joins));
    const grids = gridCache.get(oldNetwork);
    if (grids) {
      const carried = new Map<string, CellGrid>();
      for (const [gridKey, grid] of grids) {
        const kept = carryGrid(grid, patch.changedBox);
        if (kept) carried.set(gridKey, kept);
      }
      gridCache.set(network, carried);
    }
  }
  modeCache.set(patch.graph, next);
}

/** Joining points after a road edit: only the targets whose road went, or that lie near the changed roads, look again. */
function rejoinTargets(patch: PatchResult, network: ModeNetwork, joins: TargetJoins): TargetJoins {
  const { graph } = patch;
  const next: TargetJoins = { ...joins, edge: joins.edge.slice(), position: joins.position.slice(), accessMeters: joins.accessMeters.slice() };
  const [minX, minY, maxX, maxY] = patch.changedBox;
  const reach = joins.maxAccessMeters;
  const { lon0, lat0, kx, ky } = graph.projection;
  for (let t = 0; t < joins.lon.length; t++) {
    const edge = joins.edge[t]!;
    const x = (joins.lon[t]! - lon0) * kx;
    const y = (joins.lat[t]! - lat0) * ky;
    const near = x >= minX - reach && x <= maxX + reach && y >= minY - reach && y <= maxY + reach;
    if (!near && (edge < 0 || network.edgeAllowed[edge])) continue;
    const anchor = anchorOf(graph, network, joins.lon[t]!, joins.lat[t]!, reach);
    next.edge[t] = anchor ? anchor.edge : -1;
    next.position[t] = anchor?.position ?? 0;
    next.accessMeters[t] = anchor?.accessMeters ?? 0;
  }
  return next;
}

function cachedModeNetwork(graph: RoadGraph, params: TravelParameters): ModeNetwork {
  let byMode = modeCache.get(graph);
  if (!byMode) modeCache.set(graph, (byMode = new Map()));
  const key = `${params.mode}|${params.speeds.walk}|${params.speeds.bike}|${params.speeds.drive}`;
  let network = byMode.get(key);
  if (!network) byMode.set(key, (network = modeNetwork(graph, params.mode, params.speeds)));
  return network;
}

/** Where each target joins the network, per mode network, walk allowance and target positions (a moved facility reuses it). */
export interface TargetJoins {
  key: string;
  lon: Float64Array;
  lat: Float64Array;
  maxAccessMeters: number;
  /** Edge, -1 when no road is within the allowance. */
  edge: Int32Array;
  position: Float64Array;
  accessMeters: Float64Array;
}

const joinCache = new WeakMap<ModeNetwork, TargetJoins>();

function targetsKey(targets: readonly Target[], accessMeters: number): string {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < targets.length; i++) {
    const [x, y] = targets[i]!.coordinates;
    sum += x * 1.000_003 + y * 0.999_991;
    weighted += (x * ((i % 97) + 1) - y * ((i % 89) + 1)) * 1e-3;
  }
  return `${targets.length}:${sum}:${weighted}:${accessMeters}`;
}

function targetPositions(targets: readonly Target[]): { lon: Float64Array; lat: Float64Array } {
  const lon = new Float64Array(targets.length);
  const lat = new Float64Array(targets.length);
  for (let t = 0; t < targets.length; t++) {
    const coordinates = targets[t]!.coordinates;
    lon[t] = coordinates[0];
    lat[t] = coordinates[1];
  }
  return { lon, lat };
}

export function targetJoins(graph: RoadGraph, network: ModeNetwork, targets: readonly Target[], accessMeters: number): TargetJoins {
  const key = targetsKey(targets, accessMeters);
  const cached = joinCache.get(network);
  if (cached?.key === key) return cached;
  // (Plain loops, each in a function of its own: Float64Array.from with a mapping function and forEach with a
  // closure cost a cold run tens of ms for 50,000 targets.)
  const count = targets.length;
  const { lon, lat } = targetPositions(targets);
  const joins: TargetJoins = {
    key,
    lon,
    lat,
    maxAccessMeters: accessMeters,
    edge: new Int32Array(count).fill(-1),
    position: new Float64Array(count),
    accessMeters: new Float64Array(count),
  };
  for (let t = 0; t < count; t++) {
    const anchor = anchorOf(graph, network, lon[t]!, lat[t]!, accessMeters);
    if (!anchor) continue;
    joins.edge[t] = anchor.edge;
    joins.position[t] = anchor.position;
    joins.accessMeters[t] = anchor.accessMeters;
  }
  joinCache.set(network, joins);
  return joins;
}

const gridCache = new WeakMap<ModeNetwork, Map<string, CellGrid>>();

function cachedCellGrid(graph: RoadGraph, network: ModeNetwork, accessMeters: number, cellMeters: number): CellGrid {
  let byKey = gridCache.get(network);
  if (!byKey) gridCache.set(network, (byKey = new Map()));
  const key = `${accessMeters}|${cellMeters}`;
  let grid = byKey.get(key);
  if (!grid) byKey.set(key, (grid = cellGridFor(graph, accessMeters, cellMeters)));
  return grid;
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
export function networkTravel(run: NetworkRun, control?: RunControl): NetworkOutcomeCore {
  const { facilities, targets, params, options, area } = run;
  // Progress: building the graph (a million-segment layer takes seconds) is the first 70 %; a cached graph skips it.
  const progress = (share: number) => control?.onProgress?.(Math.round(share * 1000), 1000);
  const graph = cachedRoadGraph(run.roads, options, (done, total) => progress((0.7 * done) / total));
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

  // ---- targets: time, nearest facility, covered or why not (their joining points are cached: targets rarely move)
  const joins = targetJoins(graph, network, targets, accessMeters);
  progress(0.8);
  const perFacility = facilities.map((facility) => ({ facilityId: facility.id, targets: 0, weight: 0, areaKm2: 0 }));
  const { times, covered, weightTotal, weightCovered, unreachable } = targetTimes(graph, network, tree, sameEdge, targets, joins, budget, perFacility);

  // ---- isochrone grid (cached per network: nearest roads and regions per cell), bands and areas
  const grid = cachedCellGrid(graph, network, accessMeters, options.cellMeters ?? DEFAULT_CELL_METERS);
  const reached = reachedCells(graph, network, tree, sameEdge, budget, grid);
  if (grid.cellMeters > (options.cellMeters ?? DEFAULT_CELL_METERS))
    warnings.push({
      zh: `路网范围很大，等时圈网格放宽为 ${grid.cellMeters} 米`,
      en: `the network covers a large area: the isochrone grid was coarsened to ${grid.cellMeters} m`,
    });
  progress(0.9);
  const bands = bandPolygons(reached, graph, bandMinutes(budget));
  const cellKm2 = (grid.cellMeters * grid.cellMeters) / 1e6;
  const regionCells = regionCellsFor(grid, graph, area);
  const cellsIn = cellsWithin(reached, regionCells, budget, perFacility, cellKm2);
  const areas: AreaCoverage[] = regionCells.regions.map((region, r) => {
    const areaKm2 = regionCells.areaKm2[r]!;
    const coveredKm2 = cellsIn[r]! * cellKm2;
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
  progress(1);
  return {
    method: NETWORK_METHOD,
    network: {
      nodes: graph.liveNodes,
      edges: graph.liveEdges,
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

type FacilityTally = { facilityId: string; targets: number; weight: number; areaKm2: number };

/**
 * Each target's time, nearest facility and reach, tallied per facility. A
 * function of its own (as cellsWithin): a cold run compiles each hot loop by
 * itself, and the run's long function is not deoptimised between them.
 */
function targetTimes(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  sameEdge: AnchorsByEdge,
  targets: readonly Target[],
  joins: TargetJoins,
  budget: number,
  perFacility: FacilityTally[],
): { times: NetworkTargetTime[]; covered: number; weightTotal: number; weightCovered: number; unreachable: number } {
  const times: NetworkTargetTime[] = [];
  let covered = 0;
  let weightTotal = 0;
  let weightCovered = 0;
  let unreachable = 0;
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t]!;
    weightTotal += target.weight;
    const edge = joins.edge[t]!;
    if (edge < 0) {
      unreachable++;
      times.push({ targetId: target.id, minutes: null, facilityId: null, reach: 'no-road' });
      continue;
    }
    const onEdge = minutesOnEdge(graph, network, tree, edge, joins.position[t]!, sameEdge);
    if (!(onEdge.minutes < Infinity)) {
      unreachable++;
      times.push({ targetId: target.id, minutes: null, facilityId: null, reach: 'no-path' });
      continue;
    }
    const minutes = onEdge.minutes + joins.accessMeters[t]! / network.walkSpeed;
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
  return { times, covered, weightTotal, weightCovered, unreachable };
}

/** Reached cells per region (city first) within the budget; each facility's city area grows by its cells'. */
function cellsWithin(reached: ReachedCells, regionCells: RegionCells, budget: number, perFacility: FacilityTally[], cellKm2: number): number[] {
  const grid = reached.grid;
  const cellsIn = new Array<number>(regionCells.regions.length).fill(0);
  for (const [tile, { minutes, source }] of reached.tiles) {
    const k0 = (tile % grid.tilesX) * TILE;
    const j0 = Math.floor(tile / grid.tilesX) * TILE;
    for (let c = 0; c < TILE * TILE; c++) {
      if (!(minutes[c]! <= budget)) continue;
      const k = k0 + (c % TILE);
      const j = j0 + Math.floor(c / TILE);
      if (k >= grid.nx || j >= grid.ny) continue;
      const cell = j * grid.nx + k;
      if (regionCells.inCity[cell]) {
        cellsIn[0]!++;
        perFacility[source[c]!]!.areaKm2 += cellKm2;
      }
      const county = regionCells.county[cell]!;
      if (county > 0) cellsIn[county]!++;
    }
  }
  return cellsIn;
}

export interface PointTimes {
  /** Minutes from the nearest origin to each destination, walks to and from the road included; null when it has no road within reach or no path. */
  minutes: (number | null)[];
  /** False when no origin has a usable road within the walk allowance (then every time is null). */
  originJoined: boolean;
  stats: Pick<NetworkStats, 'nodes' | 'edges' | 'components' | 'mode' | 'accessMeters'>;
}

/**
 * Network minutes from the nearest of a few origins to each of some points
 * (the central city to each cluster; service points to each community): one
 * multi-source Dijkstra on the same cached graph the network analysis uses.
 */
export function networkMinutesFrom(
  run: { roads: readonly RoadLine[]; options: NetworkOptions; params: TravelParameters },
  origins: readonly (readonly [number, number])[],
  destinations: readonly (readonly [number, number])[],
): PointTimes {
  const graph = cachedRoadGraph(run.roads, run.options);
  const network = cachedModeNetwork(graph, run.params);
  const { accessMeters } = run.options;
  const stats = { nodes: graph.liveNodes, edges: graph.liveEdges, components: graph.components.count, mode: run.params.mode, accessMeters };
  const starts = origins.map(([lon, lat]) => anchorOf(graph, network, lon, lat, accessMeters));
  if (!starts.some(Boolean)) return { minutes: destinations.map(() => null), originJoined: false, stats };
  const tree = multiSourceDijkstra(
    network,
    graph.nodeCount,
    starts.flatMap((start, source) => (start ? seedsOf(graph, network, start, source) : [])),
  );
  const sameEdge = anchorsByEdge(starts);
  const minutes = destinations.map(([lon, lat]) => {
    const end = anchorOf(graph, network, lon, lat, accessMeters);
    if (!end) return null;
    const onEdge = minutesOnEdge(graph, network, tree, end.edge, end.position, sameEdge);
    return onEdge.minutes < Infinity ? onEdge.minutes + end.accessMeters / network.walkSpeed : null;
  });
  return { minutes, originJoined: true, stats };
}

/** No facility within reach of a road: say how far the roads are, which usually means another area or another coordinate system. */
function farFromNetwork(graph: RoadGraph, facilities: readonly Facility[], accessMeters: number): NetworkInputError {
  const [lon, lat] = representativePoint(facilities[0]!);
  let nearest = Infinity;
  for (let n = 0; n < graph.nodeCount; n += Math.max(1, Math.floor(graph.nodeCount / 5000))) {
    if (graph.components.componentOf[n]! < 0) continue; // left without roads by an edit
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

export { NetworkInputError, type RoadLine };

/** Forget the cached graph and everything derived from it (tests compare a patched graph with a fresh build). */
export function resetNetworkCache(): void {
  graphCache = null;
}
