// What the planner is looking at: language, which layers and classes are
// shown, which feature is selected. Updaters are plain functions over the
// state so they can be tested without React.
import type { MultiPolygon } from 'geojson';
import { create } from 'zustand';
import { addBasemaps, BUILT_IN_BASEMAPS, moveBasemap, removeBasemap, setBasemapSettings, showOnlyBasemap, type BasemapSource } from '../domain/basemap';
import { LAYER_DEFINITIONS } from '../domain/layers';
import type { LayerId } from '../domain/plan';
import type { Language } from '../i18n/dictionary';
import type { LocalizedText } from '../i18n/text';


export interface ViewState {
  language: Language;
  /** Plan layer ids and imported layer ids switched off in the layers panel. */
  hiddenLayers: ReadonlySet<string>;
  /** `${layerId}/${classKey}` of classes switched off. */
  hiddenClasses: ReadonlySet<string>;
  selectedFeatureId: string | null;
  /** All features under the last map click, topmost first (they often share a county seat). */
  featuresAtClick: readonly string[];
  attributionsOpen: boolean;
  rightPanel: RightPanel;
  saveStatus: SaveStatus;
  tool: DrawTool;
  /** An unlocated feature waiting for the planner's click on the map. */
  placingFeatureId: string | null;
  attributeTableOpen: boolean;
  shortcutsOpen: boolean;
  /** Where the drawing tools put new features: a layer and one of its legend classes. */
  drawTarget: { layer: string; classKey: string };
  /** Two compare maps over the map area (scenarios A and B), or null when closed. */
  compareMapsMode: CompareMapsMode | null;
  /** Where the network analysis reaches in B and not in A (gained) and the other way round (lost), as the compare panel last computed it. */
  networkReachChange: NetworkReachChange | null;
  /** The basemap source records, bottom to top; the visible ones are drawn (domain/basemap.ts activeBasemaps). */
  basemapSources: readonly BasemapSource[];
  /** Keys for key-protected tile services (天地图's tk), kept in this browser only. */
  basemapKeys: Readonly<Record<string, string>>;
  /** Draw the county lines and names over tile sources (they would be hidden beneath imagery). */
  countyOverlay: boolean;
  /** Basemap records whose tiles failed to load in this session, with the browser's error. */
  basemapFailures: Readonly<Record<string, string>>;
  /** Stored basemap records this version could not read back, each with why (shown once in the chooser). */
  basemapNotices: readonly LocalizedText[];
}

export type CompareMapsMode = 'swipe' | 'side-by-side';
export interface NetworkReachChange {
  gained: MultiPolygon | null;
  lost: MultiPolygon | null;
}

export type RightPanel = 'details' | 'analysis' | 'compare';
/** The map tool: browse (click to read) or one of the editing tools. */
/** `measure-line`/`measure-area` measure without saving anything (cleared by Esc). */
export type DrawTool = 'browse' | 'select' | 'point' | 'linestring' | 'polygon' | 'measure-line' | 'measure-area';
export type SaveStatus = { state: 'saved' } | { state: 'saving' } | { state: 'error' | 'unavailable'; message: LocalizedText };

export const classToggleKey = (layer: LayerId, classKey: string) => `${layer}/${classKey}`;

function toggled<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

export const updaters = {
  toggleLayer: (state: ViewState, layer: string): Partial<ViewState> => ({
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
  toggleLayer(layer: string): void;
  toggleClass(layer: LayerId, classKey: string): void;
  selectFeature(id: string | null): void;
  selectAtClick(featureIds: readonly string[]): void;
  setAttributionsOpen(open: boolean): void;
  showPanel(panel: RightPanel): void;
  setSaveStatus(status: SaveStatus): void;
  setTool(tool: DrawTool): void;
  setPlacing(featureId: string | null): void;
  setAttributeTableOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setDrawTarget(target: { layer: string; classKey: string }): void;
  setCompareMapsMode(mode: CompareMapsMode | null): void;
  setNetworkReachChange(change: NetworkReachChange | null): void;
  /** Shows this basemap record alone. */
  showBasemap(id: string): void;
  addBasemaps(records: readonly BasemapSource[]): void;
  removeBasemap(id: string): void;
  moveBasemap(id: string, direction: 'up' | 'down'): void;
  setBasemapSettings(id: string, settings: Partial<Pick<BasemapSource, 'visible' | 'opacity' | 'muted'>>): void;
  setBasemapKey(service: string, key: string): void;
  setCountyOverlay(on: boolean): void;
  setBasemapFailure(id: string, message: string): void;
  dismissBasemapNotices(): void;
}

/** What the view starts with besides the language: the basemaps and keys stored in this browser. */
export interface ViewStart {
  basemapSources?: readonly BasemapSource[];
  basemapKeys?: Readonly<Record<string, string>>;
  basemapNotices?: readonly LocalizedText[];
}

const withoutKeys = (record: Readonly<Record<string, string>>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

export function createViewStore(language: Language, start: ViewStart = {}) {
  return create<ViewState & ViewActions>()((set) => ({
    language,
    hiddenLayers: new Set<string>(),
    hiddenClasses: new Set<string>(),
    selectedFeatureId: null,
    featuresAtClick: [],
    attributionsOpen: false,
    rightPanel: 'details',
    saveStatus: { state: 'saved' },
    tool: 'browse',
    placingFeatureId: null,
    attributeTableOpen: false,
    shortcutsOpen: false,
    drawTarget: { layer: 'business-districts', classKey: 'variant-A' },
    setDrawTarget: (drawTarget) => set({ drawTarget }),
    compareMapsMode: null,
    setCompareMapsMode: (compareMapsMode) => set({ compareMapsMode }),
    networkReachChange: null,
    setNetworkReachChange: (networkReachChange) => set({ networkReachChange }),
    basemapSources: start.basemapSources ?? BUILT_IN_BASEMAPS,
    basemapKeys: start.basemapKeys ?? {},
    countyOverlay: true,
    basemapFailures: {},
    basemapNotices: start.basemapNotices ?? [],
    dismissBasemapNotices: () => set({ basemapNotices: [] }),
    setBasemapFailure: (id, message) =>
      set((state) => (state.basemapFailures[id] === message ? {} : { basemapFailures: { ...state.basemapFailures, [id]: message } })),
    showBasemap: (id) => set((state) => ({ basemapSources: showOnlyBasemap(state.basemapSources, id) })),
    addBasemaps: (records) => set((state) => ({ basemapSources: addBasemaps(state.basemapSources, records), basemapFailures: withoutKeys(state.basemapFailures, records.map((record) => record.id)) })),
    removeBasemap: (id) => set((state) => ({ basemapSources: removeBasemap(state.basemapSources, id), basemapFailures: withoutKeys(state.basemapFailures, [id]) })),
    moveBasemap: (id, direction) => set((state) => ({ basemapSources: moveBasemap(state.basemapSources, id, direction) })),
    setBasemapSettings: (id, settings) => set((state) => ({ basemapSources: setBasemapSettings(state.basemapSources, id, settings) })),
    setBasemapKey: (service, key) => set((state) => ({ basemapKeys: { ...state.basemapKeys, [service]: key } })),
    setCountyOverlay: (countyOverlay) => set({ countyOverlay }),
    showPanel: (panel) => set({ rightPanel: panel }),
    setSaveStatus: (saveStatus) => set({ saveStatus }),
    setTool: (tool) => set({ tool, placingFeatureId: null }),
    setPlacing: (placingFeatureId) => set({ placingFeatureId, tool: 'browse' }),
    setAttributeTableOpen: (attributeTableOpen) => set({ attributeTableOpen }),
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
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
