import { createContext, useContext, useMemo } from 'react';
import { countyNamesByAdcode } from '../domain/counties';
import { useStore } from 'zustand';
import { translate, type MessageKey } from '../i18n/dictionary';
import type { PlanDataset } from '../io/planData';
import type { ViewStore } from '../state/viewState';

interface AppContextValue {
  store: ViewStore;
  dataset: PlanDataset;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppContext missing');
  return value;
}

export const useDataset = () => useAppContext().dataset;

export function useCountyNames() {
  const dataset = useDataset();
  return useMemo(() => countyNamesByAdcode(dataset.counties), [dataset]);
}

export function useView<T>(selector: (state: ReturnType<ViewStore["getState"]>) => T): T {
  return useStore(useAppContext().store, selector);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useTranslate(): Translate {
  const language = useView((state) => state.language);
  return (key, values) => translate(language, key, values);
}
