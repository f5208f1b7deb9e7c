// The analysis panel's state: the spec the planner set, and the latest run.
import { create } from 'zustand';
import type { AnalysisResult, RunStats } from '../worker/protocol';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../domain/analysisSpec';
import type { ImportedTargets } from './analysisSpec';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface AnalysisState {
  /** Off until the planner opens the panel: nothing runs in the background unasked. */
  enabled: boolean;
  spec: AnalysisSpec;
  status: RunStatus;
  /** 0..1 while running, when the engine reports it. */
  progress: number | null;
  result: AnalysisResult | null;
  stats: RunStats | null;
  error: string | null;
  /** performance.now() when the latest run started and finished (main-thread clock). */
  runStartedAt: number | null;
  runFinishedAt: number | null;
  importedTargets: ImportedTargets | null;
  /**
   * What the shown result was computed from: the spec, and the data it read
   * (by identity). The panel compares it with the current spec and data, so a
   * result never stands for parameters it was not computed with.
   */
  computedWith: ComputedWith | null;
}

export interface ComputedWith {
  spec: AnalysisSpec;
  /** The dataset and imported targets of the run, compared by identity. */
  inputs: readonly unknown[];
}

interface AnalysisActions {
  setEnabled(enabled: boolean): void;
  updateSpec(change: Partial<AnalysisSpec>): void;
  runStarted(): void;
  runProgress(done: number, total: number): void;
  runFinished(result: AnalysisResult, stats: RunStats, computedWith: ComputedWith): void;
  runFailed(message: string): void;
  runCancelled(): void;
  setImportedTargets(imported: ImportedTargets): void;
}

export const analysisUpdaters = {
  updateSpec: (state: AnalysisState, change: Partial<AnalysisSpec>): Partial<AnalysisState> => {
    const spec = { ...state.spec, ...change };
    // A different layer has different classes: the old class filter would select nothing.
    if (change.facilityLayer && change.facilityLayer !== state.spec.facilityLayer && !change.facilityClasses) spec.facilityClasses = [];
    return { spec };
  },
};

export function createAnalysisStore() {
  return create<AnalysisState & AnalysisActions>()((set) => ({
    enabled: false,
    spec: DEFAULT_ANALYSIS_SPEC,
    status: 'idle',
    progress: null,
    result: null,
    stats: null,
    error: null,
    runStartedAt: null,
    runFinishedAt: null,
    importedTargets: null,
    computedWith: null,
    // A new file replaces the old one; its own weight column must be chosen again.
    setImportedTargets: (importedTargets) =>
      set((state) => ({ importedTargets, spec: { ...state.spec, targetSource: 'imported', weightProperty: null } })),
    setEnabled: (enabled) => set({ enabled }),
    updateSpec: (change) => set((state) => analysisUpdaters.updateSpec(state, change)),
    runStarted: () => set({ status: 'running', progress: null, error: null, runStartedAt: performance.now(), runFinishedAt: null }),
    runProgress: (done, total) => set({ progress: total > 0 ? done / total : null }),
    runFinished: (result, stats, computedWith) =>
      set({ status: 'done', progress: null, result, stats, error: null, runFinishedAt: performance.now(), computedWith }),
    runFailed: (message) => set({ status: 'error', progress: null, error: message }),
    // The previous result stays on screen: a cancelled run changes nothing.
    runCancelled: () => set((state) => (state.status === 'running' ? { status: 'cancelled', progress: null } : {})),
  }));
}

export type AnalysisStore = ReturnType<typeof createAnalysisStore>;
