// Who the map credits, from what is on it: the plan data's sources always,
// then every active basemap record's own credits. The map's attribution line,
// the sources dialog and the PNG sheet all read from here, so a basemap switch
// changes all three at once.
import { localized } from '../i18n/text';
import type { BasemapSource } from './basemap';
import type { LocalizedText } from '../i18n/text';

export interface Attributions {
  /** The one line on the map, its parts joined with “ · ”. */
  mapLine: LocalizedText;
  /** The sources dialog: every credit, the coordinate system and the map-review note. */
  dialogLines: LocalizedText[];
  /** The PNG sheet's footer (its coordinate system is printed beside, with the scenario and date). */
  sheetLines: LocalizedText[];
}

const MAP_LINE_SEPARATOR = ' · ';

/** Sources sharing a credit (imagery and its annotation layer) print it once. */
function distinct(texts: readonly LocalizedText[]): LocalizedText[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = `${text.zh}\n${text.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joined(parts: readonly LocalizedText[]): LocalizedText {
  return { zh: parts.map((part) => part.zh).join(MAP_LINE_SEPARATOR), en: parts.map((part) => part.en).join(MAP_LINE_SEPARATOR) };
}

export function attributionsOf(active: readonly BasemapSource[]): Attributions {
  const planCredits = [localized('attributionPlans'), localized('attributionGeoNames')];
  const basemapCredits = distinct(active.flatMap((source) => source.attribution));
  const mapReview = localized('attributionMapReview');
  const basemapShort = distinct(active.flatMap((source) => (source.mapAttribution ? [source.mapAttribution] : [])));
  return {
    mapLine: joined([localized('attributionShortPlaces'), ...basemapShort, localized('attributionShortSchematic')]),
    dialogLines: [...planCredits, ...basemapCredits, localized('attributionCrs'), mapReview],
    sheetLines: [...planCredits, ...basemapCredits, mapReview],
  };
}
