// What every raster tile kind shares: one raster source from a URL list and
// one raster layer with the record's opacity and grey setting. Imagery goes
// beneath the plan layers; annotation tiles (天地图's 注记) above them.
import type { LayerSpecification, RasterSourceSpecification } from 'maplibre-gl';
import type { BasemapSource } from '../../../domain/basemap';
import type { TileTemplate, TemplateResult } from '../../../domain/tileTemplates';
import type { BasemapAccess } from '../../../domain/basemap';
import type { BasemapKind, BasemapStyleParts } from '../kind';

export const RASTER_SOURCE_ID = 'tiles';
export const RASTER_LAYER_ID = 'raster';

/** Raster paint from the record: opacity, and grey for presenting (saturation −1). */
export function rasterPaint(source: BasemapSource) {
  return { 'raster-opacity': source.opacity ?? 1, 'raster-saturation': source.muted ? -1 : 0, 'raster-fade-duration': 0 };
}

export function rasterParts(
  source: BasemapSource,
  tiles: TileTemplate,
  options: { tileSize?: number; slot?: 'base' | 'labels'; bounds?: [number, number, number, number] } = {},
): BasemapStyleParts {
  const spec: RasterSourceSpecification = {
    type: 'raster',
    tiles: tiles.tiles,
    scheme: tiles.scheme,
    tileSize: options.tileSize ?? 256,
    minzoom: source.minZoom,
    maxzoom: source.maxZoom,
    ...(options.bounds && { bounds: options.bounds }),
  };
  const layer: LayerSpecification = { id: RASTER_LAYER_ID, type: 'raster', source: RASTER_SOURCE_ID, paint: rasterPaint(source) };
  return {
    sources: { [RASTER_SOURCE_ID]: spec },
    base: options.slot === 'labels' ? [] : [layer],
    labels: options.slot === 'labels' ? [layer] : [],
  };
}

export const NO_PARTS: BasemapStyleParts = { sources: {}, base: [], labels: [] };

export const tileSizeOf = (value: unknown) => (value === 512 ? 512 : 256);

/**
 * A kind whose records carry a tile URL template (XYZ, WMTS): its request URLs
 * and style parts come from the template; `accessProblem` may check more first.
 */
export function templateKind(
  kind: string,
  templateOf: (access: BasemapAccess) => TemplateResult,
  moreProblems: (access: BasemapAccess) => ReturnType<BasemapKind['accessProblem']> = () => null,
): BasemapKind {
  return {
    kind,
    accessProblem: (access) => {
      const problem = moreProblems(access);
      if (problem) return problem;
      const read = templateOf(access);
      return read.ok ? null : read.reason;
    },
    requestUrls: (source) => {
      const read = templateOf(source.access);
      return read.ok ? read.value.tiles : [];
    },
    styleParts: (source) => {
      const read = templateOf(source.access);
      return read.ok ? rasterParts(source, read.value, { tileSize: tileSizeOf(source.access.tileSize), slot: source.access.overlay === true ? 'labels' : 'base' }) : NO_PARTS;
    },
  };
}
