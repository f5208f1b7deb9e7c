// Shared inputs for the scenario tests: the real shipped layers, a seeded
// random source (reproducible "property-based" runs) and hand-made features.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, Polygon } from 'geojson';
import { LAYER_IDS, type LayerId, type PlanLayerCollection } from '../../../src/domain/plan';
import type { Scenario, ScenarioFeature, ScenarioLayer } from '../../../src/domain/scenario';
import { baselineScenario, createScenario } from '../../../src/domain/scenarios';
import { parseContext, parsePlanLayer } from '../../../src/io/planData';
import { seededRandom } from '../../../tools/lib/seededRandom';
export { seededRandom };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (...parts: string[]) => readFileSync(join(ROOT, 'data', ...parts), 'utf8');

export const NOW = '2025-03-01T08:00:00.000Z';

export function realLayers(): Record<LayerId, PlanLayerCollection> {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, parsePlanLayer(read('layers', `${id}.geojson`), id)])) as Record<LayerId, PlanLayerCollection>;
}

export const TITLES = Object.fromEntries(LAYER_IDS.map((id) => [id, { zh: `图层 ${id}`, en: `Layer ${id}` }])) as Record<LayerId, { zh: string; en: string }>;

export function realBaseline(): Scenario {
  return baselineScenario(realLayers(), TITLES);
}

/** An editable copy of the real plan. */
export function realScenario(id = 'scenario-test'): Scenario {
  return createScenario(realBaseline(), '测试方案', id, NOW);
}

export function cityOutline(): Feature<Polygon> {
  const focus = parseContext(read('base', 'context.geojson')).features.find((feature) => feature.properties.role === 'focus');
  if (!focus || focus.geometry.type !== 'Polygon') throw new Error('context.geojson: no focus polygon');
  return focus as Feature<Polygon>;
}


export function point(id: string, lng: number, lat: number, properties: Record<string, unknown> = {}): ScenarioFeature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { id, name: id, ...properties } };
}

export function layer(id: string, features: ScenarioFeature[]): ScenarioLayer {
  return { id, title: { zh: id, en: id }, imported: false, features };
}

export function scenarioOf(id: string, layers: ScenarioLayer[]): Scenario {
  return { id, name: id, createdAt: NOW, updatedAt: NOW, parentId: 'baseline', layers };
}
