import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { countyNamesByAdcode } from '../domain/counties';
import { translate, type MessageKey } from '../i18n/dictionary';
import type { PlanDataset, TownshipRow } from '../io/planData';
import type { AnalysisStore } from '../state/analysisState';
import type { ViewStore } from '../state/viewState';

export interface AppContextValue {
  store: ViewStore;
  analysisStore: AnalysisStore;
  dataset: PlanDataset;
  townships: TownshipRow[];
  planTargets: unknown[];
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppContext missing');
  return value;
}

export const useDataset = () => useAppContext().dataset;

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
