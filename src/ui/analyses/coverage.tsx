// Coverage in the UI: circles and covered/uncovered targets on the map, the
// share of targets, areas and the uncovered list.
import type { CoverageOutcome } from '../../analysis/coverage.analysis';
import { coverageLayers } from '../../map/analysisLayers';
import { areaTable, percent, round } from '../analysisTables';
import { useTranslate } from '../context';
import type { AnalysisCompanion } from './companion';

export const coverageView: AnalysisCompanion<CoverageOutcome> = {
  id: 'coverage',
  layers: coverageLayers,
  tables: (result, _names, { t, language }) => [
    areaTable(result.coverage.areas, t, language),
    {
      id: 'uncovered',
      fields: [t('uncoveredHeading'), 'km'],
      rows: result.coverage.uncovered.map((target) => [target.name, target.nearestMeters === null ? null : round(target.nearestMeters / 1000, 2)]),
    },
  ],
  showsTables: true,
  headline: (result, { t, title }) => {
    const targets = result.coverage.targets;
    return { text: t('presenterCoverage', { kind: title, covered: targets.covered, total: targets.total, share: percent(targets.share) }), value: targets.share };
  },
  Summary: function CoverageSummary({ result }) {
    const t = useTranslate();
    return (
      <p data-testid="coverage-summary">
        {t('coverageTargets', {
          covered: result.coverage.targets.covered,
          total: result.coverage.targets.total,
          share: percent(result.coverage.targets.share),
        })}
        <br />
        {t('coverageWeight', { share: percent(result.coverage.targets.weightShare) })}
      </p>
    );
  },
};
