// Road classes and what each mode may do on them: the speed a car keeps on a
// class (km/h), and whether pedestrians and cyclists use it. Chinese classes
// after GB 50220 / JTG B01 (公路等级, 城市道路等级) and OpenStreetMap `highway`
// values (also Geofabrik's `fclass`). Walk and bike keep their own speed on
// every road they may use: everything but motorways and urban expressways.
import type { LocalizedText } from '../../i18n/text';

export interface RoadClass {
  key: string;
  title: LocalizedText;
  /** Free-flow car speed, km/h; null: closed to cars (footpaths). */
  driveKmh: number | null;
  /** Open to pedestrians and cyclists. */
  walkBike: boolean;
  /** Other spellings that mean this class (compared lower-case, trimmed). */
  aliases?: readonly string[];
}

const cls = (key: string, zh: string, en: string, driveKmh: number | null, walkBike: boolean, aliases: string[] = []): RoadClass => ({
  key,
  title: { zh, en },
  driveKmh,
  walkBike,
  aliases,
});

/** The speeds table the README prints. */
export const ROAD_CLASSES: readonly RoadClass[] = [
  cls('高速公路', '高速公路', 'expressway (motorway)', 100, false, ['高速', '高速路', 'expressway', 'freeway']),
  cls('城市快速路', '城市快速路', 'urban expressway', 60, false, ['快速路', '快速干道', '城市快速干道']),
  cls('一级公路', '一级公路', 'Class-I highway', 80, true),
  cls('二级公路', '二级公路', 'Class-II highway', 60, true),
  cls('三级公路', '三级公路', 'Class-III highway', 40, true),
  cls('四级公路', '四级公路', 'Class-IV highway', 30, true),
  cls('国道', '国道', 'national road', 70, true),
  cls('省道', '省道', 'provincial road', 60, true),
  cls('县道', '县道', 'county road', 50, true),
  cls('乡道', '乡道', 'township road', 40, true),
  cls('村道', '村道', 'village road', 30, true),
  cls('主干路', '主干路', 'arterial road', 50, true, ['主干道', '城市主干路']),
  cls('次干路', '次干路', 'secondary urban road', 40, true, ['次干道', '城市次干路']),
  cls('支路', '支路', 'local street', 30, true, ['城市支路']),
  cls('步行道', '步行道', 'footpath', null, true, ['人行道', '步行街', '绿道']),
  cls('motorway', 'motorway（高速）', 'motorway', 100, false),
  cls('motorway_link', 'motorway_link（高速匝道）', 'motorway link', 60, false),
  cls('trunk', 'trunk（干线）', 'trunk', 70, true),
  cls('trunk_link', 'trunk_link', 'trunk link', 50, true),
  cls('primary', 'primary（主要道路）', 'primary', 60, true),
  cls('primary_link', 'primary_link', 'primary link', 40, true),
  cls('secondary', 'secondary（次要道路）', 'secondary', 50, true),
  cls('secondary_link', 'secondary_link', 'secondary link', 40, true),
  cls('tertiary', 'tertiary（三级道路）', 'tertiary', 40, true),
  cls('tertiary_link', 'tertiary_link', 'tertiary link', 30, true),
  cls('unclassified', 'unclassified（未分级）', 'unclassified', 30, true),
  cls('residential', 'residential（居住区道路）', 'residential', 30, true),
  cls('living_street', 'living_street（生活街道）', 'living street', 15, true),
  cls('service', 'service（服务道路）', 'service', 20, true),
  cls('road', 'road（未知道路）', 'road', 30, true),
  cls('track', 'track（机耕路）', 'track', 15, true),
  cls('footway', 'footway（人行道）', 'footway', null, true, ['pedestrian', 'path', 'steps', 'cycleway', 'bridleway']),
];

const CLASS_BY_NAME = new Map<string, RoadClass>(
  ROAD_CLASSES.flatMap((roadClass) => [roadClass.key, ...(roadClass.aliases ?? [])].map((name) => [name.toLowerCase(), roadClass] as const)),
);

/** The class a field value names, or null when the table does not know it. */
export function roadClassOf(value: unknown): RoadClass | null {
  if (value === null || value === undefined) return null;
  return CLASS_BY_NAME.get(String(value).trim().toLowerCase()) ?? null;
}

/** Fields read as the road class when the planner names none (first present wins). */
export const CLASS_FIELD_GUESSES = ['highway', 'fclass', 'road_class', 'roadclass', 'class', '道路等级', '等级', '道路类型', '类型', 'kind', 'type'];
/** Fields read as one-way flags when present. */
export const ONE_WAY_FIELD_GUESSES = ['oneway', 'one_way', '单行', '单向', '是否单行', '单行道'];

export type OneWay = 0 | 1 | -1;

/**
 * A one-way value: OSM's yes/true/1 and -1, Chinese 是/单行, and Geofabrik's
 * F (digitised direction) / T (against it) / B (both). Anything else: both ways.
 */
export function oneWayOf(value: unknown): OneWay {
  if (value === true || value === 1) return 1;
  if (value === -1) return -1;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['yes', 'true', '1', 'y', 'f', 'forward', '是', '单行', '单向'].includes(text)) return 1;
  if (['-1', 'reverse', 'backward', 't'].includes(text)) return -1;
  return 0;
}
