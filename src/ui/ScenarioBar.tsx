import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { ScenarioOptions } from './ScenarioOptions';
import { MenuButton } from './MenuButton';
import { downloadProject } from './projectExport';

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

  const onNew = () => {
    const name = prompt(t('scenarioNewPrompt'), t('scenarioNewName', { n: scenarios.length + 1 }));
    if (name?.trim()) create(currentId, name.trim());
  };
  const onRename = () => {
    if (!current) return;
    const name = prompt(t('scenarioRenamePrompt'), current.name);
    if (name?.trim()) rename(current.id, name.trim());
  };
  const onDelete = () => {
    if (current && confirm(t('scenarioDeleteConfirm', { name: current.name }))) remove(current.id);
  };
  const statusText =
    saveStatus.state === 'saved' ? t('saveSaved') : saveStatus.state === 'saving' ? t('saveSaving') : t('saveError');
  const statusDetail = saveStatus.state === 'error' || saveStatus.state === 'unavailable' ? (language === 'en' ? saveStatus.message_en : saveStatus.message_zh) : undefined;

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
    </div>
  );
}
