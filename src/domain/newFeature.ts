// A feature a planner draws in a scenario. It follows its layer's schema like
// every plan feature, and its provenance says plainly that no plan text is
// behind it: it was drawn in this scenario, on this date.
import type { Geometry } from 'geojson';
import type { ScenarioFeature } from './scenario';
import { LAYER_IDS, type LayerId } from './plan';

export const DRAWN_SOURCE = 'scenario-edit';

export function newFeatureId(layer: string, nowMs: number, random: number): string {
  return `${layer}-drawn-${nowMs.toString(36)}-${Math.floor(random * 1e6).toString(36)}`;
}

/** `classKey` is a legend class: a kind, a 商圈 variant (`variant-B`) or a town list. */
export function newPlanFeature(layer: LayerId, classKey: string, geometry: Geometry, id: string, dateISO: string): ScenarioFeature {
  const date = dateISO.slice(0, 10);
  const properties: ScenarioFeature['properties'] = {
    id,
    name: '新绘要素',
    name_en: 'New feature',
    layer,
    kind: kindFor(layer, classKey),
    county: null,
    source: DRAWN_SOURCE,
    quote: '',
    accuracy: 'placed',
    placement: `规划人员在方案中绘制（${date}），无规划原文`,
    placed_at: date,
  };
  if (layer === 'business-districts') properties.variant = classKey.startsWith('variant-') ? classKey.slice('variant-'.length) : 'A';
  if (layer === 'towns') properties.roles = [classKey === 'characteristic_town' ? 'characteristic_town' : 'central_town'];
  return { type: 'Feature', geometry, properties };
}

/** Features of imported layers only need an id and a name. */
export function newImportedFeature(geometry: Geometry, id: string): ScenarioFeature {
  return { type: 'Feature', geometry, properties: { id, name: '新绘要素' } };
}

export function isPlanLayer(layer: string): layer is LayerId {
  return (LAYER_IDS as readonly string[]).includes(layer);
}

function kindFor(layer: LayerId, classKey: string): string {
  if (layer === 'business-districts') return classKey === 'variant-C' ? 'commercial_complex_area' : 'business_district';
  if (layer === 'towns') return 'town';
  return classKey;
}
