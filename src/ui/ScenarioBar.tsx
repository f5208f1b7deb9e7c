import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { ScenarioOptions } from './ScenarioOptions';
import { MenuButton } from './MenuButton';
import { AskDialog, type Question } from './AskDialog';
import { useState } from 'react';
import { downloadProject } from './projectExport';
import { inLanguage } from '../i18n/text';

/** The scenario switcher: the current scenario's name is always in view. */
export function ScenarioBar() {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const saveStatus = useView((state) => state.saveStatus);
  const scenarios = useScenario((state) => state.scenarios);
  const appContext = useAppContext();
  const currentId = useScenario((state) => state.currentId);
  const switchTo = useScenario((state) => state.switchTo);
  const create = useScenario((state) => state.create);
  const rename = useScenario((state) => state.rename);
  const remove = useScenario((state) => state.remove);
  const current = scenarios.find((scenario) => scenario.id === currentId);
  const isBaseline = currentId === BASELINE_SCENARIO_ID;

  const [question, setQuestion] = useState<Question | null>(null);
  const onNew = () =>
    setQuestion({
      kind: 'name',
      title: t('scenarioNewPrompt'),
      initial: t('scenarioNewName', { n: scenarios.length + 1 }),
      confirmLabel: t('scenarioCreate'),
      onAnswer: (name) => create(currentId, name),
    });
  const onRename = () => {
    if (!current) return;
    setQuestion({ kind: 'name', title: t('scenarioRenamePrompt'), initial: current.name, confirmLabel: t('scenarioRenameConfirm'), onAnswer: (name) => rename(current.id, name) });
  };
  const onDelete = () => {
    if (!current) return;
    setQuestion({
      kind: 'confirm',
      title: t('scenarioDeleteConfirm', { name: current.name }),
      confirmLabel: t('scenarioDeleteConfirmButton'),
      danger: true,
      onAnswer: () => remove(current.id),
    });
  };
  const statusText =
    saveStatus.state === 'saved' ? t('saveSaved') : saveStatus.state === 'saving' ? t('saveSaving') : t('saveError');
  const statusDetail = saveStatus.state === 'error' || saveStatus.state === 'unavailable' ? inLanguage(saveStatus.message, language) : undefined;

  return (
    <div className="scenario-bar">
      <label>
        <span className="visually-hidden">{t('scenarioLabel')}</span>
        <select value={currentId} onChange={(event) => switchTo(event.currentTarget.value)} aria-label={t('scenarioLabel')} data-testid="scenario-select">
          <ScenarioOptions />
        </select>
      </label>
      <button type="button" onClick={onNew}>
        {t('scenarioNew')}
      </button>
      <MenuButton label="⋯" ariaLabel={t('scenarioMoreActions')}>
        {(close) => (
          <>
            <button type="button" role="menuitem" disabled={isBaseline} onClick={() => { close(); onRename(); }}>
              {t('scenarioRename')}
            </button>
            <button type="button" role="menuitem" disabled={isBaseline} onClick={() => { close(); onDelete(); }}>
              {t('scenarioDelete')}
            </button>
          </>
        )}
      </MenuButton>
      <span className={`save-status save-${saveStatus.state}`} role="status" title={statusDetail} data-testid="save-status" data-state={saveStatus.state}>
        {statusText}
      </span>
      {statusDetail && (
        <span className="save-problem" role="alert" data-testid="save-problem">
          {statusDetail}
          {/* Whatever went wrong with browser storage, the work in memory can still leave as a file. */}
          <button type="button" onClick={() => downloadProject(appContext)}>
            {t('projectExport')}
          </button>
        </span>
      )}
      {question && <AskDialog question={question} onClose={() => setQuestion(null)} />}
    </div>
  );
}
