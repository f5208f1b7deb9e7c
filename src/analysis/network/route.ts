// Travel times on a road graph for one mode: the roads the mode may use and
// their minutes (CSR adjacency in typed arrays), where a point joins the
// network (nearest point on the nearest allowed edge, reached on foot), and a
// multi-source Dijkstra that gives every node its time and nearest facility
// in one pass.
import FlatQueue from 'flatqueue';
import type { TravelMode } from '../../domain/analysisSpec';
import { haversineMeters } from '../geodesy';
import { unproject, type RoadGraph } from './graph';
import { visitNearSegments } from './segmentBuckets';
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
  // One function per hot loop: in a cold run each loop is compiled when it gets hot, and none is thrown away at
  // the next (as one function, each loop's on-stack-replaced code was deoptimised at the following loop).
  const { edgeAllowed, edgeForward, edgeBackward } = edgeMinutes(graph, mode, speeds);
  const offsets = arcCounts(graph, edgeForward, edgeBackward);
  prefixSums(offsets);
  const { arcTarget, arcMinutes } = fillArcs(graph, edgeForward, edgeBackward, offsets);
  return { mode, edgeAllowed, edgeForward, edgeBackward, offsets, arcTarget, arcMinutes, walkSpeed: speeds.walk, speeds };
}

function edgeMinutes(graph: RoadGraph, mode: TravelMode, speeds: Record<TravelMode, number>): Pick<ModeNetwork, 'edgeAllowed' | 'edgeForward' | 'edgeBackward'> {
  const { edgeCount } = graph;
  const edgeAllowed = new Uint8Array(edgeCount);
  const edgeForward = new Float64Array(edgeCount).fill(Infinity);
  const edgeBackward = new Float64Array(edgeCount).fill(Infinity);
  const classes = graph.classValues.map(roadClassOf);
  // (Arrays in locals: graphs come in a few object shapes, and loads through them in this loop were not hoisted.)
  const { edgeRemoved, edgeClass, edgeSpeedKmh, edgeLength, edgeOneWay } = graph;
  for (let e = 0; e < edgeCount; e++) {
    if (edgeRemoved?.[e]) continue; // replaced by a road edit
    const roadClass = edgeClass[e]! >= 0 ? classes[edgeClass[e]!] : null;
    let metersPerMinute: number;
    if (mode === 'drive') {
      const fieldKmh = edgeSpeedKmh[e]!;
      if (roadClass && roadClass.driveKmh === null) continue;
      metersPerMinute = fieldKmh > 0 ? (fieldKmh * 1000) / 60 : roadClass?.driveKmh ? (roadClass.driveKmh * 1000) / 60 : speeds.drive;
    } else {
      if (roadClass && !roadClass.walkBike) continue;
      metersPerMinute = speeds[mode];
    }
    const minutes = edgeLength[e]! / metersPerMinute;
    const oneWay = mode === 'drive' ? edgeOneWay[e]! : 0;
    edgeAllowed[e] = 1;
    if (oneWay >= 0) edgeForward[e] = minutes;
    if (oneWay <= 0) edgeBackward[e] = minutes;
  }
  return { edgeAllowed, edgeForward, edgeBackward };
}

/** Arcs out of each node, at offsets[n + 1] (prefixSums turns them into CSR offsets). */
function arcCounts(graph: RoadGraph, edgeForward: Float64Array, edgeBackward: Float64Array): Int32Array {
  const { edgeCount, nodeCount, edgeFrom, edgeTo } = graph;
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    if (edgeForward[e]! < Infinity) offsets[edgeFrom[e]! + 1]!++;
    if (edgeBackward[e]! < Infinity) offsets[edgeTo[e]! + 1]!++;
  }
  return offsets;
}

function prefixSums(offsets: Int32Array): void {
  for (let n = 0; n + 1 < offsets.length; n++) offsets[n + 1]! += offsets[n]!;
}

function fillArcs(graph: RoadGraph, edgeForward: Float64Array, edgeBackward: Float64Array, offsets: Int32Array): { arcTarget: Int32Array; arcMinutes: Float64Array } {
  const { edgeCount, nodeCount, edgeFrom, edgeTo } = graph;
  const fill = offsets.slice(0, nodeCount);
  const arcTarget = new Int32Array(offsets[nodeCount]!);
  const arcMinutes = new Float64Array(offsets[nodeCount]!);
  for (let e = 0; e < edgeCount; e++) {
    const from = edgeFrom[e]!;
    const to = edgeTo[e]!;
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
  return { arcTarget, arcMinutes };
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

/**
 * The nearest-segment search's state. Module-level, with one function that
 * weighs each candidate, so that joining 50,000 targets allocates no closure,
 * result array or candidate object per target (it did: with flatbush's
 * growing boxes, joining the targets was a third of a cold network run).
 */
const nearest = {
  x: 0,
  y: 0,
  radius: 0,
  allowed: new Uint8Array(0) as Uint8Array,
  geomX: new Float64Array(0) as Float64Array,
  geomY: new Float64Array(0) as Float64Array,
  segmentEdge: new Int32Array(0) as Int32Array,
  segmentPoint: new Int32Array(0) as Int32Array,
  ends: new Float64Array(0) as Float64Array,
  edge: -1,
  point: -1,
  t: 0,
  distance: Infinity,
};

/** Weighs segment s of `edge` (from ax, ay to bx, by) and keeps it when nearer. */
function weighSegment(s: number, edge: number, ax: number, ay: number, bx: number, by: number): void {
  const state = nearest;
  const dx = bx - ax, dy = by - ay;
  const squared = dx * dx + dy * dy;
  let t = squared === 0 ? 0 : ((state.x - ax) * dx + (state.y - ay) * dy) / squared;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - state.x, ey = ay + t * dy - state.y;
  const distance = Math.sqrt(ex * ex + ey * ey);
  if (distance <= state.radius && distance < state.distance) {
    state.edge = edge;
    state.point = state.segmentPoint[s]!;
    state.t = t;
    state.distance = distance;
  }
}

/** A road edit's appended segment, as flatbush's filter (it never asks flatbush to collect it): ends from the geometry. */
function considerSegment(s: number): boolean {
  const state = nearest;
  const edge = state.segmentEdge[s]!;
  if (!state.allowed[edge]) return false;
  const i = state.segmentPoint[s]!;
  weighSegment(s, edge, state.geomX[i]!, state.geomY[i]!, state.geomX[i + 1]!, state.geomY[i + 1]!);
  return false;
}

/** A base segment from the buckets: ends from their item-ordered copy. */
function considerBucketItem(s: number, k: number): void {
  const state = nearest;
  const edge = state.segmentEdge[s]!;
  if (!state.allowed[edge]) return;
  const ends = state.ends;
  weighSegment(s, edge, ends[4 * k]!, ends[4 * k + 1]!, ends[4 * k + 2]!, ends[4 * k + 3]!);
}

const nearestDistance = () => nearest.distance;

/** The nearest point on the nearest edge the mode may use, within `maxAccessMeters`; null beyond it. */
export function anchorOf(graph: RoadGraph, network: ModeNetwork, lon: number, lat: number, maxAccessMeters: number): Anchor | null {
  const { lon0, lat0, kx, ky } = graph.projection;
  const x = (lon - lon0) * kx;
  const y = (lat - lat0) * ky;
  const state = nearest;
  state.x = x;
  state.y = y;
  state.allowed = network.edgeAllowed;
  state.geomX = graph.geomX;
  state.geomY = graph.geomY;
  state.edge = -1;
  state.distance = Infinity;
  state.radius = maxAccessMeters;
  state.segmentEdge = graph.segmentEdge;
  state.segmentPoint = graph.segmentPoint;
  // The base segments through their buckets (nearest first, ring by ring); then a road edit's appended
  // segments, only those within the distance found so far.
  state.ends = graph.segmentBuckets.ends;
  visitNearSegments(graph.segmentBuckets, x, y, maxAccessMeters, nearestDistance, considerBucketItem);
  const patch = graph.patch;
  if (patch?.segmentIndex) {
    const radius = Math.min(state.distance, maxAccessMeters);
    state.segmentEdge = patch.segmentEdge;
    state.segmentPoint = patch.segmentPoint;
    patch.segmentIndex.search(x - radius, y - radius, x + radius, y + radius, considerSegment);
  }
  if (state.edge < 0) return null;
  const edge = state.edge;
  const i = state.point;
  const t = state.t;
  const total = graph.geomM[graph.geomStart[edge + 1]! - 1]!;
  const measure = graph.geomM[i]! + t * (graph.geomM[i + 1]! - graph.geomM[i]!);
  const at = unproject(graph.projection, graph.geomX[i]! + t * (graph.geomX[i + 1]! - graph.geomX[i]!), graph.geomY[i]! + t * (graph.geomY[i + 1]! - graph.geomY[i]!));
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

/** minutesOnEdge's answer: one object, overwritten by the next call (it runs for every target and grid cell). */
const edgeTime = { minutes: Infinity, source: -1 };
const NO_ANCHORS: { anchor: Anchor; source: number }[] = [];

/**
 * Minutes at a point on edge `edge` at `position` (0..1), walking in from
 * the road is the caller's: from either end node as the edge's direction
 * allows, or straight along the edge from a facility on the same edge.
 * Read the answer before the next call: the object is reused.
 */
export function minutesOnEdge(
  graph: RoadGraph,
  network: ModeNetwork,
  tree: Tree,
  edge: number,
  position: number,
  sameEdge: AnchorsByEdge,
): Readonly<{ minutes: number; source: number }> {
  const from = graph.edgeFrom[edge]!;
  const to = graph.edgeTo[edge]!;
  let best = Infinity;
  let source = -1;
  const viaFrom = tree.minutes[from]! + network.edgeForward[edge]! * position;
  if (viaFrom < best) {
    best = viaFrom;
    source = tree.source[from]!;
  }
  const viaTo = tree.minutes[to]! + network.edgeBackward[edge]! * (1 - position);
  if (viaTo < best) {
    best = viaTo;
    source = tree.source[to]!;
  }
  const here = sameEdge.size > 0 ? (sameEdge.get(edge) ?? NO_ANCHORS) : NO_ANCHORS;
  for (let k = 0; k < here.length; k++) {
    const { anchor, source: facility } = here[k]!;
    const along = position >= anchor.position ? network.edgeForward[edge]! * (position - anchor.position) : network.edgeBackward[edge]! * (anchor.position - position);
    const direct = anchor.accessMeters / network.walkSpeed + along;
    if (direct < best) {
      best = direct;
      source = facility;
    }
  }
  edgeTime.minutes = best;
  edgeTime.source = source;
  return edgeTime;
}
