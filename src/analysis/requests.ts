// What can be asked of the engine as one run, and what comes back: plain,
// structured-clonable data, so the same request runs in the UI's worker, in a
// comparison, and in tests.
import { catchment } from './catchment';
import type { CircleCache } from './cache';
import { travelTimeCircles } from './circles';
import { coverage } from './coverage';
import { evaluatePlanTargets, type PlanTargetRecord } from './planTargets';
import type {
  CatchmentResult,
  CirclesResult,
  CoverageResult,
  Facility,
  PlanTargetResult,
  RunControl,
  StudyArea,
  Target,
  TravelParameters,
} from './types';
import type { LayerId, PlanLayerCollection } from '../domain/plan';

export type AnalysisKind = 'circles' | 'coverage' | 'catchment' | 'targets';

export type AnalysisRequest =
  | { kind: 'circles'; facilities: Facility[]; params: TravelParameters }
  | { kind: 'coverage'; facilities: Facility[]; targets: Target[]; params: TravelParameters }
  | {
      kind: 'catchment';
      facilities: Facility[];
      targets: Target[];
      params: TravelParameters;
      metric: 'distance' | 'time';
      huff: { enabled: boolean; exponent: number };
    }
  | { kind: 'targets'; layers: Record<LayerId, PlanLayerCollection>; params: TravelParameters };

export type AnalysisResult =
  | { kind: 'circles'; circles: CirclesResult }
  | { kind: 'coverage'; circles: CirclesResult; coverage: CoverageResult; targets: Target[] }
  | { kind: 'catchment'; catchment: CatchmentResult; facilities: Facility[]; targets: Target[] }
  | { kind: 'targets'; targets: PlanTargetResult[] };

/** Runs one request; `cache` is kept by the caller between runs so edits recompute only what changed. */
export function runAnalysis(
  request: AnalysisRequest,
  area: StudyArea,
  planTargets: readonly PlanTargetRecord[],
  control?: RunControl,
  cache?: CircleCache,
): AnalysisResult {
  switch (request.kind) {
    case 'circles':
      return { kind: 'circles', circles: travelTimeCircles(request.facilities, request.params, area, control, cache) };
    case 'coverage':
      return {
        kind: 'coverage',
        circles: travelTimeCircles(request.facilities, request.params, area, control, cache),
        coverage: coverage(request.facilities, request.targets, request.params, area, control, cache),
        targets: request.targets,
      };
    case 'catchment':
      return {
        kind: 'catchment',
        catchment: catchment(
          request.facilities,
          request.targets,
          { ...request.params, metric: request.metric, useHuff: request.huff.enabled, huffExponent: request.huff.exponent },
          area,
          control,
        ),
        facilities: request.facilities,
        targets: request.targets,
      };
    case 'targets':
      return {
        kind: 'targets',
        targets: evaluatePlanTargets([...planTargets], { layers: request.layers, counties: area.counties, travel: request.params }),
      };
  }
}
