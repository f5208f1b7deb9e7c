// The study area prepared for repeated "how much of this shape lies in each
// county" questions: rings, bboxes and one flatbush index over every boundary
// segment. A shape whose bbox meets no boundary segment lies wholly inside or
// outside each region, which one point-in-polygon test settles; only shapes
// that straddle a boundary pay for clipping.
import { area as turfArea, intersect, featureCollection, feature } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  bboxHalfPlanes,
  clipByHalfPlanes,
  convexHalfPlanes,
  openRing,
  ringAreaM2,
  ringBbox,
  ringContains,
  type OpenRing,
} from './clip';
import type { Paths64 } from 'clipper2-ts';
import { intersectPolygons, toPaths64 } from './dissolve';
import { bboxesOverlap, type Bbox } from './geodesy';
import type { StudyArea } from './types';

export interface Region {
  adcode: string | null; // null: the whole city outline
  name_zh: string;
  name_en: string;
  geometry: Polygon | MultiPolygon;
  polygons: { outer: OpenRing; holes: OpenRing[] }[];
  bbox: Bbox;
  areaKm2: number;
}

export class PreparedRegions {
  /** Outline first, then the counties: the order of every per-region array. */
  readonly regions: Region[];
  private readonly segments: Flatbush | null;
  private readonly segmentRegion: Int32Array;
  /** The outline as Clipper paths, made on first use. */
  private outlinePaths: Paths64 | null = null;

  constructor(studyArea: StudyArea) {
    const outlineProps = studyArea.outline.properties as { name_zh?: string; name_en?: string } | null;
    const sources = [
      { adcode: null, name_zh: outlineProps?.name_zh ?? '全市', name_en: outlineProps?.name_en ?? 'Whole city', geometry: studyArea.outline.geometry },
      ...studyArea.counties,
    ];
    this.regions = sources.map((source) => {
      const polygons = (source.geometry.type === 'Polygon' ? [source.geometry.coordinates] : source.geometry.coordinates).map(
        (rings) => ({ outer: openRing(rings[0] ?? []), holes: rings.slice(1).map(openRing) }),
      );
      const bbox = polygons.map((p) => ringBbox(p.outer)).reduce(unionBbox, [Infinity, Infinity, -Infinity, -Infinity] as Bbox);
      return { ...source, polygons, bbox, areaKm2: turfArea(source.geometry) / 1e6 };
    });
    this.crossedStamp = new Int32Array(this.regions.length);
    const boxes: Bbox[] = [];
    const owners: number[] = [];
    this.regions.forEach((region, r) =>
      region.polygons.forEach((polygon) =>
        [polygon.outer, ...polygon.holes].forEach((ring) =>
          ring.forEach((p, i) => {
            const q = ring[(i + 1) % ring.length]!;
            boxes.push([Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])]);
            owners.push(r);
          }),
        ),
      ),
    );
    this.segmentRegion = new Int32Array(owners);
    if (boxes.length === 0) {
      this.segments = null;
      return;
    }
    this.segments = new Flatbush(boxes.length);
    for (const box of boxes) this.segments.add(...box);
    this.segments.finish();
  }

  /** Regions whose boundary passes through `bbox`. */
  crossedBy(bbox: Bbox): Set<number> {
    const crossed = new Set<number>();
    if (this.segments) for (const s of this.segments.search(...bbox)) crossed.add(this.segmentRegion[s]!);
    return crossed;
  }

  contains(region: number, x: number, y: number): boolean {
    return this.regions[region]!.polygons.some((p) => ringContains(p.outer, x, y) && !p.holes.some((h) => ringContains(h, x, y)));
  }

  /** Per region: the query that last found its boundary in a box (addConvexArea runs for every circle piece). */
  private readonly crossedStamp: Int32Array;
  private crossedQuery = 0;
  private readonly markCrossed = (s: number): boolean => {
    this.crossedStamp[this.segmentRegion[s]!] = this.crossedQuery;
    return false;
  };

  /** m² of a convex ring inside each region (added into `into`). */
  addConvexArea(piece: OpenRing, into: Float64Array): void {
    if (piece.length < 3) return;
    const bbox = ringBbox(piece);
    // Which regions' boundaries pass through the piece's box: stamped per region, no Set per piece.
    const query = ++this.crossedQuery;
    this.segments?.search(bbox[0], bbox[1], bbox[2], bbox[3], this.markCrossed);
    let pieceArea: number | null = null;
    for (let r = 0; r < this.regions.length; r++) {
      const region = this.regions[r]!;
      if (!bboxesOverlap(region.bbox, bbox)) continue;
      if (this.crossedStamp[r] !== query) {
        // Wholly inside or outside: any vertex decides. (The bbox meets no boundary segment.)
        if (this.contains(r, piece[0]![0], piece[0]![1])) into[r]! += pieceArea ??= ringAreaM2(piece);
        continue;
      }
      const window = [...bboxHalfPlanes(bbox), ...convexHalfPlanes(piece)];
      for (const polygon of region.polygons) {
        into[r]! += ringAreaM2(clipByHalfPlanes(polygon.outer, window));
        for (const hole of polygon.holes) into[r]! -= ringAreaM2(clipByHalfPlanes(hole, window));
      }
    }
  }

  /** m² of any (multi)polygon inside each region: exact boolean intersection, for non-convex shapes. */
  addArea(geometry: Polygon | MultiPolygon, bbox: Bbox, into: Float64Array): void {
    const crossed = this.crossedBy(bbox);
    const first = geometry.type === 'Polygon' ? geometry.coordinates[0]?.[0] : geometry.coordinates[0]?.[0]?.[0];
    let shapeArea: number | null = null;
    this.regions.forEach((region, r) => {
      if (!bboxesOverlap(region.bbox, bbox)) return;
      if (!crossed.has(r)) {
        if (first && this.contains(r, first[0]!, first[1]!)) into[r]! += shapeArea ??= turfArea(geometry);
        return;
      }
      const overlap = intersect(featureCollection([feature(geometry), feature(region.geometry)]));
      if (overlap) into[r]! += turfArea(overlap);
    });
  }

  /** The part of a shape inside the outline (region 0), for drawing: null when none. */
  clipToOutline(geometry: Polygon | MultiPolygon, bbox: Bbox): Polygon | MultiPolygon | null {
    const outline = this.regions[0]!;
    if (!bboxesOverlap(outline.bbox, bbox)) return null;
    if (!this.crossedBy(bbox).has(0)) {
      const first = geometry.type === 'Polygon' ? geometry.coordinates[0]?.[0] : geometry.coordinates[0]?.[0]?.[0];
      return first && this.contains(0, first[0]!, first[1]!) ? geometry : null;
    }
    this.outlinePaths ??= toPaths64(outline.geometry);
    return intersectPolygons(geometry, this.outlinePaths, bbox);
  }
}

function unionBbox(a: Bbox, b: Bbox): Bbox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

const prepared = new WeakMap<StudyArea, PreparedRegions>();
let nextStudyAreaId = 1;
const studyAreaIds = new WeakMap<StudyArea, number>();

/** Prepared once per StudyArea object; keep passing the same object to reuse it. */
export function prepareRegions(studyArea: StudyArea): PreparedRegions {
  let regions = prepared.get(studyArea);
  if (!regions) prepared.set(studyArea, (regions = new PreparedRegions(studyArea)));
  return regions;
}

/** A number that identifies a StudyArea object in cache keys. */
export function studyAreaId(studyArea: StudyArea): number {
  let id = studyAreaIds.get(studyArea);
  if (id === undefined) studyAreaIds.set(studyArea, (id = nextStudyAreaId++));
  return id;
}
