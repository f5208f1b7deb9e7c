// How far points outside a polygon lie from its boundary, for imports of
// 100,000 points. Turf's pointToPolygonDistance measures each point against
// every edge geodesically (≈ 17 ms a point against the 2,106-vertex city
// outline): an import with a third of its points outside the city froze the
// page for minutes. Here each point is measured in a plane scaled for its own
// latitude on the WGS84 ellipsoid (the "cheap ruler" approximation: within
// 0.1 % of the geodesic distance at the tens of kilometres this is used for),
// and the farthest of many points is found by measuring exactly only those
// whose cheap upper bound (the distance to the nearest of a sample of the
// outline's vertices) could still beat the farthest found so far.
import type { Feature, MultiPolygon, Polygon } from 'geojson';

const EQUATOR_KM = 6378.137;
const FLATTENING = 1 / 298.257223563;
const ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING);
const RADIANS = Math.PI / 180;
/** Every this many vertices of the outline is a sample for the upper bound. */
const SAMPLE_EVERY = 16;

/** km per degree of longitude and of latitude at a latitude (cheap-ruler's ellipsoidal scales). */
function kmPerDegree(lat: number): { kx: number; ky: number } {
  const cos = Math.cos(lat * RADIANS);
  const w2 = 1 / (1 - ECCENTRICITY_SQUARED * (1 - cos * cos));
  const w = Math.sqrt(w2);
  const m = RADIANS * EQUATOR_KM;
  return { kx: m * w * cos, ky: m * w * w2 * (1 - ECCENTRICITY_SQUARED) };
}

export class BoundaryDistance {
  /** Each edge of every ring: lng1, lat1, lng2, lat2. */
  private readonly edges: Float64Array;
  /** Every SAMPLE_EVERY-th vertex (and each ring's first): lng, lat. */
  private readonly samples: Float64Array;

  constructor(outline: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon) {
    const geometry = 'geometry' in outline ? outline.geometry : outline;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const edges: number[] = [];
    const samples: number[] = [];
    for (const polygon of polygons)
      for (const ring of polygon)
        for (let i = 0; i < ring.length; i++) {
          const [lng, lat] = ring[i] as [number, number];
          if (i % SAMPLE_EVERY === 0) samples.push(lng, lat);
          if (i + 1 < ring.length) edges.push(lng, lat, ring[i + 1]![0]!, ring[i + 1]![1]!);
        }
    this.edges = Float64Array.from(edges);
    this.samples = Float64Array.from(samples);
  }

  /** Distance (km) from (lng, lat) to the nearest point of the boundary. */
  km(lng: number, lat: number): number {
    const { kx, ky } = kmPerDegree(lat);
    const edges = this.edges;
    let best = Infinity;
    for (let e = 0; e < edges.length; e += 4) {
      const ax = (edges[e]! - lng) * kx;
      const ay = (edges[e + 1]! - lat) * ky;
      const dx = (edges[e + 2]! - lng) * kx - ax;
      const dy = (edges[e + 3]! - lat) * ky - ay;
      const lengthSquared = dx * dx + dy * dy;
      const t = lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
      const x = ax + t * dx;
      const y = ay + t * dy;
      const squared = x * x + y * y;
      if (squared < best) best = squared;
    }
    return Math.sqrt(best);
  }

  /** At least km(lng, lat): the distance to the nearest sampled vertex (each lies on the boundary). */
  upperBoundKm(lng: number, lat: number): number {
    const { kx, ky } = kmPerDegree(lat);
    const samples = this.samples;
    let best = Infinity;
    for (let s = 0; s < samples.length; s += 2) {
      const x = (samples[s]! - lng) * kx;
      const y = (samples[s + 1]! - lat) * ky;
      const squared = x * x + y * y;
      if (squared < best) best = squared;
    }
    return Math.sqrt(best);
  }

  /**
   * The farthest from the boundary of the points (lng, lat) = positions[2i], positions[2i + 1]:
   * its index and distance (km); { index: -1, km: 0 } for none. The point with the largest upper
   * bound is measured first; after it, only points whose bound still beats the farthest found are
   * (on 35,000 points outside the city, about 20 are measured).
   */
  farthest(positions: ArrayLike<number>): { index: number; km: number } {
    const count = positions.length >> 1;
    if (count === 0) return { index: -1, km: 0 };
    const bounds = new Float64Array(count);
    let first = 0;
    for (let i = 0; i < count; i++) {
      bounds[i] = this.upperBoundKm(positions[2 * i]!, positions[2 * i + 1]!);
      if (bounds[i]! > bounds[first]!) first = i;
    }
    let index = first;
    let km = this.km(positions[2 * first]!, positions[2 * first + 1]!);
    for (let i = 0; i < count; i++) {
      if (i === first || bounds[i]! <= km) continue;
      const distance = this.km(positions[2 * i]!, positions[2 * i + 1]!);
      if (distance > km) (index = i), (km = distance);
    }
    return { index, km };
  }
}
