// The analysis engine's public types: one engine, two hosts (the UI's Web
// Worker and the `npm run analyze` command line). Pure data, no DOM.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';

import { DEFAULT_SPEEDS, SPEC_PARAMETERS, type TravelMode } from '../domain/analysisSpec';
import type { LocalizedText } from '../i18n/text';

export { DEFAULT_SPEEDS, type TravelMode };

export interface TravelParameters {
  /** Travel time budget, minutes (default 15). */
  minutes: number;
  mode: TravelMode;
  /** Metres per minute for each mode; defaults in DEFAULT_SPEEDS. */
  speeds: Record<TravelMode, number>;
  /** Road distance / straight-line distance, used for travel-time estimates (default 1.3). */
  detourFactor: number;
}

/** The spec's defaults (domain/analysisSpec.ts), for callers that pass only some parameters. */
export const DEFAULT_TRAVEL: TravelParameters = {
  minutes: SPEC_PARAMETERS.minutes.default,
  mode: SPEC_PARAMETERS.mode.default,
  speeds: SPEC_PARAMETERS.speeds.default,
  detourFactor: SPEC_PARAMETERS.detourFactor.default,
};

export interface Facility {
  /** Stable id (a plan feature id, or an imported row id). */
  id: string;
  name: string;
  geometry: Point | LineString | Polygon | MultiPolygon;
  /** Attractiveness for the Huff model, when the caller chose a property. */
  attractiveness?: number;
}

export interface Target {
  id: string;
  name: string;
  coordinates: [number, number];
  /** Population or any weight the caller chose; 1 when none. */
  weight: number;
}

export interface CountyArea {
  adcode: string;
  name_zh: string;
  name_en: string;
  geometry: Polygon | MultiPolygon;
}

/** The area an analysis reports against: the city outline and its counties. */
export interface StudyArea {
  outline: Feature<Polygon | MultiPolygon>;
  counties: CountyArea[];
}

export interface AreaCoverage {
  adcode: string | null; // null = whole city
  name_zh: string;
  name_en: string;
  areaKm2: number;
  coveredKm2: number;
  share: number; // 0..1
}

export const METHOD_NOTE_ZH = '直线距离半径，非路网等时圈';
export const METHOD_NOTE_EN = 'straight-line radius, not a road network';

export interface CirclesResult {
  kind: 'circles';
  radiusMeters: number;
  method: LocalizedText;
  /** One geodesic circle (or buffered outline) per facility, property facilityId. */
  perFacility: FeatureCollection<Polygon | MultiPolygon, { facilityId: string; radiusMeters: number }>;
  /** The union of all circles, clipped to the study area's outline. */
  dissolved: Feature<Polygon | MultiPolygon> | null;
  /** City first, then each county. */
  areas: AreaCoverage[];
}

export interface CatchmentAssignment {
  targetId: string;
  facilityId: string | null; // null when there is no facility
  distanceMeters: number; // straight line
  travelMinutes: number; // distance × detour / speed of the mode
}

export interface FacilityCatchment {
  facilityId: string;
  targets: number;
  weight: number;
  /** Area of its Voronoi cell clipped to the outline. */
  areaKm2: number;
  /** Huff model: expected share of total target weight, 0..1 (when Huff ran). */
  huffShare?: number;
}

export interface CatchmentResult {
  kind: 'catchment';
  method: LocalizedText;
  assignments: CatchmentAssignment[];
  perFacility: FacilityCatchment[];
  voronoi: FeatureCollection<Polygon | MultiPolygon, { facilityId: string }>;
  /** Present when the Huff model ran: per target, probability per facility (sums to 1). */
  huff?: { exponent: number; probabilities: { targetId: string; byFacility: Record<string, number> }[] };
  /**
   * Point facilities standing on one spot (within 1 m), in the facilities'
   * order: the nearest-facility rule gives all their targets and the Voronoi
   * cell to the first; the Huff model shares between them by attractiveness.
   */
  sharedPoints: string[][];
}

export interface CoverageResult {
  kind: 'coverage';
  radiusMeters: number;
  method: LocalizedText;
  targets: { total: number; covered: number; share: number; weightTotal: number; weightCovered: number; weightShare: number };
  /** Targets beyond the radius, with the distance to their nearest facility. */
  uncovered: { targetId: string; name: string; coordinates: [number, number]; nearestMeters: number | null }[];
  areas: AreaCoverage[];
}

/**
 * 'partial': the part of the target the data can check holds, and the rest
 * (named in the explanation) cannot be checked from the layers: never shown
 * as 达标.
 */
export type TargetVerdict = 'pass' | 'partial' | 'fail' | 'not-evaluable';

export interface PlanTargetResult {
  id: string; // plan-targets.json id
  indicator_zh: string;
  indicator_en: string;
  quote: string;
  source: string;
  verdict: TargetVerdict;
  /** How it was evaluated, and what is estimated, in both languages. */
  explanation: { zh: string; en: string };
  /** Figures behind the verdict, each in both languages (a label never mixes them); value null = the feature is unlocated. */
  details: { label: LocalizedText; value: number | string | null; unit?: LocalizedText; pass?: boolean }[];
}

/** Cooperative cancellation: long loops check it and throw AnalysisCancelled. */
export interface RunControl {
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

/** Catchment options on top of the travel parameters (speed/detour turn distances into minutes). */
export interface CatchmentParameters extends TravelParameters {
  /** Units of the distances the result's readers compare: metres or estimated minutes. */
  metric: 'distance' | 'time';
  /** Run the Huff model as well as nearest-facility assignment (default false). */
  useHuff?: boolean;
  /** Huff distance-decay exponent λ (default 2). */
  huffExponent?: number;
}
