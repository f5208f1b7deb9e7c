// How the panel's spec (domain/analysisSpec.ts) becomes a worker request, on
// the app's data. Pure: the same spec gives the same request, so runs can
// follow edits and the command line can reproduce them.
import { facilitiesFromLayer, studyAreaFrom, targetsFromTowns, targetsFromTownships } from '../analysis/inputs';
import { analysisOf, type AnalysisRequest } from '../analysis/registry';
import type { Facility, StudyArea, Target } from '../analysis/types';
import type { AnalysisSpec, SpecParameterName } from '../domain/analysisSpec';
import { classKeysOf } from '../domain/layers';
import { allFeatures, type CountyCollection, type PlanDataset, type TownshipRow } from '../domain/dataset';
import { targetGapNote, townshipTargetGaps, townTargetGaps } from '../analysis/targetGaps';
import type { LocalizedText } from '../i18n/text';
import { toTargets, type ImportedPoint } from '../io/points';

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

/** The request for the spec's analysis; only the inputs it reads are chosen (choosing imported targets can fail). */
export function buildRequest(inputs: AnalysisInputs, spec: AnalysisSpec): AnalysisRequest {
  return analysisOf(spec.kind).buildRequest(spec, {
    facilities: () => selectFacilities(inputs.dataset, spec),
    targets: () => selectTargets(inputs, spec),
    layers: () => inputs.dataset.layers,
  });
}

/** Plan features by id, for naming facilities in result tables. */
export function featureNames(dataset: PlanDataset): Map<string, string> {
  return new Map(allFeatures(dataset).map((feature) => [feature.properties.id, feature.properties.name]));
}

export function studyAreaOf(dataset: PlanDataset): StudyArea {
  return studyAreaFrom(dataset.counties, dataset.context);
}

/**
 * The parameters of `spec` that differ from those a result was computed with,
 * among those its analysis reads ('kind' when it is another analysis). Speeds
 * count only for the mode in use: another mode's speed changes no result.
 */
export function changedParameters(computedWith: AnalysisSpec, spec: AnalysisSpec): (SpecParameterName | 'kind')[] {
  if (computedWith.kind !== spec.kind) return ['kind'];
  const comparable = (value: AnalysisSpec, name: SpecParameterName) => JSON.stringify(name === 'speeds' ? value.speeds[value.mode] : value[name]);
  return analysisOf(spec.kind).parameters.filter((name) => comparable(computedWith, name) !== comparable(spec, name));
}

/** The "targets located only in …" caveat for the plan's own targets (null for imported targets or when all are located). */
export function targetGapNoteFor(inputs: AnalysisInputs, spec: Pick<AnalysisSpec, 'kind' | 'targetSource'>, counties: CountyCollection): LocalizedText | null {
  if (!analysisOf(spec.kind).inputs.includes('targets') || spec.targetSource === 'imported') return null;
  const gaps = spec.targetSource === 'towns' ? townTargetGaps(inputs.dataset.layers.towns) : townshipTargetGaps(inputs.townships);
  const names = new Map(counties.features.map((county) => [county.properties.adcode, { zh: county.properties.name_zh, en: county.properties.name_en }]));
  return targetGapNote(gaps, (county) => names.get(county.adcode) ?? { zh: county.name ?? county.adcode, en: county.name ?? county.adcode });
}
