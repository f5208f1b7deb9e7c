// The presenter store with the app's real stores; the map is a small stand-in
// that keeps a camera and records flights (MapLibre needs a browser).
import { describe, expect, it } from 'vitest';
import { BASELINE_SCENARIO_ID } from '../../../src/domain/scenario';
import { startingScenarios, VARIANT_A_SCENARIO_ID, VARIANT_B_SCENARIO_ID } from '../../../src/domain/scenarios';
import { DEFAULT_ANALYSIS_SPEC } from '../../../src/domain/analysisSpec';
import { createAnalysisStore } from '../../../src/state/analysisState';
import { createCompareStore } from '../../../src/state/compareFigures';
import { createPresenterStore, type PresenterMap } from '../../../src/state/presenterState';
import { createScenarioStore } from '../../../src/state/scenarioStore';
import { createViewStore } from '../../../src/state/viewState';
import { cityOutline, NOW, realBaseline } from '../scenario/helpers';
import { sampleView } from './helpers';
import { activeBasemaps, BUNDLED_BASEMAP, type BasemapSource } from '../../../src/domain/basemap';

const tiles = (id: string, title: string): BasemapSource => ({
  id,
  kind: 'xyz',
  title: { zh: title, en: title },
  attribution: [],
  minZoom: 0,
  maxZoom: 18,
  crs: 'wgs84',
  access: { template: `http://127.0.0.1:8999/${id}/{z}/{x}/{y}.png` },
});

const baseline = realBaseline();

const halfWidth = (zoom: number) => 180 / 2 ** zoom;

function setup(options: { map?: boolean } = {}) {
  const camera = { center: { lng: 114.02, lat: 32.98 }, zoom: 8, bearing: 0, pitch: 0 };
  const flights: unknown[] = [];
  const map = {
    getCenter: () => camera.center,
    getZoom: () => camera.zoom,
    getBearing: () => camera.bearing,
    getPitch: () => camera.pitch,
    flyTo: (options: { center: [number, number]; zoom: number }) => {
      flights.push(options);
      camera.center = { lng: options.center[0], lat: options.center[1] };
      camera.zoom = options.zoom;
    },
    // The fake's screen shows 360 / 2^zoom degrees across and half that from south to north.
    getBounds: () => {
      const half = halfWidth(camera.zoom);
      const { lng, lat } = camera.center;
      return { getWest: () => lng - half, getEast: () => lng + half, getSouth: () => lat - half / 2, getNorth: () => lat + half / 2 };
    },
    fitBounds: (bounds: [[number, number], [number, number]]) => {
      flights.push({ bounds });
      const [[west, south], [east, north]] = bounds;
      camera.center = { lng: (west + east) / 2, lat: (south + north) / 2 };
      camera.zoom = Math.log2(360 / (east - west));
    },
  } as unknown as PresenterMap;
  const deps = {
    viewStore: createViewStore('zh'),
    scenarioStore: createScenarioStore(baseline, cityOutline(), startingScenarios(baseline, NOW)),
    analysisStore: createAnalysisStore(),
    compareStore: createCompareStore(),
    map: () => (options.map === false ? null : map),
  };
  return { deps, camera, flights, presenter: createPresenterStore(deps) };
}

describe('presenter store', () => {
  it('captures the camera, visibility, scenario, analysis and comparison as a slide', () => {
    const { deps, camera, presenter } = setup();
    camera.center = { lng: 114.3, lat: 33.1 };
    camera.zoom = 11.25;
    deps.viewStore.getState().toggleLayer('towns');
    deps.viewStore.getState().toggleClass('urban-system', 'belt');
    deps.scenarioStore.getState().switchTo(VARIANT_B_SCENARIO_ID);
    deps.analysisStore.getState().setEnabled(true);
    deps.analysisStore.getState().updateSpec({ kind: 'coverage', minutes: 25 });
    deps.viewStore.getState().setCompareMapsMode('swipe');
    deps.compareStore.getState().setA(VARIANT_A_SCENARIO_ID);
    const id = presenter.getState().captureView('汝南组团');
    expect(presenter.getState().views).toEqual([
      {
        id,
        title: '汝南组团',
        notes: '',
        scenarioId: VARIANT_B_SCENARIO_ID,
        camera: {
          center: [114.3, 33.1],
          zoom: 11.25,
          bearing: 0,
          pitch: 0,
          bounds: [114.3 - halfWidth(11.25), 33.1 - halfWidth(11.25) / 2, 114.3 + halfWidth(11.25), 33.1 + halfWidth(11.25) / 2],
        },
        hiddenLayers: ['towns'],
        hiddenClasses: ['urban-system/belt'],
        analysis: { enabled: true, spec: { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', minutes: 25 } },
        compare: { mode: 'swipe', aId: VARIANT_A_SCENARIO_ID, bId: null },
        basemap: { shown: [{ id: 'bundled-counties', title: BUNDLED_BASEMAP.title }], countyOverlay: true },
      },
    ]);
  });

  it('a slide keeps its basemap: the records shown, their order, opacity and grey; a slide whose record is gone says so and shows the bundled map', () => {
    const { deps, presenter } = setup();
    const view = deps.viewStore.getState();
    view.addBasemaps([tiles('imagery', '影像'), tiles('labels', '注记')]);
    view.setBasemapSettings('imagery', { opacity: 0.6, muted: true });
    view.setBasemapSettings('bundled-counties', { visible: false });
    view.setCountyOverlay(false);
    presenter.getState().captureView('影像');
    // The planner then changes everything: another order, other settings, the bundled map alone.
    view.moveBasemap('imagery', 'up');
    view.setBasemapSettings('imagery', { opacity: 1, muted: false });
    view.showBasemap('bundled-counties');
    view.setCountyOverlay(true);
    presenter.getState().goTo(0);
    const shown = deps.viewStore.getState().basemapSources.filter((source) => source.visible !== false);
    expect(shown.map((source) => [source.id, source.opacity, source.muted])).toEqual([
      ['imagery', 0.6, true],
      ['labels', undefined, undefined],
    ]);
    expect(deps.viewStore.getState().countyOverlay).toBe(false);
    expect(presenter.getState().missingBasemaps).toEqual([]);

    deps.viewStore.getState().removeBasemap('labels');
    presenter.getState().goTo(0);
    expect(presenter.getState().missingBasemaps).toEqual([{ zh: '注记', en: '注记' }]);
    expect(activeBasemaps(deps.viewStore.getState().basemapSources).map((source) => source.id)).toEqual(['bundled-counties']);
    // A slide saved before slides kept their basemap leaves the basemap as it is.
    deps.viewStore.getState().showBasemap('imagery');
    presenter.getState().setViews([sampleView('old')]);
    presenter.getState().goTo(0);
    expect(activeBasemaps(deps.viewStore.getState().basemapSources).map((source) => source.id)).toEqual(['imagery']);
    expect(presenter.getState().missingBasemaps).toEqual([]);
  });

  it('captures nothing while the map is not ready', () => {
    const { presenter } = setup({ map: false });
    expect(presenter.getState().captureView('x')).toBeNull();
    expect(presenter.getState().views).toEqual([]);
  });

  it('applies a slide to every store and flies there', () => {
    const { deps, flights, presenter } = setup();
    deps.viewStore.getState().selectFeature('some-town');
    deps.viewStore.getState().setCompareMapsMode('side-by-side');
    presenter.getState().setViews([
      sampleView('a'),
      sampleView('b', {
        scenarioId: BASELINE_SCENARIO_ID,
        camera: { center: [114.6, 33.2], zoom: 10, bearing: 0, pitch: 0 },
        hiddenLayers: ['towns', 'no-such-layer'],
        hiddenClasses: ['business-districts/variant-A'],
        analysis: { enabled: true, spec: { kind: 'catchment' } as never },
        compare: { mode: 'swipe', aId: VARIANT_B_SCENARIO_ID, bId: BASELINE_SCENARIO_ID },
      }),
    ]);
    presenter.getState().goTo(1);
    expect(presenter.getState().index).toBe(1);
    expect(deps.scenarioStore.getState().currentId).toBe(BASELINE_SCENARIO_ID);
    const view = deps.viewStore.getState();
    expect([...view.hiddenLayers]).toEqual(['towns']);
    expect([...view.hiddenClasses]).toEqual(['business-districts/variant-A']);
    expect(view.selectedFeatureId).toBeNull();
    expect(view.compareMapsMode).toBe('swipe');
    expect(deps.compareStore.getState()).toMatchObject({ aId: VARIANT_B_SCENARIO_ID, bId: BASELINE_SCENARIO_ID });
    // A spec missing fields (an older slide) gets today's defaults for them.
    expect(deps.analysisStore.getState()).toMatchObject({ enabled: true, spec: { ...DEFAULT_ANALYSIS_SPEC, kind: 'catchment' } });
    expect(flights.at(-1)).toMatchObject({ center: [114.6, 33.2], zoom: 10 });

    presenter.getState().goTo(0);
    expect(deps.viewStore.getState().compareMapsMode).toBeNull();
    expect(deps.scenarioStore.getState().currentId).toBe(VARIANT_A_SCENARIO_ID);
  });

  it('keeps the current scenario, and says so, when a slide names a deleted one', () => {
    const { deps, presenter } = setup();
    presenter.getState().setViews([sampleView('a', { scenarioId: 'scenario-deleted' })]);
    presenter.getState().start();
    expect(deps.scenarioStore.getState().currentId).toBe(VARIANT_A_SCENARIO_ID);
    expect(presenter.getState().missingScenario).toBe(true);
  });

  it('presents from the first slide, steps within the slides, and stops', () => {
    const { camera, presenter } = setup();
    presenter.getState().setViews([0, 1, 2].map((n) => sampleView(`v${n}`, { camera: { center: [114 + n / 10, 33], zoom: 9 + n, bearing: 0, pitch: 0 } })));
    presenter.getState().setPanelOpen(true);
    presenter.getState().start();
    expect(presenter.getState()).toMatchObject({ presenting: true, index: 0, panelOpen: false });
    presenter.getState().previous();
    expect(presenter.getState().index).toBe(0);
    presenter.getState().next();
    presenter.getState().next();
    presenter.getState().next();
    expect(presenter.getState().index).toBe(2);
    expect(camera.zoom).toBe(11);
    presenter.getState().previous();
    expect(presenter.getState().index).toBe(1);
    expect(camera).toMatchObject({ center: { lng: 114.1, lat: 33 }, zoom: 10 });
    presenter.getState().toggleNotes();
    presenter.getState().stop();
    expect(presenter.getState()).toMatchObject({ presenting: false, notesOpen: false });
  });

  it('does not start without slides', () => {
    const { presenter } = setup();
    presenter.getState().start();
    expect(presenter.getState().presenting).toBe(false);
  });

  it('what-if: an editable draft with the select tool; slides hold still until it is discarded or saved', () => {
    const { deps, presenter } = setup();
    presenter.getState().setViews([sampleView('a'), sampleView('b', { scenarioId: VARIANT_B_SCENARIO_ID })]);
    presenter.getState().start();
    presenter.getState().startWhatIf('方案A（推演）');
    const draftId = deps.scenarioStore.getState().draftId;
    expect(draftId).not.toBeNull();
    expect(deps.scenarioStore.getState().currentId).toBe(draftId);
    expect(deps.viewStore.getState().tool).toBe('select');
    presenter.getState().next();
    expect(presenter.getState().index).toBe(0);
    expect(deps.scenarioStore.getState().currentId).toBe(draftId);

    presenter.getState().discardWhatIf();
    expect(deps.scenarioStore.getState()).toMatchObject({ draftId: null, currentId: VARIANT_A_SCENARIO_ID });
    expect(deps.viewStore.getState().tool).toBe('browse');

    presenter.getState().startWhatIf('推演');
    const secondDraft = deps.scenarioStore.getState().draftId!;
    expect(presenter.getState().saveWhatIf('会上方案')).toBe(true);
    expect(deps.scenarioStore.getState()).toMatchObject({ draftId: null, currentId: secondDraft });
    expect(deps.scenarioStore.getState().current().name).toBe('会上方案');
    presenter.getState().next();
    expect(presenter.getState().index).toBe(1);
  });

  it('edits, reorders and removes slides; the index stays on a slide', () => {
    const { presenter } = setup();
    presenter.getState().setViews([sampleView('a'), sampleView('b'), sampleView('c')]);
    presenter.getState().updateView('b', { notes: '强调交通' });
    presenter.getState().moveView('c', -1);
    expect(presenter.getState().views.map((view) => view.id)).toEqual(['a', 'c', 'b']);
    expect(presenter.getState().views[2]!.notes).toBe('强调交通');
    presenter.getState().goTo(2);
    presenter.getState().removeView('b');
    expect(presenter.getState().index).toBe(1);
    expect(presenter.getState().views.map((view) => view.id)).toEqual(['a', 'c']);
  });
});
