import { parseProjectFile } from '../domain/projectFile';
import { downloadProject } from './projectExport';
import { FileButton } from './FileButton';
import { MenuButton } from './MenuButton';
import { useRef, useState } from 'react';
import { AskDialog, type Question } from './AskDialog';
import { useAppContext, usePresenter, useScenario, useTranslate, useView } from './context';
import { inLanguage } from '../i18n/text';

/** Project file (*.zmdplan.json) out and in, and the data import picker. */
export function ProjectMenu({ onImportFiles, onMessage }: { onImportFiles: (files: File[]) => void; onMessage: (text: string) => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const replaceAll = useScenario((state) => state.replaceAll);
  const readOnly = useScenario((state) => state.readOnly);
  const setViews = usePresenter((state) => state.setViews);
  const appContext = useAppContext();
  const projectInputRef = useRef<HTMLInputElement>(null);
  const [question, setQuestion] = useState<Question | null>(null);

  const exportProject = () => downloadProject(appContext);

  const openProject = async (file: File) => {
    // Opening a project replaces every scenario: not from a tab that may not write.
    if (readOnly) {
      onMessage(inLanguage(readOnly.message, language));
      return;
    }
    const parsed = parseProjectFile(await file.text());
    if (!parsed.ok) {
      onMessage(t('projectImportFailed', { message: inLanguage(parsed.error.message, language) }));
      return;
    }
    const { project, ignoredViews } = parsed;
    setQuestion({
      kind: 'confirm',
      title: t('projectImportConfirm', { count: project.scenarios.length }),
      confirmLabel: t('projectReplaceConfirm'),
      danger: true,
      onAnswer: () => {
        replaceAll(project.scenarios, null);
        setViews(project.views);
        const ignored = ignoredViews ? ` ${t('projectViewsIgnored', { count: ignoredViews })}` : '';
        onMessage(`${t('projectImported', { count: project.scenarios.length })}${ignored}`);
      },
    });
  };

  return (
    <>
      <FileButton className="top" onFiles={onImportFiles}>
        {t('importButton')}
      </FileButton>
      {/* The project file goes and comes from a menu: used now and then, not on every visit. */}
      <MenuButton label={t('projectMenu')}>
        {(close) => (
          <>
            <button type="button" role="menuitem" onClick={() => { close(); exportProject(); }}>
              {t('projectExport')}
            </button>
            <button type="button" role="menuitem" onClick={() => { close(); projectInputRef.current?.click(); }}>
              {t('projectImport')}
            </button>
          </>
        )}
      </MenuButton>
      {/* Outside the menu, so that it outlives the menu while the file chooser is open. */}
      <input
        ref={projectInputRef}
        type="file"
        accept=".json"
        className="hidden-file-input"
        data-testid="project-file-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void openProject(file);
        }}
      />
      {question && <AskDialog question={question} onClose={() => setQuestion(null)} />}
    </>
  );
}
