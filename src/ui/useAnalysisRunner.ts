// Runs the analysis the panel asks for in the worker, and again whenever the
// spec or the data changes (debounced), keeping only the latest run. Files
// (points for the analysis, data imports) are read in a second worker.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { studyAreaFrom } from '../analysis/inputs';
import type { ImportOptions, InputFile } from '../io/import';
import type { ContextCollection } from '../domain/dataset';
import { buildRequest } from '../state/analysisSpec';
import { AnalysisClient } from '../worker/analysisClient';
import { IoClient, type ImportProgressHandler } from '../worker/ioClient';
import { useAnalysis, useAppContext, useDataset } from './context';

const DEBOUNCE_MS = 120;

export function useAnalysisRunner() {
  const { townships, planTargets, analysisStore, base } = useAppContext();
  const dataset = useDataset();
  const enabled = useAnalysis((state) => state.enabled);
  const spec = useAnalysis((state) => state.spec);
  const imported = useAnalysis((state) => state.importedTargets);
  const clientRef = useRef<AnalysisClient | null>(null);

  // One worker for the page's lifetime (re-created only when a run is cancelled).
  const studyArea = useMemo(() => studyAreaFrom(base.counties, base.context), [base]);
  const client = useCallback(() => (clientRef.current ??= new AnalysisClient(studyArea, planTargets)), [studyArea, planTargets]);
  const ioRef = useRef<IoClient | null>(null);
  const io = useCallback(() => (ioRef.current ??= new IoClient()), []);
  useEffect(
    () => () => {
      clientRef.current?.dispose();
      ioRef.current?.dispose();
    },
    [],
  );

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      const actions = analysisStore.getState();
      let request;
      try {
        request = buildRequest({ dataset, townships, imported }, spec);
      } catch (error) {
        actions.runFailed((error as Error).message);
        return;
      }
      client().submit(request, {
        onStart: actions.runStarted,
        onProgress: actions.runProgress,
        onDone: (outcome) => {
          if (outcome.ok) actions.runFinished(outcome.result, outcome.stats, { spec, inputs: [dataset, townships, imported] });
          else if (!outcome.cancelled) actions.runFailed(outcome.message);
          // A run superseded by a newer one ends silently: the newer one reports.
        },
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, spec, imported, dataset, townships, analysisStore, client]);

  const cancel = useCallback(() => {
    clientRef.current?.cancel();
    analysisStore.getState().runCancelled();
  }, [analysisStore]);

  const importData = useCallback(
    (files: InputFile[], options: ImportOptions, onProgress?: ImportProgressHandler, cityContext?: ContextCollection | null) =>
      io().importData(files, options, onProgress, cityContext),
    [io],
  );
  // Targets are marked inside or outside the study area in the worker, as they are read.
  const importTargets = useCallback(
    (files: InputFile[], options: ImportOptions, onProgress?: ImportProgressHandler) => io().importTargets(files, options, studyArea.outline, onProgress),
    [io, studyArea],
  );
  const cancelImport = useCallback(() => ioRef.current?.cancel(), []);

  return { cancel, importData, importTargets, cancelImport };
}
