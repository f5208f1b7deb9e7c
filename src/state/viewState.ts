// What the planner is looking at: language, which layers and classes are
// shown, which feature is selected. Updaters are plain functions over the
// state so they can be tested without React.
import { create } from 'zustand';
import { LAYER_DEFINITIONS } from '../domain/layers';
import type { LayerId } from '../domain/plan';
import type { Language } from '../i18n/dictionary';

export interface ViewState {
  language: Language;
  hiddenLayers: ReadonlySet<LayerId>;
  /** `${layerId}/${classKey}` of classes switched off. */
  hiddenClasses: ReadonlySet<string>;
  selectedFeatureId: string | null;
  /** All features under the last map click, topmost first (they often share a county seat). */
  featuresAtClick: readonly string[];
  attributionsOpen: boolean;
  rightPanel: RightPanel;
}

export type RightPanel = 'details' | 'analysis';

export const classToggleKey = (layer: LayerId, classKey: string) => `${layer}/${classKey}`;

function toggled<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

export const updaters = {
  toggleLayer: (state: ViewState, layer: LayerId): Partial<ViewState> => ({
    hiddenLayers: toggled(state.hiddenLayers, layer),
  }),
  toggleClass: (state: ViewState, layer: LayerId, classKey: string): Partial<ViewState> => ({
    hiddenClasses: toggled(state.hiddenClasses, classToggleKey(layer, classKey)),
  }),
  /** A click on features shows their details; a click on empty map keeps the open panel. */
  selectAtClick: (state: ViewState, featureIds: readonly string[]): Partial<ViewState> => ({
    selectedFeatureId: featureIds[0] ?? null,
    featuresAtClick: featureIds,
    rightPanel: featureIds.length > 0 ? 'details' : state.rightPanel,
  }),
  /** Choosing from a list keeps the click's list only while the choice is on it. */
  selectFeature: (state: ViewState, id: string | null): Partial<ViewState> => ({
    selectedFeatureId: id,
    rightPanel: id !== null ? 'details' : state.rightPanel,
    featuresAtClick: id !== null && state.featuresAtClick.includes(id) ? state.featuresAtClick : [],
  }),
};

/** A feature is shown when its layer is on and at least one of its classes is. */
export function isClassShown(state: Pick<ViewState, 'hiddenLayers' | 'hiddenClasses'>, layer: LayerId, classKeys: readonly string[]): boolean {
  if (state.hiddenLayers.has(layer)) return false;
  return classKeys.some((key) => !state.hiddenClasses.has(classToggleKey(layer, key)));
}

interface ViewActions {
  setLanguage(language: Language): void;
  toggleLayer(layer: LayerId): void;
  toggleClass(layer: LayerId, classKey: string): void;
  selectFeature(id: string | null): void;
  selectAtClick(featureIds: readonly string[]): void;
  setAttributionsOpen(open: boolean): void;
  showPanel(panel: RightPanel): void;
}

export function createViewStore(language: Language) {
  return create<ViewState & ViewActions>()((set) => ({
    language,
    hiddenLayers: new Set<LayerId>(),
    hiddenClasses: new Set<string>(),
    selectedFeatureId: null,
    featuresAtClick: [],
    attributionsOpen: false,
    rightPanel: 'details',
    showPanel: (panel) => set({ rightPanel: panel }),
    setLanguage: (next) => set({ language: next }),
    toggleLayer: (layer) => set((state) => updaters.toggleLayer(state, layer)),
    toggleClass: (layer, classKey) => set((state) => updaters.toggleClass(state, layer, classKey)),
    selectFeature: (id) => set((state) => updaters.selectFeature(state, id)),
    selectAtClick: (featureIds) => set((state) => updaters.selectAtClick(state, featureIds)),
    setAttributionsOpen: (open) => set({ attributionsOpen: open }),
  }));
}

export type ViewStore = ReturnType<typeof createViewStore>;
export const ALL_LAYER_IDS: LayerId[] = LAYER_DEFINITIONS.map((layer) => layer.id);
