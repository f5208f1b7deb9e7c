// Small planar clipping kit (in lng/lat, the same plane turf's boolean ops
// use) for areas that must be fast: Sutherland–Hodgman against convex
// windows. Clipping a non-convex ring against a convex window can leave
// zero-width "bridges" along the window's edge; they add no area, so these
// helpers are used for areas only, never for geometry that gets drawn.
import { DEG, EARTH_RADIUS_METERS, type Bbox, type Position2 } from './geodesy';

/** a·x + b·y ≤ c */
export interface HalfPlane {
  a: number;
  b: number;
  c: number;
}

/** Open ring (no repeated closing position). */
export type OpenRing = Position2[];

export function openRing(closed: readonly (readonly number[])[]): OpenRing {
  const ring = closed.map((p) => [p[0]!, p[1]!] as Position2);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  return ring;
}

export function clipByHalfPlane(ring: OpenRing, { a, b, c }: HalfPlane): OpenRing {
  const out: OpenRing = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const sp = a * p[0] + b * p[1] - c;
    const sq = a * q[0] + b * q[1] - c;
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

export function clipByHalfPlanes(ring: OpenRing, planes: readonly HalfPlane[]): OpenRing {
  let out = ring;
  for (const plane of planes) {
    if (out.length < 3) return [];
    out = clipByHalfPlane(out, plane);
  }
  return out.length < 3 ? [] : out;
}

export function bboxHalfPlanes([minX, minY, maxX, maxY]: Bbox): HalfPlane[] {
  return [
    { a: -1, b: 0, c: -minX },
    { a: 1, b: 0, c: maxX },
    { a: 0, b: -1, c: -minY },
    { a: 0, b: 1, c: maxY },
  ];
}

function signedPlanarArea(ring: OpenRing): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum / 2;
}

/** The inside of a convex ring as half-planes, whatever its winding. */
export function convexHalfPlanes(ring: OpenRing): HalfPlane[] {
  const sign = signedPlanarArea(ring) >= 0 ? 1 : -1; // +1: counter-clockwise, inside on the left
  const planes: HalfPlane[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    if (p[0] === q[0] && p[1] === q[1]) continue;
    // Left of p→q: (q−p) × (x−p) ≥ 0  ⇔  a·x + b·y ≤ c
    const a = sign * (q[1] - p[1]);
    const b = -sign * (q[0] - p[0]);
    planes.push({ a, b, c: a * p[0] + b * p[1] });
  }
  return planes;
}

/** turf.area's spherical ring formula on an open ring, unsigned, in m². */
export function ringAreaM2(ring: OpenRing): number {
  const n = ring.length;
  if (n < 3) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lower = ring[i]!;
    const middle = ring[(i + 1) % n]!;
    const upper = ring[(i + 2) % n]!;
    total += (upper[0] - lower[0]) * DEG * Math.sin(middle[1] * DEG);
  }
  return Math.abs((total * EARTH_RADIUS_METERS * EARTH_RADIUS_METERS) / 2);
}

export function ringBbox(ring: OpenRing): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

/** Even–odd ray cast. */
export function ringContains(ring: OpenRing, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
