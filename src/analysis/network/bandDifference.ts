// The area within the budget gained and lost between two scenarios: the
// outer isochrone bands' difference both ways. Bands of a city-wide run hold
// hundreds of thousands of vertices, so this runs in the analysis worker, on
// Clipper2's integer engine (dissolve.ts), not Turf's floating-point one.
//
// Most of two scenarios' bands are the same polygons: the contour cache
// (grid.ts) re-uses a cluster's polygons when its minutes did not change, so
// an edit changes a few clusters of a city-wide band. Only what differs goes
// through the sweep: a polygon found on the other side too lies inside it
// (nothing of it is gained or lost), and the other side's polygons whose box
// misses every remaining polygon's box cannot cut them.
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { differencePolygons } from '../dissolve';
import { bandKm2 } from './grid';

export interface BandDifference {
  /** Within the budget in B only / in A only (lon/lat), null when empty. */
  gained: MultiPolygon | null;
  lost: MultiPolygon | null;
  /** Their geodesic areas, km² to 0.01 (as the bands' own areas). */
  gainedKm2: number;
  lostKm2: number;
}

type Rings = Position[][];

const asMulti = (geometry: Polygon | MultiPolygon | null): MultiPolygon | null =>
  geometry === null ? null : geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;

/** A cheap key under which equal polygons meet (samePolygon decides): ring lengths and the first vertex. */
function polygonKey(rings: Rings): string {
  const first = rings[0]?.[0];
  return `${rings.map((ring) => ring.length).join(',')}:${first?.[0]},${first?.[1]}`;
}

function samePolygon(p: Rings, q: Rings): boolean {
  if (p.length !== q.length) return false;
  for (let r = 0; r < p.length; r++) {
    const a = p[r]!;
    const b = q[r]!;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  }
  return true;
}

/** The outer ring's box (holes lie inside it). */
function boxOf(rings: Rings): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  const outer = rings[0] ?? [];
  for (let i = 0; i < outer.length; i++) {
    const x = outer[i]![0]!;
    const y = outer[i]![1]!;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  return [west, south, east, north];
}

/** x minus y; a side without a band (nothing reached) takes nothing away and leaves nothing over. */
function only(x: MultiPolygon | null, y: MultiPolygon | null): MultiPolygon | null {
  if (!x || x.coordinates.length === 0) return null;
  if (!y || y.coordinates.length === 0) return x;
  const inY = new Map<string, Rings[]>();
  for (const polygon of y.coordinates) {
    const key = polygonKey(polygon);
    const list = inY.get(key);
    if (list) list.push(polygon);
    else inY.set(key, [polygon]);
  }
  const rest = x.coordinates.filter((polygon) => !inY.get(polygonKey(polygon))?.some((other) => samePolygon(polygon, other)));
  if (rest.length === 0) return null;
  const index = new Flatbush(rest.length);
  for (const polygon of rest) index.add(...boxOf(polygon));
  index.finish();
  const near = y.coordinates.filter((polygon) => index.search(...boxOf(polygon)).length > 0);
  const remaining: MultiPolygon = { type: 'MultiPolygon', coordinates: rest };
  return near.length === 0 ? remaining : asMulti(differencePolygons(remaining, { type: 'MultiPolygon', coordinates: near }));
}

/** The outer bands of A and B: what B reaches and A does not (gained), and the other way round (lost). */
export function bandDifference(a: MultiPolygon | null, b: MultiPolygon | null): BandDifference {
  const gained = only(b, a);
  const lost = only(a, b);
  return { gained, lost, gainedKm2: gained ? bandKm2(gained) : 0, lostKm2: lost ? bandKm2(lost) : 0 };
}
