// The shape every analysis declares once (src/analysis/<id>.analysis.ts): what
// it is called, which inputs and parameters it reads, how a spec becomes a
// request, and what the command line prints and writes. The worker, the
// command line, comparisons and the golden fixtures go through these
// descriptors (registry.ts) instead of switching by hand. How each one runs is
// in engines.ts, apart, so the main thread can use descriptors without loading
// the engine.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { AnalysisSpec, SpecParameterName } from '../domain/analysisSpec';
import type { LayerId, PlanLayerCollection } from '../domain/plan';
import type { LocalizedText } from '../i18n/text';
import type { CircleCache } from './cache';
import type { NetworkOptions } from './network/analysis';
import type { RoadLine } from './network/graph';
import type { NamedPoint } from './lifeCircle';
import type { PlanTargetRecord } from './planTargets';
import type { AreaCoverage, Facility, RunControl, StudyArea, Target, TargetVerdict, TravelParameters } from './types';

/** The inputs an analysis can read: facilities and targets chosen by the planner, or the plan layers themselves. */
export type AnalysisInput = 'facilities' | 'targets' | 'planLayers';

/**
 * The inputs as the host has them, asked for only when an analysis reads them
 * (choosing targets can fail, e.g. a weight column that is not numeric).
 */
export interface InputSource {
  facilities(): Facility[];
  targets(): Target[];
  layers(): Record<LayerId, PlanLayerCollection>;
  /** The road lines of the chosen network layer (network analysis); hosts without line layers leave it out. */
  roads?(layerId: string | null): RoadLine[];
  /** An imported layer's features as named points (polygons by a point inside), and the layer's name; hosts without imported layers leave it out. */
  layerPoints?(layerId: string): { title: string; points: NamedPoint[] };
}

/** What a run needs besides its request; the host keeps `cache` between runs. */
export interface RunContext {
  area: StudyArea;
  /** plan-targets.json records, for the analyses that check them. */
  planTargets: readonly PlanTargetRecord[];
  control?: RunControl;
  cache?: CircleCache;
}

export interface AnalysisDescriptor<Kind extends string, Request extends { kind: Kind }, Result extends { kind: Kind }> {
  id: Kind;
  title: LocalizedText;
  /** Inputs it reads: the panel shows their controls, the command line requires their flags. */
  inputs: readonly AnalysisInput[];
  /** The spec parameters it reads (declared, with defaults and checks, in domain/analysisSpec.ts). */
  parameters: readonly SpecParameterName[];
  buildRequest(spec: AnalysisSpec, inputs: InputSource): Request;
  /** The command line's JSON summary (its keys are documented in the README). */
  summary(result: Result, request: Request): Record<string, unknown>;
  /** The full result for `--out`, as features with a `part` property; null when it has no geometry. */
  toGeoJSON: ((result: Result, request: Request) => FeatureCollection) | null;
  /** The figures a scenario comparison matches between A and B (by key). */
  figures(result: Result): Figure[];
}

export type FigureMetric =
  | 'coveredKm2'
  | 'share'
  | 'targetsTotal'
  | 'targetsCovered'
  | 'targetsShare'
  | 'weightShare'
  | 'facilityTargets'
  | 'verdict';

/** One number (or verdict) of a result, with a key that matches it across scenarios. */
export interface Figure {
  key: string;
  /** What the figure is about: an area, a facility, a plan target. */
  subject: LocalizedText;
  metric: FigureMetric;
  value: number | TargetVerdict;
}

const CITY: LocalizedText = { zh: '全市', en: 'City' };

/** Covered km² and share of the city and of each county. */
export function areaFigures(areas: readonly AreaCoverage[]): Figure[] {
  return areas.flatMap((area) => {
    const subject = area.adcode === null ? CITY : { zh: area.name_zh, en: area.name_en };
    const id = area.adcode ?? 'city';
    return [
      { key: `area:${id}:coveredKm2`, subject, metric: 'coveredKm2' as const, value: area.coveredKm2 },
      { key: `area:${id}:share`, subject, metric: 'share' as const, value: area.share },
    ];
  });
}

/** The travel parameters every analysis takes from the spec. */
export function travelParameters(spec: Pick<AnalysisSpec, 'minutes' | 'mode' | 'speeds' | 'detourFactor'>): TravelParameters {
  return { minutes: spec.minutes, mode: spec.mode, speeds: spec.speeds, detourFactor: spec.detourFactor };
}

export const TRAVEL_PARAMETERS = ['minutes', 'mode', 'speeds', 'detourFactor'] as const satisfies readonly SpecParameterName[];
/**
 * What a travel-time circle reads: radius = speed × minutes, no detour factor
 * (GB 50180-2018 states the 15-minute circle as a 800–1,000 m radius), so the
 * panel does not offer the detour factor where it would change nothing.
 */
export const RADIUS_PARAMETERS = ['minutes', 'mode', 'speeds'] as const satisfies readonly SpecParameterName[];
export const FACILITY_PARAMETERS = ['facilityLayer', 'facilityClasses'] as const satisfies readonly SpecParameterName[];
export const TARGET_PARAMETERS = ['targetSource', 'weightProperty'] as const satisfies readonly SpecParameterName[];
/** The road network an analysis travels on, and how its lines are read. */
export const NETWORK_PARAMETERS = [
  'networkLayer',
  'networkClassField',
  'networkSpeedField',
  'networkConnectCrossings',
  'networkSnapMeters',
  'networkAccessMeters',
] as const satisfies readonly SpecParameterName[];

/** The planner's communities and service points that t_15min_life_circle checks. */
export const LIFE_CIRCLE_PARAMETERS = ['communityLayer', 'serviceLayer'] as const satisfies readonly SpecParameterName[];

/** The graph and joining options the spec's network parameters ask for. */
export function networkOptions(
  spec: Pick<AnalysisSpec, 'networkClassField' | 'networkSpeedField' | 'networkConnectCrossings' | 'networkSnapMeters' | 'networkAccessMeters'>,
): NetworkOptions {
  return {
    classField: spec.networkClassField ?? undefined,
    speedField: spec.networkSpeedField,
    connectCrossings: spec.networkConnectCrossings,
    snapMeters: spec.networkSnapMeters,
    accessMeters: spec.networkAccessMeters,
  };
}

export const feature = (geometry: Geometry, properties: Record<string, unknown>): Feature => ({ type: 'Feature', geometry, properties });
export const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
export const pointOf = (target: Target) => ({ type: 'Point' as const, coordinates: target.coordinates });

/** Facility names by id, for naming circles and catchments in the output. */
export const facilityNames = (facilities: readonly Facility[]) => new Map(facilities.map((facility) => [facility.id, facility.name]));
