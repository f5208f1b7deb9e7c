// A typed position, as planners write it: decimal degrees ("114.03, 32.98"),
// degrees-minutes-seconds ("114°01′46″E 32°58′46″N", "东经114度1分46秒 北纬32度58分46秒"),
// or Gauss–Krüger metres off a survey drawing ("38512345.6, 3648765.2", with
// or without the zone prefix, either axis first). This file only reads the
// text; turning metres into lon/lat is src/io's (the import's proj4 readings).
import type { LocalizedText } from '../i18n/text';

export type TypedCoordinate =
  | { kind: 'degrees'; lon: number; lat: number; /** latitude was typed first */ swapped: boolean }
  | { kind: 'metres'; easting: number; northing: number; /** northing (the surveyor's X) was typed first */ swapped: boolean }
  | { kind: 'invalid'; message: LocalizedText };

const invalid = (zh: string, en: string): TypedCoordinate => ({ kind: 'invalid', message: { zh, en } });

const EXAMPLES = {
  zh: '例如 114.0294, 32.9794；114°01′46″E 32°58′46″N；或高斯-克吕格坐标 38512345, 3648765',
  en: 'e.g. 114.0294, 32.9794; 114°01′46″E 32°58′46″N; or Gauss–Krüger metres 38512345, 3648765',
};

/** One angle written with degree/minute/second marks (or 度分秒), with its hemisphere if given. */
interface Angle {
  value: number;
  axis: 'lon' | 'lat' | null;
}

// Degrees, then optional minutes and seconds; the marks may be ASCII or typographic.
// A hemisphere letter after an angle belongs to it only when it touches it ("46″E 32°"),
// or follows one space and no number does ("114° E, 32° N"): "46″ N32°" is the next angle's.
const DMS =
  /(东经|西经|南纬|北纬|[NSEWnsew东西南北])?\s*([0-9]+(?:\.[0-9]+)?)\s*(?:°|度|º)(?:\s*([0-9]+(?:\.[0-9]+)?)\s*(?:['′’]|分))?(?:\s*([0-9]+(?:\.[0-9]+)?)\s*(?:["″”]|''|′′|秒))?(?:([NSEWnsew东西南北])(?![经纬])|\s([NSEWnsew])(?![\s0-9]))?/gu;

function hemisphere(mark: string | undefined): { axis: 'lon' | 'lat'; sign: 1 | -1 } | null {
  if (!mark) return null;
  const m = mark.toUpperCase();
  if (m === 'E' || m === '东' || m === '东经') return { axis: 'lon', sign: 1 };
  if (m === 'W' || m === '西' || m === '西经') return { axis: 'lon', sign: -1 };
  if (m === 'N' || m === '北' || m === '北纬') return { axis: 'lat', sign: 1 };
  if (m === 'S' || m === '南' || m === '南纬') return { axis: 'lat', sign: -1 };
  return null;
}

function readDms(text: string): Angle[] | string {
  const angles: Angle[] = [];
  let rest = text;
  for (const match of text.matchAll(DMS)) {
    const [whole, before, degrees, minutes, seconds, adjacent, spaced] = match;
    const after = adjacent ?? spaced;
    const m = minutes === undefined ? 0 : Number(minutes);
    const s = seconds === undefined ? 0 : Number(seconds);
    if (m >= 60 || s >= 60) return whole.trim();
    const side = hemisphere(before) ?? hemisphere(after);
    angles.push({ value: (side?.sign ?? 1) * (Number(degrees) + m / 60 + s / 3600), axis: side?.axis ?? null });
    rest = rest.replace(whole, ' ');
  }
  // Anything left but separators is a typo the planner should see, not a guess.
  const leftover = rest.replace(/[\s,，;；、/]+/g, '');
  return leftover ? leftover : angles;
}

/** Reads a typed position; says what is wrong (in zh and en) when it cannot. */
export function parseTypedCoordinate(input: string): TypedCoordinate {
  const text = input.trim().replace(/，/g, ',');
  if (!text) return invalid(`请输入坐标（${EXAMPLES.zh}）。`, `Type a position (${EXAMPLES.en}).`);

  if (/[°度º]/u.test(text)) {
    const angles = readDms(text);
    if (typeof angles === 'string')
      return invalid(`无法读取“${angles}”：度分秒写作 114°01′46″E（分、秒小于 60）；${EXAMPLES.zh}。`, `cannot read "${angles}": write degrees-minutes-seconds as 114°01′46″E (minutes and seconds under 60); ${EXAMPLES.en}.`);
    if (angles.length !== 2)
      return invalid(`找到 ${angles.length} 个角度，需要经度和纬度两个（${EXAMPLES.zh}）。`, `found ${angles.length} angle(s); a longitude and a latitude are needed (${EXAMPLES.en}).`);
    const [first, second] = angles as [Angle, Angle];
    if (first.axis && first.axis === second.axis)
      return invalid('两个角度都标为同一方向（都是经度或都是纬度）。', 'both angles are marked as the same axis (both longitude or both latitude).');
    const latitudeFirst = first.axis === 'lat' || second.axis === 'lon' || (!first.axis && !second.axis && looksLatitudeFirst(first.value, second.value));
    return degrees(latitudeFirst ? second.value : first.value, latitudeFirst ? first.value : second.value, latitudeFirst);
  }

  const numbers = text.split(/[\s,;；、/]+/).filter(Boolean);
  if (numbers.length !== 2 || numbers.some((value) => !/^[-+]?[0-9]+(?:\.[0-9]+)?$/.test(value)))
    return invalid(`“${input.trim()}”不是两个数：${EXAMPLES.zh}。`, `"${input.trim()}" is not two numbers: ${EXAMPLES.en}.`);
  const [a, b] = numbers.map(Number) as [number, number];
  if (Math.abs(a) <= 180 && Math.abs(b) <= 180) {
    const latitudeFirst = looksLatitudeFirst(a, b);
    return degrees(latitudeFirst ? b : a, latitudeFirst ? a : b, latitudeFirst);
  }
  if (Math.abs(a) > 1000 && Math.abs(b) > 1000) {
    // Northings in China run 0.3–6 million metres; eastings ~150 000–850 000, or with the zone prefix 25–45 million.
    const isNorthing = (value: number) => value >= 1_000_000 && value < 10_000_000;
    const northingFirst = isNorthing(a) && !isNorthing(b);
    return { kind: 'metres', easting: northingFirst ? b : a, northing: northingFirst ? a : b, swapped: northingFirst };
  }
  return invalid(`“${input.trim()}”既不像经纬度（度），也不像平面坐标（米）：${EXAMPLES.zh}。`, `"${input.trim()}" looks neither like degrees nor like metres: ${EXAMPLES.en}.`);
}

/** In China a longitude is over 73° and a latitude under 54°: the larger one is the longitude. */
function looksLatitudeFirst(a: number, b: number): boolean {
  return Math.abs(a) <= 90 && Math.abs(b) > 90 ? true : Math.abs(a) < Math.abs(b) && Math.abs(a) <= 60 && Math.abs(b) >= 60;
}

function degrees(lon: number, lat: number, swapped: boolean): TypedCoordinate {
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return invalid(`经度 ${lon}、纬度 ${lat} 超出范围（经度 −180～180，纬度 −90～90）。`, `longitude ${lon}, latitude ${lat} are out of range (longitude −180 to 180, latitude −90 to 90).`);
  return { kind: 'degrees', lon, lat, swapped };
}

/** 114.029440, 32.979440 as 114°01′46″E 32°58′46″N — shown back so the planner sees how the text was read. */
export function formatDms(lon: number, lat: number): string {
  const part = (value: number, positive: string, negative: string) => {
    const abs = Math.abs(value);
    let d = Math.floor(abs);
    let m = Math.floor((abs - d) * 60);
    let s = Math.round(((abs - d) * 60 - m) * 60 * 10) / 10;
    if (s >= 60) {
      s = 0;
      m += 1;
    }
    if (m >= 60) {
      m = 0;
      d += 1;
    }
    return `${d}°${String(m).padStart(2, '0')}′${s.toFixed(1).padStart(4, '0')}″${value < 0 ? negative : positive}`;
  };
  return `${part(lon, 'E', 'W')} ${part(lat, 'N', 'S')}`;
}
