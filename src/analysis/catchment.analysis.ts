// Catchment: each target to its nearest facility (Voronoi service areas), and
// optionally the Huff model's expected shares.
import type { CatchmentMetric } from '../domain/analysisSpec';
import {
  collection,
  facilityNames,
  feature,
  FACILITY_PARAMETERS,
  pointOf,
  TARGET_PARAMETERS,
  TRAVEL_PARAMETERS,
  travelParameters,
  type AnalysisDescriptor,
} from './descriptor';
import type { CatchmentResult, Facility, Target, TravelParameters } from './types';

export interface CatchmentRequest {
  kind: 'catchment';
  facilities: Facility[];
  targets: Target[];
  params: TravelParameters;
  metric: CatchmentMetric;
  huff: { enabled: boolean; exponent: number };
}

export interface CatchmentOutcome {
  kind: 'catchment';
  catchment: CatchmentResult;
  facilities: Facility[];
  targets: Target[];
}

/** Per-facility figures with the facility's name, as the command line reports them. */
function namedPerFacility(result: CatchmentResult, facilities: readonly Facility[]) {
  const names = facilityNames(facilities);
  return result.perFacility.map((entry) => ({ ...entry, name: names.get(entry.facilityId) ?? null }));
}

export const catchmentAnalysis: AnalysisDescriptor<'catchment', CatchmentRequest, CatchmentOutcome> = {
  id: 'catchment',
  title: { zh: '服务范围', en: 'Catchment' },
  inputs: ['facilities', 'targets'],
  parameters: [...FACILITY_PARAMETERS, ...TARGET_PARAMETERS, ...TRAVEL_PARAMETERS, 'metric', 'huffEnabled', 'huffExponent'],
  buildRequest: (spec, inputs) => ({
    kind: 'catchment',
    facilities: inputs.facilities(),
    targets: inputs.targets(),
    params: travelParameters(spec),
    metric: spec.metric,
    huff: { enabled: spec.huffEnabled, exponent: spec.huffExponent },
  }),
  summary: ({ catchment: result }, request) => ({
    method: result.method,
    metric: request.metric,
    huffExponent: request.huff.enabled ? (result.huff?.exponent ?? request.huff.exponent) : null,
    facilities: request.facilities.length,
    targets: { total: request.targets.length, unassigned: result.assignments.filter((a) => a.facilityId === null).length },
    perFacility: namedPerFacility(result, request.facilities),
  }),
  toGeoJSON: ({ catchment: result, facilities, targets }) => {
    const stats = new Map(namedPerFacility(result, facilities).map((entry) => [entry.facilityId, entry]));
    const cells = result.voronoi.features.map((cell) => feature(cell.geometry, { part: 'cell', ...stats.get(cell.properties.facilityId) }));
    const points = result.assignments.map((assignment, index) => {
      const target = targets[index]!;
      return feature(pointOf(target), { part: 'target', name: target.name, weight: target.weight, ...assignment });
    });
    return collection([...cells, ...points]);
  },
  figures: ({ catchment: result, facilities }) => {
    const names = facilityNames(facilities);
    return result.perFacility.map((row) => {
      const name = names.get(row.facilityId) ?? row.facilityId;
      return { key: `facility:${row.facilityId}:targets`, subject: { zh: name, en: name }, metric: 'facilityTargets', value: row.targets };
    });
  },
};
