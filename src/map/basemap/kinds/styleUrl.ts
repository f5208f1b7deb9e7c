// A MapLibre style URL (a vector or raster basemap a provider publishes as
// style.json). The style is read once when the planner adds it
// (src/io/basemap/styleDocument.ts): the record keeps its sources and layers,
// TileJSON resolved to tiles and every key taken out, so the servers it reaches
// are known and checked like any tile source's. Its layers are merged into the
// map under the record's prefix (liveBasemap.ts): labels (symbol layers) into
// the label slot like other basemaps' names, everything else beneath the plan.
// Labels use the local CJK font (the map has no glyph server); icons from the
// style's sprite are not drawn. Keys are put back into tile addresses from
// this browser's key store only, as for 天地图.
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { BasemapAccess, BasemapSource } from '../../../domain/basemap';
import { styleRequestUrls, withKeys, type StoredStyle, type StyleKeys, type StyleLayer } from '../../../io/basemap/styleDocument';
import type { LocalizedText } from '../../../i18n/text';
import type { BasemapKind, BasemapKindContext, BasemapStyleParts } from '../kind';
import { NO_PARTS } from './rasterTiles';

export const STYLE_URL_KIND = 'style-url';

/** Where a style record's keys are kept in this browser's key store. */
export const styleKeysId = (recordId: string) => `style:${recordId}`;

const parsed = new Map<string, StoredStyle | LocalizedText>();

/** The record's stored style, parsed once per text. */
function storedStyleOf(access: BasemapAccess): StoredStyle | LocalizedText {
  const text = typeof access.style === 'string' ? access.style : '';
  let style = parsed.get(text);
  if (!style) {
    try {
      const value = JSON.parse(text) as StoredStyle;
      style =
        value && typeof value.sources === 'object' && Array.isArray(value.layers) && Array.isArray(value.attribution)
          ? value
          : { zh: '底图记录中的样式不完整', en: 'the style kept in the basemap record is incomplete' };
    } catch {
      style = { zh: '底图记录中没有可读的样式', en: 'the basemap record holds no readable style' };
    }
    parsed.set(text, style);
  }
  return style;
}

const isStyle = (value: StoredStyle | LocalizedText): value is StoredStyle => 'layers' in value;

function keysOf(source: BasemapSource, context: BasemapKindContext): StyleKeys | undefined {
  const text = context.keys?.[styleKeysId(source.id)];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as StyleKeys;
  } catch {
    return undefined;
  }
}

const OPACITY_PROPERTIES: Record<string, string[]> = {
  background: ['background-opacity'],
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  symbol: ['text-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  'fill-extrusion': ['fill-extrusion-opacity'],
  raster: ['raster-opacity'],
  heatmap: ['heatmap-opacity'],
  'color-relief': ['color-relief-opacity'],
};

/** A paint value times the record's opacity: numbers and zoom stops are scaled; an expression is left as the style wrote it. */
function scaled(value: unknown, opacity: number): unknown {
  if (value === undefined) return opacity;
  if (typeof value === 'number') return value * opacity;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { stops?: unknown }).stops)) {
    const stops = (value as { stops: [unknown, unknown][] }).stops.map(([zoom, stop]) => [zoom, typeof stop === 'number' ? stop * opacity : stop]);
    return { ...value, stops };
  }
  return value;
}

/** One style layer as the map draws it: record opacity and grey applied, icons left out; null when nothing is left to draw. */
function drawnLayer(layer: StyleLayer, record: BasemapSource): LayerSpecification | null {
  const { metadata: _metadata, ref: _ref, ...rest } = layer;
  const paint = { ...(layer.paint as Record<string, unknown> | undefined) };
  let layout = layer.layout as Record<string, unknown> | undefined;
  if (layer.type === 'symbol') {
    // No sprite is loaded: icons would only be missing-image warnings, so a symbol layer keeps its text, or goes.
    if (!layout?.['text-field']) return null;
    layout = Object.fromEntries(Object.entries(layout).filter(([key]) => !key.startsWith('icon-')));
    for (const key of Object.keys(paint)) if (key.startsWith('icon-')) delete paint[key];
  }
  const opacity = record.opacity ?? 1;
  if (opacity !== 1) for (const property of OPACITY_PROPERTIES[layer.type] ?? []) paint[property] = scaled(paint[property], opacity);
  if (layer.type === 'raster' && record.muted) paint['raster-saturation'] = -1;
  return { ...rest, ...(layout && { layout }), paint } as unknown as LayerSpecification;
}

export const styleUrlKind: BasemapKind = {
  kind: STYLE_URL_KIND,
  accessProblem: (access) => {
    if (typeof access.styleUrl !== 'string' || !/^https?:\/\//i.test(access.styleUrl)) return { zh: '缺少样式地址（http/https）', en: 'missing the style address (http/https)' };
    const style = storedStyleOf(access);
    return isStyle(style) ? null : style;
  },
  requestUrls: (source) => {
    const style = storedStyleOf(source.access);
    return isStyle(style) ? styleRequestUrls(String(source.access.styleUrl), style) : [];
  },
  styleParts: (source, context): BasemapStyleParts => {
    const style = storedStyleOf(source.access);
    if (!isStyle(style)) return NO_PARTS;
    const keys = keysOf(source, context);
    const sources = Object.fromEntries(
      Object.entries(style.sources).map(([id, spec]) => {
        const live: Record<string, unknown> = { ...spec };
        if (Array.isArray(live.tiles)) live.tiles = live.tiles.map((tile) => withKeys(String(tile), keys));
        if (typeof live.data === 'string') live.data = withKeys(live.data, keys);
        // The credit is the record's (the map's credit line and the PNG sheet take it from there).
        delete live.attribution;
        return [id, live as unknown as SourceSpecification];
      }),
    );
    const base: LayerSpecification[] = [];
    const labels: LayerSpecification[] = [];
    for (const layer of style.layers) {
      const drawn = drawnLayer(layer, source);
      if (drawn) (drawn.type === 'symbol' ? labels : base).push(drawn);
    }
    return { sources, base, labels };
  },
};
