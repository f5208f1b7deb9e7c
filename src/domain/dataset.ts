// The shapes of the shipped data: base geography (counties, the city outline
// and its neighbours), township rows and the plan dataset an app session or a
// command-line run works on. Parsing them lives in src/io/planData.ts.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { LAYER_IDS, type LayerId, type PlanFeature, type PlanLayerCollection } from './plan';
import type { ScenarioLayer } from './scenario';

export interface CountyProperties {
  adcode: string;
  name_zh: string;
  name_en: string;
  seat: [number, number];
  seat_name?: string;
}
export type CountyFeature = Feature<Polygon | MultiPolygon, CountyProperties>;
export type CountyCollection = FeatureCollection<Polygon | MultiPolygon, CountyProperties>;

export interface ContextProperties {
  adcode: string;
  name_zh: string;
  name_en: string;
  role: 'neighbour' | 'focus';
}
export type ContextCollection = FeatureCollection<Polygon | MultiPolygon, ContextProperties>;

export interface PlanDataset {
  layers: Record<LayerId, PlanLayerCollection>;
  counties: CountyCollection;
  context: ContextCollection;
  /** Layers the planner imported into the current scenario (any properties). */
  imported?: ScenarioLayer[];
}

export function allFeatures(dataset: PlanDataset): PlanFeature[] {
  return LAYER_IDS.flatMap((layer) => dataset.layers[layer].features);
}

/** A row of data/base/townships.csv; lng/lat are empty where GeoNames has no point. */
export interface TownshipRow {
  code: string;
  name: string;
  county_code: string;
  county: string;
  lng: string;
  lat: string;
  accuracy: string;
}
