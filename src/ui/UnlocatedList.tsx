import { useMemo } from 'react';
import { countyLabel } from '../domain/counties';
import { allFeatures } from '../domain/dataset';
import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import { useCountyNames, useDataset, useScenario, useTranslate, useView } from './context';

/** Features with no position are listed per county, never guessed onto the map. */
export function UnlocatedList() {
  const t = useTranslate();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const selectedId = useView((state) => state.selectedFeatureId);
  const selectFeature = useView((state) => state.selectFeature);
  const setPlacing = useView((state) => state.setPlacing);
  const placingId = useView((state) => state.placingFeatureId);
  const editable = useScenario((state) => state.currentId !== BASELINE_SCENARIO_ID);
  const countyNames = useCountyNames();

  const groups = useMemo(() => {
    const byCounty = new Map<string, ReturnType<typeof allFeatures>>();
    for (const feature of allFeatures(dataset)) {
      if (feature.properties.accuracy !== 'unlocated') continue;
      const key = feature.properties.county ?? '';
      byCounty.set(key, [...(byCounty.get(key) ?? []), feature]);
    }
    // County order follows the division code; "county not stated" last.
    return [...byCounty.entries()].sort(([a], [b]) => (a || '~').localeCompare(b || '~'));
  }, [dataset]);
  const total = groups.reduce((sum, [, features]) => sum + features.length, 0);

  return (
    <section className="panel-section" aria-labelledby="unlocated-heading">
      <h2 id="unlocated-heading">{t('unlocatedHeading')}</h2>
      <p className="hint">{t('unlocatedHint')}</p>
      <p className="count-line" data-testid="unlocated-total">
        {t('unlocatedCount', { count: total })}
      </p>
      {groups.map(([county, features]) => (
        <details key={county || 'none'} className="unlocated-group" data-county={county}>
          <summary>
            {countyLabel(countyNames, county, language) ?? t('countyUnknown')} <span className="count">{features.length}</span>
          </summary>
          <ul>
            {features.map((feature) => (
              <li key={feature.properties.id}>
                <button
                  type="button"
                  className={feature.properties.id === selectedId ? 'link selected' : 'link'}
                  onClick={() => selectFeature(feature.properties.id)}
                  data-feature-id={feature.properties.id}
                >
                  {language === 'en' ? feature.properties.name_en : feature.properties.name}
                </button>
                {editable && (
                  <button
                    type="button"
                    className={placingId === feature.properties.id ? 'place active' : 'place'}
                    aria-label={t('placeButtonLabel', { name: language === 'en' ? feature.properties.name_en : feature.properties.name })}
                    onClick={() => setPlacing(placingId === feature.properties.id ? null : feature.properties.id)}
                  >
                    {t('placeButton')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
