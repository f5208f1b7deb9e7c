// Plan targets in the UI: nothing on the map; a verdict per target with its
// explanation, figures and the plan's own words (the table goes to CSV).
import type { PlanTargetsOutcome } from '../../analysis/planTargets.analysis';
import { verdictLabel } from '../analysisTables';
import { useTranslate, useView } from '../context';
import type { AnalysisCompanion } from './companion';

export const planTargetsView: AnalysisCompanion<PlanTargetsOutcome> = {
  id: 'targets',
  layers: () => [],
  tables: (result, _names, { t, language }) => [
    {
      id: 'targets',
      fields: [t('colIndicator'), t('colVerdict'), 'explanation', 'source', 'quote'],
      rows: result.targets.map((target) => [
        language === 'en' ? target.indicator_en : target.indicator_zh,
        verdictLabel(target.verdict, t),
        language === 'en' ? target.explanation.en : target.explanation.zh,
        target.source,
        target.quote,
      ]),
    },
  ],
  showsTables: false,
  headline: (result, { t, title }) => {
    const count = (verdict: string) => result.targets.filter((target) => target.verdict === verdict).length;
    const pass = count('pass');
    return { text: t('presenterTargets', { kind: title, pass, fail: count('fail'), na: count('not-evaluable') }), value: pass };
  },
  Summary: function PlanTargetList({ result }) {
    const t = useTranslate();
    const language = useView((state) => state.language);
    return (
      <ul className="target-list">
        {result.targets.map((target) => (
          <li key={target.id} data-verdict={target.verdict} data-testid={`target-${target.id}`}>
            <span className={`verdict verdict-${target.verdict}`}>{verdictLabel(target.verdict, t)}</span>{' '}
            <strong>{language === 'en' ? target.indicator_en : target.indicator_zh}</strong>
            <p className="hint">{language === 'en' ? target.explanation.en : target.explanation.zh}</p>
            {target.details.length > 0 && (
              <ul className="target-details">
                {target.details.map((detail) => (
                  <li key={detail.label} className={detail.pass === false ? 'fails' : ''}>
                    {detail.label}: {String(detail.value)}
                    {detail.unit ? ` ${detail.unit}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <blockquote lang="zh-CN">{target.quote}</blockquote>
            <code className="source">{target.source}</code>
          </li>
        ))}
      </ul>
    );
  },
};
