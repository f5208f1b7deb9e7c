// The .shp and .shx of one Shapefile (ESRI Shapefile Technical Description,
// 1998): 2-D shapes of one type per file — Point (1), PolyLine (3), Polygon
// (5), MultiPoint (8) — plus null shapes (0) for features without a
// position. Polygon rings follow the spec: outer rings clockwise, holes
// counter-clockwise (the reverse of RFC 7946's GeoJSON), all rings of a
// multi-polygon in one record. Pure.
import type { Position } from 'geojson';

export const SHAPE_TYPE = { null: 0, point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;
export type ShapeKind = Exclude<keyof typeof SHAPE_TYPE, 'null'>;

/** One record's shape in output coordinates: a point, a list of points, or parts (lines or rings). */
export type Shape = { kind: 'point'; point: Position } | { kind: 'multipoint'; points: Position[] } | { kind: 'polyline' | 'polygon'; parts: Position[][] } | null;

/** Twice the signed area: positive when the ring runs counter-clockwise (x east, y north). */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return sum;
}

/** Rings of polygons (GeoJSON order: each polygon's exterior then its holes) as Shapefile parts. */
export function polygonParts(polygons: readonly (readonly Position[][])[]): Position[][] {
  return polygons.flatMap((rings) =>
    rings.map((ring, index) => {
      const clockwise = signedArea(ring) < 0;
      const wantClockwise = index === 0;
      return clockwise === wantClockwise ? [...ring] : [...ring].reverse();
    }),
  );
}

function contentLength(shape: Shape): number {
  if (shape === null) return 4;
  if (shape.kind === 'point') return 20;
  if (shape.kind === 'multipoint') return 40 + 16 * shape.points.length;
  return 44 + 4 * shape.parts.length + 16 * shape.parts.reduce((sum, part) => sum + part.length, 0);
}

const positionsOfShape = (shape: Shape): Position[] =>
  shape === null ? [] : shape.kind === 'point' ? [shape.point] : shape.kind === 'multipoint' ? shape.points : shape.parts.flat();

function box(positions: readonly Position[]): [number, number, number, number] {
  if (positions.length === 0) return [0, 0, 0, 0];
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of positions) {
    xmin = Math.min(xmin, x!);
    ymin = Math.min(ymin, y!);
    xmax = Math.max(xmax, x!);
    ymax = Math.max(ymax, y!);
  }
  return [xmin, ymin, xmax, ymax];
}

function writeHeader(view: DataView, fileBytes: number, shapeType: number, bounds: [number, number, number, number]) {
  view.setInt32(0, 9994); // file code, big-endian
  view.setInt32(24, fileBytes / 2); // file length in 16-bit words, big-endian
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  bounds.forEach((value, index) => view.setFloat64(36 + index * 8, value, true));
}

export function writeShpShx(kind: ShapeKind, shapes: readonly Shape[]): { shp: Uint8Array; shx: Uint8Array } {
  const lengths = shapes.map(contentLength);
  const shpBytes = 100 + lengths.reduce((sum, length) => sum + 8 + length, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * shapes.length);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  const bounds = box(shapes.flatMap(positionsOfShape));
  writeHeader(shpView, shpBytes, SHAPE_TYPE[kind], bounds);
  writeHeader(shxView, shx.length, SHAPE_TYPE[kind], bounds);
  let at = 100;
  shapes.forEach((shape, index) => {
    const length = lengths[index]!;
    shxView.setInt32(100 + index * 8, at / 2);
    shxView.setInt32(104 + index * 8, length / 2);
    shpView.setInt32(at, index + 1); // record numbers start at 1
    shpView.setInt32(at + 4, length / 2);
    let cursor = at + 8;
    const int = (value: number) => (shpView.setInt32(cursor, value, true), (cursor += 4));
    const double = (value: number) => (shpView.setFloat64(cursor, value, true), (cursor += 8));
    const xy = ([x, y]: Position) => (double(x!), double(y!));
    if (shape === null) int(SHAPE_TYPE.null);
    else if (shape.kind === 'point') int(SHAPE_TYPE.point), xy(shape.point);
    else {
      int(SHAPE_TYPE[shape.kind]);
      box(positionsOfShape(shape)).forEach(double);
      if (shape.kind === 'multipoint') {
        int(shape.points.length);
        shape.points.forEach(xy);
      } else {
        int(shape.parts.length);
        int(shape.parts.reduce((sum, part) => sum + part.length, 0));
        let first = 0;
        for (const part of shape.parts) int(first), (first += part.length);
        shape.parts.forEach((part) => part.forEach(xy));
      }
    }
    at += 8 + length;
  });
  return { shp, shx };
}
