// Plan targets in the UI: nothing on the map; a verdict per target with its
// explanation, figures and the plan's own words (the table goes to CSV).
import type { PlanTargetsOutcome } from '../../analysis/planTargets.analysis';
import { verdictLabel } from '../analysisTables';
import { sourceDocumentKey } from '../../domain/sources';
import { useMemo } from 'react';
import type { AnalysisSpec } from '../../domain/analysisSpec';
import { pointAndAreaLayers } from '../../state/analysisSpec';
import { useDataset, useTranslate, useView, type Translate } from '../context';
import type { AnalysisCompanion } from './companion';
import { NetworkRoadChoice } from './network';

/** The plan's title for a seed file (the file stays as the citation). */
const sourceTitle = (sourceFile: string, t: Translate) => {
  const key = sourceDocumentKey(sourceFile);
  return key ? t(key) : sourceFile;
};

export const planTargetsView: AnalysisCompanion<PlanTargetsOutcome> = {
  id: 'targets',
  layers: () => [],
  tables: (result, _names, { t, language }) => [
    {
      id: 'targets',
      fields: [t('colIndicator'), t('colVerdict'), t('colExplanation'), t('colSourceDocument'), t('colSourceFile'), t('colQuote')],
      rows: result.targets.map((target) => [
        language === 'en' ? target.indicator_en : target.indicator_zh,
        verdictLabel(target.verdict, t),
        language === 'en' ? target.explanation.en : target.explanation.zh,
        sourceTitle(target.source, t),
        target.source,
        target.quote,
      ]),
    },
  ],
  showsTables: false,
  headline: (result, { t, title }) => {
    const count = (verdict: string) => result.targets.filter((target) => target.verdict === verdict).length;
    const pass = count('pass');
    return { text: t('presenterTargets', { kind: title, pass, partial: count('partial'), fail: count('fail'), na: count('not-evaluable') }), value: pass };
  },
  // The half-hour target is drive time: on the planner's road network when one is chosen.
  // The 15-minute life circle is checked on the planner's own communities and service points.
  Controls: function PlanTargetControls({ spec, updateSpec }) {
    const t = useTranslate();
    return (
      <>
        <fieldset data-testid="targets-network" className="network-controls">
          <legend>{t('targetsNetworkHeading')}</legend>
          <NetworkRoadChoice spec={spec} updateSpec={updateSpec} />
        </fieldset>
        <LifeCircleChoice spec={spec} updateSpec={updateSpec} />
      </>
    );
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
                  <li key={detail.label.zh} className={detail.pass === false ? 'fails' : ''}>
                    {detail.label[language]}
                    {language === 'en' ? ': ' : '：'}
                    {detail.value === null ? t('targetUnlocated') : String(detail.value)}
                    {detail.unit && detail.value !== null ? `${language === 'en' ? ' ' : ''}${detail.unit[language]}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <blockquote lang="zh-CN">{target.quote}</blockquote>
            <p className="source">
              {sourceTitle(target.source, t)} <cite title={t('targetSourceFile')}>{target.source}</cite>
            </p>
          </li>
        ))}
      </ul>
    );
  },
};

/** The imported community layer (points or polygons) and service point layer t_15min_life_circle checks. */
function LifeCircleChoice({ spec, updateSpec }: { spec: AnalysisSpec; updateSpec: (change: Partial<AnalysisSpec>) => void }) {
  const t = useTranslate();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const layers = useMemo(() => pointAndAreaLayers(dataset), [dataset]);
  const option = (layer: (typeof layers)[number]) => (
    <option key={layer.id} value={layer.id}>
      {layer.title[language]}
      {language === 'en' ? ' (' : '（'}
      {[layer.points > 0 ? t('targetsLayerPoints', { count: layer.points }) : '', layer.polygons > 0 ? t('targetsLayerPolygons', { count: layer.polygons }) : ''].filter(Boolean).join(language === 'en' ? ', ' : '，')}
      {language === 'en' ? ')' : '）'}
    </option>
  );
  return (
    <fieldset data-testid="targets-life-circle" className="network-controls">
      <legend>{t('targetsLifeCircleHeading')}</legend>
      {layers.length === 0 ? (
        <p className="hint">{t('targetsLifeCircleNoLayers')}</p>
      ) : (
        <>
          <label className="field">
            {t('targetsCommunityLayer')}
            <select data-testid="community-layer" value={spec.communityLayer ?? ''} onChange={(event) => updateSpec({ communityLayer: event.target.value || null })}>
              <option value="">{t('targetsLayerNone')}</option>
              {layers.map(option)}
            </select>
          </label>
          <label className="field">
            {t('targetsServiceLayer')}
            <select data-testid="service-layer" value={spec.serviceLayer ?? ''} onChange={(event) => updateSpec({ serviceLayer: event.target.value || null })}>
              <option value="">{t('targetsLayerNone')}</option>
              {layers.filter((layer) => layer.points > 0).map(option)}
            </select>
          </label>
          <p className="hint">{t('targetsLifeCircleHint')}</p>
        </>
      )}
    </fieldset>
  );
}
