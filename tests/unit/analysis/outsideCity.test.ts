// The outside-city measures (src/analysis/outsideCity.ts, boundaryDistance.ts)
// against Turf on the real city outline and its neighbours
// (data/base/context.geojson): Turf took ≈ 17 ms a point outside the city,
// so an import of 100,000 points froze the page for minutes; the fast path
// must give the same features, the same neighbours and the same farthest
// distance (geodesic, within 0.5 %).
import { readFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BoundaryDistance } from '../../../src/analysis/boundaryDistance';
import { importOutsideCity, outsideCity } from '../../../src/analysis/outsideCity';
import { parseContext } from '../../../src/io/planData';
import { cityOutlines } from '../../../src/domain/drawnGeometry';
import { positionsOf } from '../../../src/domain/validation';
import { seededRandom } from '../../../tools/lib/seededRandom';

const context = parseContext(readFileSync('data/base/context.geojson', 'utf8'));
const { city, neighbours } = cityOutlines(context);
const [west, south, east, north] = bbox(city!);

/** The slow reference: Turf for every vertex, as the app did before. */
function turfOutside(features: { geometry: Geometry | null; properties: { id: string } }[]) {
  const ids: string[] = [];
  const found = new Set<string>();
  let farthestKm = 0;
  for (const feature of features) {
    if (!feature.geometry) continue;
    const outside = positionsOf(feature.geometry).filter((position) => !booleanPointInPolygon(position as [number, number], city!));
    if (outside.length === 0) continue;
    ids.push(feature.properties.id);
    let farthest: Position = outside[0]!;
    let km = -1;
    for (const position of outside) {
      const distance = pointToPolygonDistance(position as [number, number], city!.geometry, { units: 'kilometers' });
      if (distance > km) (km = distance), (farthest = position);
    }
    farthestKm = Math.max(farthestKm, km);
    const neighbour = neighbours.find((candidate) => booleanPointInPolygon(farthest as [number, number], candidate));
    if (neighbour) found.add(neighbour.properties.name_zh);
  }
  return { ids, farthestKm, neighbours: [...found].sort() };
}

describe('features outside the city', () => {
  it('are the ones Turf finds, with the same neighbours and farthest distance (random points and lines around the city)', () => {
    const random = seededRandom(20261207);
    // Up to 0.4° beyond the city's box on each side: inside, in every neighbour, and beyond them.
    const around = (): [number, number] => [west - 0.4 + random() * (east - west + 0.8), south - 0.4 + random() * (north - south + 0.8)];
    const features: { geometry: Geometry | null; properties: { id: string } }[] = [];
    for (let i = 0; i < 300; i++) features.push({ geometry: { type: 'Point', coordinates: around() }, properties: { id: `p${i}` } });
    // Lines from the city's centre outwards: several vertices outside, the farthest naming the neighbour.
    const centre: [number, number] = [(west + east) / 2, (south + north) / 2];
    for (let i = 0; i < 12; i++) {
      const [x, y] = around();
      features.push({ geometry: { type: 'LineString', coordinates: [centre, [(centre[0] + x) / 2, (centre[1] + y) / 2], [x, y], [x + 0.05, y - 0.05]] }, properties: { id: `l${i}` } });
    }
    features.push({ geometry: null, properties: { id: 'none' } });
    const expected = turfOutside(features);
    const found = importOutsideCity(features, context);
    expect(expected.ids.length).toBeGreaterThan(100);
    expect(expected.neighbours.length).toBeGreaterThanOrEqual(4);
    expect([...found.ids].sort()).toEqual([...expected.ids].sort());
    expect(found.neighbours.map((name) => name.zh).sort()).toEqual(expected.neighbours);
    expect(Math.abs(found.farthestKm - expected.farthestKm) / expected.farthestKm).toBeLessThan(0.005);
    // Turf's reference takes ≈ 17 ms a point outside: seconds here, more on a loaded CI machine.
  }, 60_000);

  it('nothing outside: no ids, no neighbours, farthest 0', () => {
    const found = importOutsideCity([{ geometry: { type: 'Point', coordinates: [114.03, 32.98] }, properties: { id: 'a' } }], context);
    expect(found).toEqual({ ids: new Set(), farthestKm: 0, neighbours: [] });
  });

  it('a drawn shape: the vertices outside counted, the farthest measured and placed', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[114.03, 32.98], [113.4, 33.35], [114.2, 32.2]] };
    const found = outsideCity(line, context)!;
    expect(found.outside).toBe(2);
    const reference = Math.max(...[[113.4, 33.35], [114.2, 32.2]].map((position) => pointToPolygonDistance(position, city!.geometry, { units: 'kilometers' })));
    expect(Math.abs(found.km - reference) / reference).toBeLessThan(0.005);
  });
});

describe('the boundary distance', () => {
  const boundary = new BoundaryDistance(city!);
  it('is Turf’s geodesic distance within 0.5 %, and its upper bound never below it', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 40; i++) {
      const position: [number, number] = [west - 0.5 + random() * (east - west + 1), south - 0.5 + random() * (north - south + 1)];
      if (booleanPointInPolygon(position, city!)) continue;
      const km = boundary.km(...position);
      const reference = pointToPolygonDistance(position, city!.geometry, { units: 'kilometers' });
      expect(Math.abs(km - reference)).toBeLessThan(Math.max(0.005 * reference, 0.01));
      expect(boundary.upperBoundKm(...position)).toBeGreaterThanOrEqual(km);
    }
  }, 60_000);

  it('finds the farthest of many points as measuring each would', () => {
    const random = seededRandom(11);
    const positions: number[] = [];
    for (let i = 0; i < 2000; i++) positions.push(west - 0.6 + random() * (east - west + 1.2), south - 0.6 + random() * (north - south + 1.2));
    let index = -1;
    let km = -1;
    for (let i = 0; i < positions.length / 2; i++) {
      const distance = boundary.km(positions[2 * i]!, positions[2 * i + 1]!);
      if (distance > km) (km = distance), (index = i);
    }
    expect(boundary.farthest(positions)).toEqual({ index, km });
    expect(boundary.farthest([])).toEqual({ index: -1, km: 0 });
  });
});
