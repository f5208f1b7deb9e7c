// A typed position → WGS84 lon/lat, with a sentence saying how it was read
// (so a planner who typed northing first, or metres without the zone prefix,
// sees what the app understood before the point lands). Gauss–Krüger metres go
// through the import's own proj4 readings (import/crs.ts), never a second copy.
import { formatDms, parseTypedCoordinate } from '../domain/coordinateText';
import type { LocalizedText } from '../i18n/text';
import { gaussKrugerToWgs84 } from './import/crs';

export type TypedPosition = { ok: true; lonLat: [number, number]; reading: LocalizedText } | { ok: false; message: LocalizedText };

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function readTypedPosition(input: string): TypedPosition {
  const parsed = parseTypedCoordinate(input);
  if (parsed.kind === 'invalid') return { ok: false, message: parsed.message };
  if (parsed.kind === 'degrees') {
    const { lon, lat } = parsed;
    const swapped = parsed.swapped ? { zh: '（先写的是纬度，已按经度、纬度读取）', en: ' (latitude was typed first; read as longitude, latitude)' } : { zh: '', en: '' };
    return {
      ok: true,
      lonLat: [lon, lat],
      reading: {
        zh: `经纬度：东经 ${round(lon, 6)}°，北纬 ${round(lat, 6)}°（${formatDms(lon, lat)}）${swapped.zh}`,
        en: `longitude/latitude: ${round(lon, 6)}°, ${round(lat, 6)}° (${formatDms(lon, lat)})${swapped.en}`,
      },
    };
  }
  const converted = gaussKrugerToWgs84([parsed.easting, parsed.northing]);
  if (!converted)
    return {
      ok: false,
      message: {
        zh: `东坐标 ${parsed.easting}、北坐标 ${parsed.northing} 不是 CGCS2000 3 度带高斯-克吕格坐标：东坐标应为 150 000～850 000 m（不带带号，按 38 带）或带带号（如 38 512 345），北坐标为 0～6 000 000 m。`,
        en: `easting ${parsed.easting}, northing ${parsed.northing} are not CGCS2000 3-degree Gauss–Krüger metres: the easting should be 150,000–850,000 m (no zone prefix, zone 38 assumed) or carry the zone prefix (e.g. 38,512,345); the northing 0–6,000,000 m.`,
      },
    };
  const [lon, lat] = converted.lonLat;
  const zone = converted.prefixed
    ? { zh: `${converted.zone} 带（含带号）`, en: `zone ${converted.zone} (prefixed)` }
    : { zh: '未带带号，按 38 带（中央经线 114°E）', en: 'no zone prefix, zone 38 (central meridian 114°E) assumed' };
  const swapped = parsed.swapped ? { zh: '；先写的是北坐标（X），已对调', en: '; the northing (X) was typed first and swapped' } : { zh: '', en: '' };
  return {
    ok: true,
    lonLat: [round(lon, 7), round(lat, 7)],
    reading: {
      zh: `CGCS2000 高斯-克吕格坐标（${zone.zh}${swapped.zh}）→ 东经 ${round(lon, 6)}°，北纬 ${round(lat, 6)}°`,
      en: `CGCS2000 Gauss–Krüger metres (${zone.en}${swapped.en}) → ${round(lon, 6)}°E, ${round(lat, 6)}°N`,
    },
  };
}
