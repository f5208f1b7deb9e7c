// The analysis worker's half of wire.ts: runs a columnar coverage request,
// puts targets and road lines back from their columns. Kept apart so the
// main thread, which packs and unpacks, never loads the engine.
import type { CircleCache } from '../analysis/cache';
import { travelTimeCircles } from '../analysis/circles';
import { coverageColumns } from '../analysis/coverage';
import type { RunControl, StudyArea } from '../analysis/types';
import { runAnalysis } from '../analysis/engines';
import type { PlanTargetRecord } from '../analysis/planTargets';
import type { Target } from '../analysis/types';
import type { AnalysisRequest } from '../analysis/registry';
import { roadLinesFromColumns } from '../analysis/network/roadColumns';
import { bandDifference } from '../analysis/network/bandDifference';
import {
  packPair,
  unpackMultiPolygon,
  withRoads,
  type CoverageWireRequest,
  type CoverageWireResult,
  type RoadsWireRequest,
  type TargetsOmittedResult,
  type TargetsWireRequest,
  type WireBandDifference,
  type WireBands,
  type WireRequest,
} from './wire';

/** Worker: the request with its road lines back from their columns (the graph builder reads lines); any other request as it came. */
export function unpackRoads(request: WireRequest): Exclude<WireRequest, RoadsWireRequest> {
  if (request.kind !== 'roads-columns') return request;
  const roads = roadLinesFromColumns(request.roads);
  const { rest } = request;
  if (rest.kind === 'targets-columns') return { ...rest, request: withRoads(rest.request, roads) };
  return withRoads(rest, roads);
}

/** Worker: runs a columnar coverage request (circles for the map, then coverage). */
export function runCoverageColumns(
  request: CoverageWireRequest,
  context: { area: StudyArea; control?: RunControl; cache?: CircleCache },
): { result: CoverageWireResult; transfer: Transferable[] } {
  const { area, control, cache } = context;
  const circles = travelTimeCircles(request.facilities, request.params, area, control, cache);
  const coverage = coverageColumns(request.facilities, request.columns, request.params, area, control, cache);
  const n = coverage.covered.length;
  const uncoveredCount = n - coverage.targets.covered;
  const uncoveredIndex = new Int32Array(uncoveredCount);
  const uncoveredMeters = new Float64Array(uncoveredCount);
  for (let i = 0, k = 0; i < n; i++) {
    if (coverage.covered[i]) continue;
    uncoveredIndex[k] = i;
    uncoveredMeters[k++] = coverage.nearestMeters[i]!;
  }
  return {
    result: {
      kind: 'coverage-columns',
      circles,
      radiusMeters: coverage.radiusMeters,
      targets: coverage.targets,
      areas: coverage.areas,
      uncoveredIndex,
      uncoveredMeters,
    },
    transfer: [uncoveredIndex.buffer, uncoveredMeters.buffer],
  };
}

/** Worker: the targets rebuilt from their columns (the same objects the main thread built the columns from). */
export function targetsFromWire(request: TargetsWireRequest): Target[] {
  const { columns, ids, names } = request;
  const targets = new Array<Target>(ids.length);
  for (let i = 0; i < ids.length; i++) targets[i] = { id: ids[i]!, name: names[i]!, coordinates: [columns.lng[i]!, columns.lat[i]!], weight: columns.weight[i]! };
  return targets;
}

/** Worker: runs a request whose targets came as columns; the result goes back without them (the main thread has them). */
export function runTargetsColumns(
  request: TargetsWireRequest,
  context: { area: StudyArea; planTargets: PlanTargetRecord[]; control?: RunControl; cache?: CircleCache },
): { result: TargetsOmittedResult; transfer: Transferable[] } {
  const targets = targetsFromWire(request);
  const result = runAnalysis({ ...request.request, targets } as AnalysisRequest, context);
  if (result.kind === 'catchment' && result.targets === targets) {
    // A catchment's per-target answers (and the Huff model's per-target, per-facility
    // probabilities, 2 million numbers at 185,000 targets) go back as typed arrays.
    const { catchment } = result;
    const facilityIndexOf = new Map<string, number>();
    result.facilities.forEach((facility, j) => {
      if (!facilityIndexOf.has(facility.id)) facilityIndexOf.set(facility.id, j);
    });
    const n = catchment.assignments.length;
    const facilityIndex = new Int32Array(n);
    const distanceMeters = new Float64Array(n);
    const travelMinutes = new Float64Array(n);
    catchment.assignments.forEach((assignment, i) => {
      facilityIndex[i] = assignment.facilityId === null ? -1 : facilityIndexOf.get(assignment.facilityId)!;
      distanceMeters[i] = assignment.distanceMeters;
      travelMinutes[i] = assignment.travelMinutes;
    });
    let huff: Float64Array | null = null;
    if (catchment.huff) {
      const f = result.facilities.length;
      huff = new Float64Array(n * f);
      catchment.huff.probabilities.forEach((entry, i) => {
        result.facilities.forEach((facility, j) => {
          huff![i * f + j] = entry.byFacility[facility.id]!;
        });
      });
    }
    const stripped = {
      ...result,
      targets: [],
      catchment: { ...catchment, assignments: [], ...(catchment.huff ? { huff: { exponent: catchment.huff.exponent, probabilities: [] } } : {}) },
    };
    const transfer: Transferable[] = [facilityIndex.buffer, distanceMeters.buffer, travelMinutes.buffer];
    if (huff) transfer.push(huff.buffer);
    return { result: { kind: 'targets-omitted', result: stripped, catchment: { facilityIndex, distanceMeters, travelMinutes, huff } }, transfer };
  }
  const returned = 'targets' in result && result.targets === targets ? { ...result, targets: [] } : result;
  return { result: { kind: 'targets-omitted', result: returned as TargetsOmittedResult['result'] }, transfer: [] };
}

/** Worker: the network comparison's gained and lost areas from the two packed outer bands, packed to go back. */
export function runBandDifference(bands: WireBands): { result: WireBandDifference; transfer: Transferable[] } {
  const { gained, lost, gainedKm2, lostKm2 } = bandDifference(bands.a && unpackMultiPolygon(bands.a), bands.b && unpackMultiPolygon(bands.b));
  const { packed, transfer } = packPair({ gained, lost });
  return { result: { ...packed, gainedKm2, lostKm2 }, transfer };
}
