import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LAYER_DEFINITIONS } from './domain/layers';
import type { LayerId } from './domain/plan';
import type { Scenario } from './domain/scenario';
import { baselineScenario, startingScenarios } from './domain/scenarios';
import { translate } from './i18n/dictionary';
import { languageFromSearch } from './i18n/language';
import { loadBundledData } from './io/bundledData';
import { createAnalysisStore } from './state/analysisState';
import { createCompareStore } from './state/compareFigures';
import { connectViewsStorage, createPresenterStore } from './state/presenterState';
import { mainMap } from './map/mainMap';
import { connectPersistence } from './state/persistence';
import { startTabSession } from './state/tabSession';
import { createScenarioStore } from './state/scenarioStore';
import { createViewStore } from './state/viewState';
import { connectBasemapPersistence } from './state/basemapPersistence';
import { readBasemapSources } from './domain/basemap';
import { BASEMAP_KINDS } from './map/basemap/registry';
import { loadBasemapKeys, loadStoredBasemapList } from './storage/basemapSettings';
import { ScenarioDb } from './storage/scenarioDb';
import { keepAppAvailableOffline } from './storage/offlineCache';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { downloadProject } from './ui/projectExport';
import './ui/app.css';

const language = languageFromSearch(location.search);
document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
const root = createRoot(document.getElementById('root')!);

// Fetched from the first moment: the shipped data arrives while IndexedDB opens.
const bundledData = loadBundledData();

async function start() {
  const { dataset: bundled, townships, planTargets } = await bundledData;
  const baseline = baselineScenario(
    bundled.layers,
    Object.fromEntries(LAYER_DEFINITIONS.map((layer) => [layer.id, { zh: translate('zh', layer.title), en: translate('en', layer.title) }])) as Record<
      LayerId,
      { zh: string; en: string }
    >,
  );
  const outline = bundled.context.features.find((feature) => feature.properties.role === 'focus')!;
  // The basemaps this browser keeps; records this version cannot read are left out and said.
  const storedBasemaps = readBasemapSources(loadStoredBasemapList(), BASEMAP_KINDS);
  const viewStore = createViewStore(language, {
    basemapSources: storedBasemaps.sources,
    basemapKeys: loadBasemapKeys(),
    basemapNotices: storedBasemaps.rejected.map((item) => item.reason),
  });
  connectBasemapPersistence(viewStore);

  // Saved scenarios come back from IndexedDB; a first visit starts with the two plans' variants.
  const opened = await ScenarioDb.open();
  let saved: { scenarios: Scenario[]; currentId: string | null; histories?: Record<string, unknown> } = { scenarios: [], currentId: null };
  if (opened.ok) {
    const loaded = await opened.db.loadAll();
    if (loaded.ok) saved = loaded;
    else viewStore.getState().setSaveStatus({ state: 'error', message: loaded.problem.message });
  } else {
    viewStore.getState().setSaveStatus({ state: 'unavailable', message: opened.problem.message });
  }
  const firstVisit = saved.scenarios.length === 0;
  const scenarios = firstVisit ? startingScenarios(baseline, new Date().toISOString()) : saved.scenarios;
  const scenarioStore = createScenarioStore(baseline, outline, scenarios, firstVisit ? undefined : saved.histories);
  if (saved.currentId) scenarioStore.getState().switchTo(saved.currentId);
  // Decided before persistence starts: a tab that opens read-only must not write even once.
  const tabSession = opened.ok ? await startTabSession(scenarioStore, opened.db) : null;
  if (opened.ok) connectPersistence(scenarioStore, opened.db, viewStore, { saveAllNow: firstVisit });

  const analysisStore = createAnalysisStore();
  const compareStore = createCompareStore();
  // Slides (presenter mode) act on the other stores; they come back from IndexedDB too.
  const presenterStore = createPresenterStore({ viewStore, scenarioStore, analysisStore, compareStore, map: mainMap });
  if (opened.ok) await connectViewsStorage(presenterStore, opened.db);
  const context = {
    store: viewStore,
    analysisStore,
    scenarioStore,
    compareStore,
    presenterStore,
    tabSession,
    base: { counties: bundled.counties, context: bundled.context },
    townships,
    planTargets,
  };
  root.render(
    <StrictMode>
      <AppContext.Provider value={context}>
        <ErrorBoundary
          area={translate(language, 'areaApp')}
          t={(key, values) => translate(viewStore.getState().language, key, values)}
          onExportProject={() => downloadProject(context)}
        >
          <App />
        </ErrorBoundary>
      </AppContext.Provider>
    </StrictMode>,
  );
}

keepAppAvailableOffline();

start().catch((error: unknown) => {
  root.render(
    <p role="alert" className="fatal">
      {translate(language, 'errorDataLoad', { message: error instanceof Error ? error.message : String(error) })}
    </p>,
  );
});
