import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translate } from './i18n/dictionary';
import { languageFromSearch } from './i18n/language';
import { loadBundledDataset } from './io/bundledData';
import { createViewStore } from './state/viewState';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import './ui/app.css';

const language = languageFromSearch(location.search);
document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
const root = createRoot(document.getElementById('root')!);

try {
  const dataset = loadBundledDataset();
  const store = createViewStore(language);
  root.render(
    <StrictMode>
      <AppContext.Provider value={{ store, dataset }}>
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
