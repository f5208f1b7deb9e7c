// How a facility's geometry enters each analysis. Points are used as they are.
// Lines and polygons: their travel circle is turf.buffer of the geometry; for
// distances they are sampled at vertices densified to a fixed spacing (so a
// target's distance is exact to within spacing²/(8·distance), a few metres at
// city scale), and a target inside a polygon facility is at distance 0.
import { buffer, circle, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { haversineMeters, type Position2 } from './geodesy';
import type { Facility } from './types';

/** turf.circle's default; the area error of a 64-gon is 0.16 % (inscribed). */
export const CIRCLE_STEPS = 64;

/** Cheap, stable 53-bit string hash (cyrb53): cache keys, not security. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Identity of a facility's circle: id + geometry + radius (all that changes the shape). */
export function circleKey(facility: Facility, radiusMeters: number): string {
  return `${facility.id}|${hashString(JSON.stringify(facility.geometry))}|${radiusMeters}`;
}

export function isPointFacility(facility: Facility): facility is Facility & { geometry: { type: 'Point' } } {
  return facility.geometry.type === 'Point';
}

/** Geodesic circle (points) or buffered outline (lines, polygons), radius in metres. */
export function facilityCircle(facility: Facility, radiusMeters: number): Polygon | MultiPolygon {
  const geometry = facility.geometry;
  if (geometry.type === 'Point') return circle(geometry.coordinates, radiusMeters / 1000, { steps: CIRCLE_STEPS }).geometry;
  const buffered = buffer(geometry, radiusMeters, { units: 'meters', steps: CIRCLE_STEPS / 4 });
  if (!buffered) throw new Error(`facility ${facility.id}: buffer produced no geometry`);
  return buffered.geometry as Polygon | MultiPolygon;
}

/** The point that stands for a facility in Voronoi cells and as a label. */
export function representativePoint(facility: Facility): Position2 {
  const geometry = facility.geometry;
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  const [lng, lat] = pointOnFeature(geometry).geometry.coordinates;
  return [lng!, lat!];
}

/** Positions sampled along a facility's lines/outlines, at most `spacingMeters` apart. */
export function facilityAnchors(facility: Facility, spacingMeters: number): Position2[] {
  const geometry = facility.geometry;
  const lines: Position[][] =
    geometry.type === 'Point'
      ? [[geometry.coordinates]]
      : geometry.type === 'LineString'
        ? [geometry.coordinates]
        : geometry.type === 'Polygon'
          ? geometry.coordinates
          : geometry.coordinates.flat();
  const anchors: Position2[] = [];
  for (const line of lines) {
    line.forEach((position, index) => {
      const [lng, lat] = position as [number, number];
      const next = line[index + 1];
      anchors.push([lng, lat]);
      if (!next) return;
      const steps = Math.ceil(haversineMeters(lng, lat, next[0]!, next[1]!) / spacingMeters);
      for (let s = 1; s < steps; s++) anchors.push([lng + ((next[0]! - lng) * s) / steps, lat + ((next[1]! - lat) * s) / steps]);
    });
  }
  return anchors;
}
