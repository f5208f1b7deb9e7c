// Z and M values dropped, for every reader: the plan is drawn flat, and a
// third value would be taken for nothing else (readers say what they dropped).
import type { Geometry } from 'geojson';

export function flatGeometry(geometry: Geometry): Geometry {
  const flat = (position: number[]) => (position.length > 2 ? position.slice(0, 2) : position);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: flat(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(flat) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((line) => line.map(flat)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(flat))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map(flatGeometry) };
  }
}
