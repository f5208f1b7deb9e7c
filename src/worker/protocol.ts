// What crosses the worker boundary: plain, structured-clonable data. Errors
// cross as values so the UI can always show a message in the user's language.
import type { AnalysisResult } from '../analysis/registry';
import type { StudyArea } from '../analysis/types';
// The request and result unions follow from the analysis registry.
export type { AnalysisKind, AnalysisRequest, AnalysisResult } from '../analysis/registry';
import type { ImportOptions, ImportPhase, ImportReport, InputFile } from '../io/import';
import type { BandDifference } from '../analysis/network/bandDifference';
import type { WireBandDifference, WireBands, WireRequest, WireResult } from './wire';
import type { PointColumnsResult } from '../io/pointColumns';
import type { PackedFeatures } from '../io/featureColumns';
import type { ContextCollection } from '../domain/dataset';
import type { ImportOutsideCity } from '../domain/drawnGeometry';

export interface RunStats {
  elapsedMs: number;
  cacheHits: number;
  cacheMisses: number;
}

export type AnalysisOutcome =
  | { ok: true; result: AnalysisResult; stats: RunStats }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; message: string };

/** The outcome as the worker posts it: big results in typed arrays (see wire.ts). */
export type WireOutcome = Exclude<AnalysisOutcome, { ok: true }> | { ok: true; result: WireResult; stats: RunStats };

/** The network comparison's gained and lost areas (the outer bands' difference both ways); elapsedMs is the worker's. */
export type BandDifferenceOutcome =
  | { ok: true; difference: BandDifference; elapsedMs: number }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; message: string };

/** As the worker posts it: the polygons packed (see wire.ts). */
export type WireBandDifferenceOutcome = Exclude<BandDifferenceOutcome, { ok: true }> | { ok: true; difference: WireBandDifference; elapsedMs: number };

export interface AnalysisWorkerApi {
  init(studyArea: StudyArea, planTargets: unknown[]): void;
  run(request: WireRequest, onProgress?: (done: number, total: number) => void): WireOutcome;
  /** Gained (in b only) and lost (in a only) between two network results' outer bands. */
  bandDifference(bands: WireBands): WireBandDifferenceOutcome;
}

/**
 * A layer import as the dialog receives it. Given the city and its neighbours, the worker also finds
 * the features outside the city (measuring 100,000 points took the page minutes when it was done on
 * the main thread with Turf; src/analysis/boundaryDistance.ts): null when none is outside.
 */
export type LayerImportReport = ImportReport & { outsideCity?: ImportOutsideCity | null };

/**
 * As the io worker posts it: a layer of simple points has its features packed as transferred
 * columns (src/io/featureColumns.ts) and its own feature list left empty; ioClient rebuilds it.
 */
export type WireLayerImport = LayerImportReport & { packedFeatures?: PackedFeatures };

export interface IoWorkerApi {
  /**
   * Reads a set of files (one file, a dataset's parts, or a .zip) into a
   * layer: format, encoding, CRS detection and conversion, repairs and
   * rejected rows, reporting progress. Layers and analysis targets alike.
   */
  importData(
    files: InputFile[],
    options: ImportOptions,
    onProgress?: (fraction: number, phase: ImportPhase) => void,
    cityContext?: ContextCollection | null,
  ): WireLayerImport;
  /**
   * Reads a targets file as importData does, then hands over its points as
   * transferred columns, each marked inside or outside `outline` (the study area).
   */
  importTargets(
    files: InputFile[],
    options: ImportOptions,
    outline: StudyArea['outline'] | null,
    onProgress?: (fraction: number, phase: ImportPhase) => void,
  ): PointColumnsResult;
}
