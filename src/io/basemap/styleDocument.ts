// A MapLibre (Mapbox GL v8) style document, read when the planner adds a style
// URL: its sources and layers are checked, relative addresses resolved against
// the style's own address, TileJSON `url`s replaced by the tiles they list (so
// every server the map will reach is known, and checked against the
// deployment's tile origins, before anything is drawn), and keys taken out of
// every address. A key (`key`, `tk`, `token`, `access_token`, `apikey`) stays in
// this browser apart from the record, as 天地图's does, and is put back only
// into the live map's tile addresses (src/map/basemap/kinds/styleUrl.ts).
//
// What is not taken over: the style's sprite (icons) and glyphs (fonts). The app
// draws every label with the local CJK font, its own plan labels included (one
// map, one glyph setting), so a style's labels are drawn in that font and its
// icons are left out; neither address is ever requested.
import type { LocalizedText } from '../../i18n/text';

/** Query parameters that carry a service key. */
const KEY_PARAMETERS = ['key', 'tk', 'token', 'access_token', 'apikey', 'api_key'];
/** Source types the map draws from a style; image and video sources are refused. */
const SOURCE_TYPES = ['vector', 'raster', 'raster-dem', 'geojson'];
const LAYER_TYPES = ['background', 'fill', 'line', 'symbol', 'circle', 'fill-extrusion', 'raster', 'hillshade', 'heatmap', 'color-relief'];

export type StyleSource = Record<string, unknown> & { type: string };
export type StyleLayer = Record<string, unknown> & { id: string; type: string; source?: string };

/** What a record keeps of a style: everything the map draws, with no key in any address. */
export interface StoredStyle {
  name: string;
  sources: Record<string, StyleSource>;
  layers: StyleLayer[];
  /** Credit lines from the sources (HTML removed). */
  attribution: string[];
}

/** Keys taken out of addresses, per origin, as query text (`key=abc`). */
export type StyleKeys = Record<string, string>;

type Read<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };
const fail = (zh: string, en: string): { ok: false; reason: LocalizedText } => ({ ok: false, reason: { zh, en } });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An address without its key parameters, and the parameters taken out (collected per origin into `keys`). */
export function withoutKeys(url: string, keys: StyleKeys = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{/g, '%7B').replace(/\}/g, '%7D'));
  } catch {
    return url;
  }
  const removed = new URLSearchParams();
  for (const name of [...parsed.searchParams.keys()])
    if (KEY_PARAMETERS.includes(name.toLowerCase())) {
      for (const value of parsed.searchParams.getAll(name)) removed.append(name, value);
      parsed.searchParams.delete(name);
    }
  if ([...removed.keys()].length === 0) return url;
  keys[parsed.origin] = removed.toString();
  return parsed.toString().replace(/%7B/g, '{').replace(/%7D/g, '}');
}

/** An address with the keys for its origin put back (the live map's requests only). */
export function withKeys(url: string, keys: StyleKeys | undefined): string {
  if (!keys) return url;
  let origin: string;
  try {
    origin = new URL(url.replace(/\{[^}]*\}/g, '0')).origin;
  } catch {
    return url;
  }
  const query = keys[origin];
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** A style address relative to the style (`tiles/{z}/{x}/{y}.png`) made absolute; placeholders kept. */
export function resolveAddress(address: string, base: string): string {
  try {
    return new URL(address.replace(/\{/g, '%7B').replace(/\}/g, '%7D'), base).toString().replace(/%7B/g, '{').replace(/%7D/g, '}');
  } catch {
    return address;
  }
}

const stripHtml = (text: string) => text.replace(/<[^>]*>/g, '').replace(/&copy;/g, '©').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The style document's name, sources and layers, checked; TileJSON `url`s are listed to be read next. */
export function readStyleDocument(
  json: unknown,
  styleUrl: string,
): Read<{ name: string; sources: Record<string, StyleSource>; layers: StyleLayer[]; tileJsonUrls: Record<string, string> }> {
  if (!isObject(json)) return fail('样式文件不是 JSON 对象', 'the style is not a JSON object');
  if (json.version !== 8) return fail(`样式版本须为 8（MapLibre/Mapbox GL 样式），读到的是 ${String(json.version)}`, `the style version must be 8 (a MapLibre/Mapbox GL style); found ${String(json.version)}`);
  if (!isObject(json.sources)) return fail('样式缺少 sources', 'the style has no sources');
  if (!Array.isArray(json.layers) || json.layers.length === 0) return fail('样式没有图层（layers）', 'the style has no layers');
  const sources: Record<string, StyleSource> = {};
  const tileJsonUrls: Record<string, string> = {};
  for (const [id, value] of Object.entries(json.sources)) {
    if (!isObject(value) || typeof value.type !== 'string') return fail(`数据源“${id}”缺少类型`, `source “${id}” has no type`);
    if (!SOURCE_TYPES.includes(value.type))
      return fail(`数据源“${id}”的类型“${value.type}”不支持（支持 vector、raster、raster-dem、geojson）`, `source “${id}”: type “${value.type}” is not supported (vector, raster, raster-dem, geojson are)`);
    const source: StyleSource = { ...value, type: value.type };
    if (Array.isArray(source.tiles)) source.tiles = source.tiles.map((tile) => resolveAddress(String(tile), styleUrl));
    if (typeof source.data === 'string') source.data = resolveAddress(source.data, styleUrl);
    if (typeof source.url === 'string') {
      if (Array.isArray(source.tiles)) delete source.url;
      else tileJsonUrls[id] = resolveAddress(source.url, styleUrl);
    } else if (source.type !== 'geojson' && !Array.isArray(source.tiles)) return fail(`数据源“${id}”既无 url 也无 tiles`, `source “${id}” has neither url nor tiles`);
    sources[id] = source;
  }
  const layers: StyleLayer[] = [];
  for (const [index, value] of json.layers.entries()) {
    if (!isObject(value) || typeof value.id !== 'string' || typeof value.type !== 'string') return fail(`第 ${index + 1} 个图层缺少 id 或类型`, `layer ${index + 1} has no id or type`);
    if (!LAYER_TYPES.includes(value.type)) return fail(`图层“${value.id}”的类型“${value.type}”不支持`, `layer “${value.id}”: type “${value.type}” is not supported`);
    if (value.type !== 'background' && (typeof value.source !== 'string' || !(value.source in sources)))
      return fail(`图层“${value.id}”引用了不存在的数据源“${String(value.source)}”`, `layer “${value.id}” refers to a source “${String(value.source)}” the style does not have`);
    layers.push(value as StyleLayer);
  }
  let host = styleUrl;
  try {
    host = new URL(styleUrl).hostname;
  } catch {
    // The caller checked the address; the name falls back to it as written.
  }
  const name = typeof json.name === 'string' && json.name.trim() ? json.name.trim() : host;
  return { ok: true, value: { name, sources, layers, tileJsonUrls } };
}

/** A TileJSON document's tiles and zoom range, taken into the style's source (so the map never reads the TileJSON itself). */
export function inlineTileJson(source: StyleSource, tileJson: unknown, tileJsonUrl: string): Read<StyleSource> {
  if (!isObject(tileJson) || !Array.isArray(tileJson.tiles) || tileJson.tiles.length === 0)
    return fail(`TileJSON ${tileJsonUrl} 中没有 tiles`, `the TileJSON ${tileJsonUrl} lists no tiles`);
  const inlined: StyleSource = { ...source, tiles: tileJson.tiles.map((tile) => resolveAddress(String(tile), tileJsonUrl)) };
  delete inlined.url;
  for (const key of ['minzoom', 'maxzoom', 'bounds', 'scheme', 'attribution', 'tileSize', 'encoding'] as const)
    if (tileJson[key] !== undefined && inlined[key] === undefined) inlined[key] = tileJson[key];
  return { ok: true, value: inlined };
}

/** Every address the map will request for this style (tiles and GeoJSON data), the style's own address first. */
export function styleRequestUrls(styleUrl: string, style: Pick<StoredStyle, 'sources'>): string[] {
  const urls = [styleUrl];
  for (const source of Object.values(style.sources)) {
    if (Array.isArray(source.tiles)) urls.push(...source.tiles.map(String));
    if (typeof source.data === 'string') urls.push(source.data);
    if (typeof source.url === 'string') urls.push(source.url);
  }
  return urls;
}

/** The style as a record keeps it: no key in any address (the keys are collected into `keys`). */
export function storedStyle(name: string, sources: Record<string, StyleSource>, layers: StyleLayer[], keys: StyleKeys): StoredStyle {
  const cleanSources = Object.fromEntries(
    Object.entries(sources).map(([id, source]) => {
      const clean: StyleSource = { ...source };
      if (Array.isArray(clean.tiles)) clean.tiles = clean.tiles.map((tile) => withoutKeys(String(tile), keys));
      if (typeof clean.data === 'string') clean.data = withoutKeys(clean.data, keys);
      return [id, clean];
    }),
  );
  const attribution = [...new Set(Object.values(sources).flatMap((source) => (typeof source.attribution === 'string' ? [stripHtml(source.attribution)] : [])).filter(Boolean))];
  return { name, sources: cleanSources, layers, attribution };
}
