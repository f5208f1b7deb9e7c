// The plan's data model: what every planned feature carries, whatever layer
// it is on. Pure types and helpers, no DOM, so workers and Node share them.
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';

export const LAYER_IDS = ['logistics-hubs', 'business-districts', 'urban-system', 'towns', 'industrial-parks'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/**
 * How a feature's position was obtained; the map and every export say it.
 * `placed`: put there by a planner in a scenario (never in the shipped data).
 */
export const ACCURACIES = ['geonames', 'county-seat', 'schematic', 'unlocated', 'placed'] as const;
export type Accuracy = (typeof ACCURACIES)[number];

export interface Citation {
  source: string;
  quote: string;
}

export interface PlanFeatureProperties {
  id: string;
  name: string;
  name_en: string;
  /** plan: the plan's own words; official: official spelling (the plan's in name_plan); derived: a label made from name_plan, not the plan's name. */
  name_basis?: 'plan' | 'official' | 'derived';
  name_plan?: string | null;
  layer: LayerId;
  kind: string;
  county: string | null;
  source: string;
  quote: string;
  accuracy: Accuracy;
  placement: string;
  parent?: string | null;
  variant?: string;
  roles?: string[];
  adcode?: string | null;
  functions?: string[];
  industries?: string[];
  more_sources?: Citation[];
  note?: string | null;
  /** When a planner placed or moved it (ISO 8601); set with accuracy `placed`. */
  placed_at?: string;
}

/** Shipped plan features are points and lines; planners may also draw polygons in a scenario. */
export type PlanGeometry = Point | LineString | Polygon;
export type PlanFeature = Feature<PlanGeometry | null, PlanFeatureProperties>;
export type PlanLayerCollection = FeatureCollection<PlanGeometry | null, PlanFeatureProperties>;

export function isLocated(feature: PlanFeature): feature is Feature<PlanGeometry, PlanFeatureProperties> {
  return feature.geometry !== null && feature.properties.accuracy !== 'unlocated';
}

/** Surveyed-grade positions (GeoNames points, county seats) draw solid; the rest are 示意. */
export function isSchematic(feature: PlanFeature): boolean {
  return feature.properties.accuracy === 'schematic';
}
