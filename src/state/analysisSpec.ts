// How the panel's spec (domain/analysisSpec.ts) becomes a worker request, on
// the app's data. Pure: the same spec gives the same request, so runs can
// follow edits and the command line can reproduce them.
import { facilitiesFromLayer, studyAreaFrom, targetsFromTowns, targetsFromTownships } from '../analysis/inputs';
import { analysisOf, type AnalysisRequest } from '../analysis/registry';
import type { Facility, StudyArea, Target } from '../analysis/types';
import type { AnalysisSpec, SpecParameterName } from '../domain/analysisSpec';
import { classKeysOf } from '../domain/layers';
import { allFeatures, type CountyCollection, type PlanDataset, type TownshipRow } from '../domain/dataset';
import type { ScenarioLayer } from '../domain/scenario';
import { targetGapNote, townshipTargetGaps, townTargetGaps } from '../analysis/targetGaps';
import type { LocalizedText } from '../i18n/text';
import { outsideCount, targetsFromColumns, type PointColumns } from '../io/pointColumns';
import { NetworkInputError } from '../analysis/network/errors';
import { requireRoadLines } from '../analysis/network/lines';
import type { RoadLine } from '../analysis/network/graph';
import { namedPointsOf, type NamedPoint } from '../analysis/lifeCircle';
import { displayName } from '../io/import/fields';

/** A point file the planner brought in as targets (parsed in the worker, handed over as columns). */
export interface ImportedTargets {
  fileName: string;
  columns: PointColumns;
  skippedRows: number;
  /** Points outside the study area (the city), left out of every analysis and said so. */
  outside: number;
}

/** Imported targets from columns: how many points outside the study area is counted once here. */
export function importedTargets(fileName: string, columns: PointColumns, skippedRows: number): ImportedTargets {
  return { fileName, columns, skippedRows, outside: outsideCount(columns) };
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
      // Points outside the study area are left out here (the panel says how many).
      const converted = targetsFromColumns(inputs.imported.columns, spec.weightProperty ?? undefined);
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
    roads: (layerId) => roadsOf(inputs.dataset, layerId),
    layerPoints: (layerId) => layerPointsOf(inputs.dataset, layerId),
  });
}

/** Imported layers with points or polygons: the community and service layers the plan-targets panel offers. */
export function pointAndAreaLayers(dataset: PlanDataset): { id: string; title: { zh: string; en: string }; points: number; polygons: number }[] {
  const count = (layer: ScenarioLayer, types: readonly string[]) => layer.features.filter((feature) => types.includes(feature.geometry?.type ?? '')).length;
  return (dataset.imported ?? [])
    .map((layer) => ({ id: layer.id, title: layer.title, points: count(layer, ['Point', 'MultiPoint']), polygons: count(layer, ['Polygon', 'MultiPolygon']) }))
    .filter((layer) => layer.points + layer.polygons > 0);
}

/** An imported layer's features as named points (polygons by a point inside them), as the scenario holds them now. */
export function layerPointsOf(dataset: PlanDataset, layerId: string): { title: string; points: NamedPoint[] } {
  const layer = dataset.imported?.find((candidate) => candidate.id === layerId);
  if (!layer) throw new Error(`图层“${layerId}”不在当前方案中 / the layer "${layerId}" is not in this scenario`);
  return { title: layer.title.zh, points: namedPointsOf(layer.features, (properties, index) => displayName(properties, String(properties.id ?? index + 1))) };
}

/** Imported layers holding lines: the road networks the panel offers. */
export function lineLayers(dataset: PlanDataset): { id: string; title: { zh: string; en: string }; lines: number }[] {
  return (dataset.imported ?? [])
    .map((layer) => ({
      id: layer.id,
      title: layer.title,
      lines: layer.features.filter((feature) => feature.geometry?.type === 'LineString' || feature.geometry?.type === 'MultiLineString').length,
    }))
    .filter((layer) => layer.lines > 0);
}

/** The chosen network layer's lines, as the scenario holds them now (a road edit changes them). */
export function roadsOf(dataset: PlanDataset, layerId: string | null): RoadLine[] {
  const layer = layerId === null ? undefined : dataset.imported?.find((candidate) => candidate.id === layerId);
  if (!layer)
    throw new NetworkInputError(
      layerId === null
        ? { zh: '未选择路网：请先导入道路线图层，再在“路网”中选择它。', en: 'no road network chosen: import a road line layer, then choose it under “network”.' }
        : { zh: `路网图层“${layerId}”不在当前方案中。`, en: `the network layer "${layerId}" is not in this scenario.` },
    );
  return requireRoadLines(layer.features, layer.title.zh);
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
