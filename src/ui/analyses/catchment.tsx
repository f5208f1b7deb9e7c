// Catchment in the UI: Voronoi service areas and assignment lines on the map,
// a row per facility, and the metric and Huff controls only it reads.
import type { CatchmentOutcome } from '../../analysis/catchment.analysis';
import type { CatchmentMetric } from '../../domain/analysisSpec';
import { catchmentLayers } from '../../map/analysisLayers';
import { percent, round } from '../analysisTables';
import { featureNames } from '../../state/analysisSpec';
import { useDataset, useTranslate, useView } from '../context';
import { NumberField } from '../NumberField';
import type { AnalysisCompanion } from './companion';
import { categoryHex } from '../../analysis/catchmentColors';

/** Facilities listed in the colour key; the colours cycle every ten anyway. */
const LEGEND_ROWS = 30;

export const catchmentView: AnalysisCompanion<CatchmentOutcome> = {
  id: 'catchment',
  layers: catchmentLayers,
  tables: (result, names, { t }) => {
    const huff = result.catchment.huff !== undefined;
    return [
      {
        id: 'catchment',
        fields: [t('colFacility'), t('colTargets'), t('colWeight'), t('colAreaKm2'), ...(huff ? [t('colHuffShare')] : [])],
        rows: result.catchment.perFacility.map((row) => [
          names.get(row.facilityId) ?? row.facilityId,
          row.targets,
          round(row.weight, 2),
          round(row.areaKm2, 1),
          ...(huff ? [percent(row.huffShare ?? 0)] : []),
        ]),
      },
    ];
  },
  showsTables: true,
  headline: (result, { t, title }) => {
    const assigned = result.catchment.assignments.filter((assignment) => assignment.facilityId !== null);
    const meanMeters = assigned.length > 0 ? assigned.reduce((sum, assignment) => sum + assignment.distanceMeters, 0) / assigned.length : 0;
    return { text: t('presenterCatchment', { kind: title, km: (meanMeters / 1000).toFixed(2) }), value: meanMeters };
  },
  // Facilities on one spot: say who gets the targets and the service area, so a 0 in the table is not a mystery.
  Summary: function CatchmentSharedPoints({ result }) {
    const t = useTranslate();
    const language = useView((state) => state.language);
    const names = featureNames(useDataset());
    const nameOf = (id: string) => names.get(id) ?? id;
    const shown = result.facilities.slice(0, LEGEND_ROWS);
    return (
      <>
        {/* The Voronoi colours' key: the same colours as the map (src/analysis/catchmentColors.ts) and the exported cells' `color`. */}
        <div className="catchment-legend" data-testid="catchment-legend">
          <p className="hint">{t('catchmentLegend')}</p>
          <ul>
            {shown.map((facility, index) => (
              <li key={facility.id} data-facility-id={facility.id} data-color={categoryHex(index)}>
                <span className="swatch" style={{ background: categoryHex(index) }} aria-hidden="true" />
                {nameOf(facility.id) === facility.id ? facility.name : nameOf(facility.id)}
              </li>
            ))}
          </ul>
          {result.facilities.length > LEGEND_ROWS && <p className="hint">{t('catchmentLegendMore', { count: result.facilities.length - LEGEND_ROWS })}</p>}
        </div>
        {result.catchment.sharedPoints.map((group) => (
          <p key={group.join('|')} className="method-note" data-testid="catchment-shared-point">
            {t('catchmentSharedPoint', {
              names: group.map(nameOf).join(language === 'en' ? ', ' : '、'),
              first: nameOf(group[0]!),
            })}
          </p>
        ))}
      </>
    );
  },
  Controls: function CatchmentControls({ spec, updateSpec }) {
    const t = useTranslate();
    return (
      <>
        <label className="field">
          <span>{t('analysisMetric')}</span>
          <select value={spec.metric} onChange={(event) => updateSpec({ metric: event.currentTarget.value as CatchmentMetric })}>
            <option value="distance">{t('analysisMetric_distance')}</option>
            <option value="time">{t('analysisMetric_time')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={spec.huffEnabled} onChange={() => updateSpec({ huffEnabled: !spec.huffEnabled })} />
          {t('analysisHuff')}
        </label>
        {spec.huffEnabled && (
          <NumberField label={t('analysisHuffExponent')} value={spec.huffExponent} min={0.5} max={4} step={0.1} onChange={(huffExponent) => updateSpec({ huffExponent })} />
        )}
      </>
    );
  },
};
