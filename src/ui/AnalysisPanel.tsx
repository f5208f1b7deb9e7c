import { useMemo, useState } from 'react';
import { analysisOf } from '../analysis/registry';
import { METHOD_NOTE_EN, METHOD_NOTE_ZH } from '../analysis/types';
import { TRAVEL_MODES, type SpecParameterName, type TravelMode } from '../domain/analysisSpec';
import { LAYER_DEFINITIONS, layerDefinition } from '../domain/layers';
import type { MessageKey } from '../i18n/dictionary';
import { isSchematic, type LayerId } from '../domain/plan';
import { allFeatures } from '../domain/dataset';
import type { LocalizedText } from '../i18n/text';
import type { ImportOptions, InputFile } from '../io/import';
import type { SkippedRow } from '../io/analysisInputs';
import type { PointColumnsResult } from '../io/pointColumns';
import type { TargetSource } from '../domain/analysisSpec';
import { changedParameters, featureNames, importedTargets, selectFacilities, type ImportedTargets, selectTargets, targetGapNoteFor } from '../state/analysisSpec';
import { analysisTitle, companionOf, PANEL_KINDS, resultTables } from './analyses';
import { SHOWN_RESULT_ROWS, type ResultTable } from './analysisTables';
import { useAnalysis, useAppContext, useDataset, useTranslate, useView } from './context';
import { FileButton } from './FileButton';
import { readInputFiles, useImportCityBounds } from './importInputs';
import { ComputedWithNote, kmhToMetersPerMinute, metersPerMinuteToKmh } from './ComputedWithNote';
import { NumberField } from './NumberField';
import { ResultExports } from './analyses/ResultExports';
import { targetDrawStride } from '../map/analysisLayers';

function Table({ table }: { table: ResultTable }) {
  const t = useTranslate();
  const hidden = table.rows.length - SHOWN_RESULT_ROWS;
  return (
    <table className="result-table" data-testid={`result-${table.id}`} data-rows={table.rows.length}>
      <thead>
        <tr>
          {table.fields.map((field) => (
            <th key={field} scope="col">
              {field}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.slice(0, SHOWN_RESULT_ROWS).map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column}>{cell === null ? '—' : String(cell)}</td>
            ))}
          </tr>
        ))}
        {hidden > 0 && (
          <tr className="more-rows">
            <td colSpan={table.fields.length}>{t('analysisMoreRows', { count: hidden })}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

interface AnalysisPanelProps {
  onCancel: () => void;
  /** The io worker's import: a targets file is read exactly as a data layer is, its points handed over as columns. Null when the read was stopped. */
  importTargets: (files: InputFile[], options: ImportOptions) => Promise<PointColumnsResult | null>;
}

/** Rejected rows of a targets file listed in the panel; the rest are counted. */
const SHOWN_SKIPPED_ROWS = 50;

/** What the planner is told about the targets file beyond its points: the CRS read, the rows left out. */
interface TargetsFileFacts {
  crsNote: LocalizedText;
  skipped: SkippedRow[];
  skippedCount: number;
}

export function AnalysisPanel({ onCancel, importTargets: readTargets }: AnalysisPanelProps) {
  const t = useTranslate();
  const { townships, base } = useAppContext();
  const dataset = useDataset();
  const language = useView((state) => state.language);
  const spec = useAnalysis((state) => state.spec);
  const updateSpec = useAnalysis((state) => state.updateSpec);
  const status = useAnalysis((state) => state.status);
  const progress = useAnalysis((state) => state.progress);
  const result = useAnalysis((state) => state.result);
  const stats = useAnalysis((state) => state.stats);
  const error = useAnalysis((state) => state.error);
  const runStartedAt = useAnalysis((state) => state.runStartedAt);
  const runFinishedAt = useAnalysis((state) => state.runFinishedAt);
  const computedWith = useAnalysis((state) => state.computedWith);
  const imported = useAnalysis((state) => state.importedTargets);
  const setImportedTargets = useAnalysis((state) => state.setImportedTargets);
  const [importMessage, setImportMessage] = useState<string | null>(null);
  const [targetsFacts, setTargetsFacts] = useState<TargetsFileFacts | null>(null);
  const city = useImportCityBounds();
  const names = useMemo(() => featureNames(dataset), [dataset]);
  const weightChoices = imported?.columns.weightChoices ?? [];
  const facilities = useMemo(() => selectFacilities(dataset, spec), [dataset, spec]);
  const facilityCount = facilities.length;
  const schematicCount = useMemo(() => {
    const schematicIds = new Set(allFeatures(dataset).filter(isSchematic).map((feature) => feature.properties.id));
    return facilities.filter((facility) => schematicIds.has(facility.id)).length;
  }, [dataset, facilities]);
  const targetCounts = useMemo(() => {
    const count = (targetSource: TargetSource) => selectTargets({ dataset, townships, imported: null }, { targetSource, weightProperty: null }).length;
    return { towns: count('towns'), townships: count('townships') };
  }, [dataset, townships]);

  const importTargetsFile = async (files: File[]) => {
    setImportMessage(null);
    setTargetsFacts(null);
    // The same import as a data layer (formats, encodings, CRS, WKT, repairs), checked against the same city.
    // Read in the worker and handed over as columns (no object per point), each marked inside or outside the city.
    const report = await readTargets(await readInputFiles(files), city ? { cityBounds: city } : {});
    if (report === null) return;
    const result = report;
    if (!result.ok) {
      setImportMessage(t('analysisImportFailed', { message: result.error.message[language] }));
      return;
    }
    setImportedTargets(importedTargets(result.fileName, result.columns, result.skippedCount));
    setTargetsFacts({ crsNote: result.crs.note, skipped: result.skipped, skippedCount: result.skippedCount });
    if (result.skippedCount > 0) setImportMessage(t('analysisImportSkipped', { count: result.skippedCount }));
  };
  const tables = result ? resultTables(result, names, t, language) : [];
  const { inputs, parameters } = analysisOf(spec.kind);
  const readsParameter = (name: SpecParameterName) => (parameters as readonly SpecParameterName[]).includes(name);
  // Along roads: the network analysis always; one that also reads the detour factor (plan targets) only
  // once a road layer is chosen, and falls back to the straight-line estimate without one.
  const onNetwork = readsParameter('networkLayer') && (!readsParameter('detourFactor') || spec.networkLayer !== null);
  const staleBecause = useMemo(() => {
    if (!result || !computedWith) return null;
    const changed = changedParameters(computedWith.spec, spec);
    const dataChanged = [dataset, townships, imported].some((input, index) => input !== computedWith.inputs[index]);
    return changed.length > 0 || dataChanged ? { changed, dataChanged } : null;
  }, [result, computedWith, spec, dataset, townships, imported]);
  const usesFacilities = inputs.includes('facilities');
  const usesTargets = inputs.includes('targets');
  const Controls = companionOf(spec.kind).Controls;
  const shown = result && companionOf(result.kind);
  const toggleClass = (key: string) =>
    updateSpec({
      facilityClasses: spec.facilityClasses.includes(key) ? spec.facilityClasses.filter((item) => item !== key) : [...spec.facilityClasses, key],
    });

  // The caveat of the result shown: over the plan's towns/townships, which counties it describes.
  const gapNote = useMemo(
    () => (computedWith ? targetGapNoteFor({ dataset, townships, imported }, computedWith.spec, base.counties) : null),
    [computedWith, dataset, townships, imported, base.counties],
  );
  // Imported targets outside the city that the result shown left out: said in the CSV notes too.
  const computedImported = computedWith?.inputs[2] as ImportedTargets | null | undefined;
  const outsideComputed = computedWith && analysisOf(computedWith.spec.kind).inputs.includes('targets') && computedWith.spec.targetSource === 'imported' ? (computedImported?.outside ?? 0) : 0;
  // Many targets: the map draws a sample (analysisLayers.ts), said here.
  const resultTargetCount = result && 'targets' in result && Array.isArray(result.targets) && result.kind !== 'targets' ? result.targets.length : 0;
  const drawnStride = targetDrawStride(resultTargetCount);
  return (
    <section className="panel-section analysis" aria-labelledby="analysis-heading" data-testid="analysis-panel">
      <h2 id="analysis-heading">{t('analysisHeading')}</h2>
      <fieldset className="segmented">
        <legend>{t('analysisKind')}</legend>
        {PANEL_KINDS.map((kind) => (
          <label key={kind} className={spec.kind === kind ? 'active' : ''}>
            <input type="radio" name="analysis-kind" checked={spec.kind === kind} onChange={() => updateSpec({ kind })} />
            {analysisTitle(kind, language)}
          </label>
        ))}
      </fieldset>

      {usesFacilities && (
        <fieldset>
          <legend>{t('analysisFacilities')}</legend>
          <label className="field">
            <span>{t('analysisFacilityLayer')}</span>
            <select value={spec.facilityLayer} onChange={(event) => updateSpec({ facilityLayer: event.currentTarget.value as LayerId })}>
              {LAYER_DEFINITIONS.map((layer) => (
                <option key={layer.id} value={layer.id}>
                  {t(layer.title)}
                </option>
              ))}
            </select>
          </label>
          <div className="class-choices" role="group" aria-label={t('analysisFacilityClasses')}>
            {layerDefinition(spec.facilityLayer).classes.map((cls) => (
              <label key={cls.key}>
                <input type="checkbox" checked={spec.facilityClasses.includes(cls.key)} onChange={() => toggleClass(cls.key)} />
                {t(cls.title)}
              </label>
            ))}
          </div>
          <p className="hint" data-testid="facility-count">
            {facilityCount > 0 ? t('analysisFacilityCount', { count: facilityCount }) : t('analysisNoFacilities')}
          </p>
          {schematicCount > 0 && (
            <p className="method-note" data-testid="schematic-warning">
              {t('analysisSchematicWarning', { count: schematicCount })}
            </p>
          )}
        </fieldset>
      )}

      {usesTargets && (
        <label className="field">
          <span>{t('analysisTargets')}</span>
          <select value={spec.targetSource} onChange={(event) => updateSpec({ targetSource: event.currentTarget.value as TargetSource })}>
            <option value="towns">{t('analysisTargets_towns', { count: targetCounts.towns })}</option>
            <option value="townships">{t('analysisTargets_townships', { count: targetCounts.townships })}</option>
            {imported && <option value="imported">{t('analysisTargets_imported', { name: imported.fileName, count: imported.columns.lng.length })}</option>}
          </select>
        </label>
      )}
      {usesTargets && (
        <FileButton onFiles={(files) => void importTargetsFile(files)}>
          {t('analysisImportTargets')}
        </FileButton>
      )}
      {usesTargets && importMessage && (
        <p className="hint" role="status" data-testid="import-message">
          {importMessage}
        </p>
      )}
      {usesTargets && targetsFacts && (
        <>
          <p className="method-note" data-testid="import-crs">
            {targetsFacts.crsNote[language]}
          </p>
          {targetsFacts.skipped.length > 0 && (
            <details>
              <summary>{t('importRejected')}</summary>
              <ul className="rejected" data-testid="import-skipped">
                {targetsFacts.skipped.slice(0, SHOWN_SKIPPED_ROWS).map((row, index) => (
                  <li key={`${row.row}-${index}`}>{t('importRow', { row: row.row, reason: row.reason[language] })}</li>
                ))}
              </ul>
              {targetsFacts.skippedCount > SHOWN_SKIPPED_ROWS && <p className="hint">{t('importRejectedMore', { count: targetsFacts.skippedCount - SHOWN_SKIPPED_ROWS })}</p>}
            </details>
          )}
        </>
      )}
      {usesTargets && spec.targetSource === 'imported' && imported && imported.outside > 0 && (
        <p className="method-note" data-testid="targets-outside" data-count={imported.outside}>
          {t('analysisTargetsOutside', { count: imported.outside })}
        </p>
      )}
      {usesTargets && spec.targetSource === 'imported' && (
        <label className="field">
          <span>{t('analysisWeight')}</span>
          <select value={spec.weightProperty ?? ''} onChange={(event) => updateSpec({ weightProperty: event.currentTarget.value || null })}>
            <option value="">{t('analysisWeightNone')}</option>
            {weightChoices.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
      )}

      <div className="field-row">
        <NumberField label={t('analysisMinutes')} value={spec.minutes} min={1} max={240} step={1} onChange={(minutes) => updateSpec({ minutes })} />
        <label className="field">
          <span>{t('analysisMode')}</span>
          <select value={spec.mode} onChange={(event) => updateSpec({ mode: event.currentTarget.value as TravelMode })}>
            {TRAVEL_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`analysisMode_${mode}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        {/* Planners speak of km/h; the spec keeps m/min (GB 50180 states walking in metres per minute). */}
        <NumberField
          label={t('analysisSpeedKmh', { metersPerMinute: Math.round(spec.speeds[spec.mode]) })}
          value={metersPerMinuteToKmh(spec.speeds[spec.mode])}
          min={0.1}
          max={180}
          step={0.1}
          onChange={(kmh) => updateSpec({ speeds: { ...spec.speeds, [spec.mode]: kmhToMetersPerMinute(kmh) } })}
        />
        {readsParameter('detourFactor') && (
          <NumberField label={t('analysisDetour')} value={spec.detourFactor} min={1} max={3} step={0.05} onChange={(detourFactor) => updateSpec({ detourFactor })} />
        )}
      </div>
      {!readsParameter('detourFactor') && !onNetwork && <p className="hint" data-testid="radius-rule">{t('analysisRadiusRule')}</p>}

      {Controls && <Controls spec={spec} updateSpec={updateSpec} />}

      {/* The straight-line caveat belongs to the straight-line analyses; the network one states its own method. */}
      {!onNetwork && <p className="method-note">{language === 'en' ? METHOD_NOTE_EN : METHOD_NOTE_ZH}</p>}

      <div
        className="run-status"
        aria-live="polite"
        data-testid="analysis-status"
        data-status={status}
        data-run-started-at={runStartedAt ?? undefined}
        data-run-finished-at={runFinishedAt ?? undefined}
      >
        {status === 'running' && (
          <>
            <progress max={1} value={progress ?? undefined} aria-label={t('analysisRunning')} />
            <span>{t('analysisRunning')}</span>
            <button type="button" onClick={onCancel}>
              {t('analysisCancel')}
            </button>
          </>
        )}
        {status === 'cancelled' && <span>{t('analysisCancelled')}</span>}
        {status === 'error' && error && (
          <span role="alert" className="error-text">
            {t('analysisError', { message: error })}
          </span>
        )}
        {status === 'done' && stats && (
          <span className="hint">{t('analysisStats', { ms: Math.round(stats.elapsedMs), hits: stats.cacheHits, misses: stats.cacheMisses })}</span>
        )}
      </div>

      {drawnStride > 1 && (
        <p className="hint" data-testid="targets-drawn-sample" data-stride={drawnStride}>
          {t('analysisTargetsDrawnSample', { stride: drawnStride, count: resultTargetCount })}
        </p>
      )}
      {result && computedWith && (
        <ComputedWithNote computedWith={computedWith} stale={staleBecause} />
      )}
      {result && gapNote && (
        <p className="method-note" data-testid="target-gaps">
          {gapNote[language]}
        </p>
      )}
      <div className={staleBecause ? 'stale-result' : undefined} data-testid="analysis-result" data-stale={staleBecause ? 'true' : 'false'}>
        {result && shown?.Summary && <shown.Summary result={result} />}
        {shown?.showsTables && tables.map((table) => <Table key={table.id} table={table} />)}
      </div>
      {result && computedWith && (
        <ResultExports result={result} computedWith={computedWith} tables={tables} names={names} stale={staleBecause !== null} gapNote={gapNote} outsideTargets={outsideComputed} />
      )}
    </section>
  );
}
