// "Is this point inside the city?" for hundreds of thousands of points: the
// outline's edges are bucketed by latitude band once, so each point is tested
// (even–odd ray casting) only against the few edges crossing its band instead
// of every vertex of the outline. Same answer as Turf's booleanPointInPolygon
// off the boundary (tests/unit/analysis/outlineIndex.test.ts).
import type { Feature, MultiPolygon, Polygon } from 'geojson';

const BANDS = 512;

export class OutlineIndex {
  private readonly south: number;
  private readonly north: number;
  private readonly west: number;
  private readonly east: number;
  private readonly bandHeight: number;
  /** Per band, the edges (x1, y1, x2, y2 flattened) that cross it. */
  private readonly bands: Float64Array[];

  constructor(outline: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon) {
    const geometry = 'geometry' in outline ? outline.geometry : outline;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const edges: number[] = [];
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons)
      for (const ring of polygon)
        for (let i = 0; i + 1 < ring.length; i++) {
          const [x1, y1] = ring[i] as [number, number];
          const [x2, y2] = ring[i + 1] as [number, number];
          edges.push(x1, y1, x2, y2);
          west = Math.min(west, x1);
          east = Math.max(east, x1);
          south = Math.min(south, y1);
          north = Math.max(north, y1);
        }
    this.west = west;
    this.east = east;
    this.south = south;
    this.north = north;
    this.bandHeight = (north - south) / BANDS || 1;
    const lists: number[][] = Array.from({ length: BANDS }, () => []);
    for (let e = 0; e < edges.length; e += 4) {
      const y1 = edges[e + 1]!;
      const y2 = edges[e + 3]!;
      const from = this.bandOf(Math.min(y1, y2));
      const to = this.bandOf(Math.max(y1, y2));
      for (let band = from; band <= to; band++) lists[band]!.push(edges[e]!, y1, edges[e + 2]!, y2);
    }
    this.bands = lists.map((list) => Float64Array.from(list));
  }

  private bandOf(lat: number): number {
    return Math.min(BANDS - 1, Math.max(0, Math.floor((lat - this.south) / this.bandHeight)));
  }

  contains(lng: number, lat: number): boolean {
    if (!(lng >= this.west && lng <= this.east && lat >= this.south && lat <= this.north)) return false;
    const edges = this.bands[this.bandOf(lat)]!;
    let inside = false;
    for (let e = 0; e < edges.length; e += 4) {
      const x1 = edges[e]!;
      const y1 = edges[e + 1]!;
      const x2 = edges[e + 2]!;
      const y2 = edges[e + 3]!;
      if (y1 > lat !== y2 > lat && lng < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }

  /** 1 where (lng[i], lat[i]) lies inside, else 0. */
  containsAll(lng: Float64Array, lat: Float64Array): Uint8Array {
    const inside = new Uint8Array(lng.length);
    for (let i = 0; i < lng.length; i++) inside[i] = this.contains(lng[i]!, lat[i]!) ? 1 : 0;
    return inside;
  }
}
