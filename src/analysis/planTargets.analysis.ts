// Plan targets: the quoted targets of the plan (plan-targets.json) checked
// against the plan layers. Named `targets` on the command line and in saved specs.
import { LIFE_CIRCLE_PARAMETERS, NETWORK_PARAMETERS, networkOptions, TRAVEL_PARAMETERS, travelParameters, type AnalysisDescriptor, type InputSource } from './descriptor';
import type { AnalysisSpec } from '../domain/analysisSpec';
import type { LayerId, PlanLayerCollection } from '../domain/plan';
import type { LifeCircleLayers } from './lifeCircle';
import type { NetworkOptions, RoadLine } from './network/analysis';
import type { PlanTargetResult, TravelParameters } from './types';

export interface PlanTargetsRequest {
  kind: 'targets';
  layers: Record<LayerId, PlanLayerCollection>;
  params: TravelParameters;
  /** The chosen road network, when there is one: the half-hour target is then checked by network drive time. */
  network: { roads: RoadLine[]; options: NetworkOptions } | null;
  /** The imported communities and service points, when both are chosen: t_15min_life_circle is then checked. */
  lifeCircle: LifeCircleLayers | null;
}

export interface PlanTargetsOutcome {
  kind: 'targets';
  targets: PlanTargetResult[];
}

export const planTargetsAnalysis: AnalysisDescriptor<'targets', PlanTargetsRequest, PlanTargetsOutcome> = {
  id: 'targets',
  title: { zh: '规划目标核验', en: 'Plan targets' },
  inputs: ['planLayers'],
  parameters: [...TRAVEL_PARAMETERS, ...NETWORK_PARAMETERS, ...LIFE_CIRCLE_PARAMETERS],
  buildRequest: (spec, inputs) => ({
    kind: 'targets',
    layers: inputs.layers(),
    params: travelParameters(spec),
    // No network chosen (or none this host can read): the straight-line estimate, as the result says.
    network: spec.networkLayer && inputs.roads ? { roads: inputs.roads(spec.networkLayer), options: networkOptions(spec) } : null,
    lifeCircle: lifeCircleLayers(spec, inputs),
  }),
  summary: ({ targets }) => {
    const counts = { pass: 0, partial: 0, fail: 0, 'not-evaluable': 0 };
    for (const result of targets) counts[result.verdict]++;
    return { counts, results: targets };
  },
  // Plan targets are verdicts on the plan, with nothing to draw.
  toGeoJSON: null,
  figures: ({ targets }) =>
    targets.map((target) => ({
      key: `target:${target.id}`,
      subject: { zh: target.indicator_zh, en: target.indicator_en },
      metric: 'verdict',
      value: target.verdict,
    })),
};

/** Both layers chosen and readable by this host, or null (the target then says what to bring). */
function lifeCircleLayers(spec: AnalysisSpec, inputs: InputSource): LifeCircleLayers | null {
  if (!spec.communityLayer || !spec.serviceLayer || !inputs.layerPoints) return null;
  const communities = inputs.layerPoints(spec.communityLayer);
  const services = inputs.layerPoints(spec.serviceLayer);
  return { communityLayer: communities.title, serviceLayer: services.title, communities: communities.points, services: services.points };
}
