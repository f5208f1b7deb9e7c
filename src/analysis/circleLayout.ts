// Shared by travel-time circles and coverage: one circle per facility, grouped
// into clusters of overlapping circles. Clusters are disjoint, so the dissolved
// shape is just their unions side by side and the covered area is a sum over
// clusters; an edit re-does only the clusters it touches.
//
// Covered area without a boolean union: in a cluster of equal point circles,
// every covered spot lies in the circle of its nearest centre, so the union is
// the disjoint sum of "circle i ∩ the half-planes nearer to i than to each
// overlapping neighbour" (a convex piece). Those pieces are clipped against the
// counties with convex clipping. Bisectors use the local east–west scale, so
// pieces match the polygon union to well under 0.1 % (tested). Clusters with a
// line or polygon facility fall back to a boolean union + intersect. The drawn
// outline is a Clipper2 union (./dissolve.ts), per cluster and cached.
import { bbox as turfBbox } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { CircleCache } from './cache';
import { openRing, clipByHalfPlanes, type HalfPlane } from './clip';
import { unionPolygons } from './dissolve';
import { checkpointEvery } from './control';
import { circleKey, facilityCircle, hashString } from './facilityGeometry';
import { DEG, haversineMeters, type Bbox, type Position2 } from './geodesy';
import { prepareRegions, studyAreaId, type PreparedRegions } from './regions';
import type { AreaCoverage, Facility, RunControl, StudyArea } from './types';

export interface PreparedCircle {
  facility: Facility;
  key: string;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
  /** Set for point facilities only. */
  centre: Position2 | null;
}

export interface CircleCluster {
  /** Indices into CircleLayout.circles, ordered by circle key (so results do not depend on input order). */
  members: number[];
  key: string;
  /** For point members: overlapping neighbours (indices into circles). */
  neighbours: Map<number, number[]>;
  allPoints: boolean;
  bbox: Bbox;
}

export interface CircleLayout {
  radiusMeters: number;
  circles: PreparedCircle[];
  clusters: CircleCluster[];
  regions: PreparedRegions;
  studyAreaKey: string;
}

export function layoutCircles(
  facilities: readonly Facility[],
  radiusMeters: number,
  studyArea: StudyArea,
  cache: CircleCache,
  control?: RunControl,
): CircleLayout {
  const circles = facilities.map((facility, i): PreparedCircle => {
    checkpointEvery(control, i, facilities.length);
    const key = circleKey(facility, radiusMeters);
    const geometry = cache.circle(key, () => facilityCircle(facility, radiusMeters));
    const centre = facility.geometry.type === 'Point' ? (facility.geometry.coordinates.slice(0, 2) as Position2) : null;
    return { facility, key, geometry, bbox: turfBbox(geometry) as Bbox, centre };
  });
  return {
    radiusMeters,
    circles,
    clusters: clusterCircles(circles, radiusMeters),
    regions: prepareRegions(studyArea),
    studyAreaKey: String(studyAreaId(studyArea)),
  };
}

/** Connected components of "circles overlap": flatbush on bboxes, then an exact test for point pairs. */
function clusterCircles(circles: PreparedCircle[], radiusMeters: number): CircleCluster[] {
  if (circles.length === 0) return [];
  const index = new Flatbush(circles.length);
  for (const c of circles) index.add(...c.bbox);
  index.finish();
  const parent = circles.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const neighbours = new Map<number, number[]>();
  circles.forEach((a, i) => {
    for (const j of index.search(...a.bbox)) {
      if (j <= i) continue;
      const b = circles[j]!;
      if (a.centre && b.centre) {
        if (haversineMeters(a.centre[0], a.centre[1], b.centre[0], b.centre[1]) >= 2 * radiusMeters) continue;
        (neighbours.get(i) ?? neighbours.set(i, []).get(i)!).push(j);
        (neighbours.get(j) ?? neighbours.set(j, []).get(j)!).push(i);
      }
      parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, number[]>();
  circles.forEach((_, i) => (groups.get(root(i)) ?? groups.set(root(i), []).get(root(i))!).push(i));
  return [...groups.values()]
    .map((members) => {
      members.sort((x, y) => (circles[x]!.key < circles[y]!.key ? -1 : circles[x]!.key > circles[y]!.key ? 1 : x - y));
      const bbox = members.reduce<Bbox>(
        (box, m) => {
          const b = circles[m]!.bbox;
          return [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
        },
        [Infinity, Infinity, -Infinity, -Infinity],
      );
      return {
        members,
        key: members.length === 1 ? circles[members[0]!]!.key : hashString(members.map((m) => circles[m]!.key).join('\n')),
        neighbours,
        allPoints: members.every((m) => circles[m]!.centre !== null),
        bbox,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The dissolved shape of one cluster (unclipped). */
export function clusterUnion(layout: CircleLayout, cluster: CircleCluster, cache: CircleCache): Polygon | MultiPolygon {
  const shapes = cluster.members.map((m) => layout.circles[m]!.geometry);
  if (shapes.length === 1) return shapes[0]!;
  return cache.union(cluster.key, () => {
    const merged = unionPolygons(shapes);
    if (!merged) throw new Error('union of overlapping circles came out empty');
    return merged;
  });
}

/** The dissolved shape of one cluster inside the outline, or null. */
export function clippedClusterUnion(layout: CircleLayout, cluster: CircleCluster, cache: CircleCache): Polygon | MultiPolygon | null {
  return cache.clipped(`${cluster.key}|${layout.studyAreaKey}`, () =>
    layout.regions.clipToOutline(clusterUnion(layout, cluster, cache), cluster.bbox),
  );
}

/** Covered m² per region (outline, then counties) of one cluster. */
function clusterAreas(layout: CircleLayout, cluster: CircleCluster, cache: CircleCache): Float64Array {
  return cache.areas(`${cluster.key}|${layout.studyAreaKey}`, () => {
    const into = new Float64Array(layout.regions.regions.length);
    if (!cluster.allPoints) {
      layout.regions.addArea(clusterUnion(layout, cluster, cache), cluster.bbox, into);
      return into;
    }
    for (const m of cluster.members) {
      const piece = nearestPiece(layout, cluster, m);
      layout.regions.addConvexArea(piece, into);
    }
    return into;
  });
}

/** Circle m cut down to where m's centre is the nearest of its overlapping neighbours. */
function nearestPiece(layout: CircleLayout, cluster: CircleCluster, m: number): Position2[] {
  const own = layout.circles[m]!;
  const [xi, yi] = own.centre!;
  const planes: HalfPlane[] = [];
  for (const j of cluster.neighbours.get(m) ?? []) {
    const [xj, yj] = layout.circles[j]!.centre!;
    if (xi === xj && yi === yj) {
      if (j < m) return []; // same spot: the lower index owns the shared circle
      continue;
    }
    // Computed the same way from either side, so the two pieces share one exact edge.
    const [lo, hi] = m < j ? [own.centre!, layout.circles[j]!.centre!] : [layout.circles[j]!.centre!, own.centre!];
    const scale = Math.cos(((lo[1] + hi[1]) / 2) * DEG) ** 2;
    const a = scale * (hi[0] - lo[0]);
    const b = hi[1] - lo[1];
    const c = (scale * (hi[0] * hi[0] - lo[0] * lo[0]) + (hi[1] * hi[1] - lo[1] * lo[1])) / 2;
    planes.push(m < j ? { a, b, c } : { a: -a, b: -b, c: -c });
  }
  const ring = openRing((own.geometry as Polygon).coordinates[0]!);
  return clipByHalfPlanes(ring, planes);
}

/** City and county rows: region areas and the covered part of each. */
export function coveredAreas(layout: CircleLayout, cache: CircleCache, control?: RunControl): AreaCoverage[] {
  const covered = new Float64Array(layout.regions.regions.length);
  layout.clusters.forEach((cluster, i) => {
    checkpointEvery(control, i, layout.clusters.length);
    clusterAreas(layout, cluster, cache).forEach((m2, r) => (covered[r]! += m2));
  });
  return layout.regions.regions.map((region, r) => {
    const coveredKm2 = Math.min(region.areaKm2, covered[r]! / 1e6);
    return {
      adcode: region.adcode,
      name_zh: region.name_zh,
      name_en: region.name_en,
      areaKm2: region.areaKm2,
      coveredKm2,
      share: region.areaKm2 > 0 ? coveredKm2 / region.areaKm2 : 0,
    };
  });
}
