// 一刻钟生活圈: a travel-time circle around each facility, dissolved and
// measured against the city and its counties.
import {
  areaFigures,
  collection,
  facilityNames,
  feature,
  FACILITY_PARAMETERS,
  RADIUS_PARAMETERS,
  travelParameters,
  type AnalysisDescriptor,
} from './descriptor';
import type { CirclesResult, Facility, TravelParameters } from './types';

export interface CirclesRequest {
  kind: 'circles';
  facilities: Facility[];
  params: TravelParameters;
}

export interface CirclesOutcome {
  kind: 'circles';
  circles: CirclesResult;
}

/** The dissolved circles as one feature, for --out files that show them. */
export const dissolvedFeatures = (circles: CirclesResult) =>
  circles.dissolved ? [feature(circles.dissolved.geometry, { part: 'dissolved', radiusMeters: circles.radiusMeters })] : [];

export const circlesAnalysis: AnalysisDescriptor<'circles', CirclesRequest, CirclesOutcome> = {
  id: 'circles',
  title: { zh: '一刻钟生活圈', en: '15-minute circles' },
  inputs: ['facilities'],
  parameters: [...FACILITY_PARAMETERS, ...RADIUS_PARAMETERS],
  buildRequest: (spec, inputs) => ({ kind: 'circles', facilities: inputs.facilities(), params: travelParameters(spec) }),
  summary: ({ circles }, request) => ({
    radiusMeters: circles.radiusMeters,
    method: circles.method,
    facilities: request.facilities.length,
    areas: circles.areas,
  }),
  toGeoJSON: ({ circles }, request) => {
    const names = facilityNames(request.facilities);
    const perFacility = circles.perFacility.features.map((circle) =>
      feature(circle.geometry, { part: 'circle', ...circle.properties, name: names.get(circle.properties.facilityId) ?? null }),
    );
    return collection([...dissolvedFeatures(circles), ...perFacility]);
  },
  figures: ({ circles }) => areaFigures(circles.areas),
};
