// Coverage: how many targets (and how much of the city) lie within the travel
// radius of a facility. The circles come along for the map.
import { dissolvedFeatures } from './circles.analysis';
import {
  collection,
  feature,
  FACILITY_PARAMETERS,
  pointOf,
  TARGET_PARAMETERS,
  RADIUS_PARAMETERS,
  travelParameters,
  type AnalysisDescriptor,
} from './descriptor';
import type { LocalizedText } from '../i18n/text';
import type { CirclesResult, CoverageResult, Facility, Target, TravelParameters } from './types';

export interface CoverageRequest {
  kind: 'coverage';
  facilities: Facility[];
  targets: Target[];
  params: TravelParameters;
}

export interface CoverageOutcome {
  kind: 'coverage';
  circles: CirclesResult;
  coverage: CoverageResult;
  targets: Target[];
}

export const coverageAnalysis: AnalysisDescriptor<'coverage', CoverageRequest, CoverageOutcome> = {
  id: 'coverage',
  title: { zh: '覆盖率', en: 'Coverage' },
  inputs: ['facilities', 'targets'],
  parameters: [...FACILITY_PARAMETERS, ...TARGET_PARAMETERS, ...RADIUS_PARAMETERS],
  buildRequest: (spec, inputs) => ({ kind: 'coverage', facilities: inputs.facilities(), targets: inputs.targets(), params: travelParameters(spec) }),
  summary: ({ coverage: result }, request) => ({
    radiusMeters: result.radiusMeters,
    method: result.method,
    facilities: request.facilities.length,
    targets: result.targets,
    uncovered: result.uncovered,
    areas: result.areas,
  }),
  toGeoJSON: ({ circles, coverage: result, targets }) => {
    const nearest = new Map(result.uncovered.map((entry) => [entry.targetId, entry.nearestMeters]));
    const points = targets.map((target) =>
      feature(pointOf(target), {
        part: 'target',
        targetId: target.id,
        name: target.name,
        weight: target.weight,
        covered: !nearest.has(target.id),
        nearestMeters: nearest.get(target.id) ?? null,
      }),
    );
    return collection([...dissolvedFeatures(circles), ...points]);
  },
  figures: ({ coverage: result }) => {
    const targets = result.targets;
    const subject: LocalizedText = { zh: '服务对象', en: 'Targets' };
    return [
      { key: 'targets:total', subject, metric: 'targetsTotal', value: targets.total },
      { key: 'targets:covered', subject, metric: 'targetsCovered', value: targets.covered },
      { key: 'targets:share', subject, metric: 'targetsShare', value: targets.share },
      { key: 'targets:weightShare', subject, metric: 'weightShare', value: targets.weightShare },
    ];
  },
};
