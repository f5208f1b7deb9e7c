import { Component, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { addLayer } from '../domain/edits';
import { fieldTitleOf } from '../domain/attributeSchema';
import { nameColumn } from '../domain/featureName';
import { MERGE_TARGET_FIELDS, mergeIntoPlanLayer } from '../domain/importMerge';
import { LAYER_DEFINITIONS } from '../domain/layers';
import { LAYER_IDS, type LayerId } from '../domain/plan';
import type { MessageKey } from '../i18n/dictionary';
// Not from the import's index, which brings every reader: those run in the io worker.
import { MAX_IMPORT_BYTES, tooLargeFailure } from '../io/import/limits';
import { failure } from '../io/import/types';
import { mapFields } from '../io/import/fields';
import type { ImportOptions, ImportPhase, InputFile, SourceCrs } from '../io/import';
import type { ContextCollection } from '../domain/dataset';
import type { LayerImportReport } from '../worker/protocol';
import { useAppContext, useScenario, useTranslate, useView } from './context';
import { readInputFiles, useImportCityBounds } from './importInputs';
import { ImportOutsideCityChoice } from './ImportOutsideCity';
import './import.css';
import { inLanguage } from '../i18n/text';

export interface PendingImport {
  /** The names of the files, for the heading. */
  fileName: string;
  /** The files themselves (one, a dataset's parts, or a .zip): read (again, for another coordinate system) only when needed. */
  files: File[];
}

const CRS_CHOICES: { value: SourceCrs; label: MessageKey }[] = [
  { value: 'auto', label: 'importCrs_auto' },
  { value: 'wgs84', label: 'importCrs_wgs84' },
  { value: 'gcj02', label: 'importCrs_gcj02' },
  { value: 'cgcs2000-gk3-38', label: 'importCrs_gk' },
];

const PHASES: Record<ImportPhase, MessageKey> = {
  decode: 'importPhase_decode',
  parse: 'importPhase_parse',
  read: 'importPhase_read',
  convert: 'importPhase_convert',
  check: 'importPhase_check',
};

/** Rejected rows shown as a list; the rest are counted (a half-bad 500 000-row file must not build 250 000 list items). */
const SHOWN_REJECTIONS = 200;

interface ImportDialogProps {
  pending: PendingImport;
  /** Resolves null when the read was cancelled. */
  importData: (
    files: InputFile[],
    options: ImportOptions,
    onProgress?: (fraction: number, phase: ImportPhase) => void,
    /** The city and its neighbours: the features outside the city are found with the read, in the worker. */
    cityContext?: ContextCollection | null,
  ) => Promise<LayerImportReport | null>;
  /** Stops the read in progress at once. */
  cancelImport: () => void;
  onClose: (message: string | null) => void;
}

/** A render error inside the dialog closes nothing else: the app stays up and the dialog says what happened. */
class DialogBoundary extends Component<{ fallback: (message: string) => ReactNode; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    return this.state.error !== null ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export function ImportDialog(props: ImportDialogProps) {
  const t = useTranslate();
  return (
    <DialogBoundary
      fallback={(message) => (
        <div className="import-dialog" role="dialog" aria-modal="true" data-testid="import-dialog">
          <p role="alert" className="error-text" data-testid="import-error">
            {t('importFailed', { message })}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => props.onClose(null)}>
              {t('importCancel')}
            </button>
          </div>
        </div>
      )}
    >
      <ImportDialogBody {...props} />
    </DialogBoundary>
  );
}

/** Reads the file in the worker (progress, stop), shows what came in and what was rejected, and applies it only on confirmation. */
function ImportDialogBody({ pending, importData, cancelImport, onClose }: ImportDialogProps) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const { scenarioStore, base } = useAppContext();
  const scenario = useScenario((state) => state.current());
  const [crs, setCrs] = useState<SourceCrs>('auto');
  // A workbook's sheets, kept from the last read that listed them (a sheet without coordinates fails but the choice stays).
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<LayerImportReport | null>(null);
  const [progress, setProgress] = useState<{ fraction: number; phase: ImportPhase } | null>(null);
  const [target, setTarget] = useState<'new' | LayerId>('new');
  const [kindKey, setKindKey] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [leaveOutside, setLeaveOutside] = useState(false);
  const readGeneration = useRef(0);
  // Progress comes over its own message port, so a last progress message can arrive after the report: ignored then.
  const settledGeneration = useRef(0);
  const city = useImportCityBounds();

  const read = (sourceCrs: SourceCrs, sheetName: string | undefined = sheet) => {
    const generation = ++readGeneration.current;
    setReport(null);
    setRefused(null);
    // Refused before a byte is read: a 2 GB file must not be loaded into the tab to be told it is too big.
    const size = pending.files.reduce((sum, file) => sum + file.size, 0);
    if (size > MAX_IMPORT_BYTES) {
      setProgress(null);
      setReport(tooLargeFailure(size));
      return;
    }
    setProgress({ fraction: 0, phase: 'decode' });
    void readInputFiles(pending.files)
      .then((files) =>
        importData(
          files,
          {
            sourceCrs,
            existingLayerIds: scenario.layers.map((layer) => layer.id),
            ...(city ? { cityBounds: city } : {}),
            ...(sheetName !== undefined ? { sheet: sheetName } : {}),
          },
          (fraction, phase) => {
            if (readGeneration.current === generation && settledGeneration.current !== generation) setProgress({ fraction, phase });
          },
          base.context,
        ),
      )
      .then(
        (result) => {
          if (readGeneration.current !== generation || result === null) return;
          settledGeneration.current = generation;
          setProgress(null);
          setReport(result);
          if (result.ok && result.sheets) {
            setSheets(result.sheets.names);
            setSheet(result.sheets.read);
          }
        },
        (error: unknown) => {
          if (readGeneration.current !== generation) return;
          setProgress(null);
          const message = error instanceof Error ? error.message : String(error);
          setReport(failure('internal', message, message));
        },
      );
  };
  useEffect(() => read('auto'), []); // eslint-disable-line react-hooks/exhaustive-deps

  const reading = progress !== null;
  const stop = () => {
    readGeneration.current++;
    cancelImport();
    onClose(t('importStopped', { name: pending.fileName }));
  };
  const close = () => {
    if (reading) {
      readGeneration.current++;
      cancelImport();
    }
    onClose(null);
  };

  const sourceFields = useMemo(() => {
    if (!report?.ok) return [];
    const keys = new Set<string>();
    for (const feature of report.layer.features) for (const key of Object.keys(feature.properties)) if (key !== 'id') keys.add(key);
    return [...keys];
  }, [report]);
  const targetKinds = target === 'new' ? [] : (LAYER_DEFINITIONS.find((layer) => layer.id === target)?.classes ?? []);
  // The usual name columns (名称, 名字, NAME, 标准名称 …) are mapped to 名称 unless the planner chooses otherwise.
  const effectiveMapping = useMemo(() => {
    const guessedName = nameColumn(sourceFields);
    return guessedName !== null && mapping.name === undefined ? { ...mapping, name: guessedName } : mapping;
  }, [mapping, sourceFields]);

  // Features outside the city boundary: counted and said; the planner keeps them or leaves them out.
  const outside = (report?.ok && report.outsideCity) || null;
  const confirm = () => {
    if (!report?.ok) return;
    const imported = leaveOutside && outside ? { ...report.layer, features: report.layer.features.filter((feature) => !outside.ids.has(String(feature.properties.id))) } : report.layer;
    const state = scenarioStore.getState();
    let applied: boolean;
    if (target === 'new') {
      applied = state.applyEdit(addLayer(imported));
    } else {
      const classKey = kindKey || targetKinds[0]?.key || 'imported';
      const existing = new Set(scenario.layers.flatMap((layer) => layer.features.map((feature) => String(feature.properties.id))));
      const note = report.crs.note[language];
      const mapped = mapFields(imported.features, effectiveMapping);
      applied = state.applyEdit(mergeIntoPlanLayer(imported, target, classKey, mapped, pending.fileName, note, new Date().toISOString(), existing));
    }
    if (applied) onClose(t('importDone', { count: imported.features.length }));
    else {
      const problems = scenarioStore.getState().editProblems ?? [];
      setRefused(problems.map((problem) => inLanguage(problem.message, language)).join('；'));
    }
  };

  return (
    <div className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-heading" data-testid="import-dialog">
      <h2 id="import-heading">{t('importHeading', { name: pending.fileName })}</h2>
      <div className="field-row">
        <label className="field">
          <span>{t('importCrs')}</span>
          <select value={crs} disabled={reading} onChange={(event) => setCrs(event.currentTarget.value as SourceCrs)}>
            {CRS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={reading} onClick={() => read(crs)}>
          {t('importReread')}
        </button>
      </div>
      {sheets.length > 1 && (
        <label className="field">
          <span>{t('importSheet')}</span>
          <select
            value={sheet}
            disabled={reading}
            data-testid="import-sheet"
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              setSheet(chosen);
              read(crs, chosen);
            }}
          >
            {sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {progress && (
        <div className="import-progress" role="status" data-testid="import-progress" data-fraction={progress.fraction}>
          <progress max={1} value={progress.fraction} aria-label={t('importReading')} />
          <span>{t('importProgress', { percent: Math.round(progress.fraction * 100), phase: t(PHASES[progress.phase]) })}</span>
          <button type="button" onClick={stop} data-testid="import-stop">
            {t('importStop')}
          </button>
        </div>
      )}
      {report && !report.ok && (
        <p role="alert" className="error-text" data-testid="import-error">
          {t('importFailed', { message: report.error.message[language] })}
        </p>
      )}
      {report?.ok && (
        <>
          <p data-testid="import-summary">{t('importSummary', { accepted: report.accepted, rejected: report.rejectedCount, encoding: report.encoding ?? '—' })}</p>
          <p className="method-note" data-testid="import-crs" data-crs={report.crs.name ?? report.crs.detected}>
            {report.crs.note[language]}
          </p>
          {report.notes.map((note) => (
            <p key={note.en} className="hint" data-testid="import-note">
              {note[language]}
            </p>
          ))}
          {report.warnings.map((warning) => (
            <p key={warning.en} className="hint" data-testid="import-warning">
              {language === 'en' ? warning.en : warning.zh}
            </p>
          ))}
          {outside && <ImportOutsideCityChoice found={outside} total={report.layer.features.length} leaveOut={leaveOutside} onChange={setLeaveOutside} />}
          {report.rejected.length > 0 && (
            <details open={report.rejectedCount <= 10}>
              <summary>{t('importRejected')}</summary>
              <ul className="rejected" data-testid="import-rejected">
                {report.rejected.slice(0, SHOWN_REJECTIONS).map((row) => (
                  <li key={row.row}>{t('importRow', { row: row.row, reason: row.reason[language] })}</li>
                ))}
              </ul>
              {report.rejectedCount > SHOWN_REJECTIONS && <p className="hint">{t('importRejectedMore', { count: report.rejectedCount - SHOWN_REJECTIONS })}</p>}
            </details>
          )}
          <label className="field">
            <span>{t('importTarget')}</span>
            <select value={target} onChange={(event) => setTarget(event.currentTarget.value as 'new' | LayerId)}>
              <option value="new">{t('importTargetNew')}</option>
              {LAYER_IDS.map((id) => (
                <option key={id} value={id}>
                  {t('importTargetMerge', { name: t(LAYER_DEFINITIONS.find((layer) => layer.id === id)!.title) })}
                </option>
              ))}
            </select>
          </label>
          {target !== 'new' && (
            <fieldset className="mapping">
              <label className="field">
                <span>{t('importKind')}</span>
                <select value={kindKey || targetKinds[0]?.key} onChange={(event) => setKindKey(event.currentTarget.value)}>
                  {targetKinds.map((cls) => (
                    <option key={cls.key} value={cls.key}>
                      {t(cls.title)}
                    </option>
                  ))}
                </select>
              </label>
              {MERGE_TARGET_FIELDS.map((field) => (
                <label key={field} className="field">
                  <span>{t('importMapField', { field: fieldTitleOf(field)[language] })}</span>
                  <select value={effectiveMapping[field] ?? ''} onChange={(event) => setMapping({ ...mapping, [field]: event.currentTarget.value })}>
                    <option value="">{t('importMapNone')}</option>
                    {sourceFields.map((source) => (
                      <option key={source} value={source}>
                        {source}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      {refused && (
        <p role="alert" className="error-text">
          {t('editRefused', { message: refused })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={confirm} disabled={!report?.ok}>
          {t('importConfirm')}
        </button>
        <button type="button" onClick={close}>
          {t('importCancel')}
        </button>
      </div>
    </div>
  );
}
