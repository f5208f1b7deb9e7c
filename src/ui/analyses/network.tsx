// 路网通达 in the UI: the road layer to use and how to read it, isochrone
// bands and targets by reach on the map, the network's facts with the result.
import { useMemo } from 'react';
import type { NetworkOutcome } from '../../analysis/network.analysis';
import { networkLayers } from '../../map/analysisLayers';
import { lineLayers } from '../../state/analysisSpec';
import type { AnalysisSpec } from '../../domain/analysisSpec';
import type { MessageKey } from '../../i18n/dictionary';
import { areaTable, percent, round } from '../analysisTables';
import { useDataset, useTranslate, useView } from '../context';
import type { AnalysisCompanion } from './companion';

export const networkView: AnalysisCompanion<NetworkOutcome> = {
  id: 'network',
  layers: networkLayers,
  tables: (result, names, { t, language }) => {
    const byId = new Map(result.targets.map((target) => [target.id, target]));
    return [
      areaTable(result.areas, t, language),
      {
        id: 'facilities',
        fields: [t('colFacility'), t('colTargets'), t('colWeight'), t('colCoveredKm2')],
        rows: result.perFacility.map((row) => [names.get(row.facilityId) ?? row.facilityId, row.targets, round(row.weight, 2), round(row.areaKm2, 2)]),
      },
      {
        id: 'uncovered',
        fields: [t('uncoveredHeading'), t('colMinutes'), t('colReach')],
        rows: result.times
          .filter((time) => time.reach !== 'covered')
          .map((time) => [byId.get(time.targetId)?.name ?? time.targetId, time.minutes === null ? null : round(time.minutes, 1), t(`reach_${time.reach.replace('-', '_')}` as MessageKey)]),
      },
    ];
  },
  showsTables: true,
  headline: (result, { t, title }) => ({
    text: t('presenterNetwork', { kind: title, minutes: result.minutes, covered: result.coverage.covered, total: result.coverage.total, share: percent(result.coverage.share) }),
    value: result.coverage.share,
  }),
  Summary: function NetworkSummary({ result }) {
    const t = useTranslate();
    const language = useView((state) => state.language);
    const { network, coverage } = result;
    return (
      <div data-testid="network-summary">
        <p>{t('networkMethod')}</p>
        <p data-testid="network-facts">
          {t('networkSummary', { nodes: network.nodes, edges: network.edges, components: network.components, unreachable: network.unreachableTargets })}
        </p>
        <p data-testid="network-bands">{t('networkBands', { bands: result.bands.map((band) => band.properties.minutes).reverse().join(' / ') })}</p>
        <p data-testid="network-coverage">{t('coverageTargets', { covered: coverage.covered, total: coverage.total, share: percent(coverage.share) })}</p>
        {result.warnings.map((warning, index) => (
          <p key={index} className="analysis-warning">
            {warning[language]}
          </p>
        ))}
      </div>
    );
  },
  Controls: function NetworkControls({ spec, updateSpec }) {
    const t = useTranslate();
    return (
      // One field per row, label above its control: the layer and field names are long (道路等级, Geofabrik's fclass…)
      // and side by side they crowd the panel at 1366 px.
      <fieldset data-testid="network-controls" className="network-controls">
        <NetworkRoadChoice spec={spec} updateSpec={updateSpec} />
        <label className="check">
          <input type="checkbox" checked={spec.networkConnectCrossings} onChange={(event) => updateSpec({ networkConnectCrossings: event.target.checked })} />
          {t('networkConnectCrossings')}
        </label>
        <label className="field">
          {t('networkAccessMeters')}
          <input
            type="number"
            min={10}
            max={5000}
            step={50}
            value={spec.networkAccessMeters}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (Number.isFinite(value) && value > 0 && value <= 5000) updateSpec({ networkAccessMeters: value });
            }}
          />
        </label>
      </fieldset>
    );
  },
};

/** The road layer to travel on and the fields its speeds come from (the network analysis and the plan targets' half-hour check). */
export function NetworkRoadChoice({ spec, updateSpec }: { spec: AnalysisSpec; updateSpec: (change: Partial<AnalysisSpec>) => void }) {
  const t = useTranslate();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const layers = useMemo(() => lineLayers(dataset), [dataset]);
  const fields = useMemo(() => {
    const layer = dataset.imported?.find((candidate) => candidate.id === spec.networkLayer);
    return [...new Set((layer?.features ?? []).slice(0, 2000).flatMap((feature) => Object.keys(feature.properties ?? {})))].filter((key) => key !== 'id');
  }, [dataset, spec.networkLayer]);
  return (
    <>
      <label className="field">
        {t('networkLayer')}
        <select data-testid="network-layer" value={spec.networkLayer ?? ''} onChange={(event) => updateSpec({ networkLayer: event.target.value || null })}>
          <option value="">{t('networkLayerNone')}</option>
          {layers.map((layer) => (
            <option key={layer.id} value={layer.id}>
              {t('networkLayerOption', { name: layer.title[language], count: layer.lines })}
            </option>
          ))}
        </select>
      </label>
      <FieldChoice label={t('networkClassField')} none={t('networkClassFieldGuess')} fields={fields} value={spec.networkClassField} onChange={(networkClassField) => updateSpec({ networkClassField })} />
      <FieldChoice label={t('networkSpeedField')} none={t('networkSpeedFieldNone')} fields={fields} value={spec.networkSpeedField} onChange={(networkSpeedField) => updateSpec({ networkSpeedField })} />
    </>
  );
}

/** A field of the road layer, or none (the first option says what none means). */
function FieldChoice(props: { label: string; none: string; fields: readonly string[]; value: string | null; onChange: (field: string | null) => void }) {
  return (
    <label className="field">
      {props.label}
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value || null)}>
        <option value="">{props.none}</option>
        {props.fields.map((field) => (
          <option key={field} value={field}>
            {field}
          </option>
        ))}
      </select>
    </label>
  );
}
