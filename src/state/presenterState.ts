// Presenter mode: the saved views (slides) in order, which one is shown, and
// the live what-if. Applying a view sets the scenario, the visible layers, the
// analysis and the comparison through the other stores, then flies the map
// there. A what-if is a draft copy of the current scenario in the scenario
// store (never saved until the presenter keeps it).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { create } from 'zustand';
import { isPlanLayerId } from '../domain/attributeSchema';
import { showSlideBasemaps, shownBasemaps } from '../domain/basemap';
import type { LocalizedText } from '../i18n/text';
import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import { addView, moveView, newViewId, removeView, stepIndex, updateView, keepValidViews, type SavedView, type ViewCamera, type ViewChange } from '../domain/views';
import type { ScenarioDb } from '../storage/scenarioDb';
import { DEFAULT_ANALYSIS_SPEC } from '../domain/analysisSpec';
import type { AnalysisStore } from './analysisState';
import type { CompareStore } from './compareFigures';
import type { ScenarioStore } from './scenarioStore';
import type { ViewStore } from './viewState';

/** The parts of the map presenter mode uses (a test can stand in for MapLibre). */
export type PresenterMap = Pick<MapLibreMap, 'getCenter' | 'getZoom' | 'getBearing' | 'getPitch' | 'getBounds' | 'flyTo' | 'fitBounds'>;

export interface PresenterDeps {
  viewStore: ViewStore;
  scenarioStore: ScenarioStore;
  analysisStore: AnalysisStore;
  compareStore: CompareStore;
  map: () => PresenterMap | null;
}

export interface PresenterState {
  views: SavedView[];
  /** The slides panel (outside presenter mode). */
  panelOpen: boolean;
  presenting: boolean;
  /** The slide shown (presenting) or last jumped to. */
  index: number;
  /** The presenter's notes box (N). */
  notesOpen: boolean;
  /** The shown slide's scenario no longer exists: the current scenario stayed. */
  missingScenario: boolean;
  /** The shown slide's basemap records that are not in this browser's list (the bundled map is shown instead). */
  missingBasemaps: LocalizedText[];
  /** Whether the browser granted full screen ('refused': presenting in the window). */
  fullscreen: 'off' | 'on' | 'refused';
}

interface PresenterActions {
  setViews(views: SavedView[]): void;
  setPanelOpen(open: boolean): void;
  /** Saves what the map shows now as a new last slide; null while the map is not ready. */
  captureView(title: string): string | null;
  updateView(id: string, change: ViewChange): void;
  moveView(id: string, step: -1 | 1): void;
  removeView(id: string): void;
  /** Shows slide `index` (outside presenter mode too: "jump to"). */
  goTo(index: number): void;
  next(): void;
  previous(): void;
  start(index?: number): void;
  stop(): void;
  toggleNotes(): void;
  setFullscreen(fullscreen: PresenterState['fullscreen']): void;
  /** True while a what-if draft is open: slides do not change under it. */
  whatIfOpen(): boolean;
  startWhatIf(draftName: string): void;
  discardWhatIf(): void;
  saveWhatIf(name: string): boolean;
}

export type PresenterStore = ReturnType<typeof createPresenterStore>;

export function createPresenterStore(deps: PresenterDeps, initialViews: SavedView[] = []) {
  return create<PresenterState & PresenterActions>()((set, get) => {
    const show = (index: number) => {
      const view = get().views[index];
      if (!view) return;
      const applied = applyView(view, deps);
      set({ index, missingScenario: !applied.scenarioExists, missingBasemaps: applied.missingBasemaps });
    };
    return {
      views: initialViews,
      panelOpen: false,
      presenting: false,
      index: 0,
      notesOpen: false,
      missingScenario: false,
      missingBasemaps: [],
      fullscreen: 'off',

      setViews: (views) => set({ views, index: 0 }),
      setPanelOpen: (panelOpen) => set({ panelOpen }),
      captureView(title) {
        const view = captureView(deps, title);
        if (!view) return null;
        set((state) => ({ views: addView(state.views, view) }));
        return view.id;
      },
      updateView: (id, change) => set((state) => ({ views: updateView(state.views, id, change) })),
      moveView: (id, step) => set((state) => ({ views: moveView(state.views, id, step) })),
      removeView: (id) =>
        set((state) => {
          const views = removeView(state.views, id);
          return { views, index: stepIndex(state.index, 0, views.length) };
        }),

      goTo(index) {
        if (get().whatIfOpen()) return;
        show(index);
      },
      next() {
        if (get().whatIfOpen()) return;
        const { index, views } = get();
        const to = stepIndex(index, 1, views.length);
        if (to !== index) show(to);
      },
      previous() {
        if (get().whatIfOpen()) return;
        const { index, views } = get();
        const to = stepIndex(index, -1, views.length);
        if (to !== index) show(to);
      },
      start(index = 0) {
        if (get().views.length === 0) return;
        set({ presenting: true, panelOpen: false, notesOpen: false });
        if (!get().whatIfOpen()) show(stepIndex(index, 0, get().views.length));
      },
      stop: () => set({ presenting: false, notesOpen: false, fullscreen: 'off' }),
      toggleNotes: () => set((state) => ({ notesOpen: !state.notesOpen })),
      setFullscreen: (fullscreen) => set({ fullscreen }),

      whatIfOpen: () => deps.scenarioStore.getState().draftId !== null,
      startWhatIf(draftName) {
        const scenarios = deps.scenarioStore.getState();
        if (scenarios.draftId) return;
        scenarios.startDraft(scenarios.currentId, draftName);
        const view = deps.viewStore.getState();
        view.selectFeature(null);
        // Dragging is the select tool's job, the same path as ordinary editing.
        view.setTool('select');
      },
      discardWhatIf() {
        const view = deps.viewStore.getState();
        view.setTool('browse');
        view.selectFeature(null);
        deps.scenarioStore.getState().discardDraft();
      },
      saveWhatIf(name) {
        if (!deps.scenarioStore.getState().keepDraft(name)) return false;
        const view = deps.viewStore.getState();
        view.setTool('browse');
        view.selectFeature(null);
        return true;
      },
    };
  });
}

/** The current view as a slide. A what-if draft is not saved, so a slide names the scenario it came from. */
export function captureView(deps: PresenterDeps, title: string, nowMs = Date.now(), random = Math.random()): SavedView | null {
  const map = deps.map();
  if (!map) return null;
  const center = map.getCenter();
  const bounds = map.getBounds();
  const scenarios = deps.scenarioStore.getState();
  const scenarioId = scenarios.currentId === scenarios.draftId ? (scenarios.current().parentId ?? BASELINE_SCENARIO_ID) : scenarios.currentId;
  const view = deps.viewStore.getState();
  const analysis = deps.analysisStore.getState();
  const compare = deps.compareStore.getState();
  return {
    id: newViewId(nowMs, random),
    title,
    notes: '',
    scenarioId,
    camera: {
      center: [center.lng, center.lat],
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
      bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    },
    hiddenLayers: [...view.hiddenLayers],
    hiddenClasses: [...view.hiddenClasses],
    analysis: { enabled: analysis.enabled, spec: structuredClone(analysis.spec) },
    compare: view.compareMapsMode ? { mode: view.compareMapsMode, aId: compare.aId, bId: compare.bId } : null,
    basemap: { shown: shownBasemaps(view.basemapSources), countyOverlay: view.countyOverlay },
  };
}

/** Shows a slide; says when its scenario is gone (the current one stays) and which of its basemap records are gone (the bundled map is shown). */
export function applyView(view: SavedView, deps: PresenterDeps): { scenarioExists: boolean; missingBasemaps: LocalizedText[] } {
  const scenarios = deps.scenarioStore.getState();
  const scenarioExists = view.scenarioId === BASELINE_SCENARIO_ID || scenarios.scenarios.some((scenario) => scenario.id === view.scenarioId);
  if (scenarioExists) scenarios.switchTo(view.scenarioId);

  deps.viewStore.setState({ hiddenLayers: new Set(view.hiddenLayers.filter(isPlanLayerId)), hiddenClasses: new Set(view.hiddenClasses) });
  const viewActions = deps.viewStore.getState();
  viewActions.selectFeature(null);
  viewActions.setTool('browse');

  // Fields missing from an older slide take today's defaults.
  deps.analysisStore.setState(
    view.analysis ? { enabled: view.analysis.enabled, spec: { ...DEFAULT_ANALYSIS_SPEC, ...view.analysis.spec } } : { enabled: false },
  );

  if (view.compare) deps.compareStore.setState({ aId: view.compare.aId, bId: view.compare.bId });
  viewActions.setCompareMapsMode(view.compare?.mode ?? null);

  // The basemap before the camera: on a GCJ-02 basemap the slide's camera is in the shifted map's frame.
  let missingBasemaps: LocalizedText[] = [];
  if (view.basemap) {
    const shown = showSlideBasemaps(deps.viewStore.getState().basemapSources, view.basemap.shown);
    missingBasemaps = shown.missing;
    deps.viewStore.setState({ basemapSources: shown.sources, countyOverlay: view.basemap.countyOverlay });
  }

  const map = deps.map();
  if (map) showCamera(map, view.camera);
  return { scenarioExists, missingBasemaps };
}

/** The part of a map a slide needs to be shown on. */
export interface CameraTarget {
  flyTo(options: { center: [number, number]; zoom: number; bearing: number; pitch: number }): unknown;
  fitBounds(bounds: [[number, number], [number, number]], options: { bearing: number; pitch: number; padding: number }): unknown;
}

/** Frames a slide's extent (whatever the screen's size), or its centre and zoom for slides saved before extents were. */
export function showCamera(map: CameraTarget, camera: ViewCamera): void {
  const { center, zoom, bearing, pitch, bounds } = camera;
  if (bounds) map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], { bearing, pitch, padding: 0 });
  else map.flyTo({ center, zoom, bearing, pitch });
}

/**
 * Slides in IndexedDB: loaded once at start (malformed ones left out), then
 * written whenever they change; pending writes are flushed when the page hides.
 */
export async function connectViewsStorage(store: PresenterStore, db: ScenarioDb): Promise<void> {
  const loaded = await db.loadViews();
  // Unreadable storage starts with no slides; the planner's scenarios do not depend on them.
  if (loaded.ok) store.getState().setViews(keepValidViews(Array.isArray(loaded.views) ? loaded.views : []).views);
  store.subscribe((state, previous) => {
    if (state.views !== previous.views) db.saveViews(state.views);
  });
  addEventListener('pagehide', () => void db.flushViews());
}
