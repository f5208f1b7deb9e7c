import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { Language } from '../i18n/dictionary';
import type { CountyCollection } from './dataset';
import type { LocalizedText } from '../i18n/text';

export type CountyName = LocalizedText;

export function countyNamesByAdcode(counties: CountyCollection): Map<string, CountyName> {
  return new Map(counties.features.map((county) => [county.properties.adcode, { zh: county.properties.name_zh, en: county.properties.name_en }]));
}

export function countyLabel(names: Map<string, CountyName>, adcode: string | null | undefined, language: Language): string | null {
  if (!adcode) return null;
  const name = names.get(adcode);
  if (!name) return adcode;
  return language === 'en' ? name.en : name.zh;
}

/** Which county a position lies in, and what the county is called: for features a planner moves. */
export interface CountyLookup {
  /** The adcode of the county holding the geometry's representative point; null outside every county. */
  at(geometry: Geometry): string | null;
  name(adcode: string | null | undefined): string;
}

/** A point for a geometry that lies on it: the point itself, else a point on the line or inside the polygon. */
function representativePosition(geometry: Geometry): Position | null {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries[0] ? representativePosition(geometry.geometries[0]) : null;
  return pointOnFeature({ type: 'Feature', geometry, properties: {} }).geometry.coordinates;
}

export function countyLookup(counties: CountyCollection): CountyLookup {
  const names = countyNamesByAdcode(counties);
  return {
    at(geometry) {
      const position = representativePosition(geometry);
      if (!position) return null;
      return counties.features.find((county) => booleanPointInPolygon(position, county))?.properties.adcode ?? null;
    },
    name: (adcode) => (adcode ? (names.get(adcode)?.zh ?? adcode) : '未定'),
  };
}
