// Analysis inputs from text or one file's bytes, for callers without an
// import report at hand (tests, the benchmark): thin wrappers that run the
// one import (src/io/import) and take its analysis view (analysisInputs.ts).
// Text is read as if from a file named row.csv or feature.geojson, so its
// generated ids keep the old convention: row-<n>, feature-<n>.
import { importFile } from './import';
import { studyAreaFromImport, pointsFromImport, type PointsResult, type StudyAreaResult } from './analysisInputs';
import { detectFormat as detectFormatOfFiles } from './import/registry';

export {
  facilitiesFromImport,
  numericKeys,
  pointsFromImport,
  studyAreaFromImport,
  targetsFromImport,
  toFacilities,
  toTargets,
  type AnalysisUse,
  type FacilitiesResult,
  type ImportedGeometry,
  type ImportedPoint,
  type PointsResult,
  type SkippedRow,
  type StudyAreaResult,
  type TargetsResult,
} from './analysisInputs';
export { decodeText, type DecodedText } from './import/decode';
export { displayName } from './import/fields';
export { failure, type ImportError, type ImportErrorCode, type ImportFailure } from './import/types';

export interface ParseOptions {
  /** 'points' (targets): Points and MultiPoints only. 'any' (facilities): lines and polygons too. */
  geometries?: 'points' | 'any';
}

export type InputFormat = 'geojson' | 'csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const use = (options: ParseOptions) => (options.geometries === 'any' ? 'facilities' : 'targets');

/** The format the import would read a file of this name and text as (CSV when it would refuse it). */
export function detectFormat(fileName: string, text: string): InputFormat {
  const detected = detectFormatOfFiles([{ name: fileName, bytes: utf8(text) }]);
  return detected.ok && detected.format.id === 'geojson' ? 'geojson' : 'csv';
}

/** Bytes of a dropped or named file → points, through the import. */
export function parsePointsFile(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): PointsResult {
  return pointsFromImport(importFile(fileName, bytes), use(options));
}

export function parsePointsText(text: string, format: InputFormat, options: ParseOptions = {}): PointsResult {
  return parsePointsFile(format === 'geojson' ? 'feature.geojson' : 'row.csv', utf8(text), options);
}

export const parseCsvPoints = (text: string): PointsResult => parsePointsText(text, 'csv');
export const parseGeoJsonPoints = (text: string, options: ParseOptions = {}): PointsResult => parsePointsText(text, 'geojson', options);

/** GeoJSON polygons → the area an analysis reports against (generated area ids: area-<n>). */
export function parseBoundary(text: string): StudyAreaResult {
  return studyAreaFromImport(importFile('area.geojson', utf8(text)));
}
