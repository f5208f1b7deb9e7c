// The app reads plan layers as a PlanDataset; a scenario holds them as
// ScenarioLayers. This bridges the two, once per scenario version (cached by
// identity, so an unchanged scenario never rebuilds its layers). Plan layers'
// features keep the plan schema through every edit (edits.ts and the attribute
// table only write schema fields), which is what makes the cast below sound.
import { LAYER_IDS, type LayerId, type PlanFeature, type PlanLayerCollection } from '../domain/plan';
import type { Scenario, ScenarioLayer } from '../domain/scenario';
import type { ContextCollection, CountyCollection, PlanDataset } from '../domain/dataset';

const cache = new WeakMap<Scenario, PlanDataset>();

export function datasetOf(scenario: Scenario, base: { counties: CountyCollection; context: ContextCollection }): PlanDataset {
  const cached = cache.get(scenario);
  if (cached && cached.counties === base.counties) return cached;
  const layers = Object.fromEntries(
    LAYER_IDS.map((id) => {
      const layer = scenario.layers.find((candidate) => candidate.id === id);
      return [id, { type: 'FeatureCollection', features: (layer?.features ?? []) as unknown as PlanFeature[] } satisfies PlanLayerCollection];
    }),
  ) as Record<LayerId, PlanLayerCollection>;
  const imported: ScenarioLayer[] = scenario.layers.filter((layer) => layer.imported);
  const dataset: PlanDataset = { layers, counties: base.counties, context: base.context, imported };
  cache.set(scenario, dataset);
  return dataset;
}
