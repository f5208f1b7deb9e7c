// The presentation itself: a title bar (slide title, scenario, analysis
// headline, "3 / 7"), a compact legend of what is visible, the presenter's
// notes on demand (N), and the keys clickers send. The editing chrome is
// hidden by the `presenting` class on the app root (presenter.css).
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { classKeysOf, LAYER_DEFINITIONS } from '../../domain/layers';
import { BASELINE_SCENARIO_ID } from '../../domain/scenario';
import { inLanguage } from '../../i18n/text';
import { mainMap } from '../../map/mainMap';
import { showCamera } from '../../state/presenterState';
import { classToggleKey } from '../../state/viewState';
import { analysisHeadline } from '../analyses';
import { useAnalysis, useAppContext, useDataset, usePresenter, useScenario, useTranslate, useView } from '../context';
import { countByClass } from '../LayerPanel';
import { ACCURACY_SWATCH, ClassSwatch } from '../Legend';
import { typingInto } from '../useShortcuts';
import { leaveFullscreen } from './fullscreen';
import { ImportedLegend, ImportedSwatch, symbolOf } from '../layers/ImportedLegend';
import { resolvedStyleOf } from '../../map/importedLayers';
import { analysisLegend, type AnalysisLegendRow } from '../../map/analysisLegend';

export function PresenterMode() {
  const t = useTranslate();
  const { presenterStore } = useAppContext();
  const views = usePresenter((state) => state.views);
  const index = usePresenter((state) => state.index);
  const notesOpen = usePresenter((state) => state.notesOpen);
  const missingScenario = usePresenter((state) => state.missingScenario);
  const missingBasemaps = usePresenter((state) => state.missingBasemaps);
  const language = useView((state) => state.language);
  const fullscreen = usePresenter((state) => state.fullscreen);
  const { next, previous, stop, toggleNotes, startWhatIf } = presenterStore.getState();
  const whatIfOpen = useScenario((state) => state.draftId !== null);
  const scenario = useScenario((state) => state.current());
  const view = views[index];
  const scenarioName = scenario.id === BASELINE_SCENARIO_ID ? t('scenarioBaseline') : scenario.name;

  // A flight fixes its end point from the map's size when it starts, and entering presenter mode
  // (the side panels go, full screen comes) resizes the map under the first one: fly again from
  // wherever the map is. A layout effect, so it is listening before the new layout is measured.
  useLayoutEffect(() => {
    const map = mainMap();
    if (!map) return;
    const onResize = () => {
      const presenter = presenterStore.getState();
      const shown = presenter.views[presenter.index];
      if (shown && map.isMoving()) showCamera(map, shown.camera);
    };
    map.on('resize', onResize);
    // This part's code loads when presenting starts, so the first slide may have been framed (and its
    // flight ended) in the editing layout: frame it again now, before the presenter layout resizes the map.
    const presenter = presenterStore.getState();
    const first = presenter.views[presenter.index];
    if (first) showCamera(map, first.camera);
    return () => {
      map.off('resize', onResize);
    };
  }, [presenterStore]);

  useEffect(() => {
    // Capture phase: the keys must not also pan the map or reach the editing shortcuts.
    const onKeyDown = (event: KeyboardEvent) => {
      if (typingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const presenter = presenterStore.getState();
      switch (event.key) {
        case 'ArrowRight':
        case 'PageDown':
          presenter.next();
          break;
        case 'ArrowLeft':
        case 'PageUp':
          presenter.previous();
          break;
        case 'Escape':
          presenter.stop();
          break;
        case 'n':
        case 'N':
          presenter.toggleNotes();
          break;
        default:
          return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    // Leaving full screen by the browser's own means (its Esc, F11) leaves presenter mode too.
    const onFullscreenChange = () => {
      const presenter = presenterStore.getState();
      if (document.fullscreenElement) {
        if (presenter.presenting) presenter.setFullscreen('on');
      } else if (presenter.presenting && presenter.fullscreen === 'on') {
        presenter.stop();
      }
    };
    addEventListener('keydown', onKeyDown, { capture: true });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      removeEventListener('keydown', onKeyDown, { capture: true });
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      leaveFullscreen();
    };
  }, [presenterStore]);

  return (
    <>
      <header className="presenter-bar" data-testid="presenter-bar">
        <div className="presenter-titles">
          <h2 data-testid="presenter-title">{view?.title ?? ''}</h2>
          <p className="presenter-subtitle">
            <span data-testid="presenter-scenario">{scenarioName}</span>
            <AnalysisHeadline />
          </p>
        </div>
        <div className="presenter-controls">
          {!whatIfOpen && (
            <button type="button" onClick={() => startWhatIf(t('whatIfDraftName', { name: scenarioName }))} data-testid="what-if-start">
              {t('whatIfStart')}
            </button>
          )}
          <button type="button" aria-pressed={notesOpen} onClick={toggleNotes}>
            {t('presenterNotes')}
          </button>
          <button type="button" aria-label={t('presenterPrevious')} title={t('presenterPrevious')} disabled={index === 0 || whatIfOpen} onClick={previous}>
            ‹
          </button>
          <span className="presenter-counter" data-testid="presenter-counter" aria-label={t('presenterCounterLabel', { n: index + 1, total: views.length })}>
            {index + 1} / {views.length}
          </span>
          <button
            type="button"
            aria-label={t('presenterNext')}
            title={t('presenterNext')}
            disabled={index >= views.length - 1 || whatIfOpen}
            onClick={next}
          >
            ›
          </button>
          <button type="button" className="presenter-exit" onClick={stop}>
            {t('presenterExit')}
          </button>
        </div>
      </header>
      {(missingScenario || missingBasemaps.length > 0 || fullscreen === 'refused') && (
        <p className="presenter-notice" role="status" data-testid="presenter-notice">
          {[
            missingScenario ? t('presenterMissingScenario') : '',
            missingBasemaps.length > 0 ? t('presenterMissingBasemap', { names: missingBasemaps.map((title) => inLanguage(title, language)).join('、') }) : '',
            fullscreen === 'refused' ? t('presenterFullscreenRefused') : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}
      <PresenterLegend />
      {notesOpen && (
        <aside className="presenter-notes" aria-label={t('presenterNotes')} data-testid="presenter-notes">
          {view?.notes.trim() ? view.notes : t('presenterNotesEmpty')}
        </aside>
      )}
    </>
  );
}

/** The visible layers' classes that have features, drawn as the map draws them. */
function PresenterLegend() {
  const t = useTranslate();
  const dataset = useDataset();
  const hiddenLayers = useView((state) => state.hiddenLayers);
  const hiddenClasses = useView((state) => state.hiddenClasses);
  const groups = useMemo(
    () =>
      LAYER_DEFINITIONS.filter((layer) => !hiddenLayers.has(layer.id))
        .map((layer) => {
          const counts = countByClass(dataset.layers[layer.id].features);
          const classes = layer.classes.filter((cls) => !hiddenClasses.has(classToggleKey(layer.id, cls.key)) && (counts.get(cls.key) ?? 0) > 0);
          return { layer, classes };
        })
        .filter((group) => group.classes.length > 0),
    [dataset, hiddenLayers, hiddenClasses],
  );
  const schematicShown = useMemo(
    () =>
      groups.some((group) =>
        dataset.layers[group.layer.id].features.some(
          (feature) => feature.properties.accuracy === 'schematic' && classKeysOf(feature.properties).some((key) => group.classes.some((cls) => cls.key === key)),
        ),
      ),
    [groups, dataset],
  );
  const language = useView((state) => state.language);
  // Imported layers top first, as the layers panel lists them; the analysis only while it is on the map.
  const imported = useMemo(() => [...(dataset.imported ?? [])].reverse().filter((layer) => !hiddenLayers.has(layer.id)), [dataset.imported, hiddenLayers]);
  const analysisEnabled = useAnalysis((state) => state.enabled);
  const analysisResult = useAnalysis((state) => state.result);
  const analysisRows = useMemo(() => (analysisEnabled ? analysisLegend(analysisResult) : []), [analysisEnabled, analysisResult]);
  return (
    // A column of its own beside the map (presenter.css), so it never covers the city at any screen size.
    <aside className="presenter-legend" aria-label={t('presenterLegend')} data-testid="presenter-legend">
      {analysisRows.length > 0 && (
        <section data-legend-group="analysis">
          <h3>{t('presenterAnalysisLegend')}</h3>
          <ul>
            {analysisRows.map((row) => (
              <li key={row.key} data-analysis-row={row.key}>
                <AnalysisSwatch row={row} />
                <span>{inLanguage(row.label, language)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {imported.map((layer) => {
        const resolved = resolvedStyleOf(layer);
        const single = resolved.style.mode === 'single' || resolved.entries.length === 1;
        return (
          <section key={layer.id} data-imported-layer={layer.id}>
            <h3 className="presenter-imported-title">
              {single && <ImportedSwatch color={resolved.entries[0]!.color} symbol={symbolOf(layer)} resolved={resolved} />}
              {language === 'en' ? layer.title.en : layer.title.zh}
            </h3>
            <ImportedLegend layer={layer} showCounts={false} />
          </section>
        );
      })}
      <div className="presenter-legend-groups">
        {groups.map(({ layer, classes }) => (
          <section key={layer.id} data-layer={layer.id}>
            <h3>{t(layer.title)}</h3>
            <ul>
              {classes.map((cls) => (
                <li key={cls.key} data-class={cls.key}>
                  <ClassSwatch style={cls} />
                  <span>{t(cls.title)}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <ul className="presenter-legend-notes">
        <li>
          <ClassSwatch style={ACCURACY_SWATCH} /> {t('legendSolid')}
        </li>
        {schematicShown && (
          <li>
            <ClassSwatch style={ACCURACY_SWATCH} schematic /> {t('legendSchematic')}
          </li>
        )}
      </ul>
      <p className="presenter-schematic" role="note">
        {t('schematicBanner')}
      </p>
    </aside>
  );
}

function AnalysisSwatch({ row }: { row: AnalysisLegendRow }) {
  const [r, g, b, a] = row.color;
  const color = `rgba(${r}, ${g}, ${b}, ${a / 255})`;
  const solid = `rgb(${r}, ${g}, ${b})`;
  return (
    <svg className="swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
      {row.shape === 'area' && <rect x="2" y="2" width="18" height="12" fill={color} stroke={solid} strokeWidth="1" />}
      {row.shape === 'outline' && <rect x="2" y="2" width="18" height="12" fill="none" stroke={solid} strokeWidth="2" />}
      {row.shape === 'ring' && <circle cx="11" cy="8" r="5.5" fill="none" stroke={solid} strokeWidth="2.5" />}
    </svg>
  );
}

/** One figure that says what the analysis on the map shows (the panel with the tables is hidden). */
function AnalysisHeadline() {
  const t = useTranslate();
  const enabled = useAnalysis((state) => state.enabled);
  const status = useAnalysis((state) => state.status);
  const result = useAnalysis((state) => state.result);
  const language = useView((state) => state.language);
  if (!enabled) return null;
  const headline = result ? analysisHeadline(result, t, language) : null;
  return (
    <span className="presenter-analysis" data-testid="presenter-analysis" data-status={status} data-value={headline?.value}>
      {status === 'running' || !headline ? t('presenterAnalysisRunning') : headline.text}
    </span>
  );
}
