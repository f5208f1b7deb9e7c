// A road network from any imported line layer: nodes where lines share a
// vertex (junctions are often in the middle of a line) and at line ends,
// endpoints that almost meet another line snapped together, optionally lines
// that cross without a shared vertex joined (off by default: an overpass
// crosses a road without meeting it). Edges and their geometry live in typed
// arrays; one R-tree over the edge segments answers "nearest road" for
// facilities and targets. Pure: no DOM, runs in the worker, Node and tests.
import Flatbush from 'flatbush';
import { NetworkInputError } from './errors';
import { haversineMeters } from '../geodesy';
import { CLASS_FIELD_GUESSES, ONE_WAY_FIELD_GUESSES, oneWayOf, roadClassOf, type OneWay } from './speeds';
import { segmentBuckets, type SegmentBuckets } from './segmentBuckets';

/** One line of the road layer (a MultiLineString arrives as its parts). */
export interface RoadLine {
  coordinates: readonly (readonly number[])[];
  properties: Record<string, unknown>;
  /**
   * The same positions as one array, longitude and latitude interleaved (NaN
   * where a position held no number), when the line came as columns: the
   * network reads these, and a million small position arrays are never made.
   */
  positions?: Float64Array;
}

/** A line's positions, interleaved (its own array when it came as columns, else a copy of its coordinates). */
export function positionsOf(line: RoadLine): Float64Array {
  if (line.positions) return line.positions;
  const positions = new Float64Array(line.coordinates.length * 2);
  copyPositions(line.coordinates, positions);
  return positions;
}

/** Coordinates into `positions` (at least twice as long), interleaved, NaN where a position holds no number. */
function copyPositions(coordinates: RoadLine['coordinates'], positions: Float64Array): void {
  for (let i = 0; i < coordinates.length; i++) {
    const x = coordinates[i]?.[0];
    const y = coordinates[i]?.[1];
    positions[2 * i] = typeof x === 'number' ? x : NaN;
    positions[2 * i + 1] = typeof y === 'number' ? y : NaN;
  }
}

export interface GraphOptions {
  /** Field holding the road class; undefined: guessed from common names; null: none. */
  classField?: string | null;
  /** Field holding a car speed in km/h (overrides the class speed when positive). */
  speedField?: string | null;
  /** Field holding one-way flags; undefined: guessed; null: none. */
  oneWayField?: string | null;
  /** Join lines that cross without a shared vertex (default false: overpasses). */
  connectCrossings?: boolean;
  /** Endpoints closer than this to another line are joined to it, metres (default 1). */
  snapMeters?: number;
}

/** What a partial rebuild (patch.ts) adds: the base's projection, and places that must be nodes (where kept roads join). */
export interface PartialBuild {
  projection: LocalProjection;
  /** Positions (local metres) that become nodes where they lie on a line (within the snap tolerance, at least 1 cm). */
  extraNodes: { x: number; y: number }[];
}

export const DEFAULT_SNAP_METERS = 1;

/** A connected piece of the network other than the largest one. */
export interface Island {
  nodes: number;
  edges: number;
  lengthKm: number;
  /** A node of it, lon/lat, to find it on the map. */
  at: [number, number];
}

export interface GraphFacts {
  lines: number;
  /** Lines with fewer than two distinct positions, left out. */
  droppedLines: number;
  /** Repeated consecutive positions removed. */
  zeroLengthSegments: number;
  /** Edges from a node back to itself (a ring road with one junction); kept. */
  selfLoops: number;
  /** Line ends joined to another line within the snap tolerance. */
  snappedEndpoints: number;
  /** Crossings joined (only with connectCrossings). */
  joinedCrossings: number;
  classField: string | null;
  speedField: string | null;
  oneWayField: string | null;
  /** Class values the speeds table does not know, with how many edges carry each. */
  unknownClasses: { value: string; edges: number }[];
}

export interface RoadGraph {
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Metres along the road (geodesic). */
  edgeLength: Float64Array;
  /** Index into the graph's lines: where class, speed and one-way come from. */
  edgeLine: Int32Array;
  edgeOneWay: Int8Array;
  /** Raw class value per edge (index into classValues), -1 when none. */
  edgeClass: Int32Array;
  classValues: string[];
  /** Car speed from the speed field, km/h; NaN when none. */
  edgeSpeedKmh: Float32Array;
  /** Edge e's geometry is points geomStart[e] … geomStart[e+1]-1 (local metres and cumulative metres). */
  geomStart: Int32Array;
  geomX: Float64Array;
  geomY: Float64Array;
  geomM: Float64Array;
  /** The segments (geometry point i → i+1 of an edge; segmentPoint gives i) by grid cell, for nearest-road searches. */
  segmentBuckets: SegmentBuckets;
  segmentPoint: Int32Array;
  segmentEdge: Int32Array;
  /** Nodes and edges in use: a patched graph keeps its replaced edges as removed (edgeRemoved) and their lone nodes. */
  liveNodes: number;
  liveEdges: number;
  /** 1 for an edge a road edit replaced (patch.ts): closed to every mode, in no component. */
  edgeRemoved?: Uint8Array;
  /** A partial build's node for each of its extra nodes (-1 where none lies on its lines). */
  extraNodeIds?: number[];
  /** Segments of edges added by a road edit (patchRoadGraph), indexed apart from the base's. */
  patch?: { segmentIndex: Flatbush | null; segmentPoint: Int32Array; segmentEdge: Int32Array };
  projection: LocalProjection;
  components: { count: number; componentOf: Int32Array; largest: number; islands: Island[] };
  facts: GraphFacts;
}

/** Equirectangular metres around the network's centre: accurate to ~1 % across a city, used for indexing and snapping. */
export interface LocalProjection {
  lon0: number;
  lat0: number;
  kx: number;
  ky: number;
}

const METERS_PER_DEGREE = 111_319.49;

export function localProjection(lon0: number, lat0: number): LocalProjection {
  return { lon0, lat0, kx: METERS_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180), ky: METERS_PER_DEGREE };
}

export const project = (p: LocalProjection, lon: number, lat: number): [number, number] => [(lon - p.lon0) * p.kx, (lat - p.lat0) * p.ky];
export const unproject = (p: LocalProjection, x: number, y: number): [number, number] => [p.lon0 + x / p.kx, p.lat0 + y / p.ky];

/** Union–find over integer ids, growing on demand (typed array, doubled when full). */
class UnionFind {
  private parent: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.parent = new Int32Array(Math.max(16, capacity));
  }
  add(): number {
    if (this.size === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.size] = this.size;
    return this.size++;
  }
  find(a: number): number {
    const parent = this.parent;
    while (parent[a]! !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * The same id for vertices at exactly the same position (where real road
 * data puts its junctions): an open-addressing hash table over the float
 * bits, far quicker than string keys for a million vertices.
 */
function pointsByPosition(vlon: Float64Array, vlat: Float64Array, points: UnionFind): Int32Array {
  const count = vlon.length;
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slotVertex = new Int32Array(size).fill(-1);
  const vertexPoint = new Int32Array(count);
  const f64 = new Float64Array(2);
  const u32 = new Uint32Array(f64.buffer);
  for (let v = 0; v < count; v++) {
    const lon = vlon[v]!;
    const lat = vlat[v]!;
    f64[0] = lon;
    f64[1] = lat;
    let hash = Math.imul(u32[0]! ^ Math.imul(u32[1]!, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(u32[2]! ^ Math.imul(u32[3]!, 0xc2b2ae35), 0x27d4eb2f);
    hash ^= hash >>> 15;
    let slot = hash & mask;
    for (;;) {
      const other = slotVertex[slot]!;
      if (other < 0) {
        slotVertex[slot] = v;
        vertexPoint[v] = points.add();
        break;
      }
      if (vlon[other] === lon && vlat[other] === lat) {
        vertexPoint[v] = vertexPoint[other]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return vertexPoint;
}

export function pickField(lines: readonly RoadLine[], requested: string | null | undefined, guesses: readonly string[]): string | null {
  if (requested === null) return null;
  const keys = new Set<string>();
  for (const line of lines.slice(0, 2000)) for (const key of Object.keys(line.properties)) keys.add(key);
  if (requested !== undefined) {
    const found = [...keys].find((key) => key === requested) ?? [...keys].find((key) => key.toLowerCase() === requested.toLowerCase());
    if (!found)
      throw new NetworkInputError({
        zh: `道路图层没有字段“${requested}”（已有字段：${[...keys].join('、') || '无'}）。`,
        en: `the road layer has no field "${requested}" (fields: ${[...keys].join(', ') || 'none'}).`,
      });
    return found;
  }
  for (const guess of guesses) {
    const found = [...keys].find((key) => key.toLowerCase() === guess.toLowerCase());
    if (found) return found;
  }
  return null;
}

interface Insertion {
  /** Global vertex index of the segment start. */
  segment: number;
  t: number;
  point: number;
  x: number;
  y: number;
}

/** How far a build has got: `done` of `total` (thousandths), for a progress bar on a million-segment layer. */
export type BuildProgress = (done: number, total: number) => void;

/**
 * Builds the graph. Throws NetworkInputError (zh + en) when no line is usable.
 *
 * Each phase with a loop over vertices, segments or edges is a function of its own: in one long
 * function, V8 compiled the whole function again at each hot loop (on-stack replacement) and threw
 * the code away at the next phase it had not yet seen run, every build until all were warm.
 */
export function buildRoadGraph(lines: readonly RoadLine[], options: GraphOptions = {}, partial?: PartialBuild, onProgress?: BuildProgress): RoadGraph {
  const snapMeters = options.snapMeters ?? DEFAULT_SNAP_METERS;
  // Progress in thousandths at the end of each phase; the shares are rough (reading the lines and
  // indexing their segments take the longest): the bar says the build is moving, not when it ends.
  const report = (share: number) => onProgress?.(Math.round(share * 1000), 1000);
  // ---- flatten the lines' vertices, dropping repeated positions
  const flat = flattenLines(lines, report);
  report(0.25);
  if (flat.keptCount === 0)
    throw new NetworkInputError({
      zh: `道路图层没有可用的线（共 ${lines.length} 条，${flat.droppedLines} 条少于两个不同的点）：路网分析需要线要素（LineString/MultiLineString）。`,
      en: `the road layer has no usable lines (${lines.length} given, ${flat.droppedLines} with fewer than two distinct points): network analysis needs line features (LineString/MultiLineString).`,
    });
  if (flat.minLon < -180 || flat.maxLon > 180 || flat.minLat < -90 || flat.maxLat > 90)
    throw new NetworkInputError({
      zh: '道路坐标不是经纬度（超出 ±180/±90）：请先按导入流程转换坐标系。',
      en: 'the road coordinates are not longitude/latitude (beyond ±180/±90): convert them through the import first.',
    });
  const projection = partial?.projection ?? localProjection((flat.minLon + flat.maxLon) / 2, (flat.minLat + flat.maxLat) / 2);
  const net = indexVertices(flat, projection);
  report(0.45);
  const { vx, vy, vertexPoint, points, segmentStarts, rawSegments, insertions, forced } = net;

  // ---- snap line ends that almost meet another line
  const snappedEndpoints = snapMeters > 0 ? snapEnds(net, snapMeters) : 0;

  report(0.55);
  // ---- optionally join lines that cross without a shared vertex
  const joinedCrossings = options.connectCrossings ? joinCrossings(net) : 0;

  // ---- places a partial rebuild must keep as nodes (kept roads join there): a vertex there, or a cut in a segment
  const extraNodePoints: number[] = [];
  for (const extra of partial?.extraNodes ?? []) {
    const tolerance = Math.max(0.01, snapMeters);
    const { x, y } = extra;
    let point = -1;
    let bestDistance = Infinity;
    let bestSegment = -1;
    let bestT = 0;
    let segmentDistance = Infinity;
    for (const s of rawSegments.search(x - tolerance, y - tolerance, x + tolerance, y + tolerance)) {
      const k = segmentStarts[s]!;
      for (let v = k; v <= k + 1; v++) {
        const distance = Math.hypot(vx[v]! - x, vy[v]! - y);
        if (distance <= tolerance && distance < bestDistance) {
          point = vertexPoint[v]!;
          bestDistance = distance;
        }
      }
      const t = segmentParameter(vx[k]!, vy[k]!, vx[k + 1]!, vy[k + 1]!, x, y);
      if (t <= 0 || t >= 1) continue;
      const distance = Math.hypot(vx[k]! + t * (vx[k + 1]! - vx[k]!) - x, vy[k]! + t * (vy[k + 1]! - vy[k]!) - y);
      if (distance <= tolerance && distance < segmentDistance) {
        bestSegment = k;
        bestT = t;
        segmentDistance = distance;
      }
    }
    if (point < 0 && bestSegment >= 0) {
      point = points.add();
      const k = bestSegment;
      insertions.push({ segment: k, t: bestT, point, x: vx[k]! + bestT * (vx[k + 1]! - vx[k]!), y: vy[k]! + bestT * (vy[k + 1]! - vy[k]!) });
    }
    if (point >= 0) forced.add(point);
    extraNodePoints.push(point);
  }

  report(0.65);
  // ---- which points are nodes, then walk every line, cutting an edge at each node
  const walk = walkLines(net, flat, projection);
  const { edgeCount, nodeCount, nodeOfPoint } = walk;
  if (edgeCount === 0)
    throw new NetworkInputError({
      zh: `道路图层的线长度都为零（${lines.length} 条）：路网分析需要有长度的线。`,
      en: `every line of the road layer has zero length (${lines.length} given): network analysis needs lines with a length.`,
    });
  // Exact lengths: consumers read .length (patch.ts grows them from it).
  const edgeLine = exactly(walk.edgeLine, edgeCount);
  const geomStart = exactly(walk.geomStart, edgeCount + 1);

  report(0.8);
  // ---- attributes: class, speed, one-way
  // A partial build reads the fields the full build chose (a drawn road may carry none of them).
  const classField = partial ? (options.classField ?? null) : pickField(lines, options.classField, CLASS_FIELD_GUESSES);
  const speedField = partial ? (options.speedField ?? null) : options.speedField ? pickField(lines, options.speedField, []) : null;
  const oneWayField = partial ? (options.oneWayField ?? null) : pickField(lines, options.oneWayField, ONE_WAY_FIELD_GUESSES);
  const attributes = readAttributes(lines, edgeLine, edgeCount, classField, speedField, oneWayField);

  report(0.85);
  // ---- segment index over the edges' geometry
  const geometryX = settled(walk.geomX, walk.pointCount);
  const geometryY = settled(walk.geomY, walk.pointCount);
  const { segmentPoint, segmentEdge } = geometrySegments(geomStart, edgeCount, walk.pointCount);

  const graph: Omit<RoadGraph, 'components' | 'liveNodes' | 'liveEdges'> = {
    nodeCount,
    nodeLon: exactly(walk.nodeLon, nodeCount),
    nodeLat: exactly(walk.nodeLat, nodeCount),
    edgeCount,
    edgeFrom: exactly(walk.edgeFrom, edgeCount),
    edgeTo: exactly(walk.edgeTo, edgeCount),
    edgeLength: exactly(walk.edgeLength, edgeCount),
    edgeLine,
    edgeOneWay: attributes.edgeOneWay,
    edgeClass: attributes.edgeClass,
    classValues: attributes.classValues,
    edgeSpeedKmh: attributes.edgeSpeedKmh,
    geomStart,
    geomX: geometryX,
    geomY: geometryY,
    geomM: settled(walk.geomM, walk.pointCount),
    segmentBuckets: segmentBuckets(geometryX, geometryY, segmentPoint),
    segmentPoint,
    segmentEdge,
    projection,
    facts: {
      lines: lines.length,
      droppedLines: flat.droppedLines,
      zeroLengthSegments: flat.zeroLengthSegments + walk.zeroLengthSegments,
      selfLoops: walk.selfLoops,
      snappedEndpoints,
      joinedCrossings,
      classField,
      speedField,
      oneWayField,
      unknownClasses: [...attributes.unknownCounts].map(([value, edges]) => ({ value, edges })).sort((a, b) => b.edges - a.edges),
    },
  };
  const extraNodeIds = extraNodePoints.map((point) => (point < 0 ? -1 : nodeOfPoint[points.find(point)]!));
  const components = connectedComponents(graph);
  report(1);
  return { ...graph, components, liveNodes: nodeCount, liveEdges: edgeCount, ...(partial ? { extraNodeIds } : {}) };
}

/** The kept lines' vertices in a row (lines with fewer than two distinct positions left out). */
interface FlatLines {
  vlon: Float64Array;
  vlat: Float64Array;
  vertexCount: number;
  /** Kept line l is lines[keptLine[l]], its vertices lineStart[l] … lineStart[l+1]-1. */
  lineStart: Int32Array;
  keptLine: Int32Array;
  keptCount: number;
  zeroLengthSegments: number;
  droppedLines: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * The lines' vertices without non-finite or repeated positions. Two passes and no array per line
 * (they were most of the build's garbage): an upper bound of the vertices first, then each line
 * written straight into typed arrays, the cursor rewound over a line left with fewer than two
 * distinct points. Lines given as coordinates are read through one scratch array sized for the longest.
 */
function flattenLines(lines: readonly RoadLine[], report: (share: number) => void): FlatLines {
  let capacity = 0;
  let longestCoordinates = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.positions) capacity += line.positions.length >>> 1;
    else {
      capacity += line.coordinates.length;
      longestCoordinates = Math.max(longestCoordinates, line.coordinates.length);
    }
  }
  const scratch = new Float64Array(2 * longestCoordinates);
  const vlon = new Float64Array(capacity);
  const vlat = new Float64Array(capacity);
  const lineStart = new Int32Array(lines.length + 1);
  const keptLine = new Int32Array(lines.length);
  let keptCount = 0;
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  let zeroLengthSegments = 0;
  let droppedLines = 0;
  let vertexCount = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let positions = line.positions;
    let end: number;
    if (positions) end = positions.length;
    else {
      copyPositions(line.coordinates, scratch);
      positions = scratch;
      end = 2 * line.coordinates.length;
    }
    const first = vertexCount;
    for (let p = 0; p < end; p += 2) {
      const x = positions[p]!;
      const y = positions[p + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (vertexCount > first && vlon[vertexCount - 1] === x && vlat[vertexCount - 1] === y) {
        zeroLengthSegments++;
        continue;
      }
      vlon[vertexCount] = x;
      vlat[vertexCount] = y;
      vertexCount++;
    }
    if (vertexCount - first < 2) {
      vertexCount = first;
      droppedLines++;
      continue;
    }
    for (let i = first; i < vertexCount; i++) {
      minLon = Math.min(minLon, vlon[i]!);
      maxLon = Math.max(maxLon, vlon[i]!);
      minLat = Math.min(minLat, vlat[i]!);
      maxLat = Math.max(maxLat, vlat[i]!);
    }
    lineStart[keptCount] = first;
    keptLine[keptCount] = index;
    keptCount++;
    if (index % 50_000 === 49_999) report((0.25 * index) / lines.length);
  }
  lineStart[keptCount] = vertexCount;
  return {
    vlon: vlon.subarray(0, vertexCount),
    vlat: vlat.subarray(0, vertexCount),
    vertexCount,
    lineStart,
    keptLine,
    keptCount,
    zeroLengthSegments,
    droppedLines,
    minLon,
    minLat,
    maxLon,
    maxLat,
  };
}

/** The vertices in local metres, which are the same point, and the lines' segments indexed for snapping and crossings. */
interface IndexedVertices {
  vx: Float64Array;
  vy: Float64Array;
  points: UnionFind;
  vertexPoint: Int32Array;
  lineOfVertex: Int32Array;
  /** Segment s is vertex segmentStarts[s] → segmentStarts[s]+1 (one fewer than the vertices in each line). */
  segmentStarts: Int32Array;
  segmentCount: number;
  rawSegments: Flatbush;
  lineStart: Int32Array;
  keptCount: number;
  /** Points cut into segments (snapped ends, crossings, a partial build's extra nodes). */
  insertions: Insertion[];
  /** Points that must be nodes (snap targets, crossings). */
  forced: Set<number>;
}

function indexVertices(flat: FlatLines, projection: LocalProjection): IndexedVertices {
  const { vlon, vlat, vertexCount, lineStart, keptCount } = flat;
  const { lon0, lat0, kx, ky } = projection;
  const vx = new Float64Array(vertexCount);
  const vy = new Float64Array(vertexCount);
  for (let k = 0; k < vertexCount; k++) {
    vx[k] = (vlon[k]! - lon0) * kx;
    vy[k] = (vlat[k]! - lat0) * ky;
  }
  const points = new UnionFind(vertexCount + 64);
  const vertexPoint = pointsByPosition(vlon, vlat, points);
  const lineOfVertex = new Int32Array(vertexCount);
  for (let l = 0; l < keptCount; l++) lineOfVertex.fill(l, lineStart[l]!, lineStart[l + 1]!);
  const segmentCount = vertexCount - keptCount;
  const segmentStarts = new Int32Array(segmentCount);
  for (let l = 0, s = 0; l < keptCount; l++) for (let k = lineStart[l]!; k < lineStart[l + 1]! - 1; k++) segmentStarts[s++] = k;
  const rawSegments = segmentIndex(segmentStarts, vx, vy);
  return { vx, vy, points, vertexPoint, lineOfVertex, segmentStarts, segmentCount, rawSegments, lineStart, keptCount, insertions: [], forced: new Set() };
}

/** An R-tree over the segments' boxes (its own function, so that a cold build compiles only this loop when it gets hot). */
function segmentIndex(segmentStarts: Int32Array, vx: Float64Array, vy: Float64Array): Flatbush {
  const segmentCount = segmentStarts.length;
  const rawSegments = new Flatbush(Math.max(1, segmentCount));
  for (let s = 0; s < segmentCount; s++) {
    const k = segmentStarts[s]!;
    rawSegments.add(Math.min(vx[k]!, vx[k + 1]!), Math.min(vy[k]!, vy[k + 1]!), Math.max(vx[k]!, vx[k + 1]!), Math.max(vy[k]!, vy[k + 1]!));
  }
  if (segmentCount === 0) rawSegments.add(0, 0, 0, 0);
  rawSegments.finish();
  return rawSegments;
}

/** Joins each line end to a vertex within snapMeters, else cuts it into a segment there; returns how many were joined. */
function snapEnds(net: IndexedVertices, snapMeters: number): number {
  const { vx, vy, points, vertexPoint, lineOfVertex, segmentStarts, rawSegments, lineStart, keptCount, insertions, forced } = net;
  let snappedEndpoints = 0;
  // Every vertex ends a segment, so the segment index finds the vertices near an end too.
  // (Plain loops over both ends and both vertices of a segment: a two-element array for each was garbage per line and per candidate.)
  for (let l = 0; l < keptCount; l++) {
    for (let side = 0; side < 2; side++) {
      const end = side === 0 ? lineStart[l]! : lineStart[l + 1]! - 1;
      const x = vx[end]!;
      const y = vy[end]!;
      const near = rawSegments.search(x - snapMeters, y - snapMeters, x + snapMeters, y + snapMeters);
      let best = -1;
      let bestDistance = Infinity;
      for (const s of near) {
        for (let k = segmentStarts[s]!; k <= segmentStarts[s]! + 1; k++) {
          if (vertexPoint[k] === vertexPoint[end] || points.find(vertexPoint[k]!) === points.find(vertexPoint[end]!)) continue;
          if (lineOfVertex[k] === l && Math.abs(k - end) <= 1) continue;
          const distance = Math.hypot(vx[k]! - x, vy[k]! - y);
          if (distance <= snapMeters && distance < bestDistance) {
            best = k;
            bestDistance = distance;
          }
        }
      }
      if (best >= 0) {
        points.union(vertexPoint[end]!, vertexPoint[best]!);
        forced.add(vertexPoint[best]!);
        snappedEndpoints++;
        continue;
      }
      // No vertex nearby: the end may touch a segment between vertices (a T-junction drawn short or long).
      let bestSegment = -1;
      let bestT = 0;
      bestDistance = Infinity;
      for (const s of near) {
        const k = segmentStarts[s]!;
        if (k === end || k + 1 === end) continue;
        const t = segmentParameter(vx[k]!, vy[k]!, vx[k + 1]!, vy[k + 1]!, x, y);
        if (t <= 0 || t >= 1) continue;
        const distance = Math.hypot(vx[k]! + t * (vx[k + 1]! - vx[k]!) - x, vy[k]! + t * (vy[k + 1]! - vy[k]!) - y);
        if (distance <= snapMeters && distance < bestDistance) {
          bestSegment = k;
          bestT = t;
          bestDistance = distance;
        }
      }
      if (bestSegment >= 0) {
        const k = bestSegment;
        insertions.push({ segment: k, t: bestT, point: vertexPoint[end]!, x: vx[k]! + bestT * (vx[k + 1]! - vx[k]!), y: vy[k]! + bestT * (vy[k + 1]! - vy[k]!) });
        forced.add(vertexPoint[end]!);
        snappedEndpoints++;
      }
    }
  }
  return snappedEndpoints;
}

/** Cuts both segments where two cross strictly inside (not at a shared vertex); returns how many crossings were joined. */
function joinCrossings(net: IndexedVertices): number {
  const { vx, vy, points, lineOfVertex, segmentStarts, segmentCount, rawSegments, insertions, forced } = net;
  let joinedCrossings = 0;
  for (let s = 0; s < segmentCount; s++) {
    const a = segmentStarts[s]!;
    const ax = vx[a]!, ay = vy[a]!, bx = vx[a + 1]!, by = vy[a + 1]!;
    for (const r of rawSegments.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (r <= s) continue;
      const c = segmentStarts[r]!;
      if (lineOfVertex[c] === lineOfVertex[a] && Math.abs(c - a) <= 1) continue;
      const hit = properCrossing(ax, ay, bx, by, vx[c]!, vy[c]!, vx[c + 1]!, vy[c + 1]!);
      if (!hit) continue;
      const point = points.add();
      forced.add(point);
      const x = ax + hit.t * (bx - ax);
      const y = ay + hit.t * (by - ay);
      insertions.push({ segment: a, t: hit.t, point, x, y }, { segment: c, t: hit.u, point, x, y });
      joinedCrossings++;
    }
  }
  return joinedCrossings;
}

/** The edges and nodes of a walk over the lines, in arrays filled up to bounds (edgeCount, nodeCount and pointCount say how far). */
interface Walk {
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLength: Float64Array;
  edgeLine: Int32Array;
  geomStart: Int32Array;
  /** roomyArray buffers, to be settled at pointCount. */
  geomX: Float64Array;
  geomY: Float64Array;
  geomM: Float64Array;
  pointCount: number;
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  nodeOfPoint: Int32Array;
  selfLoops: number;
  zeroLengthSegments: number;
}

/**
 * Which points are nodes (line ends, points used more than once, snap and crossing points), then
 * every line walked, cutting an edge at each node, into typed arrays sized before the walk.
 */
function walkLines(net: IndexedVertices, flat: FlatLines, projection: LocalProjection): Walk {
  const { vx, vy, points, vertexPoint, segmentCount, lineStart, keptCount, insertions, forced } = net;
  const { vlon, vlat, vertexCount, keptLine } = flat;
  const rootOfVertex = new Int32Array(vertexCount);
  for (let k = 0; k < vertexCount; k++) rootOfVertex[k] = points.find(vertexPoint[k]!);
  const uses = new Int32Array(points.size);
  for (let k = 0; k < vertexCount; k++) uses[rootOfVertex[k]!]!++;
  for (const insertion of insertions) uses[points.find(insertion.point)]!++;
  for (const point of forced) uses[points.find(point)] = Math.max(2, uses[points.find(point)]!); // snap targets and crossings are nodes whatever their count
  // A node is a point (its root), so there are at most as many nodes as points.
  const nodeOfPoint = new Int32Array(points.size).fill(-1);
  const nodeLon = new Float64Array(points.size);
  const nodeLat = new Float64Array(points.size);
  let nodeCount = 0;

  const insertionsBySegment = new Map<number, Insertion[]>();
  for (const insertion of insertions) {
    const list = insertionsBySegment.get(insertion.segment);
    if (list) list.push(insertion);
    else insertionsBySegment.set(insertion.segment, [insertion]);
  }
  for (const list of insertionsBySegment.values()) list.sort((p, q) => p.t - q.t);
  // Which segments have insertions, so the walk asks the map only for those (usually none).
  const inserted = new Uint8Array(insertions.length > 0 ? vertexCount : 0);
  for (const segment of insertionsBySegment.keys()) inserted[segment] = 1;

  // An edge ends at each inserted point and at each later vertex of a line that is a node or the
  // line's end (fewer when a piece has zero length). An edge's geometry is its start and each point
  // it passes, so the geometry needs at most a point per segment and insertion, one per edge, and
  // the start pushed after the last edge (then dropped).
  let edgeBound = insertions.length;
  for (let l = 0; l < keptCount; l++) {
    const last = lineStart[l + 1]! - 1;
    for (let k = lineStart[l]! + 1; k < last; k++) if (uses[rootOfVertex[k]!]! >= 2) edgeBound++;
    edgeBound++;
  }
  const edgeFrom = new Int32Array(edgeBound);
  const edgeTo = new Int32Array(edgeBound);
  const edgeLength = new Float64Array(edgeBound);
  const edgeLine = new Int32Array(edgeBound);
  const geomStart = new Int32Array(edgeBound + 1);
  // Written in place in buffers with the room withRoom gives (no copy of the geometry at the end).
  const geomCapacity = segmentCount + insertions.length + edgeBound + 1;
  const geomX = roomyArray(geomCapacity);
  const geomY = roomyArray(geomCapacity);
  const geomM = roomyArray(geomCapacity);
  let edgeCount = 0;
  let g = 0; // points written
  let selfLoops = 0;
  let zeroLengthSegments = 0;
  for (let l = 0; l < keptCount; l++) {
    const first = lineStart[l]!;
    const last = lineStart[l + 1]! - 1;
    let lastRoot = rootOfVertex[first]!;
    let from = nodeOfPoint[lastRoot]!;
    if (from < 0) {
      from = nodeCount++;
      nodeOfPoint[lastRoot] = from;
      nodeLon[from] = vlon[first]!;
      nodeLat[from] = vlat[first]!;
    }
    let start = g;
    let length = 0;
    let measure = 0;
    let px = vx[first]!;
    let py = vy[first]!;
    let plon = vlon[first]!;
    let plat = vlat[first]!;
    geomX[g] = px;
    geomY[g] = py;
    geomM[g] = 0;
    g++;
    for (let k = first; k < last; k++) {
      // The points this segment passes: its insertions by t, then vertex k+1 (inline, not a closure per line).
      const list = inserted[k] ? insertionsBySegment.get(k)! : null;
      const visits = list ? list.length + 1 : 1;
      for (let j = 0; j < visits; j++) {
        let root: number, x: number, y: number, lon: number, lat: number, isEnd: boolean;
        if (list && j < list.length) {
          const insertion = list[j]!;
          root = points.find(insertion.point);
          x = insertion.x;
          y = insertion.y;
          lon = projection.lon0 + x / projection.kx; // unproject, without its pair
          lat = projection.lat0 + y / projection.ky;
          isEnd = false;
        } else {
          root = rootOfVertex[k + 1]!;
          x = vx[k + 1]!;
          y = vy[k + 1]!;
          lon = vlon[k + 1]!;
          lat = vlat[k + 1]!;
          isEnd = k + 1 === last;
        }
        if (root === lastRoot && !isEnd) continue; // a snap or crossing at a vertex: the same place twice
        length += haversineMeters(plon, plat, lon, lat);
        measure += Math.sqrt((x - px) * (x - px) + (y - py) * (y - py));
        geomX[g] = x;
        geomY[g] = y;
        geomM[g] = measure;
        g++;
        px = x;
        py = y;
        plon = lon;
        plat = lat;
        lastRoot = root;
        if (!isEnd && uses[root]! < 2) continue;
        let to = nodeOfPoint[root]!;
        if (to < 0) {
          to = nodeCount++;
          nodeOfPoint[root] = to;
          nodeLon[to] = lon;
          nodeLat[to] = lat;
        }
        if (length <= 0) {
          zeroLengthSegments++;
          // Drop the zero-length piece's points, keep the current point as the next start.
          g = start;
        } else {
          if (to === from) selfLoops++;
          edgeFrom[edgeCount] = from;
          edgeTo[edgeCount] = to;
          edgeLength[edgeCount] = length;
          edgeLine[edgeCount] = keptLine[l]!;
          geomStart[edgeCount] = start;
          edgeCount++;
        }
        from = to;
        start = g;
        geomX[g] = x;
        geomY[g] = y;
        geomM[g] = 0;
        g++;
        length = 0;
        measure = 0;
      }
    }
    // The trailing start point pushed after the last edge belongs to no edge.
    g = start;
  }
  geomStart[edgeCount] = g;
  return { edgeCount, edgeFrom, edgeTo, edgeLength, edgeLine, geomStart, geomX, geomY, geomM, pointCount: g, nodeCount, nodeLon, nodeLat, nodeOfPoint, selfLoops, zeroLengthSegments };
}

/** Class, speed and one-way of each edge from its line's properties. */
function readAttributes(lines: readonly RoadLine[], edgeLine: Int32Array, edgeCount: number, classField: string | null, speedField: string | null, oneWayField: string | null) {
  const classValues: string[] = [];
  const classIndex = new Map<string, number>();
  const classKnown: boolean[] = [];
  const edgeClass = new Int32Array(edgeCount).fill(-1);
  const edgeSpeedKmh = new Float32Array(edgeCount).fill(NaN);
  const edgeOneWay = new Int8Array(edgeCount);
  const unknownCounts = new Map<string, number>();
  // A line's edges are consecutive and share its properties: each line's values are read once, not per edge.
  let readLine = -1;
  let lineClass = -1;
  let lineSpeed = NaN;
  let lineOneWay: OneWay = 0;
  for (let e = 0; e < edgeCount; e++) {
    if (edgeLine[e] !== readLine) {
      readLine = edgeLine[e]!;
      const properties = lines[readLine]!.properties;
      lineClass = -1;
      if (classField) {
        const raw = properties[classField];
        if (raw !== null && raw !== undefined && String(raw).trim() !== '') {
          const text = String(raw).trim();
          let index = classIndex.get(text);
          if (index === undefined) {
            index = classValues.length;
            classValues.push(text);
            classIndex.set(text, index);
            // Known or not is asked once per value, not per edge (a hundred thousand lookups of the same few values).
            classKnown.push(roadClassOf(text) !== null);
          }
          lineClass = index;
        }
      }
      lineSpeed = NaN;
      if (speedField) {
        const raw = properties[speedField];
        const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
        if (Number.isFinite(value) && value > 0) lineSpeed = value;
      }
      lineOneWay = oneWayField ? oneWayOf(properties[oneWayField]) : 0;
    }
    if (lineClass >= 0) {
      edgeClass[e] = lineClass;
      if (!classKnown[lineClass]) unknownCounts.set(classValues[lineClass]!, (unknownCounts.get(classValues[lineClass]!) ?? 0) + 1);
    }
    if (!Number.isNaN(lineSpeed)) edgeSpeedKmh[e] = lineSpeed;
    if (oneWayField) edgeOneWay[e] = lineOneWay;
  }
  return { classValues, edgeClass, edgeSpeedKmh, edgeOneWay, unknownCounts };
}

/** Each geometry segment's first point and edge, edge by edge (an edge of n points has n - 1 segments). */
function geometrySegments(geomStart: Int32Array, edgeCount: number, pointCount: number): { segmentPoint: Int32Array; segmentEdge: Int32Array } {
  const segmentPoint = new Int32Array(pointCount - edgeCount);
  const segmentEdge = new Int32Array(pointCount - edgeCount);
  for (let e = 0, s = 0; e < edgeCount; e++)
    for (let i = geomStart[e]!; i < geomStart[e + 1]! - 1; i++, s++) {
      segmentPoint[s] = i;
      segmentEdge[s] = e;
    }
  return { segmentPoint, segmentEdge };
}

// ---------------------------------------------------------------- geometry arrays with room to grow

/** How much of each geometry buffer is in use: a graph may lengthen its view only if nothing was appended after it. */
const usedLength = new WeakMap<ArrayBufferLike, number>();

/** A Float64Array of `length` (default: the values'), starting with the values, in a buffer with 2 % to spare (at least 1,024 values). */
export function withRoom(values: ArrayLike<number>, length = values.length): Float64Array {
  const array = roomyArray(length);
  array.set(values);
  usedLength.set(array.buffer, length);
  return array;
}

/** A Float64Array of `capacity` at the start of a buffer with withRoom's room past it, to be filled and then settled. */
function roomyArray(capacity: number): Float64Array {
  return new Float64Array(new ArrayBuffer(8 * (capacity + Math.max(1024, Math.ceil(capacity * 0.02)))), 0, capacity);
}

/** The first `length` values of a roomyArray, as withRoom would give them (zeros past them; a graph may lengthen it). */
function settled(array: Float64Array, length: number): Float64Array {
  array.fill(0, length);
  usedLength.set(array.buffer, length);
  return new Float64Array(array.buffer, 0, length);
}

/** The first `length` values of a typed array filled up to a bound: itself when the bound was exact, else a copy of that length. */
function exactly<T extends Int32Array | Float64Array>(array: T, length: number): T {
  return array.length === length ? array : (array.slice(0, length) as T);
}

/**
 * `array` lengthened to `length`: a longer view of the same buffer when it has
 * room and no other view has been lengthened past it, else a copy with room.
 * A road edit appends a few hundred geometry points to arrays of millions:
 * copying them on every edit was most of a patch's time. The shorter view
 * stays valid (its points are never written again).
 */
export function lengthened(array: Float64Array, length: number): Float64Array {
  const buffer = array.buffer;
  if (array.byteOffset === 0 && usedLength.get(buffer) === array.length && buffer.byteLength >= 8 * length) {
    usedLength.set(buffer, length);
    return new Float64Array(buffer, 0, length);
  }
  const next = withRoom([], length);
  next.set(array);
  return next;
}

/** Connected pieces, ignoring direction; every piece but the largest is an island (largest first, at most 50 listed). */
export function connectedComponents(graph: Omit<RoadGraph, 'components' | 'liveNodes' | 'liveEdges'>): RoadGraph['components'] {
  const removed = graph.edgeRemoved;
  // (Arrays in locals: graphs come in a few object shapes, and loads through them in these loops were not hoisted.)
  const { edgeFrom, edgeTo, edgeLength, edgeCount, nodeCount } = graph;
  const parent = new Int32Array(nodeCount);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (a: number) => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  // A node left without edges by a road edit belongs to no component (a full build has none).
  const inUse = new Uint8Array(nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    if (removed?.[e]) continue;
    inUse[edgeFrom[e]!] = 1;
    inUse[edgeTo[e]!] = 1;
    const a = find(edgeFrom[e]!);
    const b = find(edgeTo[e]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const componentOf = new Int32Array(nodeCount).fill(-1);
  const idOfRoot = new Int32Array(nodeCount).fill(-1);
  const nodes: number[] = [];
  const firstNode: number[] = [];
  for (let n = 0; n < nodeCount; n++) {
    if (!inUse[n]) continue;
    const root = find(n);
    let id = idOfRoot[root]!;
    if (id < 0) {
      id = nodes.length;
      idOfRoot[root] = id;
      nodes.push(0);
      firstNode.push(n);
    }
    componentOf[n] = id;
    nodes[id]!++;
  }
  const edges = new Array<number>(nodes.length).fill(0);
  const length = new Array<number>(nodes.length).fill(0);
  for (let e = 0; e < edgeCount; e++) {
    if (removed?.[e]) continue;
    const c = componentOf[edgeFrom[e]!]!;
    edges[c]!++;
    length[c]! += edgeLength[e]!;
  }
  const order = nodes.map((_, c) => c).sort((a, b) => length[b]! - length[a]!);
  const largest = order[0] ?? 0;
  const islands = order.slice(1, 51).map((c) => ({
    nodes: nodes[c]!,
    edges: edges[c]!,
    lengthKm: Math.round(length[c]!) / 1000,
    at: [graph.nodeLon[firstNode[c]!]!, graph.nodeLat[firstNode[c]!]!] as [number, number],
  }));
  return { count: nodes.length, componentOf, largest, islands };
}

/** Where the perpendicular from (px, py) meets segment a→b, as 0..1 along it (unclamped). */
export function segmentParameter(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const squared = dx * dx + dy * dy;
  return squared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / squared;
}

/** Segments a→b and c→d crossing strictly inside both (touching at an end is not a crossing). */
function properCrossing(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): { t: number; u: number } | null {
  const rx = bx - ax;
  const ry = by - ay;
  const sx = dx - cx;
  const sy = dy - cy;
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const t = ((cx - ax) * sy - (cy - ay) * sx) / denominator;
  const u = ((cx - ax) * ry - (cy - ay) * rx) / denominator;
  const eps = 1e-9;
  return t > eps && t < 1 - eps && u > eps && u < 1 - eps ? { t, u } : null;
}

export { NetworkInputError };
