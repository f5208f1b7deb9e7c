// Small hand-made inputs for known-answer tests.
import { destination } from '@turf/turf';
import type { Facility, StudyArea, Target } from '../../../src/analysis/types';

export function pointFacility(id: string, lng: number, lat: number, attractiveness?: number): Facility {
  return { id, name: id, geometry: { type: 'Point', coordinates: [lng, lat] }, ...(attractiveness === undefined ? {} : { attractiveness }) };
}

export function target(id: string, lng: number, lat: number, weight = 1): Target {
  return { id, name: id, coordinates: [lng, lat], weight };
}

/** A square study area split into a west and an east "county" at `splitLng`. */
export function squareStudyArea(minLng: number, minLat: number, maxLng: number, maxLat: number, splitLng = (minLng + maxLng) / 2): StudyArea {
  const box = (x0: number, x1: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[x0, minLat], [x1, minLat], [x1, maxLat], [x0, maxLat], [x0, minLat]]],
  });
  return {
    outline: { type: 'Feature', properties: { name_zh: '测试市', name_en: 'Test city' }, geometry: box(minLng, maxLng) },
    counties: [
      { adcode: 'W', name_zh: '西县', name_en: 'West', geometry: box(minLng, splitLng) },
      { adcode: 'E', name_zh: '东县', name_en: 'East', geometry: box(splitLng, maxLng) },
    ],
  };
}

/** The point `meters` from (lng, lat) at `bearing` degrees. */
export function offset(lng: number, lat: number, meters: number, bearing: number): [number, number] {
  const [x, y] = destination([lng, lat], meters / 1000, bearing).geometry.coordinates;
  return [x!, y!];
}
