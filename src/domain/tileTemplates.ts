// Raster tile URL templates as planners get them from a tile service's page:
// `{z}/{x}/{y}` (XYZ), `{-y}` (TMS rows counted from the south), `{s}` with a
// list of subdomains, or a range written into the host (`t{0-7}`, `{a-c}`, as
// OpenLayers reads them). They become the URL list a MapLibre raster source
// takes: one URL per subdomain (MapLibre spreads tiles over them) and
// `scheme: 'tms'` for `{-y}`.
import type { LocalizedText } from '../i18n/text';

export interface TileTemplate {
  /** One URL per subdomain, placeholders `{z}`, `{x}`, `{y}` (MapLibre's). */
  tiles: string[];
  scheme: 'xyz' | 'tms';
}

export type TemplateResult = { ok: true; value: TileTemplate } | { ok: false; reason: LocalizedText };

const RANGE = /\{([a-z0-9])-([a-z0-9])\}/i;

/** `abc` → a, b, c; `0-7` → 0 … 7; `a,b,c` → a, b, c. */
export function parseSubdomains(text: string): string[] {
  const trimmed = text.trim();
  const range = /^([a-z0-9])-([a-z0-9])$/i.exec(trimmed);
  if (range) return expandRange(range[1]!, range[2]!);
  if (trimmed.includes(',')) return trimmed.split(',').map((part) => part.trim()).filter(Boolean);
  return [...trimmed];
}

function expandRange(from: string, to: string): string[] {
  const start = from.charCodeAt(0);
  const end = to.charCodeAt(0);
  if (end < start || end - start > 35) return [];
  return Array.from({ length: end - start + 1 }, (_, index) => String.fromCharCode(start + index));
}

const fail = (zh: string, en: string): TemplateResult => ({ ok: false, reason: { zh, en } });

/** Checks a template and expands its subdomains; placeholders other than the known ones are refused (they would reach the server literally). */
export function readTileTemplate(template: string, subdomains = ''): TemplateResult {
  const text = template.trim();
  if (text === '') return fail('缺少瓦片地址模板', 'missing tile URL template');
  if (!/^https?:\/\//i.test(text)) return fail(`瓦片地址须以 http:// 或 https:// 开头：${text}`, `a tile URL must start with http:// or https://: ${text}`);
  if (!text.includes('{z}') || !text.includes('{x}') || !(text.includes('{y}') || text.includes('{-y}')))
    return fail(`瓦片地址须含 {z}、{x} 和 {y}（或 TMS 的 {-y}）：${text}`, `a tile URL needs {z}, {x} and {y} (or {-y} for TMS): ${text}`);
  if (text.includes('{y}') && text.includes('{-y}')) return fail('瓦片地址不能同时含 {y} 与 {-y}', 'a tile URL cannot hold both {y} and {-y}');
  let urls: string[];
  const range = RANGE.exec(text);
  if (range) urls = expandRange(range[1]!, range[2]!).map((value) => text.replace(RANGE, value));
  else if (text.includes('{s}')) {
    const names = parseSubdomains(subdomains);
    if (names.length === 0) return fail('地址含 {s}，请填写子域名（如 abc 或 0-7）', 'the URL holds {s}: give its subdomains (e.g. abc or 0-7)');
    urls = names.map((name) => text.replaceAll('{s}', name));
  } else urls = [text];
  if (urls.length === 0) return fail(`无法展开子域名范围：${text}`, `cannot expand the subdomain range in ${text}`);
  const scheme = text.includes('{-y}') ? 'tms' : 'xyz';
  const tiles = urls.map((url) => url.replaceAll('{-y}', '{y}'));
  const unknown = tiles.flatMap((url) => url.match(/\{[^}]*\}/g) ?? []).find((token) => !['{z}', '{x}', '{y}'].includes(token));
  if (unknown) return fail(`瓦片地址含无法识别的占位符 ${unknown}`, `the tile URL holds a placeholder this app does not fill: ${unknown}`);
  for (const url of tiles) {
    try {
      new URL(url.replace(/\{[zxy]\}/g, '0'));
    } catch {
      return fail(`瓦片地址无效：${url}`, `not a valid URL: ${url}`);
    }
  }
  return { ok: true, value: { tiles, scheme } };
}

/** The URL of one tile (tests, and the capabilities preview): fills `{z}/{x}/{y}` the way MapLibre does, flipping rows for TMS. */
export function tileUrl(template: TileTemplate, z: number, x: number, y: number, subdomainIndex = 0): string {
  const row = template.scheme === 'tms' ? 2 ** z - 1 - y : y;
  const url = template.tiles[subdomainIndex % template.tiles.length]!;
  return url.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(row));
}
