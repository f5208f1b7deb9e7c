// Layer definitions: which classes (kinds, variants or town roles) each plan
// layer shows, and how each is drawn. Colours follow the Okabe–Ito palette so
// the five layers stay distinct for colour-blind viewers.
import type { MessageKey } from '../i18n/dictionary';
import type { LayerId, PlanFeatureProperties } from './plan';

/**
 * - `zone`: an area the plan names without an extent: always a dashed ring of
 *   `radiusMeters` (the ring is a drawing convention, not a boundary).
 * - `point`: a place; solid when its position is a GeoNames point or county
 *   seat, hollow when schematic.
 * - `line`: a corridor, dashed when schematic.
 */
export type SymbolKind = 'zone' | 'point' | 'line';

export type Rgb = readonly [number, number, number];

export interface ClassDefinition {
  key: string;
  title: MessageKey;
  symbol: SymbolKind;
  color: Rgb;
  /** zone rings: drawn radius in metres; points: radius in pixels. */
  size: number;
  /** Higher wins when labels collide. */
  labelPriority: number;
}

export interface LayerDefinition {
  id: LayerId;
  title: MessageKey;
  color: Rgb;
  classes: readonly ClassDefinition[];
}

const ORANGE: Rgb = [230, 159, 0];
const PINK: Rgb = [204, 121, 167];
const BLUE: Rgb = [0, 114, 178];
const SKY: Rgb = [86, 180, 233];
const GREEN: Rgb = [0, 158, 115];
const VERMILLION: Rgb = [213, 94, 0];

export const LAYER_DEFINITIONS: readonly LayerDefinition[] = [
  {
    id: 'urban-system',
    title: 'layer_urban_system',
    color: BLUE,
    classes: [
      { key: 'centre', title: 'class_centre', symbol: 'zone', color: BLUE, size: 9000, labelPriority: 100 },
      { key: 'cluster', title: 'class_cluster', symbol: 'zone', color: SKY, size: 6000, labelPriority: 90 },
      { key: 'belt', title: 'class_belt', symbol: 'line', color: BLUE, size: 6, labelPriority: 40 },
      { key: 'growth_pole', title: 'class_growth_pole', symbol: 'point', color: BLUE, size: 11, labelPriority: 85 },
    ],
  },
  {
    id: 'logistics-hubs',
    title: 'layer_logistics_hubs',
    color: ORANGE,
    classes: [
      { key: 'hub_zone', title: 'class_hub_zone', symbol: 'zone', color: ORANGE, size: 4000, labelPriority: 80 },
      { key: 'hub_zone_extra', title: 'class_hub_zone_extra', symbol: 'zone', color: [176, 132, 40], size: 4000, labelPriority: 50 },
      { key: 'hub_anchor', title: 'class_hub_anchor', symbol: 'point', color: [160, 100, 0], size: 5, labelPriority: 30 },
      { key: 'logistics_park', title: 'class_logistics_park', symbol: 'point', color: [200, 140, 40], size: 5, labelPriority: 25 },
    ],
  },
  {
    id: 'business-districts',
    title: 'layer_business_districts',
    color: PINK,
    classes: [
      { key: 'variant-A', title: 'class_variant_A', symbol: 'zone', color: PINK, size: 1800, labelPriority: 60 },
      { key: 'variant-B', title: 'class_variant_B', symbol: 'zone', color: [136, 64, 150], size: 1800, labelPriority: 55 },
      { key: 'variant-C', title: 'class_variant_C', symbol: 'zone', color: [224, 170, 200], size: 1000, labelPriority: 20 },
    ],
  },
  {
    id: 'industrial-parks',
    title: 'layer_industrial_parks',
    color: VERMILLION,
    classes: [
      { key: 'zone', title: 'class_zone', symbol: 'point', color: VERMILLION, size: 6, labelPriority: 45 },
      { key: 'sub_park', title: 'class_sub_park', symbol: 'point', color: [168, 74, 0], size: 4, labelPriority: 10 },
      { key: 'industry_base', title: 'class_industry_base', symbol: 'point', color: [120, 52, 0], size: 4, labelPriority: 12 },
      { key: 'industrial_core', title: 'class_industrial_core', symbol: 'zone', color: VERMILLION, size: 32000, labelPriority: 70 },
      { key: 'industrial_belt', title: 'class_industrial_belt', symbol: 'line', color: VERMILLION, size: 5, labelPriority: 40 },
    ],
  },
  {
    id: 'towns',
    title: 'layer_towns',
    color: GREEN,
    classes: [
      { key: 'central_town', title: 'class_central_town', symbol: 'point', color: GREEN, size: 6, labelPriority: 35 },
      { key: 'characteristic_town', title: 'class_characteristic_town', symbol: 'point', color: [0, 110, 80], size: 6, labelPriority: 35 },
    ],
  },
];

export function layerDefinition(id: LayerId): LayerDefinition {
  const found = LAYER_DEFINITIONS.find((layer) => layer.id === id);
  if (!found) throw new Error(`unknown layer ${id}`);
  return found;
}

/**
 * The legend classes a feature belongs to: its variant for 商圈 (the two plans'
 * definitions are the point of comparison), its list roles for towns (a town
 * can be on both lists), otherwise its kind.
 */
export function classKeysOf(properties: PlanFeatureProperties): string[] {
  if (properties.layer === 'business-districts') return [`variant-${properties.variant ?? 'A'}`];
  if (properties.layer === 'towns') return properties.roles?.length ? properties.roles : ['central_town'];
  return [properties.kind];
}

export function classDefinitionOf(properties: PlanFeatureProperties): ClassDefinition {
  const layer = layerDefinition(properties.layer);
  const keys = classKeysOf(properties);
  return layer.classes.find((cls) => keys.includes(cls.key)) ?? layer.classes[0]!;
}
