// Analysis results as data: every result the analysis panel shows, as
// features another GIS can open (GeoJSON, a zipped Shapefile) and as rows a
// spreadsheet user can read (CSV, Excel) — each file saying what it was
// computed with (analysis, minutes, mode, speed, detour factor, facilities,
// targets, scenario, date) and that it is schematic (示意).
//
// One conversion per analysis kind, result → named feature sets:
//   circles   — one circle per facility, and their union (clipped to the city)
//   coverage  — the same, plus the targets with covered / nearest distance
//   catchment — the Voronoi cells with their figures and colours, the targets
//               with their nearest facility, distance and Huff shares
//   network   — the isochrone bands, the targets with minutes / reach / facility
//   targets   — plan-target verdicts: no geometry, tables only
// Pure: the UI downloads the bytes.
import { area } from '@turf/turf';
import { zipSync } from 'fflate';
import type { Feature, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { categoryHex, facilityColorIndex } from '../../analysis/catchmentColors';
import type { AnalysisResult } from '../../analysis/registry';
import { analysisOf } from '../../analysis/registry';
import type { AnalysisSpec, SpecParameterName } from '../../domain/analysisSpec';
import { layerDefinition } from '../../domain/layers';
import { translate, type Language, type MessageKey } from '../../i18n/dictionary';
import type { LocalizedText } from '../../i18n/text';
import { toCsvWithNotes, type CsvCell } from '../csvExport';
import { COORDINATE_DECIMALS, EXPORT_CAVEAT, exportGeometry, localDate, sanitizeFileNamePart } from '../geojsonExport';
import { dbfValue, planDbfFields, writeDbf, type DbfField, type DbfValue } from './dbf';
import { EXPORT_CRS, type ProjectedExportCrs } from './exportCrs';
import { escapeXml, kmlGeometry } from './kmlExport';
import { polygonParts, writeShpShx, type Shape, type ShapeKind } from './shp';
import { byteEncoder, type TextEncodingName } from './textEncoding';
import { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsx';

/** What a result was computed with and where it sits: everything a file must state besides its features. */
export interface AnalysisExportContext {
  /** The spec the result was computed with (not the panel's current one). */
  spec: AnalysisSpec;
  result: AnalysisResult;
  scenarioName: string;
  /** Facility id → name, for naming circles and cells. */
  names: ReadonlyMap<string, string>;
  /** The imported targets file, when the targets came from one. */
  targetsFileName?: string | null;
  /** When the run finished (null: unknown). */
  computedAt: Date | null;
  exportedAt: Date;
}

/** One named set of features of a result (one Shapefile, one Excel sheet for points). */
export interface ResultFeatureSet {
  /** ASCII id: the `part` property, the Shapefile's base name. */
  id: 'circles' | 'union' | 'targets' | 'cells' | 'bands';
  title: LocalizedText;
  features: Feature<Geometry, Record<string, unknown>>[];
}

/** One parameter line: a label and its value in both languages. */
export interface ParameterLine {
  key: string;
  label: LocalizedText;
  value: LocalizedText;
}

const both = (key: MessageKey, values: Record<string, string | number> = {}): LocalizedText => ({ zh: translate('zh', key, values), en: translate('en', key, values) });
const same = (text: string | number): LocalizedText => ({ zh: String(text), en: String(text) });
const kmh = (metersPerMinute: number) => Math.round(metersPerMinute * 0.06 * 100) / 100;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

const SET_TITLES: Record<ResultFeatureSet['id'], LocalizedText> = {
  circles: { zh: '各设施服务圈', en: 'circle per facility' },
  union: { zh: '服务圈合并范围（裁剪到市域）', en: 'union of the circles (clipped to the city)' },
  targets: { zh: '服务对象', en: 'targets' },
  cells: { zh: '服务范围（泰森多边形）', en: 'service areas (Voronoi cells)' },
  bands: { zh: '等时圈', en: 'isochrone bands' },
};

/** The analysis's title in both languages. */
export const analysisTitleOf = (spec: AnalysisSpec): LocalizedText => analysisOf(spec.kind).title;

/** Targets of a result, counted (null when the analysis reads none). */
function targetCount(result: AnalysisResult): number | null {
  switch (result.kind) {
    case 'coverage':
      return result.coverage.targets.total;
    case 'catchment':
    case 'network':
      return result.targets.length;
    default:
      return null;
  }
}

function facilityCount(result: AnalysisResult): number | null {
  switch (result.kind) {
    case 'circles':
    case 'coverage':
      return result.circles.perFacility.features.length;
    case 'catchment':
    case 'network':
      return result.facilities.length;
    default:
      return null;
  }
}

/**
 * Every parameter the result was computed with, as label/value lines in both
 * languages: the analysis, the scenario, then the spec parameters the
 * analysis reads (a parameter it ignores, e.g. the detour factor of a circle,
 * is said to be unused rather than left out, so no reader assumes it applied).
 */
export function parameterLines(context: AnalysisExportContext): ParameterLine[] {
  const { spec, result } = context;
  const descriptor = analysisOf(spec.kind);
  const reads = (name: SpecParameterName) => (descriptor.parameters as readonly SpecParameterName[]).includes(name);
  const lines: ParameterLine[] = [
    { key: 'analysis', label: both('analysisParamName_kind'), value: descriptor.title },
    { key: 'scenario', label: { zh: '方案', en: 'scenario' }, value: same(context.scenarioName) },
  ];
  if (reads('minutes')) lines.push({ key: 'minutes', label: both('analysisParamName_minutes'), value: both('analysisParamMinutes', { minutes: spec.minutes }) });
  if (reads('mode')) lines.push({ key: 'mode', label: both('analysisParamName_mode'), value: both(`analysisMode_${spec.mode}` as MessageKey) });
  if (reads('speeds')) {
    const speed = spec.speeds[spec.mode];
    lines.push({ key: 'speed', label: both('analysisParamName_speeds'), value: { zh: `${kmh(speed)} 千米/小时（${Math.round(speed)} 米/分钟）`, en: `${kmh(speed)} km/h (${Math.round(speed)} m/min)` } });
  }
  lines.push({
    key: 'detour',
    label: both('analysisParamName_detourFactor'),
    value: reads('detourFactor')
      ? same(spec.detourFactor)
      : spec.kind === 'network'
        ? { zh: '不适用（沿路网计算）', en: 'not used (travel along the roads)' }
        : { zh: '不适用（半径 = 速度 × 时间）', en: 'not used (radius = speed × minutes)' },
  });
  const facilities = facilityCount(result);
  if (reads('facilityLayer')) {
    const layer = layerDefinition(spec.facilityLayer);
    const classes = spec.facilityClasses.map((key) => layer.classes.find((cls) => cls.key === key)).filter((cls) => cls !== undefined);
    const kinds = (language: Language) => (classes.length > 0 ? classes.map((cls) => translate(language, cls.title)).join(language === 'en' ? ', ' : '、') : language === 'en' ? 'all kinds' : '全部类型');
    lines.push({
      key: 'facilities',
      label: both('analysisFacilities'),
      value: {
        zh: `${translate('zh', layer.title)}（${kinds('zh')}）${facilities === null ? '' : `，${facilities} 个`}`,
        en: `${translate('en', layer.title)} (${kinds('en')})${facilities === null ? '' : `, ${facilities}`}`,
      },
    });
  }
  const targets = targetCount(result);
  if (reads('targetSource')) {
    const source = both(`analysisParamTargets_${spec.targetSource}` as MessageKey);
    const file = spec.targetSource === 'imported' && context.targetsFileName ? `「${context.targetsFileName}」` : '';
    lines.push({
      key: 'targets',
      label: both('analysisParamName_targetSource'),
      value: { zh: `${source.zh}${file}${targets === null ? '' : `，${targets} 个`}`, en: `${source.en}${file}${targets === null ? '' : `, ${targets}`}` },
    });
    lines.push({
      key: 'weight',
      label: both('analysisParamName_weightProperty'),
      value: spec.weightProperty ? same(spec.weightProperty) : { zh: '无（每个对象计 1）', en: 'none (1 per target)' },
    });
  }
  if (reads('metric')) lines.push({ key: 'metric', label: both('analysisParamName_metric'), value: both(`analysisMetric_${spec.metric}` as MessageKey) });
  if (reads('huffEnabled'))
    lines.push({
      key: 'huff',
      label: both('analysisParamName_huffEnabled'),
      value: spec.huffEnabled ? both('analysisParamHuff', { exponent: spec.huffExponent }) : { zh: '未使用', en: 'not used' },
    });
  if (reads('networkLayer')) lines.push({ key: 'network', label: { zh: '路网图层', en: 'road network layer' }, value: same(spec.networkLayer ?? '—') });
  if (reads('networkAccessMeters'))
    lines.push({ key: 'access', label: { zh: '离路步行上限', en: 'longest walk to the road' }, value: { zh: `${spec.networkAccessMeters} 米`, en: `${spec.networkAccessMeters} m` } });
  lines.push({ key: 'method', label: { zh: '方法', en: 'method' }, value: methodOf(result) });
  lines.push({
    key: 'computed',
    label: { zh: '计算时间', en: 'computed' },
    value: same(context.computedAt ? context.computedAt.toISOString() : '—'),
  });
  lines.push({ key: 'exported', label: { zh: '导出时间', en: 'exported' }, value: same(context.exportedAt.toISOString()) });
  return lines;
}

function methodOf(result: AnalysisResult): LocalizedText {
  switch (result.kind) {
    case 'circles':
      return result.circles.method;
    case 'coverage':
      return result.coverage.method;
    case 'catchment':
      return result.catchment.method;
    case 'network':
      return result.method;
    case 'targets':
      return { zh: '按规划图层核验规划文本中的目标', en: 'the plan text’s targets checked against the plan layers' };
  }
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The result in one or two sentences: what a reader wants before any table (e.g. covered 12 / 47). */
export function resultSummary(result: AnalysisResult): LocalizedText {
  switch (result.kind) {
    case 'circles': {
      const city = result.circles.areas.find((item) => item.adcode === null);
      return {
        zh: `半径 ${Math.round(result.circles.radiusMeters)} 米；覆盖市域 ${round(city?.coveredKm2 ?? 0, 1)} 平方千米（${pct(city?.share ?? 0)}）`,
        en: `radius ${Math.round(result.circles.radiusMeters)} m; covers ${round(city?.coveredKm2 ?? 0, 1)} km² of the city (${pct(city?.share ?? 0)})`,
      };
    }
    case 'coverage': {
      const { covered, total, share, weightShare } = result.coverage.targets;
      return {
        zh: `已覆盖 ${covered} / ${total} 个服务对象（${pct(share)}），按权重 ${pct(weightShare)}；半径 ${Math.round(result.coverage.radiusMeters)} 米`,
        en: `covered ${covered} / ${total} targets (${pct(share)}), ${pct(weightShare)} by weight; radius ${Math.round(result.coverage.radiusMeters)} m`,
      };
    }
    case 'catchment': {
      const assigned = result.catchment.assignments.filter((item) => item.facilityId !== null).length;
      const huff = result.catchment.huff;
      return {
        zh: `${result.facilities.length} 个设施，${assigned} / ${result.targets.length} 个服务对象已分配到最近设施${huff ? `；Huff 模型衰减指数 ${huff.exponent}` : ''}`,
        en: `${result.facilities.length} facilities; ${assigned} / ${result.targets.length} targets assigned to their nearest facility${huff ? `; Huff decay exponent ${huff.exponent}` : ''}`,
      };
    }
    case 'network': {
      const { covered, total, share, unreachable } = result.coverage;
      return {
        zh: `${result.minutes} 分钟内沿路网可达 ${covered} / ${total} 个服务对象（${pct(share)}），${unreachable} 个无法到达路网`,
        en: `${covered} / ${total} targets (${pct(share)}) reachable along the roads within ${result.minutes} min; ${unreachable} cannot reach the network`,
      };
    }
    case 'targets': {
      const count = (verdict: string) => result.targets.filter((target) => target.verdict === verdict).length;
      return {
        zh: `${result.targets.length} 项目标：达标 ${count('pass')}，部分核验 ${count('partial')}，未达标 ${count('fail')}，无法核验 ${count('not-evaluable')}`,
        en: `${result.targets.length} targets: ${count('pass')} met, ${count('partial')} partly evaluated, ${count('fail')} not met, ${count('not-evaluable')} not evaluable`,
      };
    }
  }
}

const areaKm2 = (geometry: Polygon | MultiPolygon) => round(area(geometry) / 1e6, 3);
const pointOf = (coordinates: [number, number]): Point => ({ type: 'Point', coordinates });
const km = (meters: number | null) => (meters === null || !Number.isFinite(meters) ? null : round(meters / 1000, 3));

/** The result's feature sets, WGS84, with properties named in ASCII snake_case (they become DBF fields). */
export function resultFeatureSets(context: AnalysisExportContext): ResultFeatureSet[] {
  const { result, spec, names } = context;
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  const travel = { minutes: spec.minutes, mode: spec.mode };
  const set = (id: ResultFeatureSet['id'], features: ResultFeatureSet['features']): ResultFeatureSet => ({ id, title: SET_TITLES[id], features });
  const feature = (geometry: Geometry, properties: Record<string, unknown>) => ({ type: 'Feature' as const, geometry, properties });

  const circleSets = (circles: Extract<AnalysisResult, { kind: 'circles' }>['circles']) => [
    set(
      'circles',
      circles.perFacility.features.map((circle) =>
        feature(circle.geometry, {
          part: 'circle',
          facility_id: circle.properties.facilityId,
          facility: nameOf(circle.properties.facilityId),
          radius_m: round(circle.properties.radiusMeters, 1),
          ...travel,
        }),
      ),
    ),
    set(
      'union',
      circles.dissolved
        ? [feature(circles.dissolved.geometry, { part: 'union', radius_m: round(circles.radiusMeters, 1), area_km2: areaKm2(circles.dissolved.geometry), facilities: circles.perFacility.features.length, ...travel })]
        : [],
    ),
  ];

  switch (result.kind) {
    case 'circles':
      return circleSets(result.circles);
    case 'coverage': {
      const uncovered = new Map(result.coverage.uncovered.map((entry) => [entry.targetId, entry.nearestMeters]));
      return [
        ...circleSets(result.circles),
        set(
          'targets',
          result.targets.map((target) =>
            feature(pointOf(target.coordinates), {
              part: 'target',
              target_id: target.id,
              name: target.name,
              weight: target.weight,
              covered: !uncovered.has(target.id),
              // Uncovered targets say how far the nearest facility is; covered ones lie within the radius.
              nearest_km: uncovered.has(target.id) ? km(uncovered.get(target.id) ?? null) : null,
            }),
          ),
        ),
      ];
    }
    case 'catchment': {
      const colors = facilityColorIndex(result.facilities.map((facility) => facility.id));
      const perFacility = new Map(result.catchment.perFacility.map((entry) => [entry.facilityId, entry]));
      const huff = new Map((result.catchment.huff?.probabilities ?? []).map((entry) => [entry.targetId, entry.byFacility]));
      const assignment = new Map(result.catchment.assignments.map((entry) => [entry.targetId, entry]));
      return [
        set(
          'cells',
          result.catchment.voronoi.features.map((cell) => {
            const stats = perFacility.get(cell.properties.facilityId);
            return feature(cell.geometry, {
              part: 'cell',
              facility_id: cell.properties.facilityId,
              facility: nameOf(cell.properties.facilityId),
              color: categoryHex(colors.get(cell.properties.facilityId) ?? 0),
              targets: stats?.targets ?? 0,
              weight: round(stats?.weight ?? 0, 3),
              area_km2: round(stats?.areaKm2 ?? 0, 3),
              huff_share: stats?.huffShare === undefined ? null : round(stats.huffShare, 4),
            });
          }),
        ),
        set(
          'targets',
          result.targets.map((target) => {
            const assigned = assignment.get(target.id);
            const shares = huff.get(target.id);
            const best = shares ? Object.entries(shares).sort((a, b) => b[1] - a[1])[0] : undefined;
            return feature(pointOf(target.coordinates), {
              part: 'target',
              target_id: target.id,
              name: target.name,
              weight: target.weight,
              facility_id: assigned?.facilityId ?? null,
              facility: nameOf(assigned?.facilityId ?? null),
              distance_km: km(assigned?.distanceMeters ?? null),
              minutes: assigned ? round(assigned.travelMinutes, 2) : null,
              // Huff: the probability of the nearest facility, and the facility most likely chosen.
              huff_share: shares && assigned?.facilityId ? round(shares[assigned.facilityId] ?? 0, 4) : null,
              huff_best: best ? nameOf(best[0]) : null,
              huff_best_share: best ? round(best[1], 4) : null,
            });
          }),
        ),
      ];
    }
    case 'network': {
      const times = new Map(result.times.map((time) => [time.targetId, time]));
      return [
        set(
          'bands',
          result.bands.map((band) => feature(band.geometry, { part: 'band', minutes: band.properties.minutes, area_km2: round(band.properties.areaKm2, 3), mode: spec.mode, budget_minutes: spec.minutes })),
        ),
        set(
          'targets',
          result.targets.map((target) => {
            const time = times.get(target.id);
            return feature(pointOf(target.coordinates), {
              part: 'target',
              target_id: target.id,
              name: target.name,
              weight: target.weight,
              covered: time?.reach === 'covered',
              reach: time?.reach ?? null,
              minutes: time?.minutes === null || time?.minutes === undefined ? null : round(time.minutes, 2),
              facility_id: time?.facilityId ?? null,
              facility: nameOf(time?.facilityId ?? null),
            });
          }),
        ),
      ];
    }
    case 'targets':
      return [];
  }
}

/** Whether the result has anything to draw (plan-target verdicts do not). */
export const hasGeometry = (result: AnalysisResult) => result.kind !== 'targets';

// GeoJSON ---------------------------------------------------------------------

export interface AnalysisGeoJson {
  type: 'FeatureCollection';
  name: string;
  /** Foreign member (RFC 7946 §6.1): what the file was computed with and what it is not. */
  analysis: {
    kind: string;
    title_zh: string;
    title_en: string;
    scenario: string;
    summary_zh: string;
    summary_en: string;
    parameters: Record<string, { label_zh: string; label_en: string; zh: string; en: string }>;
    /** The raw spec values, for a program: minutes, mode, speed (m/min), detour factor… */
    spec: AnalysisSpec;
    parts: { id: string; title_zh: string; title_en: string; features: number }[];
    crs: string;
    caveat_zh: string;
    caveat_en: string;
    schematic: true;
    exported_at: string;
  };
  features: Feature<Geometry, Record<string, unknown>>[];
}

const ANALYSIS_CAVEAT: LocalizedText = {
  zh: '分析结果为规划示意：设施位置多为规划示意位置，距离按直线（或所导入路网）估算，不是测量或交通模型成果。',
  en: 'The result is schematic: facility positions are mostly schematic plan positions and distances are estimated along straight lines (or the imported roads) — not a survey or a traffic model.',
};

export const ANALYSIS_EXPORT_CAVEAT: LocalizedText = { zh: `${ANALYSIS_CAVEAT.zh}${EXPORT_CAVEAT.zh}`, en: `${ANALYSIS_CAVEAT.en} ${EXPORT_CAVEAT.en}` };

export function analysisGeoJson(context: AnalysisExportContext): AnalysisGeoJson {
  const title = analysisTitleOf(context.spec);
  const sets = resultFeatureSets(context);
  const summary = resultSummary(context.result);
  const features = sets.flatMap((item) =>
    item.features.map((feature) => ({ type: 'Feature' as const, geometry: exportGeometry(feature.geometry)!, properties: { ...feature.properties, analysis: context.spec.kind } })),
  );
  return {
    type: 'FeatureCollection',
    name: `驻马店-${context.scenarioName}-${title.zh}`,
    analysis: {
      kind: context.spec.kind,
      title_zh: title.zh,
      title_en: title.en,
      scenario: context.scenarioName,
      summary_zh: summary.zh,
      summary_en: summary.en,
      parameters: Object.fromEntries(
        parameterLines(context).map((line) => [line.key, { label_zh: line.label.zh, label_en: line.label.en, zh: line.value.zh, en: line.value.en }]),
      ),
      spec: context.spec,
      parts: sets.map((item) => ({ id: item.id, title_zh: item.title.zh, title_en: item.title.en, features: item.features.length })),
      crs: 'EPSG:4326 (WGS 84), longitude, latitude in degrees — RFC 7946',
      caveat_zh: ANALYSIS_EXPORT_CAVEAT.zh,
      caveat_en: ANALYSIS_EXPORT_CAVEAT.en,
      schematic: true,
      exported_at: context.exportedAt.toISOString(),
    },
    features,
  };
}

/** The head first (what it is), then one feature per line: readable and diffable. */
export function serializeAnalysisGeoJson(collection: AnalysisGeoJson): string {
  const { features, ...head } = collection;
  const header = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const body = features.map((feature) => `    ${JSON.stringify(feature)}`).join(',\n');
  return `${header},\n  "features": [\n${body}${features.length ? '\n' : ''}  ]\n}\n`;
}

// Notes shared by CSV, Excel and the Shapefile readme ---------------------------

/** label/text pairs: the header block of a CSV, the lines of a readme or a notes sheet. */
export function resultNotes(context: AnalysisExportContext, language: Language, extra: readonly (readonly [string, string])[] = []): [string, string][] {
  const en = language === 'en';
  return [
    [en ? 'Result' : '结果', resultSummary(context.result)[language]],
    ...parameterLines(context).map((line): [string, string] => [line.label[language], line.value[language]]),
    ...extra.map(([label, text]): [string, string] => [label, text]),
    [en ? 'Schematic' : '示意说明', ANALYSIS_EXPORT_CAVEAT[language]],
  ];
}

/** A result table as CSV with the summary and every parameter in a header block above it. */
export function analysisCsv(context: AnalysisExportContext, language: Language, table: { fields: readonly string[]; rows: readonly (readonly CsvCell[])[] }, extra: readonly (readonly [string, string])[] = []): string {
  return toCsvWithNotes(resultNotes(context, language, extra), table.fields, table.rows);
}

// File names ------------------------------------------------------------------

/** 驻马店-方案A-覆盖率-15分钟-2026-12-07 (English: Zhumadian-Plan A-Coverage-15min-2026-12-07), without extension. */
export function analysisFileStem(context: Pick<AnalysisExportContext, 'spec' | 'scenarioName' | 'exportedAt'>, language: Language, part?: string): string {
  const en = language === 'en';
  const title = analysisTitleOf(context.spec)[language];
  const reads = (analysisOf(context.spec.kind).parameters as readonly SpecParameterName[]).includes('minutes');
  const minutes = reads ? `-${context.spec.minutes}${en ? 'min' : '分钟'}` : '';
  const partText = part ? `-${sanitizeFileNamePart(part, en ? 'table' : '表')}` : '';
  return `${en ? 'Zhumadian' : '驻马店'}-${sanitizeFileNamePart(context.scenarioName, en ? 'untitled' : '未命名')}-${sanitizeFileNamePart(title, en ? 'analysis' : '分析')}${minutes}${partText}-${localDate(context.exportedAt)}`;
}

// Shapefile -------------------------------------------------------------------

export interface ResultShapefileOptions {
  crs?: ProjectedExportCrs;
  encoding?: TextEncodingName;
}

const LANGUAGE_DRIVER: Record<TextEncodingName, number> = { 'UTF-8': 0, GBK: 0x4d };

function shapeOf(geometry: Geometry, at: (position: Position) => Position): { kind: ShapeKind; shape: Shape } | null {
  switch (geometry.type) {
    case 'Point':
      return { kind: 'point', shape: { kind: 'point', point: at(geometry.coordinates) } };
    case 'Polygon':
      return { kind: 'polygon', shape: { kind: 'polygon', parts: polygonParts([geometry.coordinates.map((ring) => ring.map(at))]) } };
    case 'MultiPolygon':
      return { kind: 'polygon', shape: { kind: 'polygon', parts: polygonParts(geometry.coordinates.map((rings) => rings.map((ring) => ring.map(at)))) } };
    default:
      return null;
  }
}

export interface ResultShapefile {
  zip: Uint8Array;
  files: { baseName: string; records: number; fields: DbfField[] }[];
}

/** One .shp/.shx/.dbf/.prj/.cpg per feature set (circles, union, cells, bands, targets), fields.csv and README.txt. */
export async function analysisShapefile(context: AnalysisExportContext, options: ResultShapefileOptions = {}): Promise<ResultShapefile> {
  const crs = EXPORT_CRS[options.crs ?? 'wgs84'];
  const encoder = await byteEncoder(options.encoding ?? 'UTF-8');
  const factor = 10 ** crs.decimals;
  const at = (position: Position): Position => crs.fromWgs84(position).map((value) => Math.round(value * factor) / factor || 0);
  const files: Record<string, Uint8Array> = {};
  const written: ResultShapefile['files'] = [];
  const text = new TextEncoder();
  for (const item of resultFeatureSets(context)) {
    const shapes: Shape[] = [];
    const records: Record<string, DbfValue>[] = [];
    let kind: ShapeKind | null = null;
    for (const feature of item.features) {
      const shaped = shapeOf(feature.geometry, at);
      if (!shaped) continue;
      kind ??= shaped.kind;
      shapes.push(shaped.shape);
      records.push(Object.fromEntries(Object.entries(feature.properties).map(([key, value]) => [key, dbfValue(value)])));
    }
    if (kind === null) continue;
    const fields = planDbfFields(records, encoder);
    const { shp, shx } = writeShpShx(kind, shapes);
    files[`${item.id}.shp`] = shp;
    files[`${item.id}.shx`] = shx;
    files[`${item.id}.dbf`] = writeDbf(fields, records, encoder, context.exportedAt, LANGUAGE_DRIVER[encoder.name]);
    files[`${item.id}.prj`] = text.encode(crs.esriWkt);
    files[`${item.id}.cpg`] = text.encode(encoder.name);
    written.push({ baseName: item.id, records: records.length, fields });
  }
  const fieldRows = written.flatMap((file) => file.fields.map((field): CsvCell[] => [`${file.baseName}.dbf`, field.key, field.name, field.type, field.length, field.decimals]));
  files['fields.csv'] = text.encode(toCsvWithNotes([], ['file', 'field (full name)', 'dbf_name', 'type', 'width', 'decimals'], fieldRows));
  files['README.txt'] = text.encode(shapefileReadme(context, written, crs.description, options.encoding ?? 'UTF-8'));
  return { zip: zipSync(files, { level: 6, mtime: context.exportedAt }), files: written };
}

function shapefileReadme(context: AnalysisExportContext, files: ResultShapefile['files'], crs: LocalizedText, encoding: TextEncodingName): string {
  const title = analysisTitleOf(context.spec);
  const sets = new Map(resultFeatureSets(context).map((item) => [item.id, item.title]));
  const block = (language: Language) => [
    ...resultNotes(context, language).map(([label, text]) => `${label}: ${text}`),
    `${language === 'en' ? 'CRS' : '坐标系'}: ${crs[language]}`,
    `${language === 'en' ? 'Encoding' : '属性编码'}: ${encoding}`,
    language === 'en' ? 'Files:' : '文件：',
    ...files.map((file) => `  ${file.baseName}.shp — ${sets.get(file.baseName as ResultFeatureSet['id'])?.[language] ?? file.baseName}, ${file.records}`),
    language === 'en'
      ? 'Field names are at most 10 bytes; fields.csv maps each full name to its DBF name. Fields: part (circle/union/cell/band/target), facility, radius_m, area_km2, targets, weight, covered, nearest_km (uncovered targets: distance to the nearest facility), distance_km, minutes, reach, color (the cell’s colour on the map), huff_share (probability of the nearest facility), huff_best / huff_best_share (the most likely facility).'
      : 'DBF 字段名最多 10 个字节，完整字段名见 fields.csv。字段：part（circle 服务圈 / union 合并范围 / cell 服务范围 / band 等时圈 / target 服务对象）、facility 设施、radius_m 半径（米）、area_km2 面积（平方千米）、targets 对象数、weight 权重、covered 是否覆盖、nearest_km 未覆盖对象到最近设施的距离（千米）、distance_km 距离、minutes 分钟、reach 可达情况、color 地图上的颜色、huff_share 最近设施的 Huff 概率、huff_best / huff_best_share 概率最高的设施及其概率。',
  ];
  return [
    `驻马店市空间布局规划 · ${context.scenarioName} · ${title.zh}（规划示意）`,
    ...block('zh'),
    '',
    `Zhumadian layout plan · ${context.scenarioName} · ${title.en} (schematic)`,
    ...block('en'),
    '',
  ].join('\r\n');
}

// Excel -----------------------------------------------------------------------

const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const excelCell = (cell: CsvCell): XlsxCell => {
  if (typeof cell === 'string') {
    const percent = PERCENT.exec(cell);
    if (percent) return { percent: Number(percent[1]) / 100 };
  }
  return cell;
};

/** The result tables, a sheet of the targets' per-target figures (with longitude/latitude), and a notes sheet with the summary and every parameter. */
export function analysisXlsx(
  context: AnalysisExportContext,
  tables: readonly { id: string; fields: readonly string[]; rows: readonly (readonly CsvCell[])[] }[],
  language: Language,
  extra: readonly (readonly [string, string])[] = [],
): Uint8Array {
  const sheets: XlsxSheet[] = tables.map((table) => ({ name: table.id, header: table.fields, rows: table.rows.map((row) => row.map(excelCell)) }));
  const targets = resultFeatureSets(context).find((item) => item.id === 'targets');
  if (targets && targets.features.length > 0) {
    const keys = [...new Set(targets.features.flatMap((feature) => Object.keys(feature.properties)))].filter((key) => key !== 'part');
    const lonLat = language === 'en' ? ['longitude (WGS84)', 'latitude (WGS84)'] : ['经度（WGS84）', '纬度（WGS84）'];
    sheets.push({
      name: language === 'en' ? 'targets' : '服务对象',
      header: [...keys, ...lonLat],
      rows: targets.features.map((feature) => {
        const [lon, lat] = (feature.geometry as Point).coordinates as [number, number];
        return [...keys.map((key) => excelCell(dbfValue(feature.properties[key]))), round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)];
      }),
    });
  }
  const title = analysisTitleOf(context.spec);
  const lines = [
    `驻马店市空间布局规划 · ${context.scenarioName} · ${title.zh}（规划示意） / ${title.en} (schematic)`,
    ...resultNotes(context, language, extra).map(([label, text]) => `${label}: ${text}`),
  ];
  return writeXlsx(sheets, { name: language === 'en' ? 'Notes (schematic)' : '说明（规划示意）', lines }, context.exportedAt);
}

// KML -------------------------------------------------------------------------

/** KML colours are aabbggrr. */
const kmlColor = (hex: string, alpha: string) => `${alpha}${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}`;

/**
 * For 奥维互动地图 and Google Earth: one Folder per feature set, each feature a
 * Placemark with its figures in ExtendedData; catchment cells in their map
 * colour; the summary, every parameter and the caveat in the Document's
 * description. WGS84 (the KML standard).
 */
export function analysisKml(context: AnalysisExportContext, language: Language): string {
  const title = analysisTitleOf(context.spec);
  const styles = new Map<string, string>();
  const folders = resultFeatureSets(context).map((item) => {
    const marks = item.features.map((feature) => {
      const properties = feature.properties;
      const name = String(properties.facility ?? properties.name ?? (properties.minutes !== undefined ? `${String(properties.minutes)} min` : item.title[language]));
      const color = typeof properties.color === 'string' ? properties.color : null;
      const styleId = color ? `cell-${color.slice(1)}` : null;
      if (color && styleId && !styles.has(styleId))
        styles.set(styleId, `<Style id="${styleId}"><LineStyle><color>${kmlColor(color, 'ff')}</color><width>1</width></LineStyle><PolyStyle><color>${kmlColor(color, '73')}</color></PolyStyle></Style>`);
      const data = Object.entries(properties)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => `<Data name="${escapeXml(key)}"><value>${escapeXml(String(dbfValue(value)))}</value></Data>`)
        .join('');
      const geometry = exportGeometry(feature.geometry)!;
      return `<Placemark><name>${escapeXml(name)}</name>${styleId ? `<styleUrl>#${styleId}</styleUrl>` : ''}<ExtendedData>${data}</ExtendedData>${kmlGeometry(geometry)}</Placemark>`;
    });
    return `<Folder><name>${escapeXml(item.title[language])}</name>\n${marks.join('\n')}\n</Folder>`;
  });
  const description = resultNotes(context, language)
    .map(([label, text]) => `<b>${escapeXml(label)}</b>: ${escapeXml(text)}`)
    .join('<br/>');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(`驻马店市空间布局规划 · ${context.scenarioName} · ${title[language]}（规划示意 / schematic）`)}</name>`,
    `<description><![CDATA[${description}]]></description>`,
    ...styles.values(),
    ...folders,
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}
