// Lengths and areas of drawn shapes, and how planners read them: 千米/平方千米,
// and for areas also 亩 and 公顷 (the units land is counted in here).
// Geodesic through turf (lengths by haversine, areas on the sphere), so a
// figure does not depend on the map's zoom or projection.
import { area as turfArea, length as turfLength } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Language } from '../i18n/dictionary';

/** 1 亩 = 10 000 / 15 m² (the municipal mu, 市亩). */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
export const SQUARE_METRES_PER_HECTARE = 10_000;

export type Measurement =
  | { kind: 'length'; metres: number }
  | { kind: 'area'; squareMetres: number; perimeterMetres: number };

/** A line's length, a polygon's area and perimeter; null for points and empty shapes. */
export function measureGeometry(geometry: Geometry | null | undefined): Measurement | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case 'LineString':
    case 'MultiLineString':
      return { kind: 'length', metres: turfLength({ type: 'Feature', geometry, properties: {} }, { units: 'kilometers' }) * 1000 };
    case 'Polygon':
    case 'MultiPolygon': {
      const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const outline = { type: 'MultiLineString' as const, coordinates: rings.flat() };
      return {
        kind: 'area',
        squareMetres: turfArea(geometry),
        perimeterMetres: turfLength({ type: 'Feature', geometry: outline, properties: {} }, { units: 'kilometers' }) * 1000,
      };
    }
    default:
      return null;
  }
}

/** Up to `digits` significant figures, without a trailing ".0", grouped by thousands. */
function figure(value: number, digits: number, language: Language): string {
  if (!Number.isFinite(value)) return '—';
  const decimals = value === 0 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return value.toLocaleString(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: Math.min(decimals, 6), useGrouping: true });
}

/** 850 米 / 12.3 千米; 850 m / 12.3 km. Three significant figures (a drawn line is no survey). */
export function formatLength(metres: number, language: Language): string {
  const zh = language === 'zh';
  if (metres < 1000) return `${figure(metres, 3, language)} ${zh ? '米' : 'm'}`;
  return `${figure(metres / 1000, 3, language)} ${zh ? '千米' : 'km'}`;
}

/**
 * 2.35 平方千米（3,525 亩，235 公顷）; 2.35 km² (3,525 mu, 235 ha).
 * Small shapes (under 0.01 km²) in m² first.
 */
export function formatArea(squareMetres: number, language: Language): string {
  const zh = language === 'zh';
  const main =
    squareMetres < 10_000
      ? `${figure(squareMetres, 3, language)} ${zh ? '平方米' : 'm²'}`
      : `${figure(squareMetres / 1_000_000, 3, language)} ${zh ? '平方千米' : 'km²'}`;
  const mu = figure(squareMetres / SQUARE_METRES_PER_MU, 3, language);
  const hectares = figure(squareMetres / SQUARE_METRES_PER_HECTARE, 3, language);
  return zh ? `${main}（${mu} 亩，${hectares} 公顷）` : `${main} (${mu} mu, ${hectares} ha)`;
}

/** One line for a readout: "长度 12.3 千米" or "面积 … · 周长 …". */
export function describeMeasurement(measurement: Measurement, language: Language): string {
  const zh = language === 'zh';
  if (measurement.kind === 'length') return `${zh ? '长度' : 'Length'} ${formatLength(measurement.metres, language)}`;
  return `${zh ? '面积' : 'Area'} ${formatArea(measurement.squareMetres, language)} · ${zh ? '周长' : 'perimeter'} ${formatLength(measurement.perimeterMetres, language)}`;
}
