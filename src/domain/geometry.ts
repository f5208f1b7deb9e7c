// Small geometry helpers shared by the map and the tests.
import { bbox, booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

export type BBox2D = [number, number, number, number];

export function bboxOf(collection: FeatureCollection): BBox2D {
  const [west, south, east, north] = bbox(collection);
  return [west, south, east, north];
}

/** Where to write a polygon's name: its centre of mass when that lies inside, else a point surely inside. */
export function labelPointOf(feature: Feature<Polygon | MultiPolygon>): Position {
  const centre = centerOfMass(feature);
  if (booleanPointInPolygon(centre, feature)) return centre.geometry.coordinates;
  return pointOnFeature(feature).geometry.coordinates;
}

export function pointFeature<P>(coordinates: Position, properties: P): Feature<Point, P> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}
