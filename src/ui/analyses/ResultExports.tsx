// The analysis panel's export menu: the result shown, as data (GeoJSON,
// Shapefile) and as tables (CSV, Excel), each file carrying the summary,
// every parameter it was computed with and the schematic caveat
// (src/io/export/analysisResults.ts). A stale result is not exported: the
// buttons are disabled until it is re-computed.
import { useState } from 'react';
import type { AnalysisResult } from '../../analysis/registry';
import type { MessageKey } from '../../i18n/dictionary';
import type { LocalizedText } from '../../i18n/text';
import type { ComputedWith } from '../../state/analysisState';
import type { ResultTable } from '../analysisTables';
import { useAnalysis, useScenario, useTranslate, useView } from '../context';
import { downloadBytes, downloadText, XLSX_MIME } from '../download';

interface ResultExportsProps {
  result: AnalysisResult;
  computedWith: ComputedWith;
  tables: readonly ResultTable[];
  names: ReadonlyMap<string, string>;
  stale: boolean;
  /** What the targets of the run cover (the towns list describes some counties only), when said. */
  gapNote: LocalizedText | null;
  /** Imported targets outside the city that the run left out (said in the notes). */
  outsideTargets: number;
}

/** performance.now() of the run's end as a wall-clock date. */
const wallClock = (performanceTime: number | null) => (performanceTime === null ? null : new Date(Date.now() - (performance.now() - performanceTime)));

export function ResultExports({ result, computedWith, tables, names, stale, gapNote, outsideTargets }: ResultExportsProps) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const scenarioName = useScenario((state) => state.current().name);
  const runFinishedAt = useAnalysis((state) => state.runFinishedAt);
  const imported = useAnalysis((state) => state.importedTargets);
  const [error, setError] = useState<string | null>(null);

  const context = () => ({
    spec: computedWith.spec,
    result,
    scenarioName,
    names,
    targetsFileName: imported?.fileName ?? null,
    computedAt: wallClock(runFinishedAt),
    exportedAt: new Date(),
  });
  const extra = (): [string, string][] => [
    ...(gapNote ? [[t('csvNoteTargets'), gapNote[language]] as [string, string]] : []),
    ...(outsideTargets > 0 ? [[t('csvNoteTargetsOutside'), t('analysisTargetsOutside', { count: outsideTargets })] as [string, string]] : []),
  ];
  const tableTitle = (id: string) => t(`resultTable_${id}` as MessageKey);
  // The writers load when used: they stay out of the main bundle.
  const run = (write: (module: typeof import('../../io/export/analysisResults')) => void | Promise<void>) =>
    import('../../io/export/analysisResults')
      .then(write)
      .then(() => setError(null))
      .catch((failure: unknown) => setError(t('exportFailed', { message: failure instanceof Error ? failure.message : String(failure) })));

  const exportCsv = () =>
    run(({ analysisCsv, analysisFileStem }) => {
      const now = context();
      for (const table of tables) downloadText(`${analysisFileStem(now, language, tableTitle(table.id))}.csv`, analysisCsv(now, language, table, extra()), 'text/csv;charset=utf-8');
    });
  const exportXlsx = () =>
    run(({ analysisXlsx, analysisFileStem }) => {
      const now = context();
      downloadBytes(`${analysisFileStem(now, language)}.xlsx`, analysisXlsx(now, tables, language, extra()), XLSX_MIME);
    });
  const exportGeoJson = () =>
    run(({ analysisGeoJson, analysisFileStem, serializeAnalysisGeoJson }) => {
      const now = context();
      downloadText(`${analysisFileStem(now, language)}.geojson`, serializeAnalysisGeoJson(analysisGeoJson(now)), 'application/geo+json');
    });
  const exportKml = () =>
    run(({ analysisKml, analysisFileStem }) => {
      const now = context();
      downloadText(`${analysisFileStem(now, language)}.kml`, analysisKml(now, language), 'application/vnd.google-earth.kml+xml');
    });
  const exportShapefile = () =>
    run(async ({ analysisShapefile, analysisFileStem }) => {
      const now = context();
      const { zip } = await analysisShapefile(now);
      downloadBytes(`${analysisFileStem(now, language)}-Shapefile.zip`, zip, 'application/zip');
    });

  const hasGeometry = result.kind !== 'targets';
  const disabledTitle = stale ? t('analysisStaleNoExport') : undefined;
  const button = (label: MessageKey, onClick: () => void, testId: string, enabled = true) => (
    <button type="button" onClick={onClick} data-testid={testId} disabled={stale || !enabled} title={disabledTitle ?? (enabled ? undefined : t('analysisExportNoGeometry'))}>
      {t(label)}
    </button>
  );
  return (
    <div className="analysis-exports" role="group" aria-label={t('analysisExportHeading')} data-testid="analysis-exports">
      {button('analysisExportCsv', () => void exportCsv(), 'analysis-export-csv', tables.length > 0)}
      {button('analysisExportXlsx', () => void exportXlsx(), 'analysis-export-xlsx', tables.length > 0)}
      {button('analysisExportGeoJson', () => void exportGeoJson(), 'analysis-export-geojson', hasGeometry)}
      {button('analysisExportShapefile', () => void exportShapefile(), 'analysis-export-shapefile', hasGeometry)}
      {button('analysisExportKml', () => void exportKml(), 'analysis-export-kml', hasGeometry)}
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </div>
  );
}
