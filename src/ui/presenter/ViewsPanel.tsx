// The slides panel: capture what the map shows as a slide, give it a title and
// notes, reorder, delete, jump to one, and start presenting.
import { useRef } from 'react';
import { BASELINE_SCENARIO_ID } from '../../domain/scenario';
import type { SavedView } from '../../domain/views';
import { useAppContext, usePresenter, useScenario, useTranslate, useView } from '../context';
import { enterPresenterMode } from './fullscreen';
import { analysisTitle } from '../analyses';

export function ViewsPanel() {
  const t = useTranslate();
  const { presenterStore } = useAppContext();
  const views = usePresenter((state) => state.views);
  const setPanelOpen = usePresenter((state) => state.setPanelOpen);
  const captureView = usePresenter((state) => state.captureView);
  const updateView = usePresenter((state) => state.updateView);
  const moveView = usePresenter((state) => state.moveView);
  const removeView = usePresenter((state) => state.removeView);
  const goTo = usePresenter((state) => state.goTo);
  const scenarios = useScenario((state) => state.scenarios);
  const language = useView((state) => state.language);
  const rootRef = useRef<HTMLElement>(null);

  const scenarioName = (id: string) =>
    id === BASELINE_SCENARIO_ID ? t('scenarioBaseline') : (scenarios.find((scenario) => scenario.id === id)?.name ?? null);
  const summary = (view: SavedView) => {
    const parts = [t('viewSummary', { scenario: scenarioName(view.scenarioId) ?? t('viewMissingScenario'), zoom: view.camera.zoom.toFixed(1) })];
    const hidden = view.hiddenLayers.length + view.hiddenClasses.length;
    if (hidden > 0) parts.push(t('viewSummaryHidden', { count: hidden }));
    if (view.analysis?.enabled) parts.push(t('viewSummaryAnalysis', { kind: analysisTitle(view.analysis.spec.kind, language) }));
    return parts.join(' · ');
  };

  return (
    <section className="views-panel" id="views-panel" ref={rootRef} aria-labelledby="views-heading" data-testid="views-panel">
      <header>
        <h2 id="views-heading">{t('viewsHeading')}</h2>
        <button type="button" className="icon" aria-label={t('viewsClose')} onClick={() => setPanelOpen(false)}>
          ×
        </button>
      </header>
      <button type="button" className="views-capture" onClick={() => captureView(t('viewDefaultTitle', { n: views.length + 1 }))}>
        {t('viewsCapture')}
      </button>
      {views.length === 0 && <p className="hint">{t('viewsEmpty')}</p>}
      <ol className="views-list">
        {views.map((view, index) => (
          <li key={view.id} data-testid="view-item" data-view-id={view.id}>
            <div className="view-head">
              <span className="view-number" aria-hidden="true">
                {index + 1}
              </span>
              <input
                type="text"
                value={view.title}
                aria-label={t('viewTitleLabel', { n: index + 1 })}
                onChange={(event) => updateView(view.id, { title: event.currentTarget.value })}
              />
            </div>
            <p className="view-summary">{summary(view)}</p>
            <textarea
              rows={2}
              value={view.notes}
              placeholder={t('viewNotesLabel')}
              aria-label={t('viewNotesLabel')}
              onChange={(event) => updateView(view.id, { notes: event.currentTarget.value })}
            />
            <div className="view-actions">
              <button type="button" onClick={() => goTo(index)}>
                {t('viewJump')}
              </button>
              <button type="button" aria-label={t('viewMoveUp')} title={t('viewMoveUp')} disabled={index === 0} onClick={() => moveView(view.id, -1)}>
                ↑
              </button>
              <button
                type="button"
                aria-label={t('viewMoveDown')}
                title={t('viewMoveDown')}
                disabled={index === views.length - 1}
                onClick={() => moveView(view.id, 1)}
              >
                ↓
              </button>
              <button type="button" className="danger" onClick={() => removeView(view.id)}>
                {t('viewDelete')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <footer>
        <p className="hint">{t('presenterHint')}</p>
        <button
          type="button"
          className="primary"
          disabled={views.length === 0}
          onClick={() => enterPresenterMode(presenterStore, rootRef.current?.closest<HTMLElement>('.app') ?? null)}
        >
          {t('presenterStart')}
        </button>
      </footer>
    </section>
  );
}
