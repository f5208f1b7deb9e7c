// 一刻钟生活圈 in the UI: the circles on the map, covered area per county.
import type { CirclesOutcome } from '../../analysis/circles.analysis';
import { circlesLayers } from '../../map/analysisLayers';
import { areaTable, percent } from '../analysisTables';
import { useTranslate } from '../context';
import type { AnalysisCompanion } from './companion';

export const circlesView: AnalysisCompanion<CirclesOutcome> = {
  id: 'circles',
  layers: circlesLayers,
  tables: (result, _names, { t, language }) => [areaTable(result.circles.areas, t, language)],
  showsTables: true,
  headline: (result, { t, title }) => {
    const city = result.circles.areas.find((area) => area.adcode === null);
    const km2 = city?.coveredKm2 ?? 0;
    return { text: t('presenterCircles', { kind: title, km2: km2.toFixed(1), share: percent(city?.share ?? 0) }), value: km2 };
  },
  Summary: function CirclesSummary({ result }) {
    const t = useTranslate();
    return <p>{t('analysisRadius', { meters: Math.round(result.circles.radiusMeters) })}</p>;
  },
};
