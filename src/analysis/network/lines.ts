// Road lines out of any feature list (an imported layer, a GeoJSON file read
// by the import): LineStrings as they are, MultiLineStrings as their parts.
// Points and polygons are counted, not used, so the planner hears why a layer
// gave no network.
import type { Feature, Geometry } from 'geojson';
import type { LocalizedText } from '../../i18n/text';
import { NetworkInputError } from './errors';
import type { RoadLine } from './graph';

export interface RoadLines {
  lines: RoadLine[];
  /** Features that are not lines (points, polygons, no geometry). */
  notLines: number;
}

function lineParts(geometry: Geometry | null): (readonly (readonly number[])[])[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(lineParts);
    default:
      return [];
  }
}

export function roadLinesOf(features: readonly Pick<Feature<Geometry | null>, 'geometry' | 'properties'>[]): RoadLines {
  const lines: RoadLine[] = [];
  let notLines = 0;
  for (const feature of features) {
    const parts = lineParts(feature.geometry);
    if (parts.length === 0) notLines++;
    for (const coordinates of parts) lines.push({ coordinates, properties: (feature.properties ?? {}) as Record<string, unknown> });
  }
  return { lines, notLines };
}

/** The lines, or a clear refusal when the layer has none. */
export function requireRoadLines(features: readonly Pick<Feature<Geometry | null>, 'geometry' | 'properties'>[], name: string): RoadLine[] {
  const { lines, notLines } = roadLinesOf(features);
  if (lines.length > 0) return lines;
  const text: LocalizedText = {
    zh: `“${name}”中没有线要素（${features.length} 个要素，${notLines} 个不是线）：路网分析需要道路线图层（LineString/MultiLineString）。`,
    en: `"${name}" has no line features (${features.length} features, ${notLines} not lines): network analysis needs a road line layer (LineString/MultiLineString).`,
  };
  throw new NetworkInputError(text);
}
