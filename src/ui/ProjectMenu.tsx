import { parseProjectFile } from '../domain/projectFile';
import { downloadProject } from './projectExport';
import { FileButton } from './FileButton';
import { useAppContext, usePresenter, useScenario, useTranslate, useView } from './context';

/** Project file (*.zmdplan.json) out and in, and the data import picker. */
export function ProjectMenu({ onImportFile, onMessage }: { onImportFile: (file: File) => void; onMessage: (text: string) => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const replaceAll = useScenario((state) => state.replaceAll);
  const readOnly = useScenario((state) => state.readOnly);
  const setViews = usePresenter((state) => state.setViews);
  const appContext = useAppContext();

  const exportProject = () => downloadProject(appContext);

  const openProject = async (file: File) => {
    // Opening a project replaces every scenario: not from a tab that may not write.
    if (readOnly) {
      onMessage(language === 'en' ? readOnly.message_en : readOnly.message_zh);
      return;
    }
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
