// The bundled county lines and names drawn over tile sources: imagery hides the
// county basemap beneath it, so while a tile source is shown the county lines
// go on top of it (top of the base slot) and the names into the label slot.
import { localized } from '../../../i18n/text';
import { BUNDLED_BASEMAP, type BasemapSource } from '../../../domain/basemap';
import { NEEDS_NO_ACCESS, type BasemapKind } from '../kind';
import { bundledCountiesKind } from './bundledCounties';

export const COUNTY_OVERLAY_ID = 'county-overlay';
const OVERLAY_LINES = new Set(['neighbours-line', 'counties-line', 'city-outline']);

/** The bundled county basemap's record (credits, zoom range), drawn as an overlay. */
export const COUNTY_OVERLAY: BasemapSource = {
  ...BUNDLED_BASEMAP,
  id: COUNTY_OVERLAY_ID,
  kind: 'county-overlay',
  title: localized('basemapCountyOverlayTitle'),
};

export const countyOverlayKind: BasemapKind = {
  kind: 'county-overlay',
  accessProblem: NEEDS_NO_ACCESS,
  styleParts: (source, context) => {
    const parts = bundledCountiesKind.styleParts(source, context);
    const base = parts.base.filter((layer) => OVERLAY_LINES.has(layer.id));
    const used = new Set([...base, ...parts.labels].map((layer) => ('source' in layer ? layer.source : '')));
    return { sources: Object.fromEntries(Object.entries(parts.sources).filter(([id]) => used.has(id))), base, labels: parts.labels };
  },
};
