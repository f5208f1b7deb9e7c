// Which vertices of a drawn shape or of an imported layer lie outside the city
// boundary (驻马店市界), how far the farthest lies, and in which neighbouring
// cities: the measures behind the questions of src/domain/drawnGeometry.ts.
// An import of 100,000 points is measured in the io worker in a fraction of a
// second; with Turf on the main thread (booleanPointInPolygon and
// pointToPolygonDistance per point) a third of them outside took minutes.
import type { Geometry } from 'geojson';
import type { ContextCollection } from '../domain/dataset';
import { cityOutlines, type ImportOutsideCity, type OutsideCity } from '../domain/drawnGeometry';
import { positionsOf } from '../domain/validation';
import type { LocalizedText } from '../i18n/text';
import { BoundaryDistance } from './boundaryDistance';
import { OutlineIndex } from './outlineIndex';

/**
 * The city outline and its neighbours prepared for many points (an import of
 * 100,000): an edge index for inside tests (same answer as Turf's
 * booleanPointInPolygon off the boundary) and a boundary measure
 * (src/analysis/boundaryDistance.ts). Prepared once per context.
 */
interface PreparedCity {
  inside: OutlineIndex;
  boundary: BoundaryDistance;
  neighbours: { index: OutlineIndex; name: LocalizedText }[];
}
const preparedCities = new WeakMap<ContextCollection, PreparedCity | null>();

function preparedCity(context: ContextCollection): PreparedCity | null {
  let prepared = preparedCities.get(context);
  if (prepared === undefined) {
    const { city, neighbours } = cityOutlines(context);
    prepared = city && {
      inside: new OutlineIndex(city),
      boundary: new BoundaryDistance(city),
      neighbours: neighbours.map((feature) => ({ index: new OutlineIndex(feature), name: { zh: feature.properties.name_zh, en: feature.properties.name_en } })),
    };
    preparedCities.set(context, prepared);
  }
  return prepared;
}

/** A geometry's vertices outside the city, flat (lng, lat, …); empty when all are inside. */
function outsidePositions(geometry: Geometry, city: PreparedCity): number[] {
  const outside: number[] = [];
  for (const [lng, lat] of positionsOf(geometry)) if (!city.inside.contains(lng!, lat!)) outside.push(lng!, lat!);
  return outside;
}

function outsideOf(outside: readonly number[], city: PreparedCity): OutsideCity {
  const farthest = city.boundary.farthest(outside);
  const [lng, lat] = [outside[2 * farthest.index]!, outside[2 * farthest.index + 1]!];
  const neighbour = city.neighbours.find(({ index }) => index.contains(lng, lat))?.name ?? null;
  return { km: farthest.km, outside: outside.length / 2, neighbour };
}

/** Whether any vertex lies outside the city boundary; null when all are inside (or no outline is known). */
export function outsideCity(geometry: Geometry | null, context: ContextCollection): OutsideCity | null {
  const city = preparedCity(context);
  if (!city || !geometry) return null;
  const outside = outsidePositions(geometry, city);
  return outside.length === 0 ? null : outsideOf(outside, city);
}

export function importOutsideCity(features: readonly { geometry: Geometry | null; properties: { id?: unknown } }[], context: ContextCollection): ImportOutsideCity {
  const ids = new Set<string>();
  const neighbours = new Map<string, LocalizedText>();
  const city = preparedCity(context);
  if (!city) return { ids, farthestKm: 0, neighbours: [] };
  // Each outside feature's farthest vertex names its neighbour; the farthest of those is the one said.
  // A point is its own farthest vertex, so most imports are measured only for the overall farthest.
  const farthestOfEach: number[] = [];
  for (const feature of features) {
    if (!feature.geometry) continue;
    const outside = outsidePositions(feature.geometry, city);
    if (outside.length === 0) continue;
    ids.add(String(feature.properties.id));
    const at = outside.length === 2 ? 0 : city.boundary.farthest(outside).index;
    const [lng, lat] = [outside[2 * at]!, outside[2 * at + 1]!];
    farthestOfEach.push(lng, lat);
    // Only the set of neighbours is said: a neighbour already found need not be tested again.
    if (neighbours.size < city.neighbours.length) {
      const neighbour = city.neighbours.find(({ index, name }) => !neighbours.has(name.en) && index.contains(lng, lat))?.name;
      if (neighbour) neighbours.set(neighbour.en, neighbour);
    }
  }
  return { ids, farthestKm: city.boundary.farthest(farthestOfEach).km, neighbours: [...neighbours.values()] };
}
