// What the planner asked the analysis panel for, and how that becomes a worker
// request. Pure: the same spec gives the same request, so runs can follow
// edits and the command line can reproduce them.
import { facilitiesFromLayer, studyAreaFrom, targetsFromTowns, targetsFromTownships } from '../analysis/inputs';
import { DEFAULT_SPEEDS, type Facility, type StudyArea, type Target, type TravelMode, type TravelParameters } from '../analysis/types';
import { classKeysOf } from '../domain/layers';
import type { LayerId } from '../domain/plan';
import { allFeatures, type PlanDataset, type TownshipRow } from '../domain/dataset';
import { toTargets, type ImportedPoint } from '../io/points';
import type { AnalysisKind, AnalysisRequest } from '../worker/protocol';

export type TargetSource = 'towns' | 'townships' | 'imported';

export interface AnalysisSpec {
  kind: AnalysisKind;
  facilityLayer: LayerId;
  /** Class keys (kinds, 商圈 variants, town lists) within the layer; empty = all. */
  facilityClasses: string[];
  targetSource: TargetSource;
  minutes: number;
  mode: TravelMode;
  speeds: Record<TravelMode, number>;
  detourFactor: number;
  metric: 'distance' | 'time';
  huffEnabled: boolean;
  huffExponent: number;
  /** Numeric property of imported targets used as weight; null = 1 each. */
  weightProperty: string | null;
}

/** A point file the planner brought in as targets (parsed in the worker). */
export interface ImportedTargets {
  fileName: string;
  points: ImportedPoint[];
  skippedRows: number;
}

/** Everything a request is built from besides the spec. */
export interface AnalysisInputs {
  dataset: PlanDataset;
  townships: readonly TownshipRow[];
  imported: ImportedTargets | null;
}

export const DEFAULT_ANALYSIS_SPEC: AnalysisSpec = {
  kind: 'circles',
  facilityLayer: 'business-districts',
  facilityClasses: [],
  targetSource: 'towns',
  minutes: 15,
  mode: 'walk',
  speeds: DEFAULT_SPEEDS,
  detourFactor: 1.3,
  metric: 'distance',
  huffEnabled: false,
  huffExponent: 2,
  weightProperty: null,
};

export function travelParameters(spec: AnalysisSpec): TravelParameters {
  return { minutes: spec.minutes, mode: spec.mode, speeds: spec.speeds, detourFactor: spec.detourFactor };
}

/** Facilities by the panel's class choice (kinds, 商圈 variants or town lists), located ones only. */
export function selectFacilities(dataset: PlanDataset, spec: AnalysisSpec): Facility[] {
  const layer = dataset.layers[spec.facilityLayer];
  const chosen = layer.features.filter(
    (feature) => spec.facilityClasses.length === 0 || classKeysOf(feature.properties).some((key) => spec.facilityClasses.includes(key)),
  );
  return facilitiesFromLayer({ ...layer, features: chosen });
}

export function selectTargets(inputs: AnalysisInputs, spec: Pick<AnalysisSpec, 'targetSource' | 'weightProperty'>): Target[] {
  switch (spec.targetSource) {
    case 'townships':
      return targetsFromTownships(inputs.townships).targets;
    case 'towns':
      return targetsFromTowns(inputs.dataset.layers.towns);
    case 'imported': {
      if (!inputs.imported) return [];
      const converted = toTargets(inputs.imported.points, spec.weightProperty ?? undefined);
      if (!converted.ok) throw new Error(converted.error.message.zh + ' / ' + converted.error.message.en);
      return converted.targets;
    }
  }
}

export function buildRequest(inputs: AnalysisInputs, spec: AnalysisSpec): AnalysisRequest {
  const { dataset } = inputs;
  const params = travelParameters(spec);
  switch (spec.kind) {
    case 'circles':
      return { kind: 'circles', facilities: selectFacilities(dataset, spec), params };
    case 'coverage':
      return { kind: 'coverage', facilities: selectFacilities(dataset, spec), targets: selectTargets(inputs, spec), params };
    case 'catchment':
      return {
        kind: 'catchment',
        facilities: selectFacilities(dataset, spec),
        targets: selectTargets(inputs, spec),
        params,
        metric: spec.metric,
        huff: { enabled: spec.huffEnabled, exponent: spec.huffExponent },
      };
    case 'targets':
      return { kind: 'targets', layers: dataset.layers, params };
  }
}

/** Plan features by id, for naming facilities in result tables. */
export function featureNames(dataset: PlanDataset): Map<string, string> {
  return new Map(allFeatures(dataset).map((feature) => [feature.properties.id, feature.properties.name]));
}

export function studyAreaOf(dataset: PlanDataset): StudyArea {
  return studyAreaFrom(dataset.counties, dataset.context);
}
