// The plan target 县区城市社区“一刻钟便民生活服务圈”全覆盖 (t_15min_life_circle),
// checked on the planner's own data: an imported layer of urban communities
// (points or polygons) and one of community service points (便利店, 菜市场,
// 生活服务网点 …). No community data ships with the app, so without both
// layers the target stays not-evaluable and says what to bring.
import type { Feature, Geometry } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { LocalizedText } from '../i18n/text';
import { haversineMeters } from './geodesy';
import { networkMinutesFrom, type NetworkOptions, type RoadLine } from './network/analysis';
import { resolveTravel } from './travel';
import type { PlanTargetResult, TravelParameters } from './types';

/** 一刻钟: the target's own time, whatever minutes the panel is set to. */
export const LIFE_CIRCLE_MINUTES = 15;
/** Uncovered communities named one by one in the result; the rest are counted. */
export const LISTED_UNCOVERED = 30;

/** A community or a service point: a name and the point that stands for it. */
export interface NamedPoint {
  id: string;
  name: string;
  coordinates: [number, number];
}

export interface LifeCircleLayers {
  /** The layers' names, said in the result. */
  communityLayer: string;
  serviceLayer: string;
  communities: readonly NamedPoint[];
  services: readonly NamedPoint[];
}

type Evaluation = Pick<PlanTargetResult, 'verdict' | 'explanation' | 'details'>;

/**
 * Features as named points: a point as it is (each point of a MultiPoint), a
 * polygon by a point inside it (Turf's pointOnFeature: the centroid when it
 * lies inside, so a crescent-shaped community is not placed outside itself).
 * Features without a geometry, and lines (neither a community nor a service
 * point), are left out.
 */
export function namedPointsOf(features: readonly Pick<Feature<Geometry | null>, 'geometry' | 'properties'>[], nameOf: (properties: Record<string, unknown>, index: number) => string): NamedPoint[] {
  return features.flatMap((feature, index) => {
    const { geometry } = feature;
    if (!geometry || geometry.type === 'LineString' || geometry.type === 'MultiLineString') return [];
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const id = typeof properties.id === 'string' ? properties.id : String(index + 1);
    const name = nameOf(properties, index);
    if (geometry.type === 'Point') return [{ id, name, coordinates: [geometry.coordinates[0]!, geometry.coordinates[1]!] as [number, number] }];
    if (geometry.type === 'MultiPoint')
      return geometry.coordinates.map((position, part) => ({ id: `${id}-${part + 1}`, name, coordinates: [position[0]!, position[1]!] as [number, number] }));
    const [lng, lat] = pointOnFeature(geometry).geometry.coordinates;
    return [{ id, name, coordinates: [lng!, lat!] as [number, number] }];
  });
}

const NOT_CHOSEN: LocalizedText = {
  zh: '需要城市社区范围（面或点）和社区商业服务网点：导入这两类数据后，在“规划目标核验”的“一刻钟便民生活服务圈”中选择社区图层和服务网点图层，即按步行 15 分钟核验每个社区是否被覆盖。',
  en: 'Needs the urban communities (polygons or points) and the community service points: import both, then choose them under “15-minute convenience-living circle” in Plan targets, and every community is checked for a service point within a 15-minute walk.',
};

const COMMUNITIES: LocalizedText = { zh: '个', en: 'communities' };
const MINUTES: LocalizedText = { zh: '分钟', en: 'min' };
const PERCENT: LocalizedText = { zh: '%', en: '%' };

/**
 * Every community within a 15-minute walk of a service point: along the
 * chosen roads (walk speed, the walk to and from the road included) or, with
 * no network chosen, within the straight-line radius walk speed × 15 min (GB
 * 50180-2018 states the circle as an 800–1,000 m radius). A community is
 * measured at its point (a polygon at a point inside it), not over its whole area.
 */
export function evaluateLifeCircle(
  layers: LifeCircleLayers | null | undefined,
  travel: Partial<TravelParameters> | undefined,
  network: { roads: readonly RoadLine[]; options: NetworkOptions } | null | undefined,
): Evaluation {
  if (!layers) return { verdict: 'not-evaluable', explanation: NOT_CHOSEN, details: [] };
  const params = { ...resolveTravel(travel), mode: 'walk' as const, minutes: LIFE_CIRCLE_MINUTES };
  const speed = params.speeds.walk; // metres per minute
  const radius = Math.round(speed * LIFE_CIRCLE_MINUTES);
  const { communities, services, communityLayer, serviceLayer } = layers;
  const method = network
    ? {
        zh: `沿所选道路图层步行（${(speed * 0.06).toFixed(1)} km/h，不走高速公路和快速路，离路段的一段按步行计，${network.options.accessMeters} 米内须有道路）`,
        en: `walking along the chosen road layer (${(speed * 0.06).toFixed(1)} km/h, not on expressways, the walk to and from the road included, a road within ${network.options.accessMeters} m)`,
      }
    : {
        zh: `直线半径 ${radius} 米（步行 ${(speed * 0.06).toFixed(1)} km/h × 15 分钟，GB 50180-2018 以 800–1000 米半径表述一刻钟生活圈；不是路网步行时间，在“路网”中选择道路图层即按路网计）`,
        en: `a straight-line radius of ${radius} m (walking ${(speed * 0.06).toFixed(1)} km/h × 15 min; GB 50180-2018 states the circle as an 800–1,000 m radius; not a road-network walk, choose a road layer as the network for that)`,
      };
  const explanation = {
    zh: `社区图层“${communityLayer}”的 ${communities.length} 个社区中，每个社区到服务网点图层“${serviceLayer}”最近网点的距离须在一刻钟内：${method.zh}。面状社区按其面内一点计，不检验整个社区范围；核验范围即所导入的社区。`,
    en: `Each of the ${communities.length} communities of the layer “${communityLayer}” must reach the nearest service point of “${serviceLayer}” within 15 minutes: ${method.en}. A polygon community is measured at a point inside it, not over its whole area; the communities checked are those imported.`,
  };
  if (communities.length === 0 || services.length === 0) {
    const missing = communities.length === 0 ? { zh: `社区图层“${communityLayer}”`, en: `the community layer “${communityLayer}”` } : { zh: `服务网点图层“${serviceLayer}”`, en: `the service layer “${serviceLayer}”` };
    return { verdict: 'not-evaluable', explanation: { zh: `${explanation.zh}${missing.zh}中没有带位置的要素，无法核验。`, en: `${explanation.en} ${missing.en} has no features with a position, so nothing could be checked.` }, details: [] };
  }

  // Minutes from the nearest service point to each community; null when no road reaches it.
  const minutes: (number | null)[] = network
    ? networkMinutesFrom({ ...network, params }, services.map((service) => service.coordinates), communities.map((community) => community.coordinates)).minutes
    : communities.map((community) => {
        let nearest = Infinity;
        for (const service of services) nearest = Math.min(nearest, haversineMeters(...community.coordinates, ...service.coordinates));
        return nearest / speed;
      });

  const uncovered = communities.map((community, index) => ({ community, minutes: minutes[index]! })).filter(({ minutes }) => minutes === null || minutes > LIFE_CIRCLE_MINUTES);
  const covered = communities.length - uncovered.length;
  const details: Evaluation['details'] = [
    { label: { zh: '一刻钟内可达服务网点的社区', en: 'Communities within 15 minutes of a service point' }, value: covered, unit: COMMUNITIES, pass: uncovered.length === 0 },
    { label: { zh: '社区覆盖率', en: 'Share of communities covered' }, value: round((covered / communities.length) * 100, 1), unit: PERCENT },
    ...uncovered.slice(0, LISTED_UNCOVERED).map(({ community, minutes }) =>
      minutes === null
        ? { label: { zh: `${community.name}（附近无可达道路）`, en: `${community.name} (no road reaches it)` }, value: '—', pass: false }
        : { label: { zh: community.name, en: community.name }, value: round(minutes, 1), unit: MINUTES, pass: false },
    ),
  ];
  if (uncovered.length > LISTED_UNCOVERED)
    details.push({ label: { zh: '其余未覆盖的社区', en: 'Further uncovered communities' }, value: uncovered.length - LISTED_UNCOVERED, unit: COMMUNITIES, pass: false });
  return { verdict: uncovered.length === 0 ? 'pass' : 'fail', explanation, details };
}

/** `value` rounded to `digits` decimals (figures in plan-target details). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
