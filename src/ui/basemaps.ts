// The active basemap records and the credits that follow from them, for every
// view that draws or prints the map (main map, compare maps, dialog, PNG sheet).
// A shown record that cannot be drawn here (no key yet, a server this
// deployment does not allow, GCJ-02) is left out of the map and listed with its
// reason; while a tile source is drawn, the county lines and names go on top.
import { useMemo } from 'react';
import { activeBasemaps, BLANK_BASEMAP_ID, BUNDLED_BASEMAP, BUNDLED_BASEMAP_ID, type BasemapSource } from '../domain/basemap';
import { attributionsOf } from '../domain/attributions';
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
}

const APP_DRAWN = new Set([BUNDLED_BASEMAP_ID, BLANK_BASEMAP_ID]);

export function basemapStatus(sources: readonly BasemapSource[], context: BasemapKindContext, countyOverlay: boolean, allowed = ALLOWED_TILE_ORIGINS): BasemapStatus {
  const refused = new Map<string, LocalizedText>();
  for (const source of sources) {
    if (source.visible === false) continue;
    const reason = basemapRefusal(source, context, allowed);
    if (reason) refused.set(source.id, reason);
  }
  const active = activeBasemaps(sources.filter((source) => !refused.has(source.id)));
  const drawn = active.length > 0 ? active : [{ ...BUNDLED_BASEMAP, visible: true }];
  const tiles = drawn.some((source) => !APP_DRAWN.has(source.id));
  return { drawn: tiles && countyOverlay ? [...drawn, COUNTY_OVERLAY] : drawn, refused };
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

export function useAttributions() {
  const active = useActiveBasemaps();
  return useMemo(() => attributionsOf(active), [active]);
}
