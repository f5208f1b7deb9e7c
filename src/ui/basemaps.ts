// The active basemap records and the credits that follow from them, for every
// view that draws or prints the map (main map, compare maps, dialog, PNG sheet).
// A shown record that cannot be drawn here (no key yet, a server this
// deployment does not allow) is left out of the map and listed with its reason;
// while a tile source is drawn, the county lines and names go on top. The map is
// drawn in one datum: GCJ-02 when a GCJ-02 source is drawn (the overlays are
// shifted for display), so a WGS84/CGCS2000 tile source shown at the same time
// would be off by a few hundred metres and is left out, saying so.
import { useMemo } from 'react';
import { activeBasemaps, BLANK_BASEMAP_ID, BUNDLED_BASEMAP, BUNDLED_BASEMAP_ID, type BasemapSource } from '../domain/basemap';
import { attributionsOf } from '../domain/attributions';
import { displayDatumOf, type DisplayDatum } from '../domain/displayDatum';
import type { LocalizedText } from '../i18n/text';
import type { BasemapKindContext } from '../map/basemap/kind';
import { COUNTY_OVERLAY } from '../map/basemap/kinds/countyOverlay';
import { basemapRefusal } from '../map/basemap/refusal';
import { ALLOWED_TILE_ORIGINS } from '../map/basemap/tileOrigins';
import { useAppContext, useView } from './context';

export interface BasemapStatus {
  /** What the maps draw, bottom to top. */
  drawn: BasemapSource[];
  /** Shown records that are not drawn, with why. */
  refused: ReadonlyMap<string, LocalizedText>;
  /** The datum the maps are drawn in (GCJ-02 while a GCJ-02 source is drawn). */
  datum: DisplayDatum;
}

const MIXED_DATUM: Record<DisplayDatum, LocalizedText> = {
  gcj02: {
    zh: '与 GCJ-02 底图同时显示时不绘制：本底图为 WGS84/CGCS2000，与 GCJ-02 底图相差数百米。请只显示其中一种坐标系的底图。',
    en: 'not drawn together with a GCJ-02 basemap: this one is WGS84/CGCS2000, a few hundred metres off it. Show basemaps of one datum at a time.',
  },
  wgs84: {
    zh: '与 WGS84/CGCS2000 瓦片底图同时显示时不绘制：本底图为 GCJ-02，与其相差数百米。请只显示其中一种坐标系的底图。',
    en: 'not drawn together with a WGS84/CGCS2000 tile basemap: this one is GCJ-02, a few hundred metres off it. Show basemaps of one datum at a time.',
  },
};

const APP_DRAWN = new Set([BUNDLED_BASEMAP_ID, BLANK_BASEMAP_ID]);

export function basemapStatus(sources: readonly BasemapSource[], context: BasemapKindContext, countyOverlay: boolean, allowed = ALLOWED_TILE_ORIGINS): BasemapStatus {
  const refused = new Map<string, LocalizedText>();
  for (const source of sources) {
    if (source.visible === false) continue;
    const reason = basemapRefusal(source, context, allowed);
    if (reason) refused.set(source.id, reason);
  }
  // Tile sources of two datums: the topmost tile source's datum is drawn, the others say why they are not.
  const tileSources = sources.filter((source) => source.visible !== false && !refused.has(source.id) && !APP_DRAWN.has(source.id));
  const top = tileSources[tileSources.length - 1];
  const datum: DisplayDatum = top ? displayDatumOf([top]) : 'wgs84';
  for (const source of tileSources) if (displayDatumOf([source]) !== datum) refused.set(source.id, MIXED_DATUM[datum]);
  const active = activeBasemaps(sources.filter((source) => !refused.has(source.id)));
  const drawn = active.length > 0 ? active : [{ ...BUNDLED_BASEMAP, visible: true }];
  const tiles = drawn.some((source) => !APP_DRAWN.has(source.id));
  return { drawn: tiles && countyOverlay ? [...drawn, COUNTY_OVERLAY] : drawn, refused, datum: displayDatumOf(drawn) };
}

export function useBasemapStatus(): BasemapStatus {
  const sources = useView((state) => state.basemapSources);
  const keys = useView((state) => state.basemapKeys);
  const countyOverlay = useView((state) => state.countyOverlay);
  const language = useView((state) => state.language);
  const { base } = useAppContext();
  return useMemo(
    () => basemapStatus(sources, { counties: base.counties, context: base.context, language, keys }, countyOverlay),
    [sources, keys, countyOverlay, base, language],
  );
}

export function useActiveBasemaps() {
  return useBasemapStatus().drawn;
}

/** The datum the maps are drawn in now. */
export function useDisplayDatum(): DisplayDatum {
  return useBasemapStatus().datum;
}

export function useAttributions() {
  const active = useActiveBasemaps();
  return useMemo(() => attributionsOf(active), [active]);
}
