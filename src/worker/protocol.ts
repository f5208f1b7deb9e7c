// What crosses the worker boundary: plain, structured-clonable data. Errors
// cross as values so the UI can always show a message in the user's language.
import type { AnalysisRequest, AnalysisResult } from '../analysis/registry';
import type { StudyArea } from '../analysis/types';
// The request and result unions follow from the analysis registry.
export type { AnalysisKind, AnalysisRequest, AnalysisResult } from '../analysis/registry';
import type { ImportOptions, ImportPhase, ImportReport } from '../io/import';
import type { PointsResult } from '../io/points';

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
}

export interface IoWorkerApi {
  /** Decodes (UTF-8, GBK, UTF-16) and parses a CSV/GeoJSON point file. */
  parsePoints(fileName: string, bytes: Uint8Array): PointsResult;
  /** Reads a GeoJSON/CSV file into a layer (encoding, CRS detection and conversion), reporting progress. */
  importData(fileName: string, bytes: Uint8Array, options: ImportOptions, onProgress?: (fraction: number, phase: ImportPhase) => void): ImportReport;
}
