// Presenter mode's entry points for the app shell: the top-bar button, the
// slides panel, the full-screen presentation and the what-if bar.
import { useScenario, usePresenter, useTranslate } from '../context';
import { lazyPart } from '../lazyPart';
import './presenter.css';

// The slides panel, the presentation and the what-if bar load when first shown: none is needed to start.
const loadPresenterMode = () => import('./PresenterMode');
const PresenterMode = lazyPart(loadPresenterMode, (module) => module.PresenterMode, 'areaPresenter');
// The slides panel is where presenting starts: fetching the presenter's code with it means the first
// clicker key after 开始演示 is heard (the keys are handled by PresenterMode).
const ViewsPanel = lazyPart(() => Promise.all([import('./ViewsPanel'), loadPresenterMode()]).then(([module]) => module), (module) => module.ViewsPanel, 'areaPresenter');
const WhatIfBar = lazyPart(() => import('./WhatIfBar'), (module) => module.WhatIfBar, 'areaPresenter');

/** The app root's class while presenting: its CSS hides the editing chrome. */
export function usePresenterRootClass(): string {
  return usePresenter((state) => state.presenting) ? 'presenting' : '';
}

export function PresenterButton() {
  const t = useTranslate();
  const open = usePresenter((state) => state.panelOpen);
  const setPanelOpen = usePresenter((state) => state.setPanelOpen);
  return (
    <button type="button" aria-expanded={open} aria-controls="views-panel" onClick={() => setPanelOpen(!open)} data-testid="presenter-button">
      {t('presenterButton')}
    </button>
  );
}

export function Presenter() {
  const presenting = usePresenter((state) => state.presenting);
  const panelOpen = usePresenter((state) => state.panelOpen);
  const whatIf = useScenario((state) => state.draftId !== null);
  return (
    <>
      {panelOpen && !presenting && <ViewsPanel />}
      {presenting && <PresenterMode />}
      {whatIf && <WhatIfBar />}
    </>
  );
}
