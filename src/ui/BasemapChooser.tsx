// 底图: which basemap record the map draws. One at a time for now; the records
// keep their place in the list, so several at once can come later on the same list.
import { inLanguage } from '../i18n/text';
import { useTranslate, useView } from './context';

export function BasemapChooser() {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const sources = useView((state) => state.basemapSources);
  const showBasemap = useView((state) => state.showBasemap);
  return (
    <section className="panel-section" aria-labelledby="basemap-heading">
      <h2 id="basemap-heading">{t('basemapHeading')}</h2>
      <div className="basemap-choices" role="radiogroup" aria-labelledby="basemap-heading" data-testid="basemap-chooser">
        {sources.map((source) => (
          <label key={source.id} className="check">
            <input type="radio" name="basemap" checked={source.visible !== false} onChange={() => showBasemap(source.id)} data-basemap-id={source.id} />
            {inLanguage(source.title, language)}
          </label>
        ))}
      </div>
    </section>
  );
}
