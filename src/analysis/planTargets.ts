// Plan targets (plan-targets.json) checked against the plan layers. Each
// evaluator says how it measured and what it estimates; a target the data
// cannot measure is 'not-evaluable', never 'pass'.
import type { LayerId, PlanFeature, PlanLayerCollection } from '../domain/plan';
import { isLocated } from '../domain/plan';
import { haversineMeters } from './geodesy';
import { evaluateLifeCircle, round, type LifeCircleLayers } from './lifeCircle';
import { networkMinutesFrom, type NetworkOptions, type RoadLine } from './network/analysis';
import { resolveTravel, travelMinutes } from './travel';
import type { CountyArea, PlanTargetResult, TravelParameters } from './types';

/** The fields of a plan-targets.json record this module reads. */
export interface PlanTargetRecord {
  id: string;
  indicator_zh: string;
  indicator_en: string;
  quote: string;
  /** The seed file the quote is from: provenance is always a file name and an exact quote. */
  source_file: string;
  /** The plans' figures for a counted class (stated in the text, listed in a table), each quoted. */
  counts?: readonly PlanCount[];
}

export interface PlanCount {
  class: string;
  layer: string;
  figures: readonly { value: number; kind: 'stated' | 'listed'; about?: boolean; source_file: string; quote: string }[];
  note_zh: string;
  note_en: string;
}

export interface PlanTargetInputs {
  layers: Pick<Record<LayerId, PlanLayerCollection>, 'urban-system' | 'industrial-parks' | 'towns'>;
  counties: readonly Pick<CountyArea, 'adcode' | 'name_zh' | 'name_en'>[];
  /** Drive speed and detour for t_half_hour_cluster (defaults: DEFAULT_TRAVEL). */
  travel?: Partial<TravelParameters>;
  /** The planner's road network: t_half_hour_cluster then uses network drive time, not straight line × detour. */
  network?: { roads: readonly RoadLine[]; options: NetworkOptions } | null;
  /** t_15min_life_circle: the planner's imported communities and service points (not-evaluable without them). */
  lifeCircle?: LifeCircleLayers | null;
  /** How far "左右" (about) stretches: ±share of the stated number (default 0.2 = ±20 %). */
  aboutTolerance?: number;
}

type Evaluation = Pick<PlanTargetResult, 'verdict' | 'explanation' | 'details'>;
type Evaluator = (inputs: PlanTargetInputs, record: PlanTargetRecord) => Evaluation;

export const HALF_HOUR_MINUTES = 30;
export const KEY_TOWNS_ABOUT = 30;
export const CHARACTERISTIC_TOWNS = 12;

const EVALUATORS: Record<string, Evaluator> = {
  t_half_hour_cluster: halfHourClusters,
  t_one_county_one_zone: oneCountyOneZone,
  t_key_towns: keyTowns,
  t_15min_life_circle: ({ lifeCircle, travel, network }) => evaluateLifeCircle(lifeCircle, travel, network),
};

export const EVALUATED_TARGET_IDS = Object.keys(EVALUATORS);

/** Results for the records this module can evaluate, in the records' order. */
export function evaluatePlanTargets(records: readonly PlanTargetRecord[], inputs: PlanTargetInputs): PlanTargetResult[] {
  return records.flatMap((record) => {
    const evaluate = EVALUATORS[record.id];
    if (!evaluate) return [];
    const evaluation = evaluate(inputs, record);
    // Belt and braces: an evaluator may only pass on figures it actually has.
    const verdict = evaluation.verdict === 'pass' && evaluation.details.length === 0 ? 'not-evaluable' : evaluation.verdict;
    return [{ id: record.id, indicator_zh: record.indicator_zh, indicator_en: record.indicator_en, quote: record.quote, source: record.source_file, ...evaluation, verdict }];
  });
}

function halfHourClusters({ layers, travel, network }: PlanTargetInputs): Evaluation {
  const params = { ...resolveTravel(travel), mode: 'drive' as const };
  const features = layers['urban-system'].features;
  const centre = features.find((f) => f.properties.kind === 'centre' && isLocated(f) && f.geometry.type === 'Point');
  const clusters = features.filter((f) => f.properties.kind === 'cluster');
  const speedKmh = (params.speeds.drive * 60) / 1000;
  const centrePoint = centre && pointOf(centre);
  const located = clusters.filter(isLocated);
  const points = clusters.map(pointOf);
  // With a road network: drive time along it (class speeds), from the central city's point to each cluster's.
  const times = network && centrePoint ? networkMinutesFrom({ ...network, params }, [centrePoint], points.flatMap((point) => (point ? [point] : []))) : null;
  const explanation = times
    ? {
        zh: `路网行车时间：中心城区到各组团沿所选道路图层的最短行车时间（按道路等级车速，离路段按步行计，${times.stats.accessMeters} 米内须有道路），须均 ≤ ${HALF_HOUR_MINUTES} 分钟；不检验是否为一级公路。组团位置为示意，结果仅供参考。${times.originJoined ? '' : `中心城区 ${times.stats.accessMeters} 米内没有可通行道路，无法计算。`}`,
        en: `Network drive time: the shortest drive from the central city to each cluster along the chosen road layer (class speeds, the walk to and from the road within ${times.stats.accessMeters} m), each must be ≤ ${HALF_HOUR_MINUTES} min; Class-I road links are not checked. Cluster positions are schematic, so the result is indicative only.${times.originJoined ? '' : ` The central city has no usable road within ${times.stats.accessMeters} m, so nothing could be measured.`}`,
      }
    : {
        zh: `估算：中心城区到各组团的直线距离 × 绕行系数 ${params.detourFactor} ÷ 车速 ${speedKmh.toFixed(0)} km/h，须均 ≤ ${HALF_HOUR_MINUTES} 分钟；不是路网行车时间（在“路网”中选择道路图层即按路网计），也不检验是否为一级公路。示意位置的组团结果仅供参考。`,
        en: `Estimate: straight-line distance from the central city to each cluster × detour factor ${params.detourFactor} ÷ ${speedKmh.toFixed(0)} km/h, each must be ≤ ${HALF_HOUR_MINUTES} min; not a road-network drive time (choose a road layer as the network for that), and Class-I road links are not checked. Clusters at schematic positions are indicative only.`,
      };
  if (!centrePoint || located.length === 0 || (times && !times.originJoined)) return { verdict: 'not-evaluable', explanation, details: [] };
  let measured = 0;
  const details: Evaluation['details'] = clusters.map((cluster, index) => {
    const point = points[index];
    const schematic = cluster.properties.accuracy === 'schematic';
    const minutes = point ? (times ? times.minutes[measured++]! : travelMinutes(haversineMeters(...centrePoint, ...point), params)) : null;
    const noRoad = point && minutes === null;
    const label = {
      zh: `${cluster.properties.name}${schematic ? '（示意位置）' : point ? '' : '（未定位）'}${noRoad ? '（附近无可达道路）' : ''}`,
      en: `${cluster.properties.name_en || cluster.properties.name}${schematic ? ' (schematic position)' : point ? '' : ' (unlocated)'}${noRoad ? ' (no road reaches it)' : ''}`,
    };
    if (minutes === null) return { label, value: null, pass: false };
    return { label, value: round(minutes, 1), unit: MINUTES, pass: minutes <= HALF_HOUR_MINUTES };
  });
  const unmeasured = details.some((d) => d.value === null);
  const verdict = details.every((d) => d.pass) ? 'pass' : unmeasured && details.every((d) => d.pass || d.value === null) ? 'not-evaluable' : 'fail';
  return { verdict, explanation, details };
}

function oneCountyOneZone({ layers, counties }: PlanTargetInputs): Evaluation {
  const zones = layers['industrial-parks'].features.filter((f) => f.properties.kind === 'zone');
  const details: Evaluation['details'] = counties.map((county) => {
    const count = zones.filter((z) => z.properties.county === county.adcode).length;
    return { label: { zh: county.name_zh, en: county.name_en }, value: count, unit: ZONES, pass: count >= 1 };
  });
  const unattributed = zones.filter((z) => !z.properties.county).length;
  details.push(
    { label: { zh: '开发区总数（规划：11 个）', en: 'Zones in total (plan: 11)' }, value: zones.length, unit: ZONES },
    { label: { zh: '未归属县区的开发区', en: 'Zones without a county' }, value: unattributed, unit: ZONES },
  );
  // The layers say where zones are, not whether they are provincial-level, their land use or their
  // industries: the target can at best be partly evaluated.
  const verdict = counties.length > 0 && details.every((d) => d.pass !== false) ? 'partial' : 'fail';
  return {
    verdict,
    explanation: {
      zh: `已核验：每个县区是否至少有 1 个开发区（产业园区图层 kind = zone，且 county 为该县区）。规划目标为全市 11 个开发区；图层现有 ${zones.length} 个，其中 ${unattributed} 个未标注所属县区，不计入任何县区。未核验（图层无此数据）：开发区是否为省级、整合中产业用地占比不低于 60%、每个开发区“2 个主导产业 + 1 个新兴产业”。`,
      en: `Checked: every county-level unit has at least one development zone (industrial-parks features of kind "zone" whose county is that unit). The plan aims at 11 zones; the layer has ${zones.length}, ${unattributed} of them without a county, which count for none. Not checked (the layers hold no such data): whether each zone is provincial-level, the industrial land share of at least 60 %, and "2 leading + 1 emerging industries" per zone.`,
    },
    details,
  };
}

function keyTowns({ layers, aboutTolerance = 0.2 }: PlanTargetInputs, record: PlanTargetRecord): Evaluation {
  const towns = layers.towns.features;
  const withRole = (role: string) => towns.filter((t: PlanFeature) => t.properties.roles?.includes(role)).length;
  const central = withRole('central_town');
  const characteristic = withRole('characteristic_town');
  const low = Math.ceil(KEY_TOWNS_ABOUT * (1 - aboutTolerance));
  const high = Math.floor(KEY_TOWNS_ABOUT * (1 + aboutTolerance));
  const centralPass = central >= low && central <= high;
  // The plan states 12 (text, table title) but its table lists 14: either figure is the plan's own.
  const counted = record.counts?.find((c) => c.class === 'characteristic_town');
  const accepted = [...new Set(counted?.figures.map((f) => f.value) ?? [CHARACTERISTIC_TOWNS])].sort((a, b) => a - b);
  const characteristicPass = accepted.includes(characteristic);
  const percent = Math.round(aboutTolerance * 100);
  return {
    verdict: centralPass && characteristicPass ? 'pass' : 'fail',
    explanation: {
      zh: `重点镇“30 个左右”：以城镇图层中角色为中心镇（表3）的镇计数，“左右”取 ±${percent}%，即 ${low}–${high} 个；特色小城镇须恰为规划所给的数（${accepted.join(' 或 ')} 个，原文无“左右”）。计入未定位的镇。${counted && accepted.length > 1 ? counted.note_zh : ''}`,
      en: `Key towns "about 30": towns with the central-town role (表3) in the towns layer; "about" is taken as ±${percent} %, i.e. ${low}–${high}. Characteristic towns must be exactly a figure the plan gives (${accepted.join(' or ')}; the text says no "about"). Unlocated towns count.${counted && accepted.length > 1 ? ` ${counted.note_en}` : ''}`,
    },
    details: [
      {
        label: { zh: '重点（中心）镇', en: 'Key (central) towns' },
        value: central,
        unit: { zh: `个（目标 ${low}–${high} 个）`, en: `(target ${low}–${high})` },
        pass: centralPass,
      },
      {
        label: { zh: '特色小城镇', en: 'Characteristic towns' },
        value: characteristic,
        unit: { zh: `个（规划所给：${accepted.join(' 或 ')} 个）`, en: `(the plan gives ${accepted.join(' or ')})` },
        pass: characteristicPass,
      },
      ...(accepted.length > 1
        ? [
            {
              label: { zh: '规划自身不一致（特色小镇：正文与表题 vs 表3）', en: "The plan's own inconsistency (characteristic towns: text and table title vs 表3)" },
              value: accepted.join(' ≠ '),
            },
          ]
        : []),
    ],
  };
}

const MINUTES = { zh: '分钟', en: 'min' };
const ZONES = { zh: '个', en: 'zone(s)' };

function pointOf(feature: PlanFeature): [number, number] | null {
  if (!isLocated(feature) || feature.geometry.type !== 'Point') return null;
  return [feature.geometry.coordinates[0]!, feature.geometry.coordinates[1]!];
}

