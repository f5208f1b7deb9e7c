import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translate } from './i18n/dictionary';
import { languageFromSearch } from './i18n/language';
import { loadBundledDataset, loadBundledPlanTargets, loadBundledTownships } from './io/bundledData';
import { createAnalysisStore } from './state/analysisState';
import { createViewStore } from './state/viewState';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import './ui/app.css';

const language = languageFromSearch(location.search);
document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
const root = createRoot(document.getElementById('root')!);

try {
  const dataset = loadBundledDataset();
  const context = {
    store: createViewStore(language),
    analysisStore: createAnalysisStore(),
    dataset,
    townships: loadBundledTownships(),
    planTargets: loadBundledPlanTargets(),
  };
  root.render(
    <StrictMode>
      <AppContext.Provider value={context}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <p role="alert" className="fatal">
      {translate(language, 'errorDataLoad', { message: (error as Error).message })}
    </p>,
  );
}
