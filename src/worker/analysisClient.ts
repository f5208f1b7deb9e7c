// The main thread's side of the analysis worker. Runs follow edits: only the
// latest request matters. The engine computes synchronously inside the worker,
// so a running computation cannot hear a "cancel" message; cancelling
// therefore terminates the worker and starts a fresh one (its per-facility
// cache is lost, which is the price of an instant cancel). A run superseded by
// an edit is allowed to finish when it is nearly done (cached runs take a few
// milliseconds, and keep the cache warm) and is terminated when it is not.
// A band difference (the network comparison's gained and lost areas) is not
// a run: it goes straight to the worker and settles as cancelled when the
// worker is replaced under it.
import * as Comlink from 'comlink';
import type { MultiPolygon } from 'geojson';
import type { StudyArea } from '../analysis/types';
import type { AnalysisOutcome, AnalysisRequest, AnalysisWorkerApi, BandDifferenceOutcome } from './protocol';
import { packPair, packRequestInSlices, unpackBandDifference, unpackResult } from './wire';

export interface RunHandlers {
  onStart?: () => void;
  onProgress?: (done: number, total: number) => void;
  onDone: (outcome: AnalysisOutcome) => void;
}

interface Submission {
  request: AnalysisRequest;
  handlers: RunHandlers;
}

/** A superseded run older than this is terminated rather than awaited. */
const SUPERSEDE_AFTER_MS = 200;

export class AnalysisClient {
  private worker!: Worker;
  private api!: Comlink.Remote<AnalysisWorkerApi>;
  private running: (Submission & { startedAt: number; generation: number }) | null = null;
  private queued: Submission | null = null;
  private generation = 0;
  /** Band differences the worker is computing: each settles as cancelled if the worker goes first. */
  private readonly differences = new Set<() => void>();

  constructor(
    private readonly studyArea: StudyArea,
    private readonly planTargets: unknown[],
  ) {
    this.spawn();
  }

  private spawn() {
    this.worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    this.api = Comlink.wrap<AnalysisWorkerApi>(this.worker);
    void this.api.init(this.studyArea, this.planTargets);
  }

  /** Runs `request` as soon as possible; any older request still waiting is dropped. */
  submit(request: AnalysisRequest, handlers: RunHandlers) {
    const submission = { request, handlers };
    if (!this.running) {
      this.start(submission);
      return;
    }
    this.queued?.handlers.onDone({ ok: false, cancelled: true });
    this.queued = submission;
    if (performance.now() - this.running.startedAt > SUPERSEDE_AFTER_MS) this.restartWorker();
  }

  /**
   * What B's outer band reaches and A's does not (gained) and the other way
   * round (lost), with their areas: a polygon difference of up to a few
   * hundred thousand vertices, computed in the worker.
   */
  bandDifference(a: MultiPolygon | null, b: MultiPolygon | null): Promise<BandDifferenceOutcome> {
    return new Promise((resolve) => {
      const cancel = () => resolve({ ok: false, cancelled: true });
      this.differences.add(cancel);
      const { packed, transfer } = packPair({ a, b });
      this.api.bandDifference(Comlink.transfer(packed, transfer)).then(
        (outcome) => {
          // Gone from the set: the worker was replaced and the call already settled as cancelled.
          if (!this.differences.delete(cancel)) return;
          resolve(outcome.ok ? { ...outcome, difference: unpackBandDifference(outcome.difference) } : outcome);
        },
        (error: unknown) => {
          if (this.differences.delete(cancel)) resolve({ ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) });
        },
      );
    });
  }

  /** Stops the running analysis now and drops any queued one. */
  cancel() {
    this.queued?.handlers.onDone({ ok: false, cancelled: true });
    this.queued = null;
    if (this.running) this.restartWorker();
  }

  dispose() {
    this.queued = null;
    this.running = null;
    this.worker.terminate();
    this.cancelDifferences();
  }

  private cancelDifferences() {
    const pending = [...this.differences];
    this.differences.clear();
    for (const cancel of pending) cancel();
  }

  private restartWorker() {
    const stopped = this.running;
    this.running = null;
    this.worker.terminate();
    this.cancelDifferences();
    this.spawn();
    stopped?.handlers.onDone({ ok: false, cancelled: true });
    this.startQueued();
  }

  private startQueued() {
    const next = this.queued;
    this.queued = null;
    if (next) this.start(next);
  }

  private start(submission: Submission) {
    const generation = ++this.generation;
    this.running = { ...submission, startedAt: performance.now(), generation };
    submission.handlers.onStart?.();
    void this.outcomeOf(submission, generation).then((outcome) => {
      // A terminated worker's run never settles, one stopped while packing gives null; a settled run is only ours if still current.
      if (outcome === null || this.running?.generation !== generation) return;
      this.running = null;
      if (this.queued) submission.handlers.onDone({ ok: false, cancelled: true });
      else submission.handlers.onDone(outcome);
      this.startQueued();
    });
  }

  /**
   * Packs the request (targets and road lines as transferred typed arrays, in
   * slices so the main thread stays responsive; the target objects stay here
   * for the result's names) and runs it. Packing refuses a road field the
   * layer lacks: that is the run's failure, as if the worker had said it.
   * Null when the run was stopped while packing (whoever stopped it reported it).
   */
  private async outcomeOf(submission: Submission, generation: number): Promise<AnalysisOutcome | null> {
    const current = () => this.running?.generation === generation;
    const progress = submission.handlers.onProgress;
    try {
      const packed = await packRequestInSlices(submission.request, current);
      if (!packed || !current()) return null;
      const outcome = await this.api.run(Comlink.transfer(packed.wire, packed.transfer), progress ? Comlink.proxy(progress) : undefined);
      return outcome.ok ? { ...outcome, result: unpackResult(outcome.result, submission.request) } : outcome;
    } catch (error) {
      return { ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
