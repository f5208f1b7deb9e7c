import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { countyNamesByAdcode } from '../domain/counties';
import { translate, type MessageKey } from '../i18n/dictionary';
import type { ContextCollection, CountyCollection, PlanDataset, TownshipRow } from '../domain/dataset';
import { datasetOf } from '../state/scenarioDataset';
import type { ScenarioStore } from '../state/scenarioStore';
import { resolveCompareIds, type CompareStore } from '../state/compareFigures';
import { BASELINE_SCENARIO_ID, type Scenario } from '../domain/scenario';
import type { AnalysisStore } from '../state/analysisState';
import type { ViewStore } from '../state/viewState';
import type { PresenterStore } from '../state/presenterState';
import type { TabSessionStore } from '../state/tabSession';

export interface AppContextValue {
  store: ViewStore;
  analysisStore: AnalysisStore;
  scenarioStore: ScenarioStore;
  compareStore: CompareStore;
  /** Saved views (slides) and presenter mode. */
  presenterStore: PresenterStore;
  /** The geography every scenario shares. */
  base: { counties: CountyCollection; context: ContextCollection };
  townships: TownshipRow[];
  planTargets: unknown[];
  /** Which tab edits the project; null when there is no storage to guard. */
  tabSession: TabSessionStore | null;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppContext missing');
  return value;
}

export function useScenario<T>(selector: (state: ReturnType<ScenarioStore['getState']>) => T): T {
  return useStore(useAppContext().scenarioStore, selector);
}

/** The current scenario's plan layers (and imported layers) with the base geography. */
export function useDataset(): PlanDataset {
  const { base } = useAppContext();
  const scenario = useScenario((state) => state.current());
  return datasetOf(scenario, base);
}

export function useCountyNames() {
  const dataset = useDataset();
  return useMemo(() => countyNamesByAdcode(dataset.counties), [dataset]);
}

export function useView<T>(selector: (state: ReturnType<ViewStore['getState']>) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useAnalysis<T>(selector: (state: ReturnType<AnalysisStore['getState']>) => T): T {
  return useStore(useAppContext().analysisStore, selector);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useTranslate(): Translate {
  const language = useView((state) => state.language);
  return (key, values) => translate(language, key, values);
}

export function usePresenter<T>(selector: (state: ReturnType<PresenterStore['getState']>) => T): T {
  return useStore(useAppContext().presenterStore, selector);
}

export function useCompare<T>(selector: (state: ReturnType<CompareStore['getState']>) => T): T {
  return useStore(useAppContext().compareStore, selector);
}

/**
 * Scenarios A and B of the comparison (resolved). The diff is left to callers
 * (`cachedDiff`): B defaults to the current scenario, which changes on every
 * edit, and nothing should diff while the comparison is not on screen.
 */
export function useCompareScenarios(): { a: Scenario; b: Scenario } {
  const aId = useCompare((state) => state.aId);
  const bId = useCompare((state) => state.bId);
  const baseline = useScenario((state) => state.baseline);
  const scenarios = useScenario((state) => state.scenarios);
  const currentId = useScenario((state) => state.currentId);
  return useMemo(() => {
    const ids = resolveCompareIds({ aId, bId }, { scenarios, currentId });
    const find = (id: string) => (id === BASELINE_SCENARIO_ID ? baseline : (scenarios.find((scenario) => scenario.id === id) ?? baseline));
    return { a: find(ids.aId), b: find(ids.bId) };
  }, [aId, bId, baseline, scenarios, currentId]);
}
