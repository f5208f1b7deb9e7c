// Distances on the sphere, with turf's earth radius so that our distances,
// turf.circle and turf.area agree to the last metre.
export const EARTH_RADIUS_METERS = 6371008.8;
export const DEG = Math.PI / 180;

export type Position2 = [number, number];
/** [minLng, minLat, maxLng, maxLat] */
export type Bbox = [number, number, number, number];

export function haversineMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLng = (lng2 - lng1) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function bboxesOverlap(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
