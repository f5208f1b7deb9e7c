// How big analysis data crosses between the main thread and the analysis
// worker: as typed arrays that are transferred (moved, not copied), never as
// arrays of objects that postMessage would serialise one by one on the main
// thread. Today that is coverage, the analysis whose inputs and outputs grow
// with the number of targets (100,000 imported points, or a million):
//   request → targets as columns (lng, lat, weight: Float64Array), the target
//             objects stay on the main thread;
//   result  → uncovered targets as indices into the request's targets and
//             their distances (Int32Array, Float64Array); the main thread
//             puts the names back from the targets it kept.
// The worker's half (running the request) is wireEngine.ts, so the main
// thread, which imports this file, never loads the engine.
import type { CoverageRequest } from '../analysis/coverage.analysis';
import { STRAIGHT_LINE_METHOD } from '../analysis/methodNotes';
import { targetColumns, type TargetColumns } from '../analysis/targetColumns';
import type { AreaCoverage, CirclesResult, CoverageResult } from '../analysis/types';
import type { AnalysisRequest, AnalysisResult } from '../analysis/registry';

/** A coverage request as it travels: no target objects, their columns instead. */
export interface CoverageWireRequest {
  kind: 'coverage-columns';
  facilities: CoverageRequest['facilities'];
  params: CoverageRequest['params'];
  columns: TargetColumns;
}

export type WireRequest = AnalysisRequest | CoverageWireRequest;

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

export type WireResult = AnalysisResult | CoverageWireResult;

/** Main thread: the request to post and the buffers to transfer with it. */
export function packRequest(request: AnalysisRequest): { wire: WireRequest; transfer: Transferable[] } {
  if (request.kind !== 'coverage') return { wire: request, transfer: [] };
  const columns = targetColumns(request.targets);
  return {
    wire: { kind: 'coverage-columns', facilities: request.facilities, params: request.params, columns },
    transfer: [columns.lng.buffer, columns.lat.buffer, columns.weight.buffer],
  };
}

/** Main thread: the result as the rest of the app reads it, names taken from the targets it kept. */
export function unpackResult(result: WireResult, request: AnalysisRequest): AnalysisResult {
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
