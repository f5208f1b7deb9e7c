// Travel times on a road graph for one mode: the roads the mode may use and
// their minutes (CSR adjacency in typed arrays), where a point joins the
// network (nearest point on the nearest allowed edge, reached on foot), and a
// multi-source Dijkstra that gives every node its time and nearest facility
// in one pass.
import FlatQueue from 'flatqueue';
import type { TravelMode } from '../../domain/analysisSpec';
import { haversineMeters } from '../geodesy';
import { project, segmentParameter, unproject, type RoadGraph } from './graph';
import { roadClassOf } from './speeds';

export interface ModeNetwork {
  mode: TravelMode;
  /** Edge open to the mode at all (either direction). */
  edgeAllowed: Uint8Array;
  /** Minutes along the edge from → to, and to → from; Infinity where the mode may not go. */
  edgeForward: Float64Array;
  edgeBackward: Float64Array;
  /** CSR: arcs of node n are offsets[n] … offsets[n+1]-1. */
  offsets: Int32Array;
  arcTarget: Int32Array;
  arcMinutes: Float64Array;
  /** Metres per minute of the off-network walk to and from the roads. */
  walkSpeed: number;
  speeds: Record<TravelMode, number>;
}

/**
 * The mode's view of the graph. Walk and bike keep their speed (metres per
 * minute) on every road but motorways and urban expressways, in both
 * directions (one-way streets bind cars only). Drive: the speed field when it
 * has a positive value, else the class speed, else `speeds.drive`; closed on
 * footpaths; one-way honoured.
 */
export function modeNetwork(graph: RoadGraph, mode: TravelMode, speeds: Record<TravelMode, number>): ModeNetwork {
  const { edgeCount, nodeCount } = graph;
  const edgeAllowed = new Uint8Array(edgeCount);
  const edgeForward = new Float64Array(edgeCount).fill(Infinity);
  const edgeBackward = new Float64Array(edgeCount).fill(Infinity);
  const classes = graph.classValues.map(roadClassOf);
  for (let e = 0; e < edgeCount; e++) {
    if (graph.edgeRemoved?.[e]) continue; // replaced by a road edit
    const roadClass = graph.edgeClass[e]! >= 0 ? classes[graph.edgeClass[e]!] : null;
    let metersPerMinute: number;
    if (mode === 'drive') {
      const fieldKmh = graph.edgeSpeedKmh[e]!;
      if (roadClass && roadClass.driveKmh === null) continue;
      metersPerMinute = fieldKmh > 0 ? (fieldKmh * 1000) / 60 : roadClass?.driveKmh ? (roadClass.driveKmh * 1000) / 60 : speeds.drive;
    } else {
      if (roadClass && !roadClass.walkBike) continue;
      metersPerMinute = speeds[mode];
    }
    const minutes = graph.edgeLength[e]! / metersPerMinute;
    const oneWay = mode === 'drive' ? graph.edgeOneWay[e]! : 0;
    edgeAllowed[e] = 1;
    if (oneWay >= 0) edgeForward[e] = minutes;
    if (oneWay <= 0) edgeBackward[e] = minutes;
  }
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    if (edgeForward[e]! < Infinity) offsets[graph.edgeFrom[e]! + 1]!++;
    if (edgeBackward[e]! < Infinity) offsets[graph.edgeTo[e]! + 1]!++;
  }
  for (let n = 0; n < nodeCount; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, nodeCount);
  const arcTarget = new Int32Array(offsets[nodeCount]!);
  const arcMinutes = new Float64Array(offsets[nodeCount]!);
  for (let e = 0; e < edgeCount; e++) {
    const from = graph.edgeFrom[e]!;
    const to = graph.edgeTo[e]!;
    if (edgeForward[e]! < Infinity) {
      const arc = fill[from]!++;
      arcTarget[arc] = to;
      arcMinutes[arc] = edgeForward[e]!;
    }
    if (edgeBackward[e]! < Infinity) {
      const arc = fill[to]!++;
      arcTarget[arc] = from;
      arcMinutes[arc] = edgeBackward[e]!;
    }
  }
  return { mode, edgeAllowed, edgeForward, edgeBackward, offsets, arcTarget, arcMinutes, walkSpeed: speeds.walk, speeds };
}

/** Where a point joins the network. */
export interface Anchor {
  edge: number;
  /** 0..1 along the edge, from its `from` node. */
  position: number;
  /** The off-network walk, metres. */
  accessMeters: number;
  /** The joining point, lon/lat. */
  at: [number, number];
}

const SEARCH_RADII = [40, 120, 300];

/** The nearest point on the nearest edge the mode may use, within `maxAccessMeters`; null beyond it. */
export function anchorOf(graph: RoadGraph, network: ModeNetwork, lon: number, lat: number, maxAccessMeters: number): Anchor | null {
  const index = graph.segmentIndex;
  if (!index) return null;
  const [x, y] = project(graph.projection, lon, lat);
  // Growing boxes (most points lie near a road): a segment found within the box's radius is the nearest of
  // all, since any nearer one would have been in the box too; the whole allowance only when the small ones find nothing.
  const radii = SEARCH_RADII.filter((radius) => radius < maxAccessMeters).concat(maxAccessMeters);
  const patch = graph.patch;
  // (Typed through a cast: the closure assigns it, which control-flow narrowing does not see.)
  let best: { edge: number; point: number; t: number; distance: number } | null = null as { edge: number; point: number; t: number; distance: number } | null;
  const consider = (segmentEdge: Int32Array, segmentPoint: Int32Array, s: number, radius: number) => {
    const edge = segmentEdge[s]!;
    if (!network.edgeAllowed[edge]) return;
    const i = segmentPoint[s]!;
    const ax = graph.geomX[i]!, ay = graph.geomY[i]!, bx = graph.geomX[i + 1]!, by = graph.geomY[i + 1]!;
    const t = Math.min(1, Math.max(0, segmentParameter(ax, ay, bx, by, x, y)));
    const distance = Math.hypot(ax + t * (bx - ax) - x, ay + t * (by - ay) - y);
    if (distance <= radius && (!best || distance < best.distance)) best = { edge, point: i, t, distance };
  };
  for (const radius of radii) {
    for (const s of index.search(x - radius, y - radius, x + radius, y + radius)) consider(graph.segmentEdge, graph.segmentPoint, s, radius);
    if (patch?.segmentIndex) for (const s of patch.segmentIndex.search(x - radius, y - radius, x + radius, y + radius)) consider(patch.segmentEdge, patch.segmentPoint, s, radius);
    if (best) break;
  }
  if (!best) return null;
  const edge = best.edge;
  const i = best.point;
  const total = graph.geomM[graph.geomStart[edge + 1]! - 1]!;
  const measure = graph.geomM[i]! + best.t * (graph.geomM[i + 1]! - graph.geomM[i]!);
  const at = unproject(graph.projection, graph.geomX[i]! + best.t * (graph.geomX[i + 1]! - graph.geomX[i]!), graph.geomY[i]! + best.t * (graph.geomY[i + 1]! - graph.geomY[i]!));
  const accessMeters = haversineMeters(lon, lat, at[0], at[1]);
  if (accessMeters > maxAccessMeters) return null;
  return { edge, position: total > 0 ? measure / total : 0, accessMeters, at };
}

export interface Tree {
  /** Minutes from the nearest facility, Infinity where none reaches. */
  minutes: Float64Array;
  /** Index of that facility, -1 where none reaches. */
  source: Int32Array;
}

export interface Seed {
  node: number;
  minutes: number;
  source: number;
}

/** The nodes a facility anchored at `anchor` starts from, with the minutes to reach each (walk + along the edge). */
export function seedsOf(graph: RoadGraph, network: ModeNetwork, anchor: Anchor, source: number): Seed[] {
  const walk = anchor.accessMeters / network.walkSpeed;
  const seeds: Seed[] = [];
  // Towards `from` is against the edge's direction; towards `to` is with it.
  const toFrom = network.edgeBackward[anchor.edge]! * anchor.position;
  const toTo = network.edgeForward[anchor.edge]! * (1 - anchor.position);
  if (toFrom < Infinity) seeds.push({ node: graph.edgeFrom[anchor.edge]!, minutes: walk + toFrom, source });
  if (toTo < Infinity) seeds.push({ node: graph.edgeTo[anchor.edge]!, minutes: walk + toTo, source });
  return seeds;
}

/**
 * Multi-source Dijkstra (binary heap, lazy deletion): every node's minutes
 * from its nearest seed and that seed's source, up to `cutoffMinutes`.
 */
export function multiSourceDijkstra(network: ModeNetwork, nodeCount: number, seeds: readonly Seed[], cutoffMinutes = Infinity): Tree {
  const minutes = new Float64Array(nodeCount).fill(Infinity);
  const source = new Int32Array(nodeCount).fill(-1);
  const queue = new FlatQueue<number>();
  for (const seed of seeds) {
    if (seed.minutes < minutes[seed.node]! && seed.minutes <= cutoffMinutes) {
      minutes[seed.node] = seed.minutes;
      source[seed.node] = seed.source;
      queue.push(seed.node, seed.minutes);
    }
  }
  const { offsets, arcTarget, arcMinutes } = network;
  while (queue.length > 0) {
    const time = queue.peekValue()!;
    const node = queue.pop()!;
    if (time > minutes[node]!) continue; // a stale entry
    const from = source[node]!;
    for (let arc = offsets[node]!; arc < offsets[node + 1]!; arc++) {
      const next = arcTarget[arc]!;
      const arrival = time + arcMinutes[arc]!;
      if (arrival < minutes[next]! && arrival <= cutoffMinutes) {
        minutes[next] = arrival;
        source[next] = from;
        queue.push(next, arrival);
      }
    }
  }
  return { minutes, source };
}

/** Facility anchors per edge, for points that sit on the same edge as a facility (reached without passing a node). */
export type AnchorsByEdge = Map<number, { anchor: Anchor; source: number }[]>;

export function anchorsByEdge(anchors: readonly (Anchor | null)[]): AnchorsByEdge {
  const byEdge: AnchorsByEdge = new Map();
  anchors.forEach((anchor, source) => {
    if (!anchor) return;
    const list = byEdge.get(anchor.edge);
    if (list) list.push({ anchor, source });
    else byEdge.set(anchor.edge, [{ anchor, source }]);
  });
  return byEdge;
}

/**
 * Minutes at a point on edge `edge` at `position` (0..1), walking in from
 * the road is the caller's: from either end node as the edge's direction
 * allows, or straight along the edge from a facility on the same edge.
 */
export function minutesOnEdge(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  edge: number,
  position: number,
  sameEdge: AnchorsByEdge,
): { minutes: number; source: number } {
  const from = graph.edgeFrom[edge]!;
  const to = graph.edgeTo[edge]!;
  let best = Infinity;
  let source = -1;
  const viaFrom = tree.minutes[from]! + network.edgeForward[edge]! * position;
  if (viaFrom < best) [best, source] = [viaFrom, tree.source[from]!];
  const viaTo = tree.minutes[to]! + network.edgeBackward[edge]! * (1 - position);
  if (viaTo < best) [best, source] = [viaTo, tree.source[to]!];
  for (const { anchor, source: facility } of sameEdge.get(edge) ?? []) {
    const along = position >= anchor.position ? network.edgeForward[edge]! * (position - anchor.position) : network.edgeBackward[edge]! * (anchor.position - position);
    const direct = anchor.accessMeters / network.walkSpeed + along;
    if (direct < best) [best, source] = [direct, facility];
  }
  return { minutes: best, source };
}
