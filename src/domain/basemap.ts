// The basemap as a list of source records: what each source is, who must be
// credited, where it can be zoomed, its coordinate system and how to reach it.
// The map turns visible records into MapLibre sources and layers through one
// kind file each (src/map/basemap/kinds); this file stays free of MapLibre so
// records read back from storage or a project file can be checked anywhere.
import { localized } from '../i18n/text';
import type { LocalizedText } from '../i18n/text';

/** Coordinate systems a source may be drawn in. GCJ-02 sources need shifting before they line up with WGS84 data. */
export type BasemapCrs = 'wgs84' | 'cgcs2000' | 'gcj02';
export const BASEMAP_CRS: readonly BasemapCrs[] = ['wgs84', 'cgcs2000', 'gcj02'];

/**
 * How to reach a source, read only by its kind: nothing for the bundled data;
 * later a URL template, a style URL, a user key, the key of a package stored
 * in the browser. Plain values only, so a record survives JSON unchanged.
 */
export type BasemapAccess = Readonly<Record<string, string | number | boolean>>;

export interface BasemapSource {
  /** Unique in the list; the map prefixes its MapLibre ids with it. */
  id: string;
  /** Which kind file draws it (src/map/basemap/registry.ts). */
  kind: string;
  title: LocalizedText;
  /** Full credit lines: the sources dialog and the PNG sheet print them. */
  attribution: readonly LocalizedText[];
  /** The short credit on the map itself; none when the source needs no credit. */
  mapAttribution?: LocalizedText;
  minZoom: number;
  maxZoom: number;
  crs: BasemapCrs;
  access: BasemapAccess;
  /** 0–1, for kinds that can be laid over others; 1 when absent. */
  opacity?: number;
  /** Hidden records stay in the list (and keep their settings) but are not drawn; shown when absent. */
  visible?: boolean;
  /** Drawn in grey (raster saturation −1), for presenting the plan over imagery; colour when absent. */
  muted?: boolean;
}

/** MapLibre's zoom limits: a record outside them cannot be drawn. */
const ZOOM_LIMITS = { min: 0, max: 24 } as const;

export const BUNDLED_BASEMAP_ID = 'bundled-counties';
export const BLANK_BASEMAP_ID = 'blank';

/**
 * The county basemap built from the app's own data: always available, always
 * first in the list. Its credits are the boundary and division-code lines the
 * app has always printed.
 */
export const BUNDLED_BASEMAP: BasemapSource = {
  id: BUNDLED_BASEMAP_ID,
  kind: 'bundled-counties',
  title: localized('basemapBundledTitle'),
  attribution: [localized('attributionBoundaries'), localized('attributionDivisions')],
  mapAttribution: localized('attributionShortBoundaries'),
  minZoom: 6,
  maxZoom: 14,
  crs: 'wgs84',
  access: {},
};

/** A plain background for presenting the plan alone. Nothing to credit, nothing to run out of detail. */
export const BLANK_BASEMAP: BasemapSource = {
  id: BLANK_BASEMAP_ID,
  kind: 'blank',
  title: localized('basemapBlankTitle'),
  attribution: [],
  minZoom: 6,
  maxZoom: 16,
  crs: 'wgs84',
  access: {},
  visible: false,
};

/** The records the app ships with, in list order (first drawn lowest). */
export const BUILT_IN_BASEMAPS: readonly BasemapSource[] = [BUNDLED_BASEMAP, BLANK_BASEMAP];

/** The records to draw, bottom to top. The bundled basemap stands in when nothing else is shown: the map is never empty. */
export function activeBasemaps(sources: readonly BasemapSource[]): BasemapSource[] {
  const shown = sources.filter((source) => source.visible !== false);
  return shown.length > 0 ? shown : [{ ...BUNDLED_BASEMAP, visible: true }];
}

/** Shows one record and hides the others (the basemap chooser); an unknown id changes nothing. */
export function showOnlyBasemap(sources: readonly BasemapSource[], id: string): readonly BasemapSource[] {
  if (!sources.some((source) => source.id === id)) return sources;
  return sources.map((source) => ({ ...source, visible: source.id === id }));
}

/** Zooms the map allows: from the lowest minimum to the highest maximum of the active records (tile sources overzoom past their own). */
export function zoomRangeOf(active: readonly BasemapSource[]): { minZoom: number; maxZoom: number } {
  const records = active.length > 0 ? active : [BUNDLED_BASEMAP];
  return {
    minZoom: Math.min(...records.map((source) => source.minZoom)),
    maxZoom: Math.max(...records.map((source) => source.maxZoom)),
  };
}

/** What validation must know of a kind: registered with the kind's map code. */
export interface BasemapKindRules {
  kind: string;
  /** Why `access` cannot reach a source of this kind, or null when it can. */
  accessProblem(access: BasemapAccess): LocalizedText | null;
}

export interface BasemapReadResult {
  sources: BasemapSource[];
  /** Records left out, each with why (shown to the planner, never silently dropped). */
  rejected: { index: number; reason: LocalizedText }[];
}

type Checked<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };
const fail = (zh: string, en: string): { ok: false; reason: LocalizedText } => ({ ok: false, reason: { zh, en } });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isLocalizedText(value: unknown): value is LocalizedText {
  return isObject(value) && typeof value.zh === 'string' && typeof value.en === 'string' && value.zh.trim() !== '' && value.en.trim() !== '';
}

function isAccess(value: unknown): value is BasemapAccess {
  return isObject(value) && Object.values(value).every((item) => ['string', 'number', 'boolean'].includes(typeof item));
}

const isZoom = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= ZOOM_LIMITS.min && value <= ZOOM_LIMITS.max;

/** One record as stored, checked field by field; unknown fields are dropped. */
function checkRecord(value: unknown, kinds: ReadonlyMap<string, BasemapKindRules>): Checked<BasemapSource> {
  if (!isObject(value)) return fail('不是底图记录', 'not a basemap record');
  const { id, kind, title, attribution, mapAttribution, minZoom, maxZoom, crs, access, opacity, visible, muted } = value;
  if (typeof id !== 'string' || id.trim() === '' || id.length > 100) return fail('缺少底图编号', 'missing basemap id');
  if (typeof kind !== 'string') return fail(`底图“${id}”缺少类型`, `basemap “${id}” has no kind`);
  const rules = kinds.get(kind);
  if (!rules) return fail(`底图“${id}”的类型“${kind}”本版本不支持`, `basemap “${id}”: kind “${kind}” is not supported by this version`);
  if (!isLocalizedText(title)) return fail(`底图“${id}”缺少中英文名称`, `basemap “${id}” needs a Chinese and an English title`);
  if (!Array.isArray(attribution) || !attribution.every(isLocalizedText))
    return fail(`底图“${id}”的版权信息须为中英文对照`, `basemap “${id}”: every attribution needs Chinese and English text`);
  if (mapAttribution !== undefined && !isLocalizedText(mapAttribution))
    return fail(`底图“${id}”的图上版权信息须为中英文对照`, `basemap “${id}”: the map attribution needs Chinese and English text`);
  if (!isZoom(minZoom) || !isZoom(maxZoom) || minZoom > maxZoom)
    return fail(`底图“${id}”的缩放级别无效`, `basemap “${id}”: the zoom range must lie within 0–24, minimum first`);
  if (!BASEMAP_CRS.includes(crs as BasemapCrs)) return fail(`底图“${id}”的坐标系无效`, `basemap “${id}”: unknown coordinate system`);
  if (!isAccess(access)) return fail(`底图“${id}”的访问方式无效`, `basemap “${id}”: access must be plain values`);
  const accessProblem = rules.accessProblem(access);
  if (accessProblem) return { ok: false, reason: accessProblem };
  if (opacity !== undefined && (typeof opacity !== 'number' || !(opacity >= 0 && opacity <= 1)))
    return fail(`底图“${id}”的不透明度须在 0–1 之间`, `basemap “${id}”: opacity must be within 0–1`);
  if (visible !== undefined && typeof visible !== 'boolean') return fail(`底图“${id}”的显示开关无效`, `basemap “${id}”: visible must be true or false`);
  if (muted !== undefined && typeof muted !== 'boolean') return fail(`底图“${id}”的灰度开关无效`, `basemap “${id}”: muted must be true or false`);
  return {
    ok: true,
    value: {
      id,
      kind,
      title,
      attribution,
      ...(mapAttribution !== undefined && { mapAttribution }),
      minZoom,
      maxZoom,
      crs: crs as BasemapCrs,
      access,
      ...(opacity !== undefined && { opacity }),
      ...(visible !== undefined && { visible }),
      ...(muted !== undefined && { muted }),
    },
  };
}

/**
 * Reads a stored basemap list back. Built-in records keep the app's own texts
 * (a stored copy may be from an older version) but the planner's visibility
 * and opacity; the bundled record is always there and first, and shown when
 * nothing else is.
 */
export function readBasemapSources(value: unknown, kinds: readonly BasemapKindRules[]): BasemapReadResult {
  const rules = new Map(kinds.map((kind) => [kind.kind, kind]));
  const rejected: BasemapReadResult['rejected'] = [];
  const read: BasemapSource[] = [];
  const items = Array.isArray(value) ? value : [];
  if (!Array.isArray(value) && value !== undefined) rejected.push({ index: -1, reason: { zh: '底图列表不是数组', en: 'the basemap list is not an array' } });
  items.forEach((item, index) => {
    const checked = checkRecord(item, rules);
    if (!checked.ok) rejected.push({ index, reason: checked.reason });
    else if (read.some((source) => source.id === checked.value.id))
      rejected.push({ index, reason: { zh: `底图编号“${checked.value.id}”重复`, en: `basemap id “${checked.value.id}” appears twice` } });
    else {
      const builtIn = BUILT_IN_BASEMAPS.find((source) => source.id === checked.value.id);
      read.push(builtIn ? withSettingsOf(builtIn, checked.value) : checked.value);
    }
  });
  const others = read.filter((source) => source.id !== BUNDLED_BASEMAP_ID);
  const bundled = read.find((source) => source.id === BUNDLED_BASEMAP_ID) ?? { ...BUNDLED_BASEMAP, visible: others.every((source) => source.visible === false) };
  const sources = [bundled, ...others];
  // Every built-in stays on offer, even when the stored list predates it.
  for (const builtIn of BUILT_IN_BASEMAPS) if (!sources.some((source) => source.id === builtIn.id)) sources.push({ ...builtIn, visible: false });
  if (sources.every((source) => source.visible === false)) sources[0] = { ...bundled, visible: true };
  return { sources, rejected };
}

/** A built-in record with the planner's settings from a stored copy. */
function withSettingsOf(builtIn: BasemapSource, stored: BasemapSource): BasemapSource {
  return {
    ...builtIn,
    ...(stored.opacity !== undefined && { opacity: stored.opacity }),
    ...(stored.visible !== undefined && { visible: stored.visible }),
    ...(stored.muted !== undefined && { muted: stored.muted }),
  };
}

/** Adds records on top of the list, shown (an id already listed is replaced in place, so re-adding a service updates it). */
export function addBasemaps(sources: readonly BasemapSource[], added: readonly BasemapSource[]): readonly BasemapSource[] {
  const next = [...sources];
  for (const record of added) {
    const shown = { ...record, visible: true };
    const index = next.findIndex((source) => source.id === record.id);
    if (index >= 0) next[index] = shown;
    else next.push(shown);
  }
  return next;
}

/** Removes a record the planner added; built-in records stay. */
export function removeBasemap(sources: readonly BasemapSource[], id: string): readonly BasemapSource[] {
  if (BUILT_IN_BASEMAPS.some((source) => source.id === id)) return sources;
  const next = sources.filter((source) => source.id !== id);
  return next.some((source) => source.visible !== false) ? next : next.map((source) => (source.id === BUNDLED_BASEMAP_ID ? { ...source, visible: true } : source));
}

/** Moves a record one place up (drawn later, on top) or down; the bundled record stays first. */
export function moveBasemap(sources: readonly BasemapSource[], id: string, direction: 'up' | 'down'): readonly BasemapSource[] {
  const index = sources.findIndex((source) => source.id === id);
  const target = direction === 'up' ? index + 1 : index - 1;
  if (index <= 0 || target <= 0 || target >= sources.length) return sources;
  const next = [...sources];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** The planner's per-record settings: shown, opacity, grey. */
export function setBasemapSettings(
  sources: readonly BasemapSource[],
  id: string,
  settings: Partial<Pick<BasemapSource, 'visible' | 'opacity' | 'muted'>>,
): readonly BasemapSource[] {
  return sources.map((source) => (source.id === id ? { ...source, ...settings } : source));
}

/** What a slide keeps of the basemap: the records shown, bottom to top, with their settings (never a key). */
export interface ShownBasemap {
  id: string;
  /** For saying which one is missing when the slide is shown in a browser without it. */
  title: LocalizedText;
  opacity?: number;
  muted?: boolean;
}

/** The records shown now, bottom to top, as a slide keeps them. */
export function shownBasemaps(sources: readonly BasemapSource[]): ShownBasemap[] {
  return activeBasemaps(sources).map((source) => ({
    id: source.id,
    title: source.title,
    ...(source.opacity !== undefined && { opacity: source.opacity }),
    ...(source.muted !== undefined && { muted: source.muted }),
  }));
}

/**
 * The list showing a slide's records, in the slide's order and with its
 * settings (the other records hidden, their settings kept). When a record the
 * slide names is not in the list (removed, or another browser), the bundled
 * basemap is shown alone and the missing records are returned to be named.
 */
export function showSlideBasemaps(sources: readonly BasemapSource[], shown: readonly ShownBasemap[]): { sources: readonly BasemapSource[]; missing: LocalizedText[] } {
  const missing = shown.filter((item) => !sources.some((source) => source.id === item.id)).map((item) => item.title);
  if (missing.length > 0 || shown.length === 0) return { sources: showOnlyBasemap(sources, BUNDLED_BASEMAP_ID), missing };
  const byId = new Map(shown.map((item) => [item.id, item]));
  // The shown records take the places they hold in the list, in the slide's order (the bundled record stays first).
  const places = sources.flatMap((source, index) => (byId.has(source.id) ? [index] : []));
  const ordered = [...shown].sort((a, b) => Number(b.id === BUNDLED_BASEMAP_ID) - Number(a.id === BUNDLED_BASEMAP_ID));
  const next = sources.map((source) => ({ ...source, visible: false }));
  places.forEach((place, index) => {
    const item = ordered[index]!;
    const record = sources.find((source) => source.id === item.id)!;
    const { opacity: _opacity, muted: _muted, ...rest } = record;
    next[place] = { ...rest, visible: true, ...(item.opacity !== undefined && { opacity: item.opacity }), ...(item.muted !== undefined && { muted: item.muted }) };
  });
  return { sources: next, missing };
}
