// The compare tab: two scenarios side by side — what differs feature by
// feature (the same groups and colours as the map's diff layers) and how the
// analysis panel's current analysis comes out for each.
import { useEffect, useMemo, useRef, useState } from 'react';
import { studyAreaFrom } from '../analysis/inputs';
import type { BandDifference } from '../analysis/network/bandDifference';
import type { AnalysisRequest } from '../analysis/registry';
import type { AnalysisSpec } from '../domain/analysisSpec';
import type { DiffCategory, FeatureRef, PropertyChange, ScenarioDiff } from '../domain/diff';
import type { Scenario } from '../domain/scenario';
import type { Language, MessageKey } from '../i18n/dictionary';
import { DIFF_LEGEND, type DiffGroup } from '../map/diffLayers';
import { buildRequest, type ImportedTargets } from '../state/analysisSpec';
import {
  cachedDiff,
  compareFigures,
  figuresOf,
  networkGains,
  networkReachOf,
  type NetworkGains,
  type NetworkReach,
  resolveCompareIds,
  type Figure,
  type FigureComparison,
} from '../state/compareFigures';
import { datasetOf } from '../state/scenarioDataset';
import { AnalysisClient } from '../worker/analysisClient';
import type { AnalysisKind, AnalysisOutcome } from '../worker/protocol';
import { useAnalysis, useAppContext, useCompare, useCompareScenarios, useScenario, useTranslate, useView, type Translate } from './context';
import { fieldTitleOf, formatCell, isPlanLayerId, planLayerColumns } from '../domain/attributeSchema';
import { useCountyOptions } from './ExportMenu';
import './compare.css';
import './compare/compareMaps.css';
import { ScenarioOptions } from './ScenarioOptions';
import { analysisTitle } from './analyses';

const CATEGORIES: DiffCategory[] = ['added', 'removed', 'moved', 'placed', 'unplaced', 'changed'];
const DEBOUNCE_MS = 200;
const SWATCH: Record<DiffGroup, string> = Object.fromEntries(DIFF_LEGEND.map((entry) => [entry.group, entry.css])) as Record<DiffGroup, string>;

// ---------------------------------------------------------------- formatting

function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)} m`;
  return `${(meters / 1000).toFixed(meters < 10_000 ? 2 : 1)} km`;
}

function formatValue(value: unknown, language: Language): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
    return value.length === 0 ? '—' : value.map(String).join(language === 'en' ? ', ' : '、');
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

const isShare = (metric: FigureComparison['metric']) => metric === 'share' || metric === 'targetsShare' || metric === 'weightShare';

function formatFigure(value: Figure['value'] | null, metric: FigureComparison['metric'], t: Translate): string {
  if (value === null) return '—';
  if (typeof value === 'string') return t(`verdict_${value.replace('-', '_')}` as MessageKey);
  if (isShare(metric)) return `${(value * 100).toFixed(1)}%`;
  if (metric === 'coveredKm2') return value.toFixed(2);
  return String(Math.round(value));
}

function formatDelta(row: FigureComparison, t: Translate): string {
  if (row.delta === null) return row.metric === 'verdict' && row.changed && row.a !== null && row.b !== null ? t('compareVerdictChanged') : '—';
  if (!row.changed) return '0';
  const sign = (value: number, text: string) => (value > 0 ? `+${text}` : text.startsWith('-') ? `−${text.slice(1)}` : text);
  if (isShare(row.metric)) return t('comparePercentPoints', { value: sign(row.delta, (row.delta * 100).toFixed(1)) });
  if (row.metric === 'coveredKm2') return sign(row.delta, row.delta.toFixed(2));
  return sign(row.delta, String(Math.round(row.delta)));
}

// ---------------------------------------------------------------- feature list

interface ListItem {
  group: DiffGroup;
  ref: FeatureRef;
  movedMeters?: number;
  placed?: boolean;
  unplaced?: boolean;
  changes?: PropertyChange[];
}

function listItems(diff: ScenarioDiff): Record<DiffGroup, ListItem[]> {
  const layerOrder = new Map(diff.layers.map((layer, index) => [layer.layer, index]));
  const both = new Map<string, ListItem>();
  const itemOf = (ref: FeatureRef) => {
    const key = `${ref.layer}/${ref.id}`;
    let item = both.get(key);
    if (!item) both.set(key, (item = { group: 'changed', ref: { layer: ref.layer, id: ref.id, name: ref.name } }));
    return item;
  };
  for (const ref of diff.moved) itemOf(ref).movedMeters = ref.distanceMeters;
  for (const ref of diff.placed) itemOf(ref).placed = true;
  for (const ref of diff.unplaced) itemOf(ref).unplaced = true;
  for (const ref of diff.changed) itemOf(ref).changes = ref.changes;
  const order = (x: ListItem, y: ListItem) =>
    (layerOrder.get(x.ref.layer) ?? 0) - (layerOrder.get(y.ref.layer) ?? 0) || (x.ref.id < y.ref.id ? -1 : x.ref.id > y.ref.id ? 1 : 0);
  return {
    'only-a': diff.removed.map((ref) => ({ group: 'only-a' as const, ref })),
    'only-b': diff.added.map((ref) => ({ group: 'only-b' as const, ref })),
    changed: [...both.values()].sort(order),
  };
}

// ---------------------------------------------------------------- figures

/** The network comparison's gained and lost areas: the worker's answer comes after the counts. */
type AreasState = { status: 'computing' } | { status: 'done'; difference: BandDifference; elapsedMs: number } | { status: 'error'; message: string };

type FiguresState =
  | { status: 'computing'; rows: FigureComparison[] | null; kind: AnalysisKind | null; elapsedMs: number | null }
  | { status: 'done'; rows: FigureComparison[]; kind: AnalysisKind; elapsedMs: number; gains: NetworkGains | null; areas: AreasState | null }
  | { status: 'error'; message: string; rows: null; kind: AnalysisKind | null; elapsedMs: null };

interface Memo {
  spec: AnalysisSpec;
  imported: ImportedTargets | null;
  figures: Figure[];
  /** Network results only: what gained/lost compares. */
  reach: NetworkReach | null;
}

/** One run in the comparison's own worker (so it never cancels the analysis panel's run). */
function runInWorker(client: AnalysisClient, request: AnalysisRequest): Promise<AnalysisOutcome> {
  return new Promise((resolve) => client.submit(request, { onDone: resolve }));
}

/**
 * Figures of A and B for the analysis panel's spec, computed in a worker after
 * a pause in changes; per scenario version, so editing B does not recompute A.
 */
function useCompareFigures(a: Scenario, b: Scenario): FiguresState {
  const { base, townships, planTargets } = useAppContext();

  const spec = useAnalysis((state) => state.spec);
  const imported = useAnalysis((state) => state.importedTargets);
  const clientRef = useRef<AnalysisClient | null>(null);
  const memoRef = useRef(new WeakMap<Scenario, Memo>());
  const [state, setState] = useState<FiguresState>({ status: 'computing', rows: null, kind: null, elapsedMs: null });

  useEffect(() => () => clientRef.current?.dispose(), []);

  useEffect(() => {
    let stale = false;
    setState((previous) => (previous.status === 'computing' ? previous : { status: 'computing', rows: previous.rows, kind: previous.kind, elapsedMs: previous.elapsedMs }));
    const timer = setTimeout(async () => {
      const started = performance.now();
      const client = (clientRef.current ??= new AnalysisClient(studyAreaFrom(base.counties, base.context), planTargets));
      const figuresFor = async (scenario: Scenario): Promise<Figure[] | string | null> => {
        const memo = memoRef.current.get(scenario);
        if (memo && memo.spec === spec && memo.imported === imported) return memo.figures;
        const outcome = await runInWorker(client, buildRequest({ dataset: datasetOf(scenario, base), townships, imported }, spec));
        if (!outcome.ok) return outcome.cancelled ? null : outcome.message;
        const figures = figuresOf(outcome.result);
        memoRef.current.set(scenario, { spec, imported, figures, reach: networkReachOf(outcome.result) });
        return figures;
      };
      try {
        const figuresA = await figuresFor(a);
        const figuresB = stale || !Array.isArray(figuresA) ? figuresA : await figuresFor(b);
        if (stale || figuresA === null || figuresB === null) return;
        if (typeof figuresA === 'string' || typeof figuresB === 'string') {
          setState({ status: 'error', message: String(typeof figuresA === 'string' ? figuresA : figuresB), rows: null, kind: spec.kind, elapsedMs: null });
          return;
        }
        const reachA = memoRef.current.get(a)?.reach ?? null;
        const reachB = memoRef.current.get(b)?.reach ?? null;
        const gains = reachA && reachB ? networkGains(reachA, reachB) : null;
        setState({
          status: 'done',
          rows: compareFigures(figuresA as Figure[], figuresB),
          kind: spec.kind,
          elapsedMs: performance.now() - started,
          gains,
          areas: gains ? { status: 'computing' } : null,
        });
        if (!reachA || !reachB) return;
        // The counts are on screen; the polygon difference of the two bands takes up to seconds, in the worker.
        const outcome = await client.bandDifference(reachA.band, reachB.band);
        // Cancelled: the worker was replaced by a newer run of this effect, which asks again.
        if (stale || (!outcome.ok && outcome.cancelled)) return;
        const areas: AreasState = outcome.ok ? { status: 'done', difference: outcome.difference, elapsedMs: outcome.elapsedMs } : { status: 'error', message: outcome.message };
        setState((previous) => (previous.status === 'done' && previous.gains === gains ? { ...previous, areas } : previous));
      } catch (error) {
        if (!stale) setState({ status: 'error', message: error instanceof Error ? error.message : String(error), rows: null, kind: spec.kind, elapsedMs: null });
      }
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [a, b, spec, imported, base, townships, planTargets]);

  return state;
}

// ---------------------------------------------------------------- the panel

export function ComparePanel() {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const countyOptions = useCountyOptions();
  // Field names and values as the attribute table shows them: 坐标精度：未定位 → 规划人员放置, not accuracy: unlocated → placed.
  const columnOf = (layer: string, key: string) => (isPlanLayerId(layer) ? planLayerColumns(layer, countyOptions).find((column) => column.key === key) : undefined);
  const fieldTitle = (layer: string, key: string) => columnOf(layer, key)?.title[language] ?? fieldTitleOf(key)[language];
  const fieldValue = (layer: string, key: string, value: unknown) => {
    const column = columnOf(layer, key);
    return column?.options && value !== null && value !== undefined ? formatCell(column, value, language) : formatValue(value, language);
  };  const selectFeature = useView((state) => state.selectFeature);
  const selectedId = useView((state) => state.selectedFeatureId);
  const scenarios = useScenario((state) => state.scenarios);
  const currentId = useScenario((state) => state.currentId);
  const current = useScenario((state) => state.current());
  const aId = useCompare((state) => state.aId);
  const bId = useCompare((state) => state.bId);
  const setA = useCompare((state) => state.setA);
  const setB = useCompare((state) => state.setB);
  const swap = useCompare((state) => state.swap);
  const compareMapsMode = useView((state) => state.compareMapsMode);
  const setCompareMapsMode = useView((state) => state.setCompareMapsMode);
  const ids = resolveCompareIds({ aId, bId }, { scenarios, currentId });
  const { a, b } = useCompareScenarios();
  const diff = cachedDiff(a, b);
  const figures = useCompareFigures(a, b);
  // The reach gained and lost, drawn on the main map in the compare colours while this panel shows them.
  const setReachChange = useView((state) => state.setNetworkReachChange);
  const areas = figures.status === 'done' ? figures.areas : null;
  const difference = areas?.status === 'done' ? areas.difference : null;
  useEffect(
    () => setReachChange(difference && (difference.gained || difference.lost) ? { gained: difference.gained, lost: difference.lost } : null),
    [difference, setReachChange],
  );
  useEffect(() => () => setReachChange(null), [setReachChange]);
  const items = useMemo(() => listItems(diff), [diff]);
  const inCurrent = useMemo(
    () => new Set(current.layers.flatMap((layer) => layer.features.map((feature) => `${layer.id}/${feature.properties.id}`))),
    [current],
  );
  const layerTitles = useMemo(() => new Map(diff.layers.map((layer) => [layer.layer, layer.title])), [diff]);
  const layerTitle = (layer: string) => layerTitles.get(layer)?.[language] ?? layer;
  const differingLayers = diff.layers.filter((layer) => CATEGORIES.some((category) => layer[category] > 0));

  const scenarioSelect = (side: 'a' | 'b') => (
    <label className="field">
      <span>{t(side === 'a' ? 'compareA' : 'compareB')}</span>
      <select
        data-testid={`compare-${side}`}
        value={side === 'a' ? ids.aId : ids.bId}
        onChange={(event) => (side === 'a' ? setA : setB)(event.currentTarget.value)}
      >
        <ScenarioOptions />
      </select>
    </label>
  );

  const groupLabel: Record<DiffGroup, MessageKey> = { 'only-a': 'compareGroup_only_a', 'only-b': 'compareGroup_only_b', changed: 'compareGroup_changed' };

  return (
    <section className="panel-section compare" aria-labelledby="compare-heading" data-testid="compare-panel">
      <h2 id="compare-heading">{t('compareHeading')}</h2>
      <div className="compare-pickers">
        {scenarioSelect('a')}
        <button type="button" className="compare-swap" onClick={() => swap(ids)} aria-label={t('compareSwapLabel')} data-testid="compare-swap">
          {t('compareSwap')}
        </button>
        {scenarioSelect('b')}
      </div>
      {ids.aId === ids.bId && <p className="hint">{t('compareSameScenario')}</p>}

      <div className="compare-maps-open" role="group" aria-label={t('compareMapsHeading')}>
        <button type="button" aria-pressed={compareMapsMode === 'swipe'} onClick={() => setCompareMapsMode('swipe')} data-testid="open-compare-swipe">
          {t('compareMapsSwipe')}
        </button>
        <button
          type="button"
          aria-pressed={compareMapsMode === 'side-by-side'}
          onClick={() => setCompareMapsMode('side-by-side')}
          data-testid="open-compare-side-by-side"
        >
          {t('compareMapsSideBySide')}
        </button>
      </div>
      <p className="hint">{t('compareMapsOpenHint')}</p>

      <p className="compare-summary" role="status" data-testid="compare-summary" data-features-differing={diff.summary.featuresDiffering}>
        {diff.summary.text[language]}
      </p>

      {differingLayers.length > 0 && (
        <table className="result-table compare-counts" data-testid="compare-counts">
          <caption>{t('compareCountsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compareColLayer')}</th>
              {CATEGORIES.map((category) => (
                <th key={category} scope="col">
                  {t(`compareCategory_${category}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {differingLayers.map((layer) => (
              <tr key={layer.layer} data-testid={`compare-counts-${layer.layer}`}>
                <th scope="row">{layer.title[language]}</th>
                {CATEGORIES.map((category) => (
                  <td key={category} data-category={category}>
                    {layer[category]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="compare-counts-total">
              <th scope="row">{t('compareTotal')}</th>
              {CATEGORIES.map((category) => (
                <td key={category} data-category={category}>
                  {diff.summary[category]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}

      <h3>{t('compareLegendHeading')}</h3>
      <ul className="compare-legend" data-testid="compare-legend">
        {DIFF_LEGEND.map((entry) => (
          <li key={entry.group} data-group={entry.group}>
            <span className="compare-swatch" style={{ borderColor: entry.css }} aria-hidden="true" />
            {entry.label[language]}
          </li>
        ))}
      </ul>

      <h3>{t('compareListHeading')}</h3>
      {(['only-a', 'only-b', 'changed'] as const).map((group) => (
        <section key={group} className="compare-group" data-testid={`compare-group-${group}`} data-count={items[group].length} aria-labelledby={`compare-group-${group}-heading`}>
          <h4 id={`compare-group-${group}-heading`}>
            <span className="compare-swatch" style={{ borderColor: SWATCH[group] }} aria-hidden="true" />
            {t(groupLabel[group])} <span className="count">{t('compareGroupCount', { count: items[group].length })}</span>
          </h4>
          {items[group].length === 0 ? (
            <p className="hint">{t('compareNone')}</p>
          ) : (
            <ul className="compare-items">
              {items[group].map((item) => {
                const { layer, id, name } = item.ref;
                const selectable = inCurrent.has(`${layer}/${id}`);
                return (
                  <li key={`${layer}/${id}`} data-testid="compare-item" data-group={group} data-layer={layer} data-id={id}>
                    {selectable ? (
                      <button
                        type="button"
                        className={`link${selectedId === id ? ' selected' : ''}`}
                        aria-label={t('compareSelectLabel', { name })}
                        onClick={() => selectFeature(id)}
                      >
                        {name}
                      </button>
                    ) : (
                      <span className="compare-name" title={t('compareNotInCurrent')}>
                        {name}
                      </span>
                    )}
                    <span className="compare-layer">{layerTitle(layer)}</span>
                    {item.movedMeters !== undefined && (
                      <span className="compare-tag" data-testid="compare-moved">
                        {t('compareMoved', { distance: formatDistance(item.movedMeters) })}
                      </span>
                    )}
                    {item.placed && <span className="compare-tag">{t('comparePlaced')}</span>}
                    {item.unplaced && <span className="compare-tag">{t('compareUnplaced')}</span>}
                    {item.changes && (
                      <ul className="compare-changes">
                        {item.changes.map((change) => (
                          <li key={change.key} data-key={change.key}>
                            {fieldTitle(layer, change.key)}
                            {language === 'en' ? ': ' : '：'}
                            {fieldValue(layer, change.key, change.a)} → {fieldValue(layer, change.key, change.b)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}

      <div
        className="run-status"
        aria-live="polite"
        data-testid="compare-figures-status"
        data-status={figures.status}
        data-elapsed-ms={figures.elapsedMs === null ? undefined : Math.round(figures.elapsedMs)}
      >
        {figures.status === 'computing' && <span>{t('compareComputing')}</span>}
        {figures.status === 'done' && <span className="hint">{t('compareComputed', { ms: Math.round(figures.elapsedMs) })}</span>}
        {figures.status === 'error' && (
          <span role="alert" className="error-text">
            {t('compareError', { message: figures.message })}
          </span>
        )}
      </div>
      {figures.rows && figures.kind && (
        <FiguresTable rows={figures.rows} kind={figures.kind} t={t} language={language} />
      )}
      {figures.status === 'done' && figures.gains && figures.areas && <GainsTable gains={figures.gains} areas={figures.areas} t={t} />}
      {figures.status === 'done' && figures.areas && <AreasStatus areas={figures.areas} t={t} />}
      {difference && (difference.gained || difference.lost) && (
        <p className="hint" data-testid="network-gains-on-map">
          {t('compareGainsOnMap')}
        </p>
      )}
    </section>
  );
}

/** Network accessibility gained (B only, in B's colour) and lost (A only, in A's colour). */
function GainsTable({ gains, areas, t }: { gains: NetworkGains; areas: AreasState; t: Translate }) {
  const km2 = (side: 'gainedKm2' | 'lostKm2') => (areas.status === 'done' ? areas.difference[side].toFixed(2) : areas.status === 'computing' ? '…' : '—');
  return (
    <table className="result-table compare-figures network-gains" data-testid="network-gains">
      <caption>{t('compareGainsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">
            <span className="compare-swatch" style={{ borderColor: SWATCH['only-b'] }} aria-hidden="true" />
            {t('compareGained')}
          </th>
          <th scope="col">
            <span className="compare-swatch" style={{ borderColor: SWATCH['only-a'] }} aria-hidden="true" />
            {t('compareLost')}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr data-key="targets">
          <th scope="row">{t('compareGainsTargets')}</th>
          <td data-side="gained">{gains.targetsGained}</td>
          <td data-side="lost">{gains.targetsLost}</td>
        </tr>
        <tr data-key="people">
          <th scope="row">{t('compareGainsPeople')}</th>
          <td data-side="gained">{Math.round(gains.peopleGained)}</td>
          <td data-side="lost">{Math.round(gains.peopleLost)}</td>
        </tr>
        <tr data-key="area" data-status={areas.status}>
          <th scope="row">{t('compareGainsArea')}</th>
          <td data-side="gained">{km2('gainedKm2')}</td>
          <td data-side="lost">{km2('lostKm2')}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Where the gained and lost areas stand: the worker's answer, its time, or its error. */
function AreasStatus({ areas, t }: { areas: AreasState; t: Translate }) {
  return (
    <p
      className={areas.status === 'error' ? 'error-text' : 'hint'}
      role={areas.status === 'error' ? 'alert' : undefined}
      data-testid="network-gains-areas-status"
      data-status={areas.status}
      data-elapsed-ms={areas.status === 'done' ? Math.round(areas.elapsedMs) : undefined}
    >
      {areas.status === 'computing' && t('compareAreasComputing')}
      {areas.status === 'done' && t('compareAreasComputed', { ms: Math.round(areas.elapsedMs) })}
      {areas.status === 'error' && t('compareAreasError', { message: areas.message })}
    </p>
  );
}

function FiguresTable({ rows, kind, t, language }: { rows: FigureComparison[]; kind: AnalysisKind; t: Translate; language: Language }) {
  const caption = t('compareFiguresCaption', { kind: analysisTitle(kind, language) });
  if (rows.length === 0)
    return (
      <p className="hint" data-testid="compare-figures-empty">
        {caption}: {t('compareNoFigures')}
      </p>
    );
  return (
    <table className="result-table compare-figures" data-testid="compare-figures" data-kind={kind}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compareColSubject')}</th>
          <th scope="col">{t('compareColMetric')}</th>
          <th scope="col">{t('compareColA')}</th>
          <th scope="col">{t('compareColB')}</th>
          <th scope="col">{t('compareColDelta')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key} data-changed={row.changed} className={row.changed ? 'changed' : undefined}>
            <th scope="row">{row.subject[language]}</th>
            <td>{t(`compareMetric_${row.metric}` as MessageKey)}</td>
            <td data-side="a">{formatFigure(row.a, row.metric, t)}</td>
            <td data-side="b">{formatFigure(row.b, row.metric, t)}</td>
            <td data-side="delta">{formatDelta(row, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
