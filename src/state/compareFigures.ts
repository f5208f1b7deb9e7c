// Comparing two scenarios: which two (a small store), their feature diff
// (cached by scenario identity) and the analysis figures of each side for the
// analysis panel's current spec, matched row by row. The figure functions are
// pure, so the comparison table is unit-tested without React or a worker.
import type { MultiPolygon } from 'geojson';
import { create } from 'zustand';
import type { Figure, FigureMetric } from '../analysis/descriptor';
import type { TargetVerdict } from '../analysis/types';
import { diffScenarios, type ScenarioDiff } from '../domain/diff';
import { BASELINE_SCENARIO_ID, type Scenario } from '../domain/scenario';
import type { LocalizedText } from '../i18n/text';
import { analysisOf, type AnalysisResult } from '../analysis/registry';

// ---------------------------------------------------------------- the store

export interface CompareState {
  /** Scenario A; null = the baseline. */
  aId: string | null;
  /** Scenario B; null = whichever scenario is current. */
  bId: string | null;
}

export interface CompareActions {
  setA(id: string): void;
  setB(id: string): void;
  /** Pass the resolved ids (resolveCompareIds): a default side must swap as the scenario it stands for. */
  swap(resolved: { aId: string; bId: string }): void;
}

/** `initial` ids default to the baseline (A) and the current scenario (B). */
export function createCompareStore(initial: Partial<CompareState> = {}) {
  return create<CompareState & CompareActions>()((set) => ({
    aId: initial.aId ?? null,
    bId: initial.bId ?? null,
    setA: (aId) => set({ aId }),
    setB: (bId) => set({ bId }),
    // Swapping pins both sides to the scenarios they showed.
    swap: ({ aId, bId }) => set({ aId: bId, bId: aId }),
  }));
}

export type CompareStore = ReturnType<typeof createCompareStore>;

/** The ids A and B resolve to: defaults filled in, a deleted scenario falls back to the default. */
export function resolveCompareIds(
  state: CompareState,
  scenarios: { scenarios: readonly Pick<Scenario, 'id'>[]; currentId: string },
): { aId: string; bId: string } {
  const exists = (id: string | null): id is string => id === BASELINE_SCENARIO_ID || scenarios.scenarios.some((scenario) => scenario.id === id);
  return {
    aId: exists(state.aId) ? state.aId : BASELINE_SCENARIO_ID,
    bId: exists(state.bId) ? state.bId : scenarios.currentId,
  };
}

const diffCache = new WeakMap<Scenario, WeakMap<Scenario, ScenarioDiff>>();

/** diffScenarios, once per pair of scenario versions (the panel and the map share it). */
export function cachedDiff(a: Scenario, b: Scenario): ScenarioDiff {
  let byB = diffCache.get(a);
  if (!byB) diffCache.set(a, (byB = new WeakMap()));
  let diff = byB.get(b);
  if (!diff) byB.set(b, (diff = diffScenarios(a, b)));
  return diff;
}

// ---------------------------------------------------------------- figures

export type { Figure, FigureMetric } from '../analysis/descriptor';
export type Verdict = TargetVerdict;

export interface FigureComparison {
  key: string;
  subject: LocalizedText;
  metric: FigureMetric;
  /** null when the figure exists on one side only (a facility only in B, …). */
  a: number | Verdict | null;
  b: number | Verdict | null;
  /** b − a for numbers present on both sides; shares in share units (0.05 = 5 percentage points). */
  delta: number | null;
  changed: boolean;
}

/** The figures the compare table shows for one analysis result (each analysis declares its own). */
export function figuresOf(result: AnalysisResult): Figure[] {
  return analysisOf(result.kind).figures(result);
}

/** A's figures side by side with B's, matched by key: A's order, then figures only B has. */
export function compareFigures(figuresA: readonly Figure[], figuresB: readonly Figure[]): FigureComparison[] {
  const byKeyB = new Map(figuresB.map((figure) => [figure.key, figure]));
  const keysA = new Set(figuresA.map((figure) => figure.key));
  const row = (a: Figure | undefined, b: Figure | undefined): FigureComparison => {
    const figure = (a ?? b)!;
    const valueA = a?.value ?? null;
    const valueB = b?.value ?? null;
    const delta = typeof valueA === 'number' && typeof valueB === 'number' ? valueB - valueA : null;
    return {
      key: figure.key,
      subject: (b ?? a)!.subject,
      metric: figure.metric,
      a: valueA,
      b: valueB,
      delta,
      changed: delta !== null ? Math.abs(delta) > 1e-9 : valueA !== valueB,
    };
  };
  return [...figuresA.map((a) => row(a, byKeyB.get(a.key))), ...figuresB.filter((b) => !keysA.has(b.key)).map((b) => row(undefined, b))];
}

// ---------------------------------------------------------------- network accessibility gained and lost

/** What a network result contributes to the gained/lost comparison: its covered targets and its outer band. */
export interface NetworkReach {
  /** Covered target id → its weight (people when weighted by population). */
  covered: Map<string, number>;
  /** The budget's band (the outer isochrone), lon/lat. */
  band: MultiPolygon | null;
}

export function networkReachOf(result: AnalysisResult): NetworkReach | null {
  if (result.kind !== 'network') return null;
  const weights = new Map(result.targets.map((target) => [target.id, target.weight]));
  const covered = new Map<string, number>();
  for (const time of result.times) if (time.reach === 'covered') covered.set(time.targetId, weights.get(time.targetId) ?? 1);
  const band = result.bands.find((candidate) => candidate.properties.minutes === result.minutes) ?? result.bands[0];
  return { covered, band: band?.geometry ?? null };
}

/** Targets and people gained and lost; the areas are the worker's (AnalysisClient.bandDifference), a polygon difference too slow for this thread. */
export interface NetworkGains {
  targetsGained: number;
  targetsLost: number;
  /** Weights (people) of the targets B covers and A does not, and the other way round. */
  peopleGained: number;
  peopleLost: number;
}

/** Accessibility gained and lost from A to B: the targets and people newly reached or no longer reached. */
export function networkGains(a: NetworkReach, b: NetworkReach): NetworkGains {
  let targetsGained = 0, targetsLost = 0, peopleGained = 0, peopleLost = 0;
  for (const [id, weight] of b.covered) if (!a.covered.has(id)) (targetsGained++, (peopleGained += weight));
  for (const [id, weight] of a.covered) if (!b.covered.has(id)) (targetsLost++, (peopleLost += weight));
  return { targetsGained, targetsLost, peopleGained, peopleLost };
}
