// What the planner asks the analysis panel for: the analysis and its
// parameters, one flat record saved as is in slides and project files. Each
// parameter is declared once here with its default and the check a saved
// value must pass; the engine's descriptors (src/analysis/registry.ts) say
// which parameters each analysis reads. Kept in the domain, below the engine,
// because a slide is read and checked without running anything.
import type { LayerId } from './plan';
import type { LocalizedText } from '../i18n/text';

/**
 * The analyses a spec can name, in the command line's order. The engine's
 * registry is typed against this list, so an analysis missing from either
 * side fails to compile.
 */
export const ANALYSIS_KINDS = ['circles', 'catchment', 'coverage', 'targets', 'network'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export const TRAVEL_MODES = ['walk', 'bike', 'drive'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/**
 * Metres per minute. Walk: GB 50180-2018 puts the 15-minute life circle at
 * 800–1,000 m, so 1,000 m in 15 min (4 km/h). Bike 15 km/h. Drive 60 km/h: a
 * city-wide mix of county roads and Class-I highways (plan-target checks and
 * catchments span counties).
 */
export const DEFAULT_SPEEDS: Record<TravelMode, number> = { walk: 1000 / 15, bike: 250, drive: 60_000 / 60 };

export const TARGET_SOURCES = ['towns', 'townships', 'imported'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

export const CATCHMENT_METRICS = ['distance', 'time'] as const;
export type CatchmentMetric = (typeof CATCHMENT_METRICS)[number];

export interface AnalysisSpec {
  kind: AnalysisKind;
  facilityLayer: LayerId;
  /** Class keys (kinds, 商圈 variants, town lists) within the layer; empty = all. */
  facilityClasses: string[];
  targetSource: TargetSource;
  minutes: number;
  mode: TravelMode;
  speeds: Record<TravelMode, number>;
  detourFactor: number;
  metric: CatchmentMetric;
  huffEnabled: boolean;
  huffExponent: number;
  /** Numeric property of imported targets used as weight; null = 1 each. */
  weightProperty: string | null;
  /** Network analysis: the imported line layer used as the road network; null = none chosen. */
  networkLayer: string | null;
  /** Field of the road layer holding the road class; null = guessed from common names (highway, fclass, 等级…). */
  networkClassField: string | null;
  /** Field of the road layer holding a car speed in km/h; null = class speeds. */
  networkSpeedField: string | null;
  /** Join roads that cross without a shared vertex (false: they may be overpasses). */
  networkConnectCrossings: boolean;
  /** Line ends this close to another road are joined to it, metres. */
  networkSnapMeters: number;
  /** Longest walk between a facility or target and the road, metres; beyond it unreachable. */
  networkAccessMeters: number;
  /** Plan targets: the imported layer of urban communities (points or polygons) for the 15-minute life circle; null = none. */
  communityLayer: string | null;
  /** Plan targets: the imported layer of community service points (便利店, 菜市场 …); null = none. */
  serviceLayer: string | null;
}

export type SpecParameterName = Exclude<keyof AnalysisSpec, 'kind'>;

export interface SpecParameter<Name extends SpecParameterName> {
  default: AnalysisSpec[Name];
  /** What is wrong with a saved value, or null when the engine can use it. */
  problem(value: unknown): LocalizedText | null;
}

const problem = (zh: string, en: string): LocalizedText => ({ zh, en });
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPositive = (value: unknown) => isFiniteNumber(value) && value > 0;
const isStringArray = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

function positiveNumber<Name extends 'minutes' | 'detourFactor' | 'huffExponent'>(fallback: number): SpecParameter<Name> {
  return { default: fallback, problem: (value) => (isPositive(value) ? null : problem('不是正数', 'not a positive number')) };
}

function nullableString<Name extends 'networkLayer' | 'networkClassField' | 'networkSpeedField' | 'communityLayer' | 'serviceLayer'>(): SpecParameter<Name> {
  return {
    default: null,
    problem: (value) => (value === null || typeof value === 'string' ? null : problem('既不是字符串也不是 null', 'neither a string nor null')),
  };
}

function oneOf<Name extends SpecParameterName>(allowed: readonly unknown[], fallback: AnalysisSpec[Name], what: LocalizedText): SpecParameter<Name> {
  return { default: fallback, problem: (value) => (allowed.includes(value) ? null : what) };
}

/** Every parameter of the spec, its default and its check, in the order the panel shows them. */
export const SPEC_PARAMETERS: { [Name in SpecParameterName]: SpecParameter<Name> } = {
  facilityLayer: {
    default: 'business-districts',
    problem: (value) => (typeof value === 'string' ? null : problem('不是字符串', 'not a string')),
  },
  facilityClasses: {
    default: [],
    problem: (value) => (isStringArray(value) ? null : problem('不是字符串数组', 'not an array of strings')),
  },
  targetSource: oneOf(TARGET_SOURCES, 'towns', problem('不是目标来源', 'not a target source')),
  weightProperty: {
    default: null,
    problem: (value) => (value === null || typeof value === 'string' ? null : problem('既不是字符串也不是 null', 'neither a string nor null')),
  },
  minutes: positiveNumber(15),
  mode: oneOf(TRAVEL_MODES, 'walk', problem('不是出行方式', 'not a travel mode')),
  speeds: {
    default: DEFAULT_SPEEDS,
    problem: (value) =>
      typeof value === 'object' && value !== null && TRAVEL_MODES.every((mode) => isPositive((value as Record<string, unknown>)[mode]))
        ? null
        : problem('步行、骑行、驾车各需一个正的速度', 'needs a positive speed for walk, bike and drive'),
  },
  detourFactor: positiveNumber(1.3),
  metric: oneOf(CATCHMENT_METRICS, 'distance', problem('既不是距离也不是时间', 'not distance or time')),
  huffEnabled: {
    default: false,
    problem: (value) => (typeof value === 'boolean' ? null : problem('不是布尔值', 'not a boolean')),
  },
  huffExponent: positiveNumber(2),
  networkLayer: nullableString(),
  networkClassField: nullableString(),
  networkSpeedField: nullableString(),
  networkConnectCrossings: {
    default: false,
    problem: (value) => (typeof value === 'boolean' ? null : problem('不是布尔值', 'not a boolean')),
  },
  networkSnapMeters: {
    default: 1,
    problem: (value) => (isFiniteNumber(value) && value >= 0 && value <= 100 ? null : problem('不是 0–100 米', 'not 0–100 m')),
  },
  networkAccessMeters: {
    default: 500,
    problem: (value) => (isFiniteNumber(value) && value > 0 && value <= 5000 ? null : problem('不是 0–5000 米', 'not 0–5,000 m')),
  },
  communityLayer: nullableString(),
  serviceLayer: nullableString(),
};

const PARAMETER_NAMES = Object.keys(SPEC_PARAMETERS) as SpecParameterName[];

export const DEFAULT_ANALYSIS_SPEC: AnalysisSpec = {
  kind: 'circles',
  ...(Object.fromEntries(PARAMETER_NAMES.map((name) => [name, SPEC_PARAMETERS[name].default])) as Omit<AnalysisSpec, 'kind'>),
};

/**
 * The first field of a saved spec the engine could not use, or null. A field
 * missing from an older file is fine: it is filled from the defaults when applied.
 */
export function specProblem(spec: Record<string, unknown>): { field: keyof AnalysisSpec; problem: LocalizedText } | null {
  if (!ANALYSIS_KINDS.includes(spec.kind as AnalysisKind)) return { field: 'kind', problem: problem('不是分析类型', 'not an analysis kind') };
  for (const name of PARAMETER_NAMES) {
    const found = spec[name] === undefined ? null : SPEC_PARAMETERS[name].problem(spec[name]);
    if (found) return { field: name, problem: found };
  }
  return null;
}
