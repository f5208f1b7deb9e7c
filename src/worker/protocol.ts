// What crosses the worker boundary: plain, structured-clonable data. Errors
// cross as values so the UI can always show a message in the user's language.
import type {
  CatchmentResult,
  CirclesResult,
  CoverageResult,
  Facility,
  PlanTargetResult,
  StudyArea,
  Target,
  TravelParameters,
} from '../analysis/types';
import type { LayerId, PlanLayerCollection } from '../domain/plan';
import type { PointsResult } from '../io/points';

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

export interface RunStats {
  elapsedMs: number;
  cacheHits: number;
  cacheMisses: number;
}

export type AnalysisOutcome =
  | { ok: true; result: AnalysisResult; stats: RunStats }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; message: string };

export interface AnalysisWorkerApi {
  init(studyArea: StudyArea, planTargets: unknown[]): void;
  run(request: AnalysisRequest, onProgress?: (done: number, total: number) => void): AnalysisOutcome;
  /** Decodes (UTF-8, GBK, UTF-16) and parses a CSV/GeoJSON point file off the main thread. */
  parsePoints(fileName: string, bytes: Uint8Array): PointsResult;
}
