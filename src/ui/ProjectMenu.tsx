import { parseProjectFile, PROJECT_FILE_EXTENSION, serializeProject } from '../domain/projectFile';
import { downloadText } from './download';
import { FileButton } from './FileButton';
import { usePresenter, useScenario, useTranslate, useView } from './context';

/** Project file (*.zmdplan.json) out and in, and the data import picker. */
export function ProjectMenu({ onImportFile, onMessage }: { onImportFile: (file: File) => void; onMessage: (text: string) => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const scenarios = useScenario((state) => state.scenarios);
  const replaceAll = useScenario((state) => state.replaceAll);
  const draftId = useScenario((state) => state.draftId);
  const views = usePresenter((state) => state.views);
  const setViews = usePresenter((state) => state.setViews);

  const exportProject = () => {
    const now = new Date();
    downloadText(
      `驻马店规划项目-${now.toISOString().slice(0, 10)}${PROJECT_FILE_EXTENSION}`,
      // An open what-if draft is not part of the project until it is kept.
      serializeProject(scenarios.filter((scenario) => scenario.id !== draftId), views, now.toISOString()),
      'application/json',
    );
  };

  const openProject = async (file: File) => {
    const parsed = parseProjectFile(await file.text());
    if (!parsed.ok) {
      onMessage(t('projectImportFailed', { message: language === 'en' ? parsed.error.message_en : parsed.error.message_zh }));
      return;
    }
    if (!confirm(t('projectImportConfirm', { count: parsed.project.scenarios.length }))) return;
    replaceAll(parsed.project.scenarios, null);
    setViews(parsed.project.views);
    const ignored = parsed.ignoredViews ? ` ${t('projectViewsIgnored', { count: parsed.ignoredViews })}` : '';
    onMessage(`${t('projectImported', { count: parsed.project.scenarios.length })}${ignored}`);
  };

  return (
    <>
      <FileButton className="top" accept=".geojson,.json,.csv,.txt" onFile={onImportFile}>
        {t('importButton')}
      </FileButton>
      <button type="button" onClick={exportProject}>
        {t('projectExport')}
      </button>
      <FileButton className="top" accept=".json" onFile={(file) => void openProject(file)}>
        {t('projectImport')}
      </FileButton>
    </>
  );
}
