// Distance from a target to the nearest facility (and to a given facility),
// over every facility geometry type; see facilityGeometry.ts for the choices.
import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { haversineMeters, type Bbox, type Position2 } from './geodesy';
import { facilityAnchors } from './facilityGeometry';
import { GeoPointIndex } from './pointIndex';
import type { Facility } from './types';

/** Lines and outlines are sampled this densely when no radius suggests a spacing. */
export const DEFAULT_ANCHOR_SPACING_METERS = 100;
/** Up to this many anchors a straight loop beats the tree walk. */
const BRUTE_FORCE_ANCHORS = 48;

interface AreaFacility {
  facility: number;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
}

export class FacilityDistances {
  private readonly index: GeoPointIndex;
  /** anchor index → facility index */
  private readonly owner: Int32Array;
  private readonly anchors: Position2[][];
  private readonly areas: AreaFacility[];

  constructor(
    readonly facilities: readonly Facility[],
    spacingMeters = DEFAULT_ANCHOR_SPACING_METERS,
  ) {
    this.anchors = facilities.map((facility) => facilityAnchors(facility, spacingMeters));
    this.owner = new Int32Array(this.anchors.flatMap((list, facility) => list.map(() => facility)));
    this.index = new GeoPointIndex(this.anchors.flat());
    this.areas = facilities.flatMap((facility, index) =>
      facility.geometry.type === 'Polygon' || facility.geometry.type === 'MultiPolygon'
        ? [{ facility: index, geometry: facility.geometry, bbox: turfBbox(facility.geometry) as Bbox }]
        : [],
    );
  }

  /** Nearest facility (index into `facilities`) and its distance in metres; null when there are none. */
  nearest(lng: number, lat: number): { facility: number; meters: number } | null {
    const inside = this.areas.length > 0 ? this.areas.find((area) => this.contains(area, lng, lat)) : undefined;
    if (inside) return { facility: inside.facility, meters: 0 };
    const hit = this.index.nearest(lng, lat);
    return hit && { facility: this.owner[hit.index]!, meters: hit.meters };
  }

  /**
   * Nearest-facility metres for every position at once, into `meters` (NaN
   * when there are no facilities). The same answers as `nearest()` one by
   * one: a few anchors are ranked by a plain loop over typed arrays (no tree
   * walk, no allocation per target), more by the k-d tree.
   */
  nearestAll(lng: Float64Array, lat: Float64Array, meters: Float64Array, control?: { checkpoint(i: number): void }): void {
    const n = lng.length;
    if (this.index.size === 0) {
      meters.fill(NaN);
      return;
    }
    if (this.areas.length > 0 || this.index.size > BRUTE_FORCE_ANCHORS) {
      for (let i = 0; i < n; i++) {
        control?.checkpoint(i);
        meters[i] = this.nearest(lng[i]!, lat[i]!)!.meters;
      }
      return;
    }
    this.index.nearestAllBrute(lng, lat, meters, control);
  }

  /** Distance from a position to one facility, in metres. */
  distanceTo(facility: number, lng: number, lat: number): number {
    const area = this.areas.find((candidate) => candidate.facility === facility);
    if (area && this.contains(area, lng, lat)) return 0;
    let best = Infinity;
    for (const [aLng, aLat] of this.anchors[facility]!) best = Math.min(best, haversineMeters(lng, lat, aLng, aLat));
    return best;
  }

  private contains(area: AreaFacility, lng: number, lat: number): boolean {
    const [minX, minY, maxX, maxY] = area.bbox;
    return lng >= minX && lng <= maxX && lat >= minY && lat <= maxY && booleanPointInPolygon([lng, lat], area.geometry);
  }
}
