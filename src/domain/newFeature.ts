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
    ...classProperties(layer, classKey),
    county: null,
    source: DRAWN_SOURCE,
    quote: '',
    accuracy: 'placed',
    placement: `规划人员在方案中绘制（${date}），无规划原文`,
    placed_at: date,
  };
  return { type: 'Feature', geometry, properties };
}

/** Features of imported layers only need an id and a name. */
export function newImportedFeature(geometry: Geometry, id: string): ScenarioFeature {
  return { type: 'Feature', geometry, properties: { id, name: '新绘要素' } };
}

export function isPlanLayer(layer: string): layer is LayerId {
  return (LAYER_IDS as readonly string[]).includes(layer);
}

/**
 * The schema fields a legend class stands for: a kind, plus the 商圈 variant
 * or the town list where the class is one of those.
 */
export function classProperties(layer: LayerId, classKey: string): { kind: string; variant?: string; roles?: string[] } {
  if (layer === 'business-districts') {
    const variant = classKey.startsWith('variant-') ? classKey.slice('variant-'.length) : 'A';
    return { kind: variant === 'C' ? 'commercial_complex_area' : 'business_district', variant };
  }
  if (layer === 'towns') return { kind: 'town', roles: [classKey === 'characteristic_town' ? 'characteristic_town' : 'central_town'] };
  return { kind: classKey };
}
