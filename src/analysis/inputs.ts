// Adapters from the app's plan data to the engine's inputs. Unlocated plan
// features are left out: an analysis can only use what has a position.
import { isLocated, type PlanLayerCollection } from '../domain/plan';
import type { CountyCollection, ContextCollection } from '../domain/dataset';
import type { Facility, StudyArea, Target } from './types';

export interface FacilityOptions {
  /** Keep only these feature kinds (all kinds when absent). */
  kinds?: readonly string[];
  /** Numeric property to use as Huff attractiveness (1 when absent or not a positive number). */
  attractivenessProperty?: string;
}

export function facilitiesFromLayer(collection: PlanLayerCollection, options: FacilityOptions | readonly string[] = {}): Facility[] {
  const { kinds, attractivenessProperty } = Array.isArray(options) ? { kinds: options as readonly string[] } : (options as FacilityOptions);
  return collection.features.filter(isLocated).flatMap((feature) => {
    if (kinds && !kinds.includes(feature.properties.kind)) return [];
    const facility: Facility = { id: feature.properties.id, name: feature.properties.name, geometry: feature.geometry };
    const raw = attractivenessProperty ? (feature.properties as unknown as Record<string, unknown>)[attractivenessProperty] : undefined;
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) facility.attractiveness = value;
    return [facility];
  });
}

/** Located point features of the towns layer, weight 1 each. */
export function targetsFromTowns(collection: PlanLayerCollection): Target[] {
  return collection.features.filter(isLocated).flatMap((feature) =>
    feature.geometry.type === 'Point'
      ? [{ id: feature.properties.id, name: feature.properties.name, coordinates: [feature.geometry.coordinates[0]!, feature.geometry.coordinates[1]!], weight: 1 }]
      : [],
  );
}

export interface TownshipLike {
  code: string;
  name: string;
  lng?: string | number | null;
  lat?: string | number | null;
  /** Optional weight column (population, …); 1 when absent or not a number. */
  weight?: string | number | null;
}

/** Township seats as targets; rows without coordinates are skipped and counted. */
export function targetsFromTownships(rows: readonly TownshipLike[]): { targets: Target[]; skipped: number } {
  const targets: Target[] = [];
  let skipped = 0;
  for (const row of rows) {
    const lng = toNumber(row.lng);
    const lat = toNumber(row.lat);
    if (lng === null || lat === null) {
      skipped++;
      continue;
    }
    targets.push({ id: row.code, name: row.name, coordinates: [lng, lat], weight: toNumber(row.weight) ?? 1 });
  }
  return { targets, skipped };
}

/** The city outline (context feature with role 'focus') and the counties. */
export function studyAreaFrom(counties: CountyCollection, context: ContextCollection): StudyArea {
  const focus = context.features.find((feature) => feature.properties.role === 'focus');
  if (!focus) throw new Error('context.geojson has no feature with role "focus" (the city outline)');
  return {
    outline: focus,
    counties: counties.features.map((county) => ({
      adcode: county.properties.adcode,
      name_zh: county.properties.name_zh,
      name_en: county.properties.name_en,
      geometry: county.geometry,
    })),
  };
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
