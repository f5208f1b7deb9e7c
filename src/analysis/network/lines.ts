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

/**
 * The most segments (consecutive position pairs) a network layer may have.
 * Measured (`npm run bench -- --roads [--cells 999]`, a synthetic lattice, a
 * shared 2-core machine): a million segments run in the worker in about 13 s
 * with progress, about 0.66 GB at the peak; two million in about 18 s, about
 * 1.3 GB. Past that a worker risks running out of memory, which takes the tab
 * with it: refused before anything is sent.
 */
export const MAX_NETWORK_SEGMENTS = 2_000_000;

/** The lines, or a clear refusal when the layer has none or more segments than the network analysis takes. */
export function requireRoadLines(features: readonly Pick<Feature<Geometry | null>, 'geometry' | 'properties'>[], name: string): RoadLine[] {
  const { lines, notLines } = roadLinesOf(features);
  let segments = 0;
  for (const line of lines) segments += Math.max(0, line.coordinates.length - 1);
  if (segments > MAX_NETWORK_SEGMENTS) {
    const count = segments.toLocaleString('en-US');
    const limit = MAX_NETWORK_SEGMENTS.toLocaleString('en-US');
    throw new NetworkInputError({
      zh: `“${name}”有 ${count} 条线段，超过路网分析的上限 ${limit} 条：请把道路裁剪到研究范围，或按区县拆分后选择其中一部分作为路网。`,
      en: `"${name}" has ${count} segments, more than the ${limit} network analysis takes: clip the roads to the study area, or split them by county and choose one part as the network.`,
    });
  }
  if (lines.length > 0) return lines;
  const text: LocalizedText = {
    zh: `“${name}”中没有线要素（${features.length} 个要素，${notLines} 个不是线）：路网分析需要道路线图层（LineString/MultiLineString）。`,
    en: `"${name}" has no line features (${features.length} features, ${notLines} not lines): network analysis needs a road line layer (LineString/MultiLineString).`,
  };
  throw new NetworkInputError(text);
}
