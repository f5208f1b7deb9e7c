import { useCallback, useMemo, useState } from 'react';
import { bboxOf } from '../domain/geometry';
import { classKeysOf } from '../domain/layers';
import { searchWithLanguage } from '../i18n/language';
import { allFeatures } from '../io/planData';
import { fitCity, MapView } from '../map/MapView';
import { isClassShown } from '../state/viewState';
import { AttributionsDialog } from './AttributionsDialog';
import { useAnalysis, useDataset, useTranslate, useView } from './context';
import { AnalysisPanel } from './AnalysisPanel';
import { DetailsPanel } from './DetailsPanel';
import { useAnalysisRunner } from './useAnalysisRunner';
import { buildAnalysisLayers } from '../map/analysisLayers';
import { LayerPanel } from './LayerPanel';
import { UnlocatedList } from './UnlocatedList';

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
  const rightPanel = useView((state) => state.rightPanel);
  const showPanel = useView((state) => state.showPanel);
  const analysisEnabled = useAnalysis((state) => state.enabled);
  const setAnalysisEnabled = useAnalysis((state) => state.setEnabled);
  const analysisResult = useAnalysis((state) => state.result);
  const { cancel: cancelAnalysis, parsePoints } = useAnalysisRunner();
  const analysisLayers = useMemo(
    () => (analysisEnabled ? buildAnalysisLayers(analysisResult) : []),
    [analysisEnabled, analysisResult],
  );
  const openPanel = (panel: 'details' | 'analysis') => {
    showPanel(panel);
    if (panel === 'analysis') setAnalysisEnabled(true);
  };

  const cityOutline = useMemo(
    () => ({ type: 'FeatureCollection' as const, features: dataset.context.features.filter((f) => f.properties.role === 'focus') }),
    [dataset],
  );
  const cityBounds = useMemo(() => bboxOf(cityOutline), [cityOutline]);
  const features = useMemo(() => allFeatures(dataset), [dataset]);
  const visibleFeatures = useMemo(
    () => features.filter((feature) => isClassShown({ hiddenLayers, hiddenClasses }, feature.properties.layer, classKeysOf(feature.properties))),
    [features, hiddenLayers, hiddenClasses],
  );

  const switchLanguage = () => {
    const next = language === 'zh' ? 'en' : 'zh';
    setLanguage(next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    history.replaceState(null, '', `${location.pathname}${searchWithLanguage(location.search, next)}${location.hash}`);
  };
  const onMapError = useCallback((message: string) => setMapError(message), []);

  return (
    <div className="app">
      <header className="top-bar">
        <h1>
          {t('appTitle')} <small>{t('appSubtitle')}</small>
        </h1>
        <div className="top-actions">
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
        <LayerPanel />
        <UnlocatedList />
      </aside>
      <main className="map-area">
        <MapView
          counties={dataset.counties}
          context={dataset.context}
          cityBounds={cityBounds}
          visibleFeatures={visibleFeatures}
          underlayLayers={analysisLayers}
          selectedId={selectedId}
          language={language}
          ariaLabel={t('mapLabel')}
          attribution={t('attributionShort')}
          onSelect={selectAtClick}
          onError={onMapError}
        />
        <p className="schematic-banner" role="note">
          {t('schematicBanner')}
        </p>
        {mapError && (
          <p className="error-banner" role="alert">
            {t('errorMap', { message: mapError })}
          </p>
        )}
      </main>
      <aside className="right-panel">
        <div className="tabs" role="tablist">
          {(['details', 'analysis'] as const).map((panel) => (
            <button
              key={panel}
              type="button"
              role="tab"
              id={`tab-${panel}`}
              aria-selected={rightPanel === panel}
              aria-controls={`panel-${panel}`}
              onClick={() => openPanel(panel)}
            >
              {t(panel === 'details' ? 'tabDetails' : 'tabAnalysis')}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${rightPanel}`} aria-labelledby={`tab-${rightPanel}`}>
          {rightPanel === 'details' ? <DetailsPanel /> : <AnalysisPanel onCancel={cancelAnalysis} parsePoints={parsePoints} />}
        </div>
        {(analysisEnabled || rightPanel === 'analysis') && (
          <label className="check analysis-toggle">
            <input type="checkbox" checked={analysisEnabled} onChange={() => setAnalysisEnabled(!analysisEnabled)} />
            {t('analysisShowOnMap')}
          </label>
        )}
      </aside>
      <AttributionsDialog />
    </div>
  );
}
