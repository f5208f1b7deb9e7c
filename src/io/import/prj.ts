// A Shapefile's .prj (ESRI WKT, or OGC WKT 1 as QGIS and GDAL may write it)
// → a way to WGS84 lon/lat, or a refusal that names the coordinate system.
//
// The datums planners here send are told apart by name (the WKT's DATUM and
// SPHEROID): WGS84 and CGCS2000 (equal to WGS84 within centimetres at map
// scales: no datum shift), Beijing 1954 (Krassowsky; shifted with EPSG's
// only published parameters, see BEIJING_1954_TOWGS84) and Xian 1980 (IAG 75;
// EPSG publishes no transformation to WGS84, so it is refused). Projections:
// Transverse Mercator / Gauss–Krüger with the file's own central meridian,
// false easting (with or without the zone prefix) and scale; Web Mercator;
// anything else on a WGS84/CGCS2000 datum is handed to proj4's own WKT reader.
import proj4 from 'proj4';
import type { LocalizedText } from '../../i18n/text';

type Datum = 'wgs84' | 'cgcs2000' | 'beijing1954' | 'xian1980' | 'other';

export type PrjReading =
  | { ok: true; name: string; toWgs84: (xy: [number, number]) => [number, number] | null; note: LocalizedText }
  | { ok: false; message: LocalizedText };

/**
 * EPSG:15921 "Beijing 1954 to WGS 84 (4)", the parameters proj4's EPSG
 * definitions of Beijing 1954 carry. EPSG states 1 m for its area of use
 * (the south and west Tarim basin); every Beijing 1954 → WGS 84
 * transformation EPSG has is regional (Tarim, Ordos, offshore), none covers
 * Henan, so in 驻马店 the accuracy is unknown: metres to tens of metres.
 */
const BEIJING_1954_TOWGS84 = '15.8,-154.4,-82.3,0,0,0,0';

/** The first quoted name after `keyword[` (PROJCS["name", …). */
function nameAfter(wkt: string, keyword: string): string | undefined {
  return new RegExp(`${keyword}\\s*\\[\\s*"([^"]*)"`, 'i').exec(wkt)?.[1];
}

function parameter(wkt: string, names: readonly string[]): number | undefined {
  for (const name of names) {
    const match = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*([-+0-9.eE]+)`, 'i').exec(wkt);
    if (match?.[1] !== undefined && Number.isFinite(Number(match[1]))) return Number(match[1]);
  }
  return undefined;
}

function datumOf(wkt: string): Datum {
  const text = `${nameAfter(wkt, 'DATUM') ?? ''} ${nameAfter(wkt, 'SPHEROID') ?? nameAfter(wkt, 'ELLIPSOID') ?? ''} ${nameAfter(wkt, 'GEOGCS') ?? nameAfter(wkt, 'GEOGCRS') ?? ''}`;
  if (/CGCS[ _]?2000|China[ _]?2000|China[ _]Geodetic[ _]Coordinate[ _]System[ _]2000/i.test(text)) return 'cgcs2000';
  if (/Beijing[ _]?1954|Beijing[ _]54|Krasovsk|Krassowsk/i.test(text)) return 'beijing1954';
  if (/Xi'?an[ _]?1980|Xian[ _]80|IAG[ _]?1975|IAG[ _]75/i.test(text)) return 'xian1980';
  if (/WGS[ _]?(19)?84/i.test(text)) return 'wgs84';
  return 'other';
}

/** The ellipsoid's semi-major axis, for telling GRS80/WGS84-based datums of other names. */
function semiMajorAxis(wkt: string): number | undefined {
  const match = /(?:SPHEROID|ELLIPSOID)\s*\[\s*"[^"]*"\s*,\s*([0-9.eE+]+)/i.exec(wkt);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const DATUM_NAMES: Record<Datum, LocalizedText> = {
  wgs84: { zh: 'WGS84', en: 'WGS84' },
  cgcs2000: { zh: 'CGCS2000（2000 国家大地坐标系）', en: 'CGCS2000' },
  beijing1954: { zh: '北京 1954', en: 'Beijing 1954' },
  xian1980: { zh: '西安 1980', en: 'Xian 1980' },
  other: { zh: '其他', en: 'other' },
};

function ellipsoidParameters(wkt: string, datum: Datum): string {
  if (datum === 'beijing1954') return `+ellps=krass +towgs84=${BEIJING_1954_TOWGS84}`;
  // WGS84 and CGCS2000 (GRS80/CGCS2000 ellipsoid: semi-minor axes differ by 0.1 mm) need no shift.
  return '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
}

const inChina = ([lon, lat]: [number, number]) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;

/** The .prj text → a converter to WGS84 lon/lat, or why the coordinate system cannot be used. */
export function readPrj(text: string): PrjReading {
  const wkt = text.replace(/^\uFEFF/, '').trim();
  const kind = /^(PROJCS|PROJCRS|GEOGCS|GEOGCRS|GEODCRS|GEOCCS)\s*\[/i.exec(wkt)?.[1]?.toUpperCase();
  if (!kind) {
    const shown = wkt.slice(0, 40).replace(/\s+/g, ' ') || '（空）';
    return {
      ok: false,
      message: {
        zh: `.prj 文件无法读取（开头是“${shown}”，不是 WKT 坐标系定义）：请在 GIS 软件中重新定义投影后导出，或删去 .prj 让程序按数值判断坐标系。`,
        en: `the .prj file cannot be read (it starts "${shown}", not a WKT coordinate system): define the projection again in a GIS and export, or leave the .prj out so the coordinates are judged by their values.`,
      },
    };
  }
  const projected = kind.startsWith('PROJ');
  const name = (projected ? (nameAfter(wkt, 'PROJCS') ?? nameAfter(wkt, 'PROJCRS')) : (nameAfter(wkt, 'GEOGCS') ?? nameAfter(wkt, 'GEOGCRS') ?? nameAfter(wkt, 'GEODCRS'))) ?? kind;
  const datum = datumOf(wkt);
  const refuse = (why: LocalizedText): PrjReading => ({
    ok: false,
    message: {
      zh: `.prj 中的坐标系 ${name}${why.zh}请先用 GIS 软件（QGIS、ArcGIS，或 ogr2ogr -t_srs EPSG:4490）转换为 CGCS2000 或 WGS84 后再导入。`,
      en: `the coordinate system in the .prj, ${name}, ${why.en} Convert it to CGCS2000 or WGS84 in a GIS first (QGIS, ArcGIS, or ogr2ogr -t_srs EPSG:4490), then import.`,
    },
  });
  if (kind === 'GEOCCS') return refuse({ zh: '是地心坐标（X/Y/Z），不能直接作为地图坐标。', en: 'is geocentric (X/Y/Z), not map coordinates.' });
  if (datum === 'xian1980')
    return refuse({
      zh: '基于西安 1980 大地基准：EPSG 与 proj4 都没有它到 WGS84 的转换参数（需当地测绘部门的七参数），直接当作 WGS84 会偏移约 100 m。',
      en: 'uses the Xian 1980 datum: neither EPSG nor proj4 has parameters from it to WGS84 (the local surveying bureau’s seven parameters are needed); taking it as WGS84 would be off by about 100 m.',
    });
  const datumKnown = datum !== 'other' || Math.abs((semiMajorAxis(wkt) ?? 0) - 6378137) < 0.5;
  if (!datumKnown)
    return refuse({
      zh: `的大地基准（${nameAfter(wkt, 'DATUM') ?? '未命名'}）无法识别：只支持 WGS84、CGCS2000 和北京 1954。`,
      en: `has a datum that is not recognised (${nameAfter(wkt, 'DATUM') ?? 'unnamed'}): only WGS84, CGCS2000 and Beijing 1954 are read.`,
    });

  let definition: string;
  let what: LocalizedText;
  const ellipsoid = ellipsoidParameters(wkt, datum);
  const projection = projected ? (nameAfter(wkt, 'PROJECTION') ?? nameAfter(wkt, 'METHOD') ?? '') : '';
  if (!projected) {
    definition = `+proj=longlat ${ellipsoid} +no_defs`;
    what = { zh: '经纬度', en: 'longitude/latitude' };
  } else if (/Transverse[ _]Mercator|Gauss[ _-]?Kruger/i.test(projection)) {
    const centralMeridian = parameter(wkt, ['central_meridian', 'Longitude of natural origin', 'longitude_of_origin']);
    if (centralMeridian === undefined) return refuse({ zh: '缺少中央经线参数。', en: 'has no central meridian.' });
    const falseEasting = parameter(wkt, ['false_easting', 'False easting']) ?? 0;
    const falseNorthing = parameter(wkt, ['false_northing', 'False northing']) ?? 0;
    const scale = parameter(wkt, ['scale_factor', 'Scale factor at natural origin']) ?? 1;
    const latitudeOfOrigin = parameter(wkt, ['latitude_of_origin', 'Latitude of natural origin']) ?? 0;
    definition = `+proj=tmerc +lat_0=${latitudeOfOrigin} +lon_0=${centralMeridian} +k=${scale} +x_0=${falseEasting} +y_0=${falseNorthing} ${ellipsoid} +units=m +no_defs`;
    const prefixed = falseEasting >= 1_000_000;
    what = {
      zh: `高斯-克吕格投影（中央经线 ${centralMeridian}°E，东偏移 ${falseEasting} m${prefixed ? '，含带号' : ''}）`,
      en: `Gauss–Krüger (central meridian ${centralMeridian}°E, false easting ${falseEasting} m${prefixed ? ', zone prefix' : ''})`,
    };
  } else if (/Mercator_Auxiliary_Sphere|Popular[ _]Visualisation|Pseudo[ _-]?Mercator/i.test(`${projection} ${name}`) || /3857|900913/.test(name)) {
    definition = 'EPSG:3857';
    what = { zh: 'Web 墨卡托（EPSG:3857）', en: 'Web Mercator (EPSG:3857)' };
  } else if (datum === 'wgs84' || datum === 'cgcs2000' || datum === 'other') {
    // Other projections (UTM, Albers, Lambert…) on a WGS84-like datum: proj4 reads the WKT itself.
    definition = wkt;
    what = { zh: `${projection || '投影'}`, en: `${projection || 'projection'}` };
  } else return refuse({ zh: `使用的投影（${projection}）只支持 WGS84/CGCS2000 基准。`, en: `uses a projection (${projection}) read only on a WGS84/CGCS2000 datum.` });

  let converter: proj4.Converter;
  try {
    converter = proj4(definition, 'WGS84');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse({ zh: `无法由 proj4 解析（${detail}）。`, en: `cannot be read by proj4 (${detail}).` });
  }
  const toWgs84 = ([x, y]: [number, number]): [number, number] | null => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    try {
      const [lon, lat] = converter.forward([x, y]);
      return lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat) && inChina([lon, lat]) ? [lon, lat] : null;
    } catch {
      return null;
    }
  };
  const datumName = DATUM_NAMES[datum];
  const accuracy: LocalizedText =
    datum === 'beijing1954'
      ? {
          zh: '北京 1954 → WGS84 用 EPSG:15921 的三参数（EPSG 标称精度 1 m，但只适用于塔里木盆地；EPSG 没有适用于河南的参数），在驻马店精度未知，可能偏差数米至数十米：位置仅作示意，精确成果请用当地七参数转换。',
          en: 'Beijing 1954 → WGS84 with the three parameters of EPSG:15921 (EPSG states 1 m, but only in the Tarim basin; EPSG has none for Henan): in Zhumadian the accuracy is unknown, possibly metres to tens of metres. Positions are schematic; for survey-grade results convert with the local seven parameters.',
        }
      : datum === 'cgcs2000'
        ? { zh: 'CGCS2000 与 WGS84 在地图精度下视为相同（相差厘米级）。', en: 'CGCS2000 is taken as WGS84 (they differ by centimetres).' }
        : { zh: '', en: '' };
  return {
    ok: true,
    name,
    toWgs84,
    note: {
      zh: `按 .prj 读取坐标系：${name}（${datumName.zh}，${what.zh}），已用 proj4 转换为经纬度。${accuracy.zh}`,
      en: `coordinate system read from the .prj: ${name} (${datumName.en}, ${what.en}); converted to longitude/latitude with proj4. ${accuracy.en}`.trim(),
    },
  };
}
