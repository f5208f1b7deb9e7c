// Nearest-point queries on lng/lat points, in haversine metres. Why not
// geokdbush.around: it costs ≈ 3.5 µs a query here (a priority queue per
// call), 170 ms for 50,000 targets, which alone would eat the coverage budget.
// Instead a kdbush tree holds the points in a local equirectangular plane
// (metres) and a branch-and-bound walk ranks points by the local distance.
// The plane's east–west scale is exact only at its reference latitude, so
// subtree bounds are shrunk by the worst scale error over the latitudes
// involved: pruning never drops the true nearest point.
import KDBush from 'kdbush';
import { DEG, EARTH_RADIUS_METERS, haversineMeters } from './geodesy';

const METERS_PER_DEGREE = EARTH_RADIUS_METERS * DEG;
/** Spherical vs planar differences at city scale are far below this. */
const SAFETY = 1e-3;
/** Small leaves: each visited point costs a distance, the tree walk is cheap. */
const NODE_SIZE = 8;

export class GeoPointIndex {
  readonly size: number;
  private readonly tree: KDBush;
  private readonly lngs: Float64Array;
  private readonly lats: Float64Array;
  private readonly cosLats: Float64Array;
  private readonly cosRef: number;
  private readonly minLat: number;
  private readonly maxLat: number;
  /** Reused across queries: nearest() allocates nothing but its answer. */
  private readonly stack: number[] = new Array(256).fill(0);

  constructor(points: readonly (readonly [number, number])[]) {
    this.size = points.length;
    this.lngs = new Float64Array(points.map((p) => p[0]));
    this.lats = new Float64Array(points.map((p) => p[1]));
    this.cosLats = this.lats.map((lat) => Math.cos(lat * DEG));
    this.minLat = Math.min(...this.lats);
    this.maxLat = Math.max(...this.lats);
    this.cosRef = Math.cos(((this.minLat + this.maxLat) / 2) * DEG) || 1;
    this.tree = new KDBush(Math.max(1, points.length), NODE_SIZE);
    for (const p of points) this.tree.add(...this.project(p[0], p[1]));
    if (points.length === 0) this.tree.add(0, 0); // kdbush needs one item; size guards every query
    this.tree.finish();
  }

  /**
   * Nearest point: its index and haversine metres, or null when the index is
   * empty. Candidates are ranked by the equirectangular distance with the
   * pair's mean cos(latitude) (relative error < 1e-5 at city scale, no trig in
   * the loop); the winner's distance is then the exact haversine.
   */
  nearest(lng: number, lat: number): { index: number; meters: number } | null {
    if (this.size === 0) return null;
    const [qx, qy] = this.project(lng, lat);
    const low = this.lowScale(lat);
    const low2 = low * low;
    const { ids, coords, nodeSize } = this.tree;
    const lngs = this.lngs;
    const lats = this.lats;
    const cosLats = this.cosLats;
    const cosQuery = Math.cos(lat * DEG);
    let bestId = -1;
    let best2 = Infinity;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    stack[top++] = ids.length - 1;
    stack[top++] = 0;
    stack[top++] = 0;
    while (top > 0) {
      const bound = stack[--top]!;
      const axis = stack[--top]!;
      const right = stack[--top]!;
      const left = stack[--top]!;
      // bound is a planar d²; true distances are at least low × planar ones.
      if (bound * low2 >= best2) continue;
      const leaf = right - left <= nodeSize;
      const from = leaf ? left : (left + right) >> 1;
      const to = leaf ? right : from;
      for (let slot = from; slot <= to; slot++) {
        const id = ids[slot]!;
        const dx = (lngs[id]! - lng) * ((cosLats[id]! + cosQuery) / 2) * METERS_PER_DEGREE;
        const dy = (lats[id]! - lat) * METERS_PER_DEGREE;
        const d2 = dx * dx + dy * dy;
        if (d2 < best2 || (d2 === best2 && id < bestId)) {
          best2 = d2;
          bestId = id;
        }
      }
      if (leaf) continue;
      const delta = (axis === 0 ? qx : qy) - coords[2 * from + axis]!;
      const farBound = Math.max(bound, delta * delta);
      const nextAxis = 1 - axis;
      if (top + 8 > stack.length) stack.length = top + 64;
      // Far side pushed first so the near side is searched first (LIFO).
      if (delta < 0) {
        stack[top++] = from + 1; stack[top++] = right; stack[top++] = nextAxis; stack[top++] = farBound;
        stack[top++] = left; stack[top++] = from - 1; stack[top++] = nextAxis; stack[top++] = bound;
      } else {
        stack[top++] = left; stack[top++] = from - 1; stack[top++] = nextAxis; stack[top++] = farBound;
        stack[top++] = from + 1; stack[top++] = right; stack[top++] = nextAxis; stack[top++] = bound;
      }
    }
    return { index: bestId, meters: haversineMeters(lng, lat, lngs[bestId]!, lats[bestId]!) };
  }

  /**
   * nearest() for many query points over every indexed point, without the
   * tree: the same ranking (local equirectangular distance, lowest index on a
   * tie) and the same exact haversine for the winner, so the same answers.
   * Worth it for a few dozen points; `meters[i]` gets query i's distance.
   */
  nearestAllBrute(lngs: Float64Array, latsQ: Float64Array, meters: Float64Array, control?: { checkpoint(i: number): void }): void {
    const count = this.size;
    const pLng = this.lngs;
    const pLat = this.lats;
    const pCos = this.cosLats;
    for (let i = 0; i < lngs.length; i++) {
      if ((i & 0x3fff) === 0) control?.checkpoint(i);
      const lng = lngs[i]!;
      const lat = latsQ[i]!;
      const cosQuery = Math.cos(lat * DEG);
      let bestId = 0;
      let best2 = Infinity;
      for (let id = 0; id < count; id++) {
        const dx = (pLng[id]! - lng) * ((pCos[id]! + cosQuery) / 2) * METERS_PER_DEGREE;
        const dy = (pLat[id]! - lat) * METERS_PER_DEGREE;
        const d2 = dx * dx + dy * dy;
        if (d2 < best2) {
          best2 = d2;
          bestId = id;
        }
      }
      // haversineMeters(lng, lat, …) with the cosines already at hand: the same operations, the same bits.
      const sinLat = Math.sin(((pLat[bestId]! - lat) * DEG) / 2);
      const sinLng = Math.sin(((pLng[bestId]! - lng) * DEG) / 2);
      const h = sinLat ** 2 + cosQuery * pCos[bestId]! * sinLng ** 2;
      meters[i] = 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
  }

  private project(lng: number, lat: number): [number, number] {
    return [lng * this.cosRef * METERS_PER_DEGREE, lat * METERS_PER_DEGREE];
  }

  /** Lower bound of local/planar distance ratio for pairs between `lat` and any indexed point. */
  private lowScale(lat: number): number {
    const south = Math.min(lat, this.minLat);
    const north = Math.max(lat, this.maxLat);
    // cos peaks at the equator, so its minimum over a latitude band is at one end. (No helper closure:
    // this runs once per query, and a closure per call showed in the coverage profile.)
    return Math.min(Math.cos(south * DEG) / this.cosRef, Math.cos(north * DEG) / this.cosRef, 1) * (1 - SAFETY);
  }
}
