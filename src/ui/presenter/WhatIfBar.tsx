// The open what-if: a draft copy of a scenario that only lives in memory.
// The presenter drags features (select tool), the analysis follows, and then
// discards the draft or keeps it as a new, saved scenario (named in place).
import { useState, type FormEvent } from 'react';
import { BASELINE_SCENARIO_ID } from '../../domain/scenario';
import { usePresenter, useScenario, useTranslate } from '../context';

export function WhatIfBar() {
  const t = useTranslate();
  const presenting = usePresenter((state) => state.presenting);
  const discardWhatIf = usePresenter((state) => state.discardWhatIf);
  const saveWhatIf = usePresenter((state) => state.saveWhatIf);
  const originName = useScenario((state) => {
    const parentId = state.current().parentId;
    if (parentId === BASELINE_SCENARIO_ID) return null;
    return state.scenarios.find((scenario) => scenario.id === parentId)?.name ?? null;
  });
  const [name, setName] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (name !== null && saveWhatIf(name)) setName(null);
  };

  return (
    <div className={`what-if-bar${presenting ? ' in-presenter' : ''}`} role="region" aria-label={t('whatIfStart')} data-testid="what-if-bar">
      <p>
        <strong>{t('whatIfActive')}</strong>
        {presenting && <span className="hint">{t('whatIfBlocksSlides')}</span>}
      </p>
      {name === null ? (
        <div className="what-if-actions">
          <button type="button" onClick={discardWhatIf} data-testid="what-if-discard">
            {t('whatIfDiscard')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => setName(t('whatIfNameDefault', { name: originName ?? t('scenarioBaseline') }))}
            data-testid="what-if-save"
          >
            {t('whatIfSaveAs')}
          </button>
        </div>
      ) : (
        <form className="what-if-actions" onSubmit={save}>
          <label>
            <span>{t('whatIfNameLabel')}</span>
            <input type="text" value={name} autoFocus onChange={(event) => setName(event.currentTarget.value)} data-testid="what-if-name" />
          </label>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('whatIfSave')}
          </button>
          <button type="button" onClick={() => setName(null)}>
            {t('whatIfCancel')}
          </button>
        </form>
      )}
    </div>
  );
}
