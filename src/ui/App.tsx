import { Suspense, useCallback, useMemo, useState } from 'react';
import { MapNotes } from './MapNotes';
import type { PendingImport } from './ImportDialog';
import { ProjectMenu } from './ProjectMenu';
import { ExportMenu } from './ExportMenu';
import { buildDiffLayers, buildReachChangeLayers } from '../map/diffLayers';
import { cachedDiff } from '../state/compareFigures';
import type { RightPanel } from '../state/viewState';
import type { MessageKey } from '../i18n/dictionary';

const TAB_TITLES: Record<RightPanel, MessageKey> = { details: 'tabDetails', analysis: 'tabAnalysis', compare: 'tabCompare' };
import { bboxOf } from '../domain/geometry';
import { classKeysOf } from '../domain/layers';
import { searchWithLanguage } from '../i18n/language';
import { allFeatures } from '../domain/dataset';
import { fitCity, MapView } from '../map/MapView';
import { isClassShown } from '../state/viewState';
import { AttributionsDialog } from './AttributionsDialog';
import { BasemapChooser } from './BasemapChooser';
import { useActiveBasemaps, useAttributions, useDisplayDatum } from './basemaps';
import { ErrorBoundary } from './ErrorBoundary';
import { TabNotice } from './TabNotice';
import { downloadProject } from './projectExport';
import { useAnalysis, useAppContext, useCompareScenarios, useDataset, usePresenter, useScenario, useTranslate, useView } from './context';
import { EditToolbar } from './EditToolbar';
import { ScenarioBar } from './ScenarioBar';
import { useEditing } from './useEditing';
import { useShortcuts } from './useShortcuts';
import { DetailsPanel } from './DetailsPanel';
import { useAnalysisRunner } from './useAnalysisRunner';
import { buildAnalysisLayers } from './analyses';
import { buildImportedLayers, importedLabels } from '../map/importedLayers';
import { useDeckReady } from '../map/deckRuntime';
import { lazyPart } from './lazyPart';
import { LayerPanel } from './LayerPanel';
import { UnlocatedList } from './UnlocatedList';
import { Presenter, PresenterButton, usePresenterRootClass } from './presenter/Presenter';
import { inLanguage } from '../i18n/text';
import { Toast } from './Toast';
import { GeometryQuestionDialog } from './GeometryQuestionDialog';

// Loaded when first opened (each with its loading line and its own error boundary, lazyPart.tsx):
// none of these is needed to draw the first map.
const PngExportDialog = lazyPart(() => import('./PngExportDialog'), (module) => module.PngExportDialog, 'areaPngExport');
const CompareMaps = lazyPart(() => import('./compare/CompareMaps'), (module) => module.CompareMaps, 'areaCompareMaps');
const ImportDialog = lazyPart(() => import('./ImportDialog'), (module) => module.ImportDialog, 'areaImport');
const AttributeTable = lazyPart(() => import('./AttributeTable'), (module) => module.AttributeTable, 'areaAttributeTable');
const AnalysisPanel = lazyPart(() => import('./AnalysisPanel'), (module) => module.AnalysisPanel, 'areaRightPanel');
const ComparePanel = lazyPart(() => import('./ComparePanel'), (module) => module.ComparePanel, 'areaRightPanel');

export function App() {
  const t = useTranslate();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const setLanguage = useView((state) => state.setLanguage);
  const hiddenLayers = useView((state) => state.hiddenLayers);
  const hiddenClasses = useView((state) => state.hiddenClasses);
  const selectedId = useView((state) => state.selectedFeatureId);
  const selectAtClick = useView((state) => state.selectAtClick);
  const setAttributionsOpen = useView((state) => state.setAttributionsOpen);
  const [mapError, setMapError] = useState<string | null>(null);
  const basemaps = useActiveBasemaps();
  const datum = useDisplayDatum();
  const basemapKeys = useView((state) => state.basemapKeys);
  const setBasemapFailure = useView((state) => state.setBasemapFailure);
  const attributions = useAttributions();
  const rightPanel = useView((state) => state.rightPanel);
  const showPanel = useView((state) => state.showPanel);
  const analysisEnabled = useAnalysis((state) => state.enabled);
  const setAnalysisEnabled = useAnalysis((state) => state.setEnabled);
  const analysisResult = useAnalysis((state) => state.result);
  const { cancel: cancelAnalysis, importData, importTargets, cancelImport } = useAnalysisRunner();
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);
  const [pngExportOpen, setPngExportOpen] = useState(false);
  const [dropActive, setDropActive] = useState(false);
  // The dialog reads the file itself (in the worker, with progress), so a huge file never blocks here.
  const startImport = useCallback((files: File[]) => setPendingImport({ fileName: files.map((file) => file.name).join(', '), files }), []);
  const appContext = useAppContext();
  const { base, tabSession } = appContext;
  // Offered wherever something fails, so no failure stands between a planner and their work.
  const exportProject = useCallback(() => downloadProject(appContext), [appContext]);
  // The city's extent comes from the shared base geography: it never changes with edits.
  const cityBounds = useMemo(
    () => bboxOf({ type: 'FeatureCollection', features: base.context.features.filter((feature) => feature.properties.role === 'focus') }),
    [base],
  );
  const features = useMemo(() => allFeatures(dataset), [dataset]);
  const visibleFeatures = useMemo(
    () => features.filter((feature) => isClassShown({ hiddenLayers, hiddenClasses }, feature.properties.layer, classKeysOf(feature.properties))),
    [features, hiddenLayers, hiddenClasses],
  );
  const tool = useView((state) => state.tool);
  const placingFeatureId = useView((state) => state.placingFeatureId);
  const shortcutsOpen = useView((state) => state.shortcutsOpen);
  const setShortcutsOpen = useView((state) => state.setShortcutsOpen);
  const editProblems = useScenario((state) => state.editProblems);
  const clearProblems = useScenario((state) => state.clearProblems);
  const editing = useEditing();
  useShortcuts(editing.deleteSelected);
  // Imported features are reshaped with the same tools as plan features.
  const selectedFeature = useMemo(
    () =>
      features.find((feature) => feature.properties.id === selectedId) ??
      (dataset.imported ?? []).flatMap((layer) => (hiddenLayers.has(layer.id) ? [] : layer.features)).find((feature) => feature.properties.id === selectedId) ??
      null,
    [features, dataset.imported, hiddenLayers, selectedId],
  );
  const editableSelection = useMemo(
    () => (selectedFeature?.geometry ? { id: selectedFeature.properties.id, geometry: selectedFeature.geometry } : null),
    [selectedFeature],
  );
  const placingFeature = placingFeatureId ? features.find((feature) => feature.properties.id === placingFeatureId) : undefined;
  const comparison = useCompareScenarios();
  const compareMapsMode = useView((state) => state.compareMapsMode);
  const setCompareMapsMode = useView((state) => state.setCompareMapsMode);
  const presenting = usePresenter((state) => state.presenting);
  const networkReachChange = useView((state) => state.networkReachChange);
  // deck.gl loads after the first map has drawn (MapView): until then there is nothing to build layers with.
  const deckReady = useDeckReady();
  const diffLayers = useMemo(
    // The diff rings belong to the compare panel: a slide shows them only through its own comparison (compare maps).
    () =>
      deckReady && rightPanel === 'compare' && !presenting
        ? [...buildReachChangeLayers(networkReachChange), ...buildDiffLayers(cachedDiff(comparison.a, comparison.b), comparison.a, comparison.b)]
        : [],
    [deckReady, rightPanel, comparison, presenting, networkReachChange],
  );
  const underlayLayers = useMemo(
    () => (!deckReady ? [] : [
      ...buildImportedLayers(dataset.imported ?? [], hiddenLayers),
      ...(analysisEnabled ? buildAnalysisLayers(analysisResult) : []),
      ...diffLayers,
    ]),
    [deckReady, dataset.imported, hiddenLayers, analysisEnabled, analysisResult, diffLayers],
  );
  const labelsOfImported = useMemo(() => importedLabels(dataset.imported ?? [], hiddenLayers), [dataset.imported, hiddenLayers]);
  const attributeTableOpen = useView((state) => state.attributeTableOpen);
  const openPanel = (panel: RightPanel) => {
    showPanel(panel);
    if (panel === 'analysis') setAnalysisEnabled(true);
  };


  const switchLanguage = () => {
    const next = language === 'zh' ? 'en' : 'zh';
    setLanguage(next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    history.replaceState(null, '', `${location.pathname}${searchWithLanguage(location.search, next)}${location.hash}`);
  };
  const onMapError = useCallback((message: string) => setMapError(message), []);
  const presenterRootClass = usePresenterRootClass();

  return (
    <div className={`app ${presenterRootClass}`.trim()}>
      <header className="top-bar">
        <h1>
          {t('appTitle')} <small>{t('appSubtitle')}</small>
        </h1>
        <ScenarioBar />
        {tabSession && <TabNotice session={tabSession} />}
        <div className="top-actions">
          <ProjectMenu onImportFiles={startImport} onMessage={setToast} />
          <ExportMenu
            onOpenPngExport={() => setPngExportOpen(true)}
          />
          <PresenterButton />
          <button type="button" onClick={() => fitCity(cityBounds)}>
            {t('resetView')}
          </button>
          <button type="button" onClick={() => setAttributionsOpen(true)}>
            {t('attributionsButton')}
          </button>
          <button type="button" onClick={switchLanguage} aria-label={t('languageSwitchLabel')} lang={language === 'zh' ? 'en' : 'zh-CN'}>
            {t('languageSwitch')}
          </button>
        </div>
      </header>
      <aside className="left-panel">
        <ErrorBoundary area={t('areaLeftPanel')} t={t} onExportProject={exportProject}>
          <LayerPanel />
          <BasemapChooser />
          <UnlocatedList />
        </ErrorBoundary>
      </aside>
      <main
        className={['map-area', dropActive ? 'drop-active' : '', attributeTableOpen ? 'with-table' : ''].join(' ')}
        data-testid="map-area"
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setDropActive(true);
        }}
        onDragLeave={() => setDropActive(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDropActive(false);
          const files = [...event.dataTransfer.files];
          if (files.length > 0) startImport(files);
        }}
      >
        <ErrorBoundary area={t('areaMap')} t={t} onExportProject={exportProject}>
        <MapView
          counties={base.counties}
          context={base.context}
          basemaps={basemaps}
          basemapKeys={basemapKeys}
          cityBounds={cityBounds}
          visibleFeatures={visibleFeatures}
          underlayLayers={underlayLayers}
          importedLabels={labelsOfImported}
          selectedId={selectedId}
          language={language}
          ariaLabel={t('mapLabel')}
          attribution={attributions.mapLine[language]}
          onSelect={selectAtClick}
          onError={onMapError}
          onBasemapError={setBasemapFailure}
          tool={tool}
          editableSelection={editableSelection}
          placing={placingFeatureId !== null}
          onCreated={editing.created}
          onEdited={editing.edited}
          onPlace={editing.place}
        />
        </ErrorBoundary>
        <EditToolbar onDelete={editing.deleteSelected} paused={datum !== 'wgs84'} />
        {dropActive && <p className="drop-hint">{t('importDropHint')}</p>}
        {attributeTableOpen && (
          <section className="attribute-drawer" aria-label={t('attributeTableButton')}>
            <ErrorBoundary area={t('areaAttributeTable')} t={t} onExportProject={exportProject}>
              <AttributeTable />
            </ErrorBoundary>
          </section>
        )}
        {toast && <Toast message={toast} onDismiss={dismissToast} closeLabel={t('toastClose')} />}
        {placingFeature && (
          <p className="placing-hint" role="status">
            {t('placingHint', { name: language === 'en' ? placingFeature.properties.name_en : placingFeature.properties.name })}
          </p>
        )}
        {editProblems && (
          <div className="edit-problems" role="alert">
            {editProblems.map((problem) => (
              <p key={problem.message.en}>{t('editRefused', { message: inLanguage(problem.message, language) })}</p>
            ))}
            <button type="button" className="icon" aria-label={t('closeDetails')} onClick={clearProblems}>
              ×
            </button>
          </div>
        )}
        <GeometryQuestionDialog />
        <MapNotes mapError={mapError} datum={datum} />
        {compareMapsMode && (
          <Suspense fallback={null}>
            <CompareMaps
              a={comparison.a}
              b={comparison.b}
              mode={compareMapsMode}
              onModeChange={setCompareMapsMode}
              onClose={() => setCompareMapsMode(null)}
            />
          </Suspense>
        )}
      </main>
      <aside className="right-panel">
        <div className="tabs" role="tablist">
          {(['details', 'analysis', 'compare'] as const).map((panel) => (
            <button
              key={panel}
              type="button"
              role="tab"
              id={`tab-${panel}`}
              aria-selected={rightPanel === panel}
              aria-controls={`panel-${panel}`}
              onClick={() => openPanel(panel)}
            >
              {t(TAB_TITLES[panel])}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${rightPanel}`} aria-labelledby={`tab-${rightPanel}`}>
          <ErrorBoundary key={rightPanel} area={t('areaRightPanel')} t={t} onExportProject={exportProject}>
            {rightPanel === 'details' && <DetailsPanel />}
            {rightPanel === 'analysis' && <AnalysisPanel onCancel={cancelAnalysis} importTargets={importTargets} />}
            {rightPanel === 'compare' && <ComparePanel />}
          </ErrorBoundary>
        </div>
        {(analysisEnabled || rightPanel === 'analysis') && (
          <label className="check analysis-toggle">
            <input type="checkbox" checked={analysisEnabled} onChange={() => setAnalysisEnabled(!analysisEnabled)} />
            {t('analysisShowOnMap')}
          </label>
        )}
      </aside>
      <AttributionsDialog />
      {pngExportOpen && (
        <Suspense fallback={null}>
          <PngExportDialog onClose={() => setPngExportOpen(false)} />
        </Suspense>
      )}
      <Presenter />
      {pendingImport && (
        <ImportDialog
          pending={pendingImport}
          importData={importData}
          cancelImport={cancelImport}
          onClose={(message) => {
            setPendingImport(null);
            if (message) setToast(message);
          }}
        />
      )}
      {shortcutsOpen && (
        <div className="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">{t('shortcutsHeading')}</h2>
          <p>{t('shortcutsList')}</p>
          <button type="button" onClick={() => setShortcutsOpen(false)}>
            {t('shortcutsClose')}
          </button>
        </div>
      )}
    </div>
  );
}
