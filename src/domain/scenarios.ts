// Making scenarios: the read-only baseline from the shipped layers, copies of
// any scenario, and the two starting scenarios that put the plans' two
// definitions of the 五大商圈 side by side.
import { LAYER_DEFINITIONS } from './layers';
import type { LayerId, PlanLayerCollection } from './plan';
import { BASELINE_SCENARIO_ID, type Scenario, type ScenarioFeature, type ScenarioLayer } from './scenario';
import type { LocalizedText } from '../i18n/text';

export const VARIANT_A_SCENARIO_ID = 'scenario-variant-a';
export const VARIANT_B_SCENARIO_ID = 'scenario-variant-b';

/** The baseline has no edit time of its own; a fixed value keeps it reproducible. */
const BASELINE_TIME = '1970-01-01T00:00:00.000Z';

/**
 * The plan as shipped. Its features are the parsed objects themselves (no
 * copy): the baseline is never edited, and createScenario copies before edits.
 * Layers follow the legend order of LAYER_DEFINITIONS.
 */
export function baselineScenario(layers: Record<LayerId, PlanLayerCollection>, titles: Record<LayerId, LocalizedText>): Scenario {
  return {
    id: BASELINE_SCENARIO_ID,
    name: '规划原文（基线）',
    createdAt: BASELINE_TIME,
    updatedAt: BASELINE_TIME,
    parentId: null,
    layers: LAYER_DEFINITIONS.map(({ id }) => ({
      id,
      title: titles[id],
      imported: false,
      features: layers[id].features as unknown as ScenarioFeature[],
    })),
  };
}

/** A new scenario starting as a deep copy of `from`, so its edits never reach the source. */
export function createScenario(from: Scenario, name: string, id: string, nowISO: string): Scenario {
  if (id === BASELINE_SCENARIO_ID) throw new Error(`"${BASELINE_SCENARIO_ID}" is reserved for the shipped plan.`);
  return { id, name, createdAt: nowISO, updatedAt: nowISO, parentId: from.id, layers: structuredClone(from.layers) };
}

/**
 * The two shipped starting points. The 服务业 (and 商务) plan and the
 * 城镇化 plan name different 五大商圈 (variants A and B); C, the districts
 * both share, stays in both. Every other layer is the baseline's.
 */
export function startingScenarios(baseline: Scenario, nowISO: string): [Scenario, Scenario] {
  return [
    keepBusinessDistrictVariant(createScenario(baseline, '方案A：服务业规划的五大商圈', VARIANT_A_SCENARIO_ID, nowISO), 'B'),
    keepBusinessDistrictVariant(createScenario(baseline, '方案B：城镇化规划的五大商圈', VARIANT_B_SCENARIO_ID, nowISO), 'A'),
  ];
}

function keepBusinessDistrictVariant(scenario: Scenario, dropVariant: string): Scenario {
  const layers = scenario.layers.map((layer): ScenarioLayer =>
    layer.id === 'business-districts'
      ? { ...layer, features: layer.features.filter((feature) => feature.properties.variant !== dropVariant) }
      : layer,
  );
  return { ...scenario, layers };
}
