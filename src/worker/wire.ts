// How big analysis data crosses between the main thread and the analysis
// worker: as typed arrays that are transferred (moved, not copied), never as
// arrays of objects that postMessage would serialise one by one on the main
// thread. Every request with targets sends them as columns; coverage, whose
// output also grows with the targets (100,000 imported points, or a million),
// has its own columnar request and result:
//   request → targets as columns (lng, lat, weight: Float64Array), the target
//             objects stay on the main thread;
//   result  → uncovered targets as indices into the request's targets and
//             their distances (Int32Array, Float64Array); the main thread
//             puts the names back from the targets it kept;
//   catchment, network → targets as columns plus their ids and names; the
//             result comes back without its `targets` (the request's own),
//             which the main thread puts back from those it kept;
//   network, plan targets with a network → the road lines as columns too
//             (positions in one Float64Array, the fields the network reads
//             dictionary-encoded: src/analysis/network/roadColumns.ts), built
//             in slices that let the main thread breathe (a million segments
//             take tens of milliseconds); the worker turns them back into
//             the lines the graph builder reads;
//   network comparison → the two outer bands go as packed polygons
//             (coordinates in one Float64Array, rings and polygons as end
//             indices), and the gained and lost areas come back the same way:
//             packing a 170,000-vertex band takes ~5 ms, where postMessage's
//             serialising of the nested arrays takes ~50 ms on the main thread.
// The worker's half (running the request) is wireEngine.ts, so the main
// thread, which imports this file, never loads the engine.
import type { MultiPolygon, Position } from 'geojson';
import type { CoverageRequest } from '../analysis/coverage.analysis';
import type { BandDifference } from '../analysis/network/bandDifference';
import { STRAIGHT_LINE_METHOD } from '../analysis/methodNotes';
import { targetColumns, type TargetColumns } from '../analysis/targetColumns';
import type { AreaCoverage, CirclesResult, CoverageResult, Target } from '../analysis/types';
import type { AnalysisRequest, AnalysisResult } from '../analysis/registry';
import type { NetworkOptions, RoadLine } from '../analysis/network/analysis';
import { networkFieldsOf, roadColumnsSteps, roadColumnsTransfer, type RoadColumns } from '../analysis/network/roadColumns';

/** A coverage request as it travels: no target objects, their columns instead. */
export interface CoverageWireRequest {
  kind: 'coverage-columns';
  facilities: CoverageRequest['facilities'];
  params: CoverageRequest['params'];
  columns: TargetColumns;
}

/**
 * Any other request with targets (catchment, network): the targets as columns
 * (coordinates and weights transferred; ids and names, which the engines key
 * their answers by, as two string arrays) and the rest of the request as it is.
 */
export interface TargetsWireRequest {
  kind: 'targets-columns';
  request: AnalysisRequest;
  columns: TargetColumns;
  ids: string[];
  names: string[];
}

/** A request with road lines: the rest of it packed as any other (its `roads` empty), the lines as columns beside it. */
export interface RoadsWireRequest {
  kind: 'roads-columns';
  /** A network request's targets go as columns; plan targets have none. */
  rest: AnalysisRequest | TargetsWireRequest;
  roads: RoadColumns;
}

export type WireRequest = AnalysisRequest | CoverageWireRequest | TargetsWireRequest | RoadsWireRequest;

/** A result whose `targets` were the request's own: sent back without them, the main thread puts its own back. */
export interface TargetsOmittedResult {
  kind: 'targets-omitted';
  result: AnalysisResult;
  /** A catchment's per-target answers, in target order, as typed arrays (its `assignments` and Huff `probabilities` are sent empty). */
  catchment?: {
    /** Index of the assigned facility in the result's facilities; -1 when none. */
    facilityIndex: Int32Array;
    distanceMeters: Float64Array;
    travelMinutes: Float64Array;
    /** Huff probabilities, target-major (target i, facility j at i × facilities + j); null without Huff. */
    huff: Float64Array | null;
  };
}

/**
 * Main thread: a catchment's assignments from the columns; the Huff
 * probabilities are made into objects only when something reads them (the
 * panel and the map never do), so 185,000 × 12 numbers stay one array.
 */
function catchmentFromColumns(result: Extract<AnalysisResult, { kind: 'catchment' }>, targets: readonly Target[], columns: NonNullable<TargetsOmittedResult['catchment']>): AnalysisResult {
  const { facilities } = result;
  const assignments = targets.map((target, i) => {
    const j = columns.facilityIndex[i]!;
    return { targetId: target.id, facilityId: j < 0 ? null : facilities[j]!.id, distanceMeters: columns.distanceMeters[i]!, travelMinutes: columns.travelMinutes[i]! };
  });
  const catchment = { ...result.catchment, assignments };
  const matrix = columns.huff;
  if (matrix && result.catchment.huff) {
    const f = facilities.length;
    let probabilities: { targetId: string; byFacility: Record<string, number> }[] | null = null;
    const huff = { exponent: result.catchment.huff.exponent } as NonNullable<typeof catchment.huff>;
    Object.defineProperty(huff, 'probabilities', {
      enumerable: true,
      get: () =>
        (probabilities ??= targets.map((target, i) => ({
          targetId: target.id,
          byFacility: Object.fromEntries(facilities.map((facility, j) => [facility.id, matrix[i * f + j]!])),
        }))),
    });
    catchment.huff = huff;
  }
  return { ...result, catchment, targets: targets as Target[] };
}

/** A coverage result as it travels back. */
export interface CoverageWireResult {
  kind: 'coverage-columns';
  circles: CirclesResult;
  radiusMeters: number;
  targets: CoverageResult['targets'];
  areas: AreaCoverage[];
  /** Indices (into the request's targets) of the targets beyond the radius, in target order. */
  uncoveredIndex: Int32Array;
  /** Their distances to the nearest facility; NaN when there are no facilities. */
  uncoveredMeters: Float64Array;
}

export type WireResult = AnalysisResult | CoverageWireResult | TargetsOmittedResult;

const targetsOf = (request: AnalysisRequest): Target[] | null =>
  'targets' in request && Array.isArray(request.targets) ? (request.targets as Target[]) : null;

/** The road lines a request carries and the options they are read with (the network analysis, and plan targets checked on a network). */
function roadsIn(request: AnalysisRequest): { roads: RoadLine[]; options: NetworkOptions; without: AnalysisRequest } | null {
  if (request.kind === 'network') return { roads: request.roads, options: request.options, without: { ...request, roads: [] } };
  if (request.kind === 'targets' && request.network)
    return { roads: request.network.roads, options: request.network.options, without: { ...request, network: { ...request.network, roads: [] } } };
  return null;
}

/** The request with its road lines put back (what roadsIn took out). */
export function withRoads(request: AnalysisRequest, roads: RoadLine[]): AnalysisRequest {
  if (request.kind === 'network') return { ...request, roads };
  if (request.kind === 'targets' && request.network) return { ...request, network: { ...request.network, roads } };
  throw new Error(`road columns came with a ${request.kind} request, which reads no roads`);
}

type Packed = { wire: WireRequest; transfer: Transferable[] };

/**
 * Packing as steps: the road columns yield between slices of lines, so the
 * main thread can run it a slice at a time (packRequestInSlices) and tests
 * and the benchmark all at once (packRequest). The fields are chosen before
 * anything is built: a field the layer lacks is refused here, with the graph
 * builder's own message.
 */
function* packSteps(request: AnalysisRequest): Generator<void, Packed> {
  const withLines = roadsIn(request);
  if (!withLines) return packRest(request);
  const fields = networkFieldsOf(withLines.roads, withLines.options);
  const roads = yield* roadColumnsSteps(withLines.roads, fields);
  const rest = packRest(withLines.without);
  return { wire: { kind: 'roads-columns', rest: rest.wire as RoadsWireRequest['rest'], roads }, transfer: [...rest.transfer, ...roadColumnsTransfer(roads)] };
}

/** Main thread: the request to post and the buffers to transfer with it, packed at once. */
export function packRequest(request: AnalysisRequest): Packed {
  const steps = packSteps(request);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A slice of packing lasts about this long before the main thread gets its turn back. */
const SLICE_MS = 8;

/**
 * Main thread: packRequest in slices of about 8 ms, yielding to the event
 * loop between them (a million road segments would otherwise be one long
 * task); null when `wanted` turns false meanwhile (the run was cancelled or
 * superseded).
 */
export async function packRequestInSlices(request: AnalysisRequest, wanted: () => boolean): Promise<Packed | null> {
  const steps = packSteps(request);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!wanted()) return null;
    sliceStart = performance.now();
  }
}

/** Everything but the roads. */
function packRest(request: AnalysisRequest): Packed {
  if (request.kind !== 'coverage') {
    const targets = targetsOf(request);
    if (!targets) return { wire: request, transfer: [] };
    const columns = targetColumns(targets);
    return {
      wire: {
        kind: 'targets-columns',
        request: { ...request, targets: [] } as AnalysisRequest,
        columns,
        ids: targets.map((target) => target.id),
        names: targets.map((target) => target.name),
      },
      transfer: [columns.lng.buffer, columns.lat.buffer, columns.weight.buffer],
    };
  }
  const columns = targetColumns(request.targets);
  return {
    wire: { kind: 'coverage-columns', facilities: request.facilities, params: request.params, columns },
    transfer: [columns.lng.buffer, columns.lat.buffer, columns.weight.buffer],
  };
}

/** Main thread: the result as the rest of the app reads it, names taken from the targets it kept. */
export function unpackResult(result: WireResult, request: AnalysisRequest): AnalysisResult {
  if (result.kind === 'targets-omitted') {
    const targets = targetsOf(request);
    if (!targets) throw new Error('a result without its targets came back for a request without targets');
    if (result.catchment && result.result.kind === 'catchment') return catchmentFromColumns(result.result, targets, result.catchment);
    return { ...result.result, targets } as AnalysisResult;
  }
  if (result.kind !== 'coverage-columns') return result;
  if (request.kind !== 'coverage') throw new Error('a coverage result came back for a different request');
  const targets = request.targets;
  const uncovered: CoverageResult['uncovered'] = new Array(result.uncoveredIndex.length);
  for (let k = 0; k < result.uncoveredIndex.length; k++) {
    const target = targets[result.uncoveredIndex[k]!]!;
    const meters = result.uncoveredMeters[k]!;
    uncovered[k] = { targetId: target.id, name: target.name, coordinates: target.coordinates, nearestMeters: Number.isNaN(meters) ? null : meters };
  }
  return {
    kind: 'coverage',
    circles: result.circles,
    coverage: { kind: 'coverage', radiusMeters: result.radiusMeters, method: STRAIGHT_LINE_METHOD, targets: result.targets, uncovered, areas: result.areas },
    targets,
  };
}

/** A MultiPolygon as it travels between the threads. */
export interface PackedMultiPolygon {
  /** lon0, lat0, lon1, lat1, … of every ring, closing positions kept (GeoJSON's rings as they were). */
  coordinates: Float64Array;
  /** Per ring, the index of the position after its last. */
  ringEnds: Uint32Array;
  /** Per polygon, the index of the ring after its last. */
  polygonEnds: Uint32Array;
}

/** Either thread: a MultiPolygon in three typed arrays, and their buffers to transfer. */
export function packMultiPolygon(geometry: MultiPolygon): { packed: PackedMultiPolygon; transfer: Transferable[] } {
  let positions = 0;
  let rings = 0;
  for (const polygon of geometry.coordinates) for (const ring of polygon) (positions += ring.length, rings++);
  const coordinates = new Float64Array(positions * 2);
  const ringEnds = new Uint32Array(rings);
  const polygonEnds = new Uint32Array(geometry.coordinates.length);
  let k = 0;
  let r = 0;
  geometry.coordinates.forEach((polygon, p) => {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        coordinates[k++] = ring[i]![0]!;
        coordinates[k++] = ring[i]![1]!;
      }
      ringEnds[r++] = k / 2;
    }
    polygonEnds[p] = r;
  });
  return { packed: { coordinates, ringEnds, polygonEnds }, transfer: [coordinates.buffer, ringEnds.buffer, polygonEnds.buffer] };
}

/** Either thread: the MultiPolygon back from its typed arrays. */
export function unpackMultiPolygon(packed: PackedMultiPolygon): MultiPolygon {
  const { coordinates, ringEnds, polygonEnds } = packed;
  const polygons: Position[][][] = new Array(polygonEnds.length);
  let position = 0;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    const rings: Position[][] = [];
    for (; r < polygonEnds[p]!; r++) {
      const end = ringEnds[r]!;
      const ring: Position[] = new Array(end - position);
      for (let i = 0; position < end; i++, position++) ring[i] = [coordinates[2 * position]!, coordinates[2 * position + 1]!];
      rings.push(ring);
    }
    polygons[p] = rings;
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The two outer bands a network comparison sends to the worker (null: that side reached nothing). */
export interface WireBands {
  a: PackedMultiPolygon | null;
  b: PackedMultiPolygon | null;
}

/** The gained and lost areas as they come back. */
export type WireBandDifference = Omit<BandDifference, 'gained' | 'lost'> & { gained: PackedMultiPolygon | null; lost: PackedMultiPolygon | null };

/** Either thread: packs what is there of two (multi)polygons, with all the buffers to transfer. */
export function packPair<K extends string>(pair: Record<K, MultiPolygon | null>): { packed: Record<K, PackedMultiPolygon | null>; transfer: Transferable[] } {
  const transfer: Transferable[] = [];
  const packed = {} as Record<K, PackedMultiPolygon | null>;
  for (const key of Object.keys(pair) as K[]) {
    const geometry = pair[key];
    if (!geometry) {
      packed[key] = null;
      continue;
    }
    const one = packMultiPolygon(geometry);
    packed[key] = one.packed;
    transfer.push(...one.transfer);
  }
  return { packed, transfer };
}

/** Main thread: the gained and lost areas as the panel and the map read them. */
export function unpackBandDifference(wire: WireBandDifference): BandDifference {
  return { ...wire, gained: wire.gained && unpackMultiPolygon(wire.gained), lost: wire.lost && unpackMultiPolygon(wire.lost) };
}
