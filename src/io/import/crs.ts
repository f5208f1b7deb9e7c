// Which coordinate system a file is in, and the way to WGS84 lon/lat.
//
// Chinese planning data arrives in one of a few shapes, told apart by the
// size of the numbers (no file says reliably which it is):
// - lon/lat degrees (WGS84, or CGCS2000, equal to WGS84 at map scale), maybe
//   latitude first ([32.9, 114.0]);
// - CGCS2000 3-degree Gauss–Krüger metres, easting with the zone prefix
//   (38 5xx xxx for zone 38, central meridian 114°E, where 驻马店 lies) or
//   without it (~500 000, central meridian 114°E assumed, and said), maybe
//   northing first (the surveyor's X is north);
// - Web Mercator metres (EPSG:3857, from web-map tools): converted with
//   proj4, and said, but only when the result lands in China — elsewhere the
//   magnitudes are too ambiguous to guess;
// - GCJ-02 (火星坐标) looks exactly like lon/lat, so only the caller can say
//   so (sourceCrs 'gcj02'); gcoord converts it.
// The file's CRS is the reading that fits the most features; features that do
// not fit it are rejected one by one, so a stray typo does not sink a file.
import { coordAll } from '@turf/turf';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';

export type SourceCrs = 'auto' | 'wgs84' | 'gcj02' | 'cgcs2000-gk3-38';
/** 'declared': the file said its coordinate system (a Shapefile's .prj) and its reader converted from it. */
export type DetectedCrs = 'wgs84' | 'gcj02' | 'cgcs2000-gk3' | 'cgcs2000-gk3-cm114' | 'web-mercator' | 'declared';

export interface CrsReport {
  detected: DetectedCrs;
  /** The coordinate system's own name, when the file declares it ('CGCS2000_3_Degree_GK_CM_114E'). */
  name?: string;
  /** Gauss–Krüger 3-degree zone (38 = central meridian 114°E) when projected. */
  zone?: number;
  /** The file gave latitude before longitude (or northing before easting); swapped back. */
  axisSwapped: boolean;
  /** Coordinates were changed (reprojected, datum-shifted or swapped). */
  converted: boolean;
  /** What was detected and done, for the planner. */
  note: LocalizedText;
}

export const ZHUMADIAN_ZONE = 38;
const CHINA = { west: 73, east: 136, south: 3, north: 54 };
const MERCATOR_MAX = 20037508.342789244;
/** Easting range of a 3-degree zone in China (±1.5° ≈ ±170 km, generous). */
const EASTING = { min: 150_000, max: 850_000 };
/** Northing range for China's latitudes (3°N–54°N ≈ 0.33–5.99 million metres). */
const NORTHING = { min: 0, max: 6_000_000 };
const GK_ZONES = { min: 25, max: 45 };
/** Features compared when telling coordinate systems apart. */
const CRS_SAMPLE = 4000;

type XY = [number, number];

/** CGCS2000 3-degree Gauss–Krüger; falseEasting 500 000 or zone·10⁶ + 500 000. */
export function gaussKrugerProj(centralMeridian: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

const converters = new Map<string, proj4.Converter>();
function projected(definition: string): proj4.Converter {
  let converter = converters.get(definition);
  if (!converter) converters.set(definition, (converter = proj4(definition, 'WGS84')));
  return converter;
}

const inChina = ([lon, lat]: XY) => lon >= CHINA.west && lon <= CHINA.east && lat >= CHINA.south && lat <= CHINA.north;
const between = (value: number, range: { min: number; max: number }) => value >= range.min && value <= range.max;

interface Reading {
  crs: DetectedCrs;
  /** [lon, lat] in WGS84 when the position fits this reading, else null. */
  toWgs84(xy: XY): XY | null;
  /** `zones`: the Gauss–Krüger zone(s) the file uses, e.g. '38'. */
  note: (zones: string) => LocalizedText;
}

const geographic: Reading = {
  crs: 'wgs84',
  toWgs84: ([x, y]) => (Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : null),
  note: () => ({
    zh: '坐标为经纬度（WGS84/CGCS2000），未转换。若数据取自高德、腾讯等网络地图（GCJ-02 火星坐标），请在“坐标系”中选 GCJ-02 后重新读取，否则位置会偏移数百米。',
    en: 'coordinates are longitude/latitude (WGS84/CGCS2000); not converted. If the data come from AMap, Tencent or another Chinese web map (GCJ-02), choose GCJ-02 under Coordinate system and read again, or positions will be off by a few hundred metres.',
  }),
};

const gcj02: Reading = {
  crs: 'gcj02',
  toWgs84: (xy) => {
    if (!geographic.toWgs84(xy)) return null;
    const [lon, lat] = gcoord.transform(xy, gcoord.GCJ02, gcoord.WGS84);
    return [lon, lat];
  },
  note: () => ({
    zh: '按声明的 GCJ-02（火星坐标）用 gcoord 转换为 WGS84。',
    en: 'converted from the declared GCJ-02 to WGS84 with gcoord.',
  }),
};

const zoneOf = (x: number) => Math.floor(x / 1_000_000);

function gaussKrugerZoned(onlyZone?: number): Reading {
  return {
    crs: 'cgcs2000-gk3',
    toWgs84: ([x, y]) => {
      const zone = zoneOf(x);
      if (onlyZone !== undefined ? zone !== onlyZone : !between(zone, GK_ZONES)) return null;
      if (!between(x - zone * 1_000_000, EASTING) || !between(y, NORTHING)) return null;
      const [lon, lat] = projected(gaussKrugerProj(zone * 3, zone * 1_000_000 + 500_000)).forward([x, y]);
      return [lon, lat];
    },
    note: (zones) => {
      const meridians = zones
        .split('/')
        .map((zone) => `${Number(zone) * 3}°E`)
        .join('/');
      return {
        zh: `检测到 CGCS2000 3 度带高斯-克吕格坐标（带号 ${zones}，中央经线 ${meridians}），已转换为经纬度（CGCS2000 与 WGS84 在地图精度下视为相同）。`,
        en: `detected CGCS2000 3-degree Gauss–Krüger metres (zone ${zones}, central meridian ${meridians}); converted to longitude/latitude (CGCS2000 taken as WGS84 at map scale).`,
      };
    },
  };
}

const gaussKrugerCm114: Reading = {
  crs: 'cgcs2000-gk3-cm114',
  toWgs84: ([x, y]) => {
    if (!between(x, EASTING) || !between(y, NORTHING)) return null;
    const [lon, lat] = projected(gaussKrugerProj(114, 500_000)).forward([x, y]);
    return [lon, lat];
  },
  note: () => ({
    zh: '检测到不带带号的 CGCS2000 3 度带高斯-克吕格坐标（东坐标约 500 000 m），假定中央经线 114°E（驻马店所在的 38 带）并已转换为经纬度；若数据属于其他投影带，位置会整体偏移。',
    en: 'detected CGCS2000 3-degree Gauss–Krüger metres without the zone prefix (easting ~500 000 m); assumed central meridian 114°E (zone 38, where Zhumadian lies) and converted to longitude/latitude. If the data belong to another zone, every position will be shifted.',
  }),
};

/**
 * One CGCS2000 3-degree Gauss–Krüger position (easting, northing in metres) as
 * WGS84 lon/lat, by the same readings an import uses: with the zone prefix
 * (any zone 25–45), else without it on central meridian 114°E (zone 38).
 * Null when the numbers fit neither. Used for typed coordinates.
 */
export function gaussKrugerToWgs84(xy: XY): { lonLat: XY; zone: number; prefixed: boolean } | null {
  const zoned = gaussKrugerZoned().toWgs84(xy);
  if (zoned) return { lonLat: zoned, zone: zoneOf(xy[0]), prefixed: true };
  const plain = gaussKrugerCm114.toWgs84(xy);
  return plain ? { lonLat: plain, zone: ZHUMADIAN_ZONE, prefixed: false } : null;
}

const webMercator: Reading = {
  crs: 'web-mercator',
  toWgs84: ([x, y]) => {
    if (Math.abs(x) > MERCATOR_MAX || Math.abs(y) > MERCATOR_MAX) return null;
    const [lon, lat] = proj4('EPSG:3857', 'EPSG:4326', [x, y]);
    return lon !== undefined && lat !== undefined && inChina([lon, lat]) ? [lon, lat] : null;
  },
  note: () => ({
    zh: '坐标数值像 Web 墨卡托（EPSG:3857，米），已按 EPSG:3857 用 proj4 转换为经纬度；请核对来源。',
    en: 'the numbers look like Web Mercator metres (EPSG:3857); converted to longitude/latitude with proj4 as EPSG:3857 — please check the source.',
  }),
};

interface Candidate {
  reading: Reading;
  swapped: boolean;
}

/** Readings to try, in order of preference when several fit equally well. */
function candidates(sourceCrs: SourceCrs): Candidate[] {
  const readings: Reading[] =
    sourceCrs === 'wgs84'
      ? [geographic]
      : sourceCrs === 'gcj02'
        ? [gcj02]
        : sourceCrs === 'cgcs2000-gk3-38'
          ? [gaussKrugerZoned(ZHUMADIAN_ZONE), gaussKrugerCm114]
          : [geographic, gaussKrugerZoned(), gaussKrugerCm114, webMercator];
  return readings.flatMap((reading) => [
    { reading, swapped: false },
    { reading, swapped: true },
  ]);
}

function convertPosition(candidate: Candidate, position: Position): Position | null {
  const [a, b, ...rest] = position;
  if (a === undefined || b === undefined) return null;
  const converted = candidate.reading.toWgs84(candidate.swapped ? [b, a] : [a, b]);
  if (!converted) return null;
  // Unchanged positions are kept as they are: no garbage for a 500 000-point lon/lat file.
  if (converted[0] === a && converted[1] === b) return position;
  return [...converted, ...rest];
}

/** The geometry with every position converted, or null when one does not fit. */
function convertGeometry(geometry: Geometry, convert: (position: Position) => Position | null): Geometry | null {
  const map = <T>(items: T[], each: (item: T) => T | null): T[] | null => {
    const out: T[] = [];
    for (const item of items) {
      const converted = each(item);
      if (converted === null) return null;
      out.push(converted);
    }
    return out;
  };
  const line = (positions: Position[]) => map(positions, convert);
  const polygon = (rings: Position[][]) => map(rings, line);
  switch (geometry.type) {
    case 'Point': {
      const coordinates = convert(geometry.coordinates);
      return coordinates === geometry.coordinates ? geometry : coordinates && { type: 'Point', coordinates };
    }
    case 'MultiPoint':
    case 'LineString': {
      const coordinates = line(geometry.coordinates);
      return coordinates && { type: geometry.type, coordinates };
    }
    case 'MultiLineString':
    case 'Polygon': {
      const coordinates = polygon(geometry.coordinates);
      return coordinates && { type: geometry.type, coordinates };
    }
    case 'MultiPolygon': {
      const coordinates = map(geometry.coordinates, polygon);
      return coordinates && { type: 'MultiPolygon', coordinates };
    }
    case 'GeometryCollection': {
      const geometries = map(geometry.geometries, (member) => convertGeometry(member, convert));
      return geometries && { type: 'GeometryCollection', geometries };
    }
  }
}

/** Every position, GeometryCollections included (turf's coordAll). */
const positionsOf = (geometry: Geometry): Position[] => coordAll(geometry);
const firstPosition = (geometry: Geometry): Position | undefined => positionsOf(geometry)[0];

export type CrsResolution =
  | {
      ok: true;
      crs: CrsReport;
      /** Per input geometry: converted to WGS84 lon/lat, or null when it does not fit the file's CRS. */
      geometries: (Geometry | null)[];
      /** Why a null geometry does not fit. */
      misfit: (geometry: Geometry) => LocalizedText;
    }
  | { ok: false; message: LocalizedText };

const LABEL: Record<DetectedCrs, LocalizedText> = {
  wgs84: { zh: '经纬度', en: 'longitude/latitude' },
  gcj02: { zh: 'GCJ-02 经纬度', en: 'GCJ-02 longitude/latitude' },
  'cgcs2000-gk3': { zh: 'CGCS2000 3 度带（带号）', en: 'CGCS2000 3-degree zone (prefixed)' },
  'cgcs2000-gk3-cm114': { zh: 'CGCS2000 3 度带（中央经线 114°E）', en: 'CGCS2000 3-degree, CM 114°E' },
  'web-mercator': { zh: 'Web 墨卡托（中国范围）', en: 'Web Mercator (within China)' },
  declared: { zh: '文件声明的坐标系', en: 'the coordinate system the file declares' },
};

function range(geometries: readonly Geometry[]): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const geometry of geometries) {
    const position = firstPosition(geometry);
    if (position?.[0] !== undefined && position[1] !== undefined) xs.push(position[0]), ys.push(position[1]);
  }
  const span = (values: number[]) => `${values.reduce((a, b) => Math.min(a, b))} … ${values.reduce((a, b) => Math.max(a, b))}`;
  return xs.length ? `x ${span(xs)}, y ${span(ys)}` : '—';
}

/**
 * Picks the file's CRS (or checks the declared one) and converts every
 * geometry that fits it to WGS84 lon/lat. `declaredName` is a CRS the file
 * itself names (GeoJSON `crs`), only repeated in the note.
 */
export function resolveCrs(
  geometries: readonly Geometry[],
  sourceCrs: SourceCrs = 'auto',
  declaredName?: string,
  progress?: (fraction: number) => void,
): CrsResolution {
  // The readings are compared on an evenly spread sample (a 500 000-row file
  // would otherwise be converted eight times over); the winner converts all.
  const step = Math.max(1, Math.ceil(geometries.length / CRS_SAMPLE));
  const sample = step === 1 ? geometries : geometries.filter((_, index) => index % step === 0);
  let best: { candidate: Candidate; converted: (Geometry | null)[]; fits: number; china: number } | undefined;
  for (const candidate of candidates(sourceCrs)) {
    const converted = sample.map((geometry) => convertGeometry(geometry, (position) => convertPosition(candidate, position)));
    const fitting = converted.filter((geometry): geometry is Geometry => geometry !== null);
    const china = fitting.filter((geometry) => {
      const [lon, lat] = firstPosition(geometry) ?? [];
      return lon !== undefined && lat !== undefined && inChina([lon, lat]);
    }).length;
    // More fitting features wins; then more of them in China (a lat/lon file
    // whose values both stay under 90 is only told apart by where it lands).
    if (fitting.length > 0 && (!best || fitting.length > best.fits || (fitting.length === best.fits && china > best.china)))
      best = { candidate, converted, fits: fitting.length, china };
  }
  if (best && step > 1) {
    const chosen = best.candidate;
    best.converted = geometries.map((geometry, index) => {
      if ((index & 4095) === 0) progress?.(index / geometries.length);
      return convertGeometry(geometry, (position) => convertPosition(chosen, position));
    });
  }
  const declared = declaredName ? { zh: `文件声明坐标系 ${declaredName}。`, en: ` The file declares CRS ${declaredName}.` } : { zh: '', en: '' };
  if (!best) {
    const expected =
      sourceCrs === 'auto'
        ? {
            zh: '既不是经纬度，也不是 CGCS2000 3 度带高斯-克吕格坐标（带号 25–45，或不带带号、中央经线 114°E），也不是中国范围内的 Web 墨卡托',
            en: 'are neither longitude/latitude, nor CGCS2000 3-degree Gauss–Krüger metres (zone prefix 25–45, or no prefix with central meridian 114°E), nor Web Mercator within China',
          }
        : { zh: `与声明的坐标系 ${sourceCrs} 不符`, en: `do not fit the declared CRS ${sourceCrs}` };
    return {
      ok: false,
      message: {
        zh: `${declared.zh}无法识别坐标系：坐标数值（${range(geometries)}）${expected.zh}。请先转换为 WGS84 经纬度。`,
        en: `cannot tell the coordinate system: the coordinates (${range(geometries)}) ${expected.en}. Convert them to WGS84 longitude/latitude first.${declared.en}`,
      },
    };
  }
  const { candidate, converted } = best;
  const { reading, swapped } = candidate;
  const projectedZones = reading.crs === 'cgcs2000-gk3' || reading.crs === 'cgcs2000-gk3-cm114';
  const zones = new Set(
    (projectedZones ? geometries : []).flatMap((geometry, index) => {
      const position = firstPosition(geometry);
      const easting = swapped ? position?.[1] : position?.[0];
      return converted[index] && easting !== undefined ? [zoneOf(easting)] : [];
    }),
  );
  const zone = reading.crs === 'cgcs2000-gk3' ? (zones.size === 1 ? [...zones][0] : undefined) : reading.crs === 'cgcs2000-gk3-cm114' ? ZHUMADIAN_ZONE : undefined;
  const note = reading.note([...zones].sort().join('/'));
  const swapNote = swapped
    ? reading.crs === 'cgcs2000-gk3' || reading.crs === 'cgcs2000-gk3-cm114'
      ? { zh: '坐标按“北坐标, 东坐标”（测量 X, Y）顺序给出，已交换。', en: ' Coordinates were given northing first (surveyor’s X, Y); swapped.' }
      : { zh: '坐标按“纬度, 经度”顺序给出，已交换为“经度, 纬度”。', en: ' Coordinates were given latitude first; swapped to longitude, latitude.' }
    : { zh: '', en: '' };
  const label = LABEL[reading.crs];
  const geographicMisfit = (position: Position, axesSwapped: boolean): LocalizedText | null => {
    if (reading.crs !== 'wgs84' && reading.crs !== 'gcj02') return null;
    const [first, second] = position;
    const [lon, lat] = axesSwapped ? [second, first] : [first, second];
    if (lat !== undefined && Math.abs(lat) > 90) return { zh: `纬度 ${lat} 超出 −90…90`, en: `latitude ${lat} is beyond ±90` };
    if (lon !== undefined && Math.abs(lon) > 180) return { zh: `经度 ${lon} 超出 −180…180`, en: `longitude ${lon} is beyond ±180` };
    return null;
  };
  return {
    ok: true,
    crs: {
      detected: reading.crs,
      ...(zone !== undefined ? { zone } : {}),
      axisSwapped: swapped,
      converted: swapped || reading.crs !== 'wgs84',
      note: { zh: `${note.zh}${swapNote.zh}${declared.zh}`, en: `${note.en}${swapNote.en}${declared.en}` },
    },
    geometries: converted,
    misfit: (geometry) => {
      const position = positionsOf(geometry).find((each) => convertPosition(candidate, each) === null) ?? [];
      const shown = `(${position.slice(0, 2).join(', ')})`;
      const why = geographicMisfit(position, swapped);
      return {
        zh: `坐标 ${shown} 超出范围：不符合本文件的坐标系（${label.zh}）${why ? `：${why.zh}` : ''}`,
        en: `coordinates ${shown} out of range for this file's CRS (${label.en})${why ? `: ${why.en}` : ''}`,
      };
    },
  };
}
