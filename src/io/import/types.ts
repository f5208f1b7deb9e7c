// What the import and its format converters share. Kept apart from index.ts
// (the pipeline) so a converter depends on these types, never on the
// pipeline that calls it: adding a format adds no import cycle.
import type { Geometry } from 'geojson';
import type { LocalizedText } from '../../i18n/text';

/** Stages of an import, in order; progress is reported within each. */
export type ImportPhase = 'decode' | 'parse' | 'read' | 'convert' | 'check';
/** `fraction` of `phase` done, 0…1; called often, so keep it cheap. */
export type ImportProgress = (fraction: number, phase: ImportPhase) => void;

/** One file of an import: a dropped or chosen file, a member of a .zip, or a file the CLI read. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export type ImportErrorCode =
  | 'empty'
  | 'not-json'
  | 'not-geojson'
  | 'malformed-csv'
  | 'no-coordinate-columns'
  | 'no-valid-rows'
  | 'no-polygons'
  | 'unknown-property'
  | 'unknown-crs'
  | 'unsupported-format'
  | 'several-datasets'
  | 'missing-sibling'
  | 'bad-zip'
  | 'empty-collection'
  | 'too-large'
  | 'too-many-features'
  | 'mismatched-parts'
  | 'unsafe-content'
  | 'corrupt-file'
  | 'encrypted'
  | 'internal';

export interface ImportError {
  code: ImportErrorCode;
  message: LocalizedText;
}

export type ImportFailure = { ok: false; error: ImportError };

export function failure(code: ImportErrorCode, zh: string, en: string): ImportFailure {
  return { ok: false, error: { code, message: { zh, en } } };
}

export interface Rejection {
  /** CSV: the spreadsheet row (header = row 1). GeoJSON: the feature's number, from 1. */
  row: number;
  reason: LocalizedText;
}

/** A feature as a converter read it: coordinates not yet converted, properties already safe. */
export interface SourceFeature {
  row: number;
  geometry: Geometry;
  properties: Record<string, unknown>;
  /** GeoJSON's Feature.id, when present. */
  featureId?: unknown;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type ConvertResult =
  | {
      ok: true;
      features: SourceFeature[];
      rejected: Rejection[];
      /** `__proto__`/`constructor`/`prototype` keys found (kept as `<key>_`). */
      renamedKeys: string[];
      /** The GeoJSON had bare NaN/Infinity (not JSON); their features are rejected. */
      nonFinite?: boolean;
      declaredCrs?: string;
      /**
       * The converter read the file's own coordinate system (a Shapefile's .prj)
       * and already converted to WGS84 lon/lat: the pipeline checks ranges only
       * and reports this instead of guessing from the numbers.
       */
      convertedCrs?: { name: string; note: LocalizedText };
      /** Things the converter did or assumed that the planner should know (Z dropped, encoding read). */
      notes?: LocalizedText[];
      /** A workbook's sheets, and the one read. */
      sheets?: { names: string[]; read: string };
    }
  | ImportFailure;

/** What the pipeline offers a converter while it reads. */
export interface ConvertContext {
  progress?: ImportProgress;
  /**
   * The file's text (UTF-8 with or without BOM, UTF-16 with BOM, else
   * GB18030); the pipeline records the encoding for the report. Converters of
   * text formats ask for it; binary formats read `bytes` themselves.
   */
  decode(file: InputFile): string;
  /** A workbook's sheet to read (by name); default the first. */
  sheet?: string;
}

/**
 * One entry of the format registry (modelled on geojson.io's
 * app/lib/convert/index.ts): everything the file inputs, the format
 * detection, the "unsupported" message and the README need to know about a
 * format, and its converter. Adding a format is one file exporting this and
 * a line in registry.ts.
 */
export interface FileFormat {
  id: string;
  title: LocalizedText;
  /** What the file must hold, when the title does not say: "CSV (longitude/latitude or WKT column)". */
  detail?: LocalizedText;
  /** Lower case, without the dot; the first is the usual one. */
  extensions: readonly string[];
  mimeTypes: readonly string[];
  /** Whether the converter asks for decoded text or reads the bytes. */
  reads: 'bytes' | 'text';
  /** Files read with the main one, by the same base name (a Shapefile's .dbf, .shx, .prj, .cpg). */
  siblings?: { required: readonly string[]; optional: readonly string[] };
  /** Recognises the format from the start of the text when the file name says nothing. */
  sniff?: (head: string) => boolean;
  /** `files`: the main file first, then its siblings. */
  read(files: readonly InputFile[], context: ConvertContext): ConvertResult;
}
