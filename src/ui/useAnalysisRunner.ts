// Runs the analysis the panel asks for in the worker, and again whenever the
// spec or the data changes (debounced), keeping only the latest run.
import { useCallback, useEffect, useRef } from 'react';
import { buildRequest, studyAreaOf } from '../state/analysisSpec';
import { AnalysisClient } from '../worker/analysisClient';
import { useAnalysis, useAppContext, useDataset } from './context';

const DEBOUNCE_MS = 120;

export function useAnalysisRunner() {
  const { townships, planTargets, analysisStore } = useAppContext();
  const dataset = useDataset();
  const enabled = useAnalysis((state) => state.enabled);
  const spec = useAnalysis((state) => state.spec);
  const imported = useAnalysis((state) => state.importedTargets);
  const clientRef = useRef<AnalysisClient | null>(null);

  useEffect(() => () => clientRef.current?.dispose(), []);

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      const actions = analysisStore.getState();
      let request;
      try {
        clientRef.current ??= new AnalysisClient(studyAreaOf(dataset), planTargets);
        request = buildRequest({ dataset, townships, imported }, spec);
      } catch (error) {
        actions.runFailed((error as Error).message);
        return;
      }
      clientRef.current.submit(request, {
        onStart: actions.runStarted,
        onProgress: actions.runProgress,
        onDone: (outcome) => {
          if (outcome.ok) actions.runFinished(outcome.result, outcome.stats);
          else if (!outcome.cancelled) actions.runFailed(outcome.message);
          // A run superseded by a newer one ends silently: the newer one reports.
        },
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, spec, imported, dataset, townships, planTargets, analysisStore]);

  const cancel = useCallback(() => {
    clientRef.current?.cancel();
    analysisStore.getState().runCancelled();
  }, [analysisStore]);

  const parsePoints = useCallback(
    (fileName: string, bytes: Uint8Array) => {
      clientRef.current ??= new AnalysisClient(studyAreaOf(dataset), planTargets);
      return clientRef.current.parsePoints(fileName, bytes);
    },
    [dataset, planTargets],
  );

  return { cancel, parsePoints };
}
