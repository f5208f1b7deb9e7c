// The datum the map is drawn in. The app's data is WGS84 (CGCS2000 lines up
// with it within centimetres) and stays so: edits, analyses and exports never
// see anything else. A basemap in GCJ-02 (AMap, Tencent) is offset from WGS84
// by a few hundred metres in China, so while one is shown everything the app
// draws over it is shifted WGS84 → GCJ-02 for display only, here, with gcoord
// (the same library the GCJ-02 import and export use).
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import type { BasemapCrs } from './basemap';

/** 'wgs84' also stands for CGCS2000: the two agree at map scales. */
export type DisplayDatum = 'wgs84' | 'gcj02';

/** The datum a set of drawn records asks for: GCJ-02 when any of them is GCJ-02. */
export function displayDatumOf(records: readonly { crs: BasemapCrs }[]): DisplayDatum {
  return records.some((record) => record.crs === 'gcj02') ? 'gcj02' : 'wgs84';
}

/** One WGS84 position as drawn on a GCJ-02 basemap (outside China gcoord leaves it as it is, as GCJ-02 does). */
export function wgs84ToGcj02(position: Position): Position {
  const [lng, lat] = gcoord.transform([position[0]!, position[1]!], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return position.length > 2 ? [lng, lat, ...position.slice(2)] : [lng, lat];
}

/** A position on a GCJ-02 map back to WGS84 (a click or a camera on the shifted map). */
export function gcj02ToWgs84(position: Position): Position {
  const [lng, lat] = gcoord.transform([position[0]!, position[1]!], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return position.length > 2 ? [lng, lat, ...position.slice(2)] : [lng, lat];
}

/** A position for display in `datum`; the same array when nothing shifts. */
export function toDisplayPosition(position: Position, datum: DisplayDatum): Position {
  return datum === 'gcj02' ? wgs84ToGcj02(position) : position;
}

type Coordinates = Position | Coordinates[];

function shiftCoordinates(coordinates: Coordinates, shift: (position: Position) => Position): Coordinates {
  return typeof coordinates[0] === 'number' ? shift(coordinates as Position) : (coordinates as Coordinates[]).map((item) => shiftCoordinates(item, shift));
}

/** A new geometry with every position shifted (collections included); null stays null. */
export function shiftGeometry<G extends Geometry | null>(geometry: G, shift: (position: Position) => Position = wgs84ToGcj02): G {
  if (!geometry) return geometry;
  if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((item) => shiftGeometry(item, shift)) } as G;
  return { ...geometry, coordinates: shiftCoordinates(geometry.coordinates as Coordinates, shift) } as G;
}

/** A feature for display: a new object with the shifted geometry, the same properties object (so ids and picking are unchanged). */
export function shiftFeature<F extends Feature<Geometry | null>>(feature: F, shift: (position: Position) => Position = wgs84ToGcj02): F {
  return { ...feature, geometry: shiftGeometry(feature.geometry, shift) };
}

const collectionCache = new WeakMap<object, unknown>();

/**
 * A feature collection (or feature list) for display in `datum`, memoised per
 * input object: deck.gl and MapLibre re-read data only when its object
 * changes, so the same input must give the same shifted object.
 */
export function displayFeatures<T extends FeatureCollection<Geometry | null> | readonly Feature<Geometry | null>[]>(data: T, datum: DisplayDatum): T {
  if (datum === 'wgs84') return data;
  const cached = collectionCache.get(data);
  if (cached) return cached as T;
  const shifted = (Array.isArray(data) ? data.map((feature: Feature<Geometry | null>) => shiftFeature(feature)) : {
    ...(data as FeatureCollection<Geometry | null>),
    features: (data as FeatureCollection<Geometry | null>).features.map((feature) => shiftFeature(feature)),
  }) as T;
  collectionCache.set(data, shifted);
  return shifted;
}

const flatCache = new WeakMap<Float64Array | Float32Array, Float64Array>();

/** Flat [lng, lat, lng, lat, …] positions shifted (imported points as binary data), memoised per array. */
export function displayFlatPositions(positions: Float64Array | Float32Array, size: number, datum: DisplayDatum): Float64Array | Float32Array {
  if (datum === 'wgs84') return positions;
  const cached = flatCache.get(positions);
  if (cached) return cached;
  const shifted = Float64Array.from(positions);
  for (let index = 0; index + 1 < shifted.length; index += size) {
    const [lng, lat] = wgs84ToGcj02([shifted[index]!, shifted[index + 1]!]);
    shifted[index] = lng!;
    shifted[index + 1] = lat!;
  }
  flatCache.set(positions, shifted);
  return shifted;
}
