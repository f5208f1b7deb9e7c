// The analysis worker: the same engine as the command line, kept off the main
// thread. It keeps one circle cache and one study area for its lifetime, so a
// run after a small edit recomputes only what the edit changed.
import * as Comlink from 'comlink';
import { AnalysisCancelled, CircleCache, type PlanTargetRecord, type RunControl, type StudyArea } from '../analysis';
import { runAnalysis } from '../analysis/engines';
import type { AnalysisWorkerApi, WireBandDifferenceOutcome, WireOutcome } from './protocol';
import type { WireResult } from './wire';
import { runBandDifference, runCoverageColumns, runTargetsColumns, unpackRoads } from './wireEngine';

let studyArea: StudyArea | null = null;
let planTargets: PlanTargetRecord[] = [];
const cache = new CircleCache();

/** Progress goes out at most every 2 %: each report is a message to the main thread. */
function throttledProgress(report?: (done: number, total: number) => void): RunControl {
  let lastShare = -1;
  return {
    onProgress: (done, total) => {
      const share = total > 0 ? done / total : 0;
      if (report && (share - lastShare >= 0.02 || done === total)) {
        lastShare = share;
        void report(done, total);
      }
    },
  };
}

const api: AnalysisWorkerApi = {

  init(area, targets) {
    studyArea = area;
    planTargets = targets as PlanTargetRecord[];
  },
  run(wire, onProgress): WireOutcome {
    if (!studyArea) return { ok: false, cancelled: false, message: 'analysis worker not initialised' };
    cache.resetCounters();
    const started = performance.now();
    try {
      const control = throttledProgress(onProgress);
      const request = unpackRoads(wire);
      let result: WireResult;
      let transfer: Transferable[] = [];
      if (request.kind === 'coverage-columns') ({ result, transfer } = runCoverageColumns(request, { area: studyArea, control, cache }));
      else if (request.kind === 'targets-columns') ({ result, transfer } = runTargetsColumns(request, { area: studyArea, planTargets, control, cache }));
      else result = runAnalysis(request, { area: studyArea, planTargets, control, cache });
      const counters = Object.values(cache.counters);
      // Typed arrays are moved to the main thread, not copied.
      return Comlink.transfer({
        ok: true as const,
        result,
        stats: {
          elapsedMs: performance.now() - started,
          cacheHits: counters.reduce((sum, counter) => sum + counter.hits, 0),
          cacheMisses: counters.reduce((sum, counter) => sum + counter.misses, 0),
        },
      }, transfer);
    } catch (error) {
      if (error instanceof AnalysisCancelled) return { ok: false, cancelled: true };
      return { ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) };
    }
  },
  bandDifference(bands): WireBandDifferenceOutcome {
    const started = performance.now();
    try {
      const { result, transfer } = runBandDifference(bands);
      return Comlink.transfer({ ok: true as const, difference: result, elapsedMs: performance.now() - started }, transfer);
    } catch (error) {
      return { ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) };
    }
  },
};

Comlink.expose(api);
