import { useEffect, useMemo, useState } from 'react';
import { addLayer } from '../domain/edits';
import { MERGE_TARGET_FIELDS, mergeIntoPlanLayer } from '../domain/importMerge';
import { LAYER_DEFINITIONS } from '../domain/layers';
import { LAYER_IDS, type LayerId } from '../domain/plan';
import type { MessageKey } from '../i18n/dictionary';
import { mapFields, type ImportOptions, type ImportReport, type SourceCrs } from '../io/import';
import { useAppContext, useScenario, useTranslate, useView } from './context';

export interface PendingImport {
  fileName: string;
  /** Kept so the file can be read again with another coordinate system. */
  bytes: Uint8Array;
}

const CRS_CHOICES: { value: SourceCrs; label: MessageKey }[] = [
  { value: 'auto', label: 'importCrs_auto' },
  { value: 'wgs84', label: 'importCrs_wgs84' },
  { value: 'gcj02', label: 'importCrs_gcj02' },
  { value: 'cgcs2000-gk3-38', label: 'importCrs_gk' },
];

interface ImportDialogProps {
  pending: PendingImport;
  importData: (fileName: string, bytes: Uint8Array, options: ImportOptions) => Promise<ImportReport>;
  onClose: (message: string | null) => void;
}

/** Reads the file in the worker, shows what came in and what was rejected, and applies it only on confirmation. */
export function ImportDialog({ pending, importData, onClose }: ImportDialogProps) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const { scenarioStore } = useAppContext();
  const scenario = useScenario((state) => state.current());
  const [crs, setCrs] = useState<SourceCrs>('auto');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [target, setTarget] = useState<'new' | LayerId>('new');
  const [kindKey, setKindKey] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);

  const read = (sourceCrs: SourceCrs) => {
    setReport(null);
    // A copy goes to the worker (its buffer is transferred); the original stays for a re-read.
    void importData(pending.fileName, pending.bytes.slice(), {
      sourceCrs,
      existingLayerIds: scenario.layers.map((layer) => layer.id),
    }).then(setReport);
  };
  useEffect(() => read('auto'), []); // eslint-disable-line react-hooks/exhaustive-deps

  const sourceFields = useMemo(() => {
    if (!report?.ok) return [];
    const keys = new Set<string>();
    for (const feature of report.layer.features) for (const key of Object.keys(feature.properties)) if (key !== 'id') keys.add(key);
    return [...keys];
  }, [report]);
  const targetKinds = target === 'new' ? [] : (LAYER_DEFINITIONS.find((layer) => layer.id === target)?.classes ?? []);

  const confirm = () => {
    if (!report?.ok) return;
    const state = scenarioStore.getState();
    let applied: boolean;
    if (target === 'new') {
      applied = state.applyEdit(addLayer(report.layer));
    } else {
      const classKey = kindKey || targetKinds[0]?.key || 'imported';
      const existing = new Set(scenario.layers.flatMap((layer) => layer.features.map((feature) => String(feature.properties.id))));
      const note = language === 'en' ? report.crs.note_en : report.crs.note_zh;
      const mapped = mapFields(report.layer.features, mapping);
      applied = state.applyEdit(mergeIntoPlanLayer(report.layer, target, classKey, mapped, pending.fileName, note, new Date().toISOString(), existing));
    }
    if (applied) onClose(t('importDone', { count: report.accepted }));
    else {
      const problems = scenarioStore.getState().editProblems ?? [];
      setRefused(problems.map((problem) => (language === 'en' ? problem.message_en : problem.message_zh)).join('；'));
    }
  };

  return (
    <div className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-heading" data-testid="import-dialog">
      <h2 id="import-heading">{t('importHeading', { name: pending.fileName })}</h2>
      <div className="field-row">
        <label className="field">
          <span>{t('importCrs')}</span>
          <select value={crs} onChange={(event) => setCrs(event.currentTarget.value as SourceCrs)}>
            {CRS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => read(crs)}>
          {t('importReread')}
        </button>
      </div>
      {!report && <p role="status">{t('importReading')}</p>}
      {report && !report.ok && (
        <p role="alert" className="error-text" data-testid="import-error">
          {t('importFailed', { message: language === 'en' ? report.error.message_en : report.error.message_zh })}
        </p>
      )}
      {report?.ok && (
        <>
          <p data-testid="import-summary">{t('importSummary', { accepted: report.accepted, rejected: report.rejected.length, encoding: report.encoding })}</p>
          <p className="method-note">{language === 'en' ? report.crs.note_en : report.crs.note_zh}</p>
          {report.warnings.map((warning) => (
            <p key={warning.en} className="hint">
              {language === 'en' ? warning.en : warning.zh}
            </p>
          ))}
          {report.rejected.length > 0 && (
            <details open={report.rejected.length <= 10}>
              <summary>{t('importRejected')}</summary>
              <ul className="rejected" data-testid="import-rejected">
                {report.rejected.map((row) => (
                  <li key={row.row}>{t('importRow', { row: row.row, reason: language === 'en' ? row.reason_en : row.reason_zh })}</li>
                ))}
              </ul>
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
                  <span>{t('importMapField', { field })}</span>
                  <select value={mapping[field] ?? ''} onChange={(event) => setMapping({ ...mapping, [field]: event.currentTarget.value })}>
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
        <button type="button" onClick={() => onClose(null)}>
          {t('importCancel')}
        </button>
      </div>
    </div>
  );
}
