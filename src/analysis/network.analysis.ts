// 路网通达: travel time on the planners' own road network instead of a
// straight line × detour factor. One descriptor, not one per straight-line
// analysis: a single multi-source Dijkstra from all facilities gives every
// road node its minutes and nearest facility, from which isochrone bands,
// coverage and catchment all follow. One kind keeps the registry flat (one
// line here, one UI companion, one set of comparison figures) and leaves the
// straight-line descriptors untouched; the command line's
// `circles|coverage|catchment --network` run this one and print the same
// keys as their straight-line namesakes (networkSummaryAs).
import type { NetworkOptions, NetworkOutcomeCore } from './network/analysis';
import { NetworkInputError } from './network/errors';
import type { RoadLine } from './network/graph';
import {
  areaFigures,
  collection,
  facilityNames,
  feature,
  FACILITY_PARAMETERS,
  NETWORK_PARAMETERS,
  networkOptions,
  pointOf,
  TARGET_PARAMETERS,
  RADIUS_PARAMETERS,
  travelParameters,
  type AnalysisDescriptor,
} from './descriptor';
import type { LocalizedText } from '../i18n/text';
import type { Facility, Target, TravelParameters } from './types';

export interface NetworkRequest {
  kind: 'network';
  facilities: Facility[];
  targets: Target[];
  params: TravelParameters;
  roads: RoadLine[];
  options: NetworkOptions;
}

export interface NetworkOutcome extends NetworkOutcomeCore {
  kind: 'network';
  targets: Target[];
  facilities: Facility[];
  minutes: number;
}

const NO_NETWORK: LocalizedText = {
  zh: '未选择路网：请先导入道路线图层（GeoJSON 等），再在“路网”中选择它。',
  en: 'no road network chosen: import a road line layer (GeoJSON…) and choose it as the network.',
};

/** The network facts every summary carries. */
function networkFacts(result: NetworkOutcome) {
  const { network } = result;
  return {
    nodes: network.nodes,
    edges: network.edges,
    components: network.components,
    unreachableTargets: network.unreachableTargets,
    edgesOpenToMode: network.edgesOpen,
    unanchoredFacilities: network.unanchoredFacilities,
    islands: network.islands,
    classField: network.facts.classField,
    speedField: network.facts.speedField,
    oneWayField: network.facts.oneWayField,
    unknownClasses: network.facts.unknownClasses,
    snappedEndpoints: network.facts.snappedEndpoints,
    joinedCrossings: network.facts.joinedCrossings,
    droppedLines: network.facts.droppedLines,
    zeroLengthSegments: network.facts.zeroLengthSegments,
    accessMeters: network.accessMeters,
    cellMeters: network.cellMeters,
  };
}

const uncoveredOf = (result: NetworkOutcome) => {
  const byId = new Map(result.targets.map((target) => [target.id, target]));
  return result.times
    .filter((time) => time.reach !== 'covered')
    .map((time) => {
      const target = byId.get(time.targetId)!;
      return { targetId: time.targetId, name: target.name, coordinates: target.coordinates, nearestMeters: null, minutes: time.minutes, reach: time.reach };
    });
};

const namedPerFacility = (result: NetworkOutcome) => {
  const names = facilityNames(result.facilities);
  return result.perFacility.map((entry) => ({ ...entry, name: names.get(entry.facilityId) ?? null }));
};

/**
 * The command line's summary of a network run under a straight-line
 * command's name: the same keys as that command, plus `network`.
 */
export function networkSummaryAs(command: 'circles' | 'coverage' | 'catchment', result: NetworkOutcome): Record<string, unknown> {
  const network = networkFacts(result);
  const warnings = result.warnings;
  switch (command) {
    case 'circles':
      return { radiusMeters: null, method: result.method, facilities: result.facilities.length, areas: result.areas, bands: bandAreas(result), network, warnings };
    case 'coverage': {
      const { total, covered, share, weightTotal, weightCovered, weightShare } = result.coverage;
      const targets = { total, covered, share, weightTotal, weightCovered, weightShare };
      return { radiusMeters: null, method: result.method, facilities: result.facilities.length, targets, uncovered: uncoveredOf(result), areas: result.areas, network, warnings };
    }
    case 'catchment':
      return {
        method: result.method,
        metric: 'time',
        huffExponent: null,
        facilities: result.facilities.length,
        targets: { total: result.targets.length, unassigned: result.times.filter((time) => time.facilityId === null).length },
        perFacility: namedPerFacility(result),
        network,
        warnings,
      };
  }
}

const bandAreas = (result: NetworkOutcome) =>
  result.bands.map((band) => ({ minutes: band.properties.minutes, areaKm2: band.properties.areaKm2, polygons: band.geometry.coordinates.length }));

export const networkAnalysis: AnalysisDescriptor<'network', NetworkRequest, NetworkOutcome> = {
  id: 'network',
  title: { zh: '路网通达', en: 'Network travel time' },
  inputs: ['facilities', 'targets'],
  parameters: [
    ...FACILITY_PARAMETERS,
    ...TARGET_PARAMETERS,
    ...RADIUS_PARAMETERS, // minutes, mode, speed: travel is along the roads, so no detour factor
    ...NETWORK_PARAMETERS,
  ],
  buildRequest: (spec, inputs) => {
    if (!inputs.roads) throw new NetworkInputError(NO_NETWORK);
    return {
      kind: 'network',
      facilities: inputs.facilities(),
      targets: inputs.targets(),
      params: travelParameters(spec),
      roads: inputs.roads(spec.networkLayer),
      options: networkOptions(spec),
    };
  },
  summary: (result) => ({
    method: result.method,
    facilities: result.facilities.length,
    network: networkFacts(result),
    targets: result.coverage,
    bands: bandAreas(result),
    areas: result.areas,
    perFacility: namedPerFacility(result),
    uncovered: uncoveredOf(result),
    warnings: result.warnings,
  }),
  toGeoJSON: (result) => {
    const byTarget = new Map(result.times.map((time) => [time.targetId, time]));
    const names = facilityNames(result.facilities);
    return collection([
      ...result.bands.map((band) => feature(band.geometry, { part: 'band', minutes: band.properties.minutes })),
      ...result.targets.map((target) => {
        const time = byTarget.get(target.id);
        return feature(pointOf(target), {
          part: 'target',
          targetId: target.id,
          name: target.name,
          weight: target.weight,
          covered: time?.reach === 'covered',
          reach: time?.reach ?? null,
          minutes: time?.minutes === null || time?.minutes === undefined ? null : Math.round(time.minutes * 100) / 100,
          facilityId: time?.facilityId ?? null,
          facilityName: time?.facilityId ? (names.get(time.facilityId) ?? null) : null,
        });
      }),
    ]);
  },
  figures: (result) => {
    const subject: LocalizedText = { zh: '服务对象（路网）', en: 'Targets (network)' };
    return [
      ...areaFigures(result.areas),
      { key: 'targets:total', subject, metric: 'targetsTotal', value: result.coverage.total },
      { key: 'targets:covered', subject, metric: 'targetsCovered', value: result.coverage.covered },
      { key: 'targets:share', subject, metric: 'targetsShare', value: result.coverage.share },
      { key: 'targets:weightShare', subject, metric: 'weightShare', value: result.coverage.weightShare },
    ];
  },
};
