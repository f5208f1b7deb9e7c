// Adding a MapLibre style URL: every address is checked against the
// deployment's tile origins before it is fetched (the style, then each
// TileJSON), then the style's tiles are checked too, so a style that would
// reach a server outside ZMD_TILE_ORIGINS is refused by that server's name.
// The record keeps the style without keys; the keys are returned apart, for
// this browser's key store.
import type { BasemapSource } from '../../domain/basemap';
import { originOf, originProblem } from '../../domain/basemapOrigins';
import type { LocalizedText } from '../../i18n/text';
import { inlineTileJson, readStyleDocument, storedStyle, styleRequestUrls, withKeys, withoutKeys, type StyleKeys, type StyleSource } from '../../io/basemap/styleDocument';
import { STYLE_URL_KIND } from './kinds/styleUrl';

export type StyleRead = { ok: true; record: BasemapSource; keys: StyleKeys; origins: string[]; layerCount: number } | { ok: false; reason: LocalizedText };

async function fetchJson(url: string): Promise<{ ok: true; value: unknown } | { ok: false; reason: LocalizedText }> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const shown = withoutKeys(url);
    return { ok: false, reason: { zh: `无法连接 ${shown}：${(error as Error).message}`, en: `cannot reach ${shown}: ${(error as Error).message}` } };
  }
  const shown = withoutKeys(url);
  if (!response.ok) return { ok: false, reason: { zh: `读取 ${shown} 失败：HTTP ${response.status}`, en: `reading ${shown} failed: HTTP ${response.status}` } };
  try {
    return { ok: true, value: await response.json() };
  } catch {
    return { ok: false, reason: { zh: `${shown} 不是 JSON`, en: `${shown} is not JSON` } };
  }
}

const originsOf = (urls: readonly string[]) => [...new Set(urls.map(originOf).filter((origin): origin is string => origin !== null))];

/** Reads a style URL into a record (no keys in it) and the keys taken out of its addresses. */
export async function readStyleUrl(
  address: string,
  allowed: readonly string[],
  options: { id: string; title?: string; attribution?: string; crs: BasemapSource['crs'] },
): Promise<StyleRead> {
  const url = address.trim();
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: { zh: `样式地址须以 http:// 或 https:// 开头：${url}`, en: `a style address must start with http:// or https://: ${url}` } };
  const keys: StyleKeys = {};
  const styleUrl = withoutKeys(url, keys);
  const before = originProblem([styleUrl], allowed);
  if (before) return { ok: false, reason: before };
  const json = await fetchJson(url);
  if (!json.ok) return json;
  const read = readStyleDocument(json.value, styleUrl);
  if (!read.ok) return read;
  const sources: Record<string, StyleSource> = { ...read.value.sources };
  for (const [id, tileJsonUrl] of Object.entries(read.value.tileJsonUrls)) {
    // The TileJSON's own address is checked before it is read (a key given with the style is for its origin).
    const tileJsonBare = withoutKeys(tileJsonUrl, keys);
    const refused = originProblem([tileJsonBare], allowed);
    if (refused) return { ok: false, reason: refused };
    const tileJson = await fetchJson(tileJsonUrl === tileJsonBare ? withKeys(tileJsonUrl, keys) : tileJsonUrl);
    if (!tileJson.ok) return tileJson;
    const inlined = inlineTileJson(sources[id]!, tileJson.value, tileJsonBare);
    if (!inlined.ok) return inlined;
    sources[id] = inlined.value;
  }
  const style = storedStyle(read.value.name, sources, read.value.layers, keys);
  const urls = styleRequestUrls(styleUrl, style);
  const refused = originProblem(urls, allowed);
  if (refused) return { ok: false, reason: refused };
  const title = options.title?.trim() || style.name;
  const credit = options.attribution?.trim() || style.attribution.join(' · ') || style.name;
  const zooms = Object.values(style.sources).flatMap((source) => [source.minzoom, source.maxzoom]).filter((zoom): zoom is number => typeof zoom === 'number');
  const record: BasemapSource = {
    id: options.id,
    kind: STYLE_URL_KIND,
    title: { zh: title, en: title },
    attribution: [{ zh: `底图样式“${style.name}”：${credit}`, en: `Basemap style “${style.name}”: ${credit}` }],
    mapAttribution: { zh: credit, en: credit },
    minZoom: 0,
    // Vector tiles overzoom well; the map's own limit stays the highest of the shown records.
    maxZoom: Math.min(22, Math.max(18, ...zooms)),
    crs: options.crs,
    access: { styleUrl, style: JSON.stringify(style) },
  };
  return { ok: true, record, keys, origins: originsOf(urls), layerCount: style.layers.length };
}
