// A road edit in a scenario rebuilds only the affected part of the graph.
//
// The lines are compared with the ones the graph was built from (a hash per
// line: positions and attributes). The lines whose box meets the changed
// lines' box (plus the snap tolerance) are "affected": their edges are marked
// removed, and the affected lines that remain, with the added ones, are built
// again on their own (buildRoadGraph with the base's projection). Where a
// kept edge met a removed one (a shared vertex, a snapped end, a joined
// crossing) the partial build is told to make a node, and that node is the
// base's node, so kept roads join the rebuilt ones exactly as a full build
// would join them. The new edges and nodes are appended: every kept edge keeps
// its number, which lets the caches of the isochrone grid and of the targets'
// joining points be kept outside the changed area. Large edits (over 2 % of
// the lines), edits that would change which field is read as the class, and
// many edits in a row fall back to a full build.
import Flatbush from 'flatbush';
import { buildRoadGraph, connectedComponents, lengthened, pickField, positionsOf, type GraphOptions, type RoadGraph, type RoadLine } from './graph';
import { CLASS_FIELD_GUESSES, ONE_WAY_FIELD_GUESSES, roadClassOf } from './speeds';

// The coordinates are hashed by their exact bits (two 32-bit FNV-style hashes
// over the float64 words): no rounding, no string per coordinate. A city's
// road layer has millions of vertices and is hashed on every run, so this
// loop is on the path of every refresh.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Hashes of each line (positions and attribute values) and its box (lon/lat: minLon, minLat, maxLon, maxLat; NaN when it has no position). */
export interface LineDigest {
  hashes: string[];
  boxes: Float64Array;
}

export function digestLines(lines: readonly RoadLine[]): LineDigest {
  const hashes = new Array<string>(lines.length);
  const boxes = new Float64Array(lines.length * 4).fill(NaN);
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    let a = 0x811c9dc5;
    let b = 0x01000193;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const positions = positionsOf(line);
    for (let p = 0; p < positions.length; p += 2) {
      const x = positions[p]!;
      const y = positions[p + 1]!;
      bits[0] = x;
      a = Math.imul(a ^ words[0]!, 0x01000193);
      b = Math.imul(b ^ words[1]!, 0x5bd1e995);
      bits[0] = y;
      a = Math.imul(a ^ words[1]!, 0x01000193);
      b = Math.imul(b ^ words[0]!, 0x5bd1e995);
      // (NaN fails every comparison, so a broken position widens nothing.)
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (minX <= maxX && minY <= maxY) boxes.set([minX, minY, maxX, maxY], l * 4);
    let text = 0;
    for (const key in line.properties) {
      const string = `${key}=${String(line.properties[key])};`;
      for (let i = 0; i < string.length; i++) text = (Math.imul(text, 31) + string.charCodeAt(i)) | 0;
    }
    hashes[l] = `${positions.length / 2}:${a >>> 0}:${b >>> 0}:${text}`;
  }
  return { hashes, boxes };
}

/** A hash of one line: its positions and attribute values. */
export function lineHash(line: RoadLine): string {
  return digestLines([line]).hashes[0]!;
}

export interface LineDiff {
  /** Indexes into the old lines. */
  removed: number[];
  /** Indexes into the new lines. */
  added: number[];
}

/** Which lines left and which came (as multisets of line hashes). */
export function diffLines(oldHashes: readonly string[], newHashes: readonly string[]): LineDiff {
  const pending = new Map<string, number[]>();
  oldHashes.forEach((hash, index) => {
    const list = pending.get(hash);
    if (list) list.push(index);
    else pending.set(hash, [index]);
  });
  const added: number[] = [];
  newHashes.forEach((hash, index) => {
    const list = pending.get(hash);
    if (list && list.length > 0) list.pop();
    else added.push(index);
  });
  const removed = [...pending.values()].flat().sort((a, b) => a - b);
  return { removed, added };
}

/** Edits larger than this share of the lines rebuild everything. */
const MAX_CHANGED_SHARE = 0.02;
/** Appended edges beyond this share of the graph: time for a full build. */
const MAX_APPENDED_SHARE = 0.1;

export interface PatchResult {
  graph: RoadGraph;
  /** The box (local metres) of every edge removed or added: caches outside it stay valid. */
  changedBox: [number, number, number, number];
  /** Edges removed by this patch. */
  removedEdges: number[];
}

/** A patched graph, or null when a full build is the better answer (large or no edit, or crossings joined). */
export function patchRoadGraph(
  base: RoadGraph,
  baseLines: readonly RoadLine[],
  lines: readonly RoadLine[],
  diff: LineDiff,
  options: GraphOptions,
  /** The base lines' boxes (digestLines), so that the kept lines' coordinates are not read again. */
  baseBoxes?: Float64Array,
): PatchResult | null {
  const changed = diff.removed.length + diff.added.length;
  if (changed === 0 || changed > Math.max(2, MAX_CHANGED_SHARE * lines.length) || 2 * changed > lines.length) return null;
  // The fields are guessed over the whole layer: if the edit would change the guess, only a full build is right.
  if (
    pickField(lines, options.classField, CLASS_FIELD_GUESSES) !== base.facts.classField ||
    pickField(lines, options.oneWayField, ONE_WAY_FIELD_GUESSES) !== base.facts.oneWayField ||
    (options.speedField ? pickField(lines, options.speedField, []) : null) !== base.facts.speedField
  )
    return null;
  if (base.edgeCount - base.liveEdges > Math.max(5000, MAX_APPENDED_SHARE * base.edgeCount)) return null;
  const { lon0, lat0, kx, ky } = base.projection;
  const boxOf = (line: RoadLine): [number, number, number, number] => {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const positions = positionsOf(line);
    for (let p = 0; p < positions.length; p += 2) {
      const x = (positions[p]! - lon0) * kx;
      const y = (positions[p + 1]! - lat0) * ky;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    return [minX, minY, maxX, maxY];
  };
  const margin = Math.max(0.01, options.snapMeters ?? 1) + 0.01;
  const changedBoxes = [...diff.removed.map((i) => boxOf(baseLines[i]!)), ...diff.added.map((i) => boxOf(lines[i]!))].filter((box) => box[0] <= box[2]);
  const meets = (box: [number, number, number, number]) =>
    changedBoxes.some((other) => box[0] <= other[2] + margin && other[0] - margin <= box[2] && box[1] <= other[3] + margin && other[1] - margin <= box[3]);

  // Old lines: removed, or affected (their edges rebuilt), or kept. Line numbers follow the new list.
  const removedSet = new Set(diff.removed);
  const addedSet = new Set(diff.added);
  const oldToNew = new Int32Array(baseLines.length).fill(-1);
  {
    let n = 0;
    for (let o = 0; o < baseLines.length; o++) {
      if (removedSet.has(o)) continue;
      while (addedSet.has(n)) n++;
      oldToNew[o] = n++;
    }
  }
  const affectedOld = new Uint8Array(baseLines.length);
  const oldBox = (o: number): [number, number, number, number] =>
    baseBoxes
      ? [(baseBoxes[o * 4]! - lon0) * kx, (baseBoxes[o * 4 + 1]! - lat0) * ky, (baseBoxes[o * 4 + 2]! - lon0) * kx, (baseBoxes[o * 4 + 3]! - lat0) * ky]
      : boxOf(baseLines[o]!);
  for (let o = 0; o < baseLines.length; o++) if (removedSet.has(o) || meets(oldBox(o))) affectedOld[o] = 1;

  const edgeRemoved = new Uint8Array(base.edgeCount);
  if (base.edgeRemoved) edgeRemoved.set(base.edgeRemoved);
  const removedEdges: number[] = [];
  const touchesRemoved = new Uint8Array(base.nodeCount);
  const touchesKept = new Uint8Array(base.nodeCount);
  // (The graph's arrays in locals: graphs come in a few object shapes, and loads through them in loops of a
  // hundred thousand edges were not hoisted: a few milliseconds a loop.)
  const { edgeFrom: baseFrom, edgeTo: baseTo, edgeLine: baseLine, edgeCount: baseEdges, nodeCount: baseNodes } = base;
  for (let e = 0; e < baseEdges; e++) {
    if (edgeRemoved[e]) continue;
    if (affectedOld[baseLine[e]!]) {
      edgeRemoved[e] = 1;
      removedEdges.push(e);
      touchesRemoved[baseFrom[e]!] = 1;
      touchesRemoved[baseTo[e]!] = 1;
    } else {
      touchesKept[baseFrom[e]!] = 1;
      touchesKept[baseTo[e]!] = 1;
    }
  }
  // Where kept roads meet the rebuilt part: these nodes must stay nodes, and stay theirs.
  const boundary: number[] = [];
  for (let n = 0; n < baseNodes; n++) if (touchesRemoved[n] && touchesKept[n]) boundary.push(n);

  const subLines: RoadLine[] = [];
  const subLineToNew: number[] = [];
  for (let o = 0; o < baseLines.length; o++)
    if (affectedOld[o] && !removedSet.has(o)) (subLines.push(baseLines[o]!), subLineToNew.push(oldToNew[o]!));
  for (const n of diff.added) (subLines.push(lines[n]!), subLineToNew.push(n));

  let sub: RoadGraph | null = null;
  if (subLines.length > 0) {
    // A line the partial build refuses (zero length, not lon/lat) is the full build's to report.
    try {
      sub = buildRoadGraph(subLines, { ...options, classField: base.facts.classField, speedField: base.facts.speedField, oneWayField: base.facts.oneWayField }, {
        projection: base.projection,
        extraNodes: boundary.map((n) => ({ x: (base.nodeLon[n]! - lon0) * kx, y: (base.nodeLat[n]! - lat0) * ky })),
      });
    } catch {
      return null;
    }
  }

  // ---- the partial build's nodes: the base's where they join kept roads, or where a rebuilt road keeps its
  // junction (same position as a node of a removed edge), else appended.
  const nodeOfSub = new Int32Array(sub?.nodeCount ?? 0).fill(-1);
  sub?.extraNodeIds?.forEach((subNode, k) => {
    if (subNode >= 0) nodeOfSub[subNode] = boundary[k]!;
  });
  const positionKey = (lon: number, lat: number) => `${lon},${lat}`;
  const removedNodeAt = new Map<string, number>();
  for (let n = 0; n < baseNodes; n++) {
    if (!touchesRemoved[n]) continue;
    const key = positionKey(base.nodeLon[n]!, base.nodeLat[n]!);
    removedNodeAt.set(key, removedNodeAt.has(key) ? -1 : n); // two nodes at one position: match neither
  }
  let nodeCount = base.nodeCount;
  const appendedLon: number[] = [];
  const appendedLat: number[] = [];
  for (let n = 0; n < nodeOfSub.length; n++) {
    if (nodeOfSub[n]! >= 0) continue;
    const kept = removedNodeAt.get(positionKey(sub!.nodeLon[n]!, sub!.nodeLat[n]!)) ?? -1;
    if (kept >= 0) {
      nodeOfSub[n] = kept;
      continue;
    }
    nodeOfSub[n] = nodeCount++;
    appendedLon.push(sub!.nodeLon[n]!);
    appendedLat.push(sub!.nodeLat[n]!);
  }

  // ---- rebuilt edges equal to removed ones (same ends, points, length and attributes) are restored under their
  // old numbers rather than appended: a long road that meets the edit is rebuilt whole, but only its edges near
  // the edit really change, and the caches keyed by edge number then stay valid everywhere else.
  const removedByEnds = new Map<string, number[]>();
  for (const e of removedEdges) {
    const key = `${base.edgeFrom[e]}|${base.edgeTo[e]}|${base.geomStart[e + 1]! - base.geomStart[e]!}`;
    const list = removedByEnds.get(key);
    if (list) list.push(e);
    else removedByEnds.set(key, [e]);
  }
  const restored = new Uint8Array(base.edgeCount);
  const sameEdge = (e: number, s: number): boolean => {
    if (restored[e] || base.edgeLength[e] !== sub!.edgeLength[s] || base.edgeOneWay[e] !== sub!.edgeOneWay[s]) return false;
    if (!Object.is(base.edgeSpeedKmh[e], sub!.edgeSpeedKmh[s])) return false;
    const baseClass = base.edgeClass[e]! >= 0 ? base.classValues[base.edgeClass[e]!] : null;
    const subClass = sub!.edgeClass[s]! >= 0 ? sub!.classValues[sub!.edgeClass[s]!] : null;
    if (baseClass !== subClass) return false;
    for (let i = base.geomStart[e]!, j = sub!.geomStart[s]!; i < base.geomStart[e + 1]!; i++, j++)
      if (base.geomX[i] !== sub!.geomX[j] || base.geomY[i] !== sub!.geomY[j]) return false;
    return true;
  };
  const subEdges = sub?.edgeCount ?? 0;
  /** Each sub edge's number in the patched graph. */
  const edgeOfSub = new Int32Array(subEdges);
  let appendedEdges = 0;
  for (let s = 0; s < subEdges; s++) {
    const from = nodeOfSub[sub!.edgeFrom[s]!]!;
    const to = nodeOfSub[sub!.edgeTo[s]!]!;
    const candidates = from < base.nodeCount && to < base.nodeCount ? removedByEnds.get(`${from}|${to}|${sub!.geomStart[s + 1]! - sub!.geomStart[s]!}`) : undefined;
    const match = candidates?.find((e) => sameEdge(e, s)) ?? -1;
    if (match >= 0) {
      restored[match] = 1;
      edgeRemoved[match] = 0;
      edgeOfSub[s] = match;
    } else edgeOfSub[s] = base.edgeCount + appendedEdges++;
  }
  const stillRemoved = removedEdges.filter((e) => !restored[e]);

  // ---- append the rest of the partial build
  const edgeCount = base.edgeCount + appendedEdges;
  const grow = <T extends Int32Array | Float64Array | Float32Array | Int8Array | Uint8Array>(array: T, length: number, make: (n: number) => T): T => {
    const next = make(length);
    next.set(array.length > length ? array.subarray(0, length) : array);
    return next;
  };
  const classValues = [...base.classValues];
  const classIndex = new Map(classValues.map((value, index) => [value, index]));
  let appendedPoints = 0;
  for (let s = 0; s < subEdges; s++) if (edgeOfSub[s]! >= base.edgeCount) appendedPoints += sub!.geomStart[s + 1]! - sub!.geomStart[s]!;
  const pointCount = base.geomX.length + appendedPoints;
  const graph: Omit<RoadGraph, 'components' | 'liveNodes' | 'liveEdges'> = {
    nodeCount,
    nodeLon: grow(base.nodeLon, nodeCount, (n) => new Float64Array(n)),
    nodeLat: grow(base.nodeLat, nodeCount, (n) => new Float64Array(n)),
    edgeCount,
    edgeFrom: grow(base.edgeFrom, edgeCount, (n) => new Int32Array(n)),
    edgeTo: grow(base.edgeTo, edgeCount, (n) => new Int32Array(n)),
    edgeLength: grow(base.edgeLength, edgeCount, (n) => new Float64Array(n)),
    edgeLine: grow(base.edgeLine, edgeCount, (n) => new Int32Array(n)),
    edgeOneWay: grow(base.edgeOneWay, edgeCount, (n) => new Int8Array(n)),
    edgeClass: grow(base.edgeClass, edgeCount, (n) => new Int32Array(n)),
    classValues,
    edgeSpeedKmh: grow(base.edgeSpeedKmh, edgeCount, (n) => new Float32Array(n)),
    geomStart: new Int32Array(edgeCount + 1),
    geomX: lengthened(base.geomX, pointCount),
    geomY: lengthened(base.geomY, pointCount),
    geomM: lengthened(base.geomM, pointCount),
    segmentBuckets: base.segmentBuckets,
    segmentPoint: base.segmentPoint,
    segmentEdge: base.segmentEdge,
    projection: base.projection,
    edgeRemoved: grow(edgeRemoved, edgeCount, (n) => new Uint8Array(n)),
    facts: base.facts,
  };
  graph.nodeLon.set(appendedLon, base.nodeCount);
  graph.nodeLat.set(appendedLat, base.nodeCount);
  graph.geomStart.set(base.geomStart.subarray(0, base.edgeCount + 1));
  // edgeLine numbers the new line list from here on (a restored edge's line is kept, so it maps too).
  const edgeLine = graph.edgeLine;
  for (let e = 0; e < baseEdges; e++) edgeLine[e] = oldToNew[baseLine[e]!] ?? -1;
  let point = base.geomX.length;
  for (let s = 0; s < subEdges; s++) {
    const e = edgeOfSub[s]!;
    if (e < base.edgeCount) continue;
    graph.edgeFrom[e] = nodeOfSub[sub!.edgeFrom[s]!]!;
    graph.edgeTo[e] = nodeOfSub[sub!.edgeTo[s]!]!;
    graph.edgeLength[e] = sub!.edgeLength[s]!;
    graph.edgeLine[e] = subLineToNew[sub!.edgeLine[s]!]!;
    graph.edgeOneWay[e] = sub!.edgeOneWay[s]!;
    graph.edgeSpeedKmh[e] = sub!.edgeSpeedKmh[s]!;
    const value = sub!.edgeClass[s]! >= 0 ? sub!.classValues[sub!.edgeClass[s]!]! : null;
    let index = -1;
    if (value !== null) {
      index = classIndex.get(value) ?? -1;
      if (index < 0) (classIndex.set(value, (index = classValues.length)), classValues.push(value));
    }
    graph.edgeClass[e] = index;
    graph.geomStart[e] = point;
    for (let i = sub!.geomStart[s]!; i < sub!.geomStart[s + 1]!; i++, point++) {
      graph.geomX[point] = sub!.geomX[i]!;
      graph.geomY[point] = sub!.geomY[i]!;
      graph.geomM[point] = sub!.geomM[i]!;
    }
  }
  graph.geomStart[edgeCount] = point;

  // ---- the appended segments' own index (every edge appended by any patch so far that is still in use)
  const segmentPoint: number[] = [];
  const segmentEdge: number[] = [];
  const firstAppended = base.segmentEdge.length > 0 ? base.segmentEdge[base.segmentEdge.length - 1]! + 1 : 0;
  for (let e = firstAppended; e < edgeCount; e++) {
    if (graph.edgeRemoved![e]) continue;
    for (let i = graph.geomStart[e]!; i < graph.geomStart[e + 1]! - 1; i++) (segmentPoint.push(i), segmentEdge.push(e));
  }
  let patchIndex: Flatbush | null = null;
  if (segmentPoint.length > 0) {
    patchIndex = new Flatbush(segmentPoint.length);
    for (const i of segmentPoint)
      patchIndex.add(Math.min(graph.geomX[i]!, graph.geomX[i + 1]!), Math.min(graph.geomY[i]!, graph.geomY[i + 1]!), Math.max(graph.geomX[i]!, graph.geomX[i + 1]!), Math.max(graph.geomY[i]!, graph.geomY[i + 1]!));
    patchIndex.finish();
  }
  graph.patch = { segmentIndex: patchIndex, segmentPoint: Int32Array.from(segmentPoint), segmentEdge: Int32Array.from(segmentEdge) };

  // ---- facts the planner sees: unknown classes over the edges in use; the rest as the last full build counted them
  const unknown = new Map<string, number>();
  const known = classValues.map((value) => roadClassOf(value) !== null);
  let liveEdges = 0;
  const inUse = new Uint8Array(nodeCount);
  const { edgeFrom, edgeTo, edgeClass } = graph;
  const removedNow = graph.edgeRemoved!;
  for (let e = 0; e < edgeCount; e++) {
    if (removedNow[e]) continue;
    liveEdges++;
    inUse[edgeFrom[e]!] = 1;
    inUse[edgeTo[e]!] = 1;
    const index = edgeClass[e]!;
    if (index >= 0 && !known[index]) unknown.set(classValues[index]!, (unknown.get(classValues[index]!) ?? 0) + 1);
  }
  let liveNodes = 0;
  for (let n = 0; n < nodeCount; n++) liveNodes += inUse[n]!;
  graph.facts = { ...base.facts, lines: lines.length, unknownClasses: [...unknown].map(([value, edges]) => ({ value, edges })).sort((a, b) => b.edges - a.edges) };

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const widen = (e: number) => {
    for (let i = graph.geomStart[e]!; i < graph.geomStart[e + 1]!; i++) {
      minX = Math.min(minX, graph.geomX[i]!);
      maxX = Math.max(maxX, graph.geomX[i]!);
      minY = Math.min(minY, graph.geomY[i]!);
      maxY = Math.max(maxY, graph.geomY[i]!);
    }
  };
  for (const e of stillRemoved) widen(e);
  for (let e = base.edgeCount; e < edgeCount; e++) widen(e);
  for (const box of changedBoxes) (minX = Math.min(minX, box[0]), minY = Math.min(minY, box[1]), maxX = Math.max(maxX, box[2]), maxY = Math.max(maxY, box[3]));

  return {
    graph: { ...graph, components: connectedComponents(graph), liveNodes, liveEdges },
    changedBox: [minX, minY, maxX, maxY],
    removedEdges: stillRemoved,
  };
}
