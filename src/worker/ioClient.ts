// The main thread's side of the file-reading worker. Bytes are transferred
// (the ArrayBuffer moves to the worker, nothing is copied on the main
// thread). Parsing is synchronous inside the worker, so a "stop" message
// could not be heard: cancelling terminates the worker, answers the pending
// import with null, and the next call starts a fresh worker.
import * as Comlink from 'comlink';
// From types.ts, not the import's index: the index brings every reader, which belong in the worker only.
import { failure } from '../io/import/types';
import type { ImportOptions, ImportPhase, InputFile } from '../io/import';
import type { StudyArea } from '../analysis/types';
import type { PointColumnsResult } from '../io/pointColumns';
import type { ContextCollection } from '../domain/dataset';
import { unpackFeaturesInSlices } from '../io/featureColumns';
import type { IoWorkerApi, LayerImportReport } from './protocol';

/** Yields to the page (its frames and input) between slices of work. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type ImportProgressHandler = (fraction: number, phase: ImportPhase) => void;

type StopReason = 'cancelled' | 'crashed';

const crashed = () =>
  failure(
    'internal',
    '读取文件的后台程序意外停止（可能是内存不足，或页面已更新：请刷新页面）。未导入任何内容。',
    'the background reader stopped unexpectedly (out of memory, or the app was updated: reload the page). Nothing was imported.',
  );

export class IoClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<IoWorkerApi> | null = null;
  /** Settles the calls in flight when the worker is terminated. */
  private readonly stoppers = new Set<(why: StopReason) => void>();

  private remote(): Comlink.Remote<IoWorkerApi> {
    if (!this.api) {
      const worker = new Worker(new URL('./io.worker.ts', import.meta.url), { type: 'module', name: 'io' });
      // A worker that cannot start (script missing after an update, out of memory) must not leave the dialog reading forever.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        if (this.worker === worker) this.stopAll('crashed');
      });
      this.worker = worker;
      this.api = Comlink.wrap<IoWorkerApi>(worker);
    }
    return this.api;
  }

  /** Runs `call` on the worker; resolves `onStop(why)` instead when the worker is terminated or dies first. */
  private track<T>(call: Promise<T>, onStop: (why: StopReason) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stop = (why: StopReason) => resolve(onStop(why));
      this.stoppers.add(stop);
      call.then(resolve, reject).finally(() => this.stoppers.delete(stop));
    });
  }

  private stopAll(why: StopReason) {
    this.dispose();
    for (const stop of [...this.stoppers]) stop(why);
    this.stoppers.clear();
  }

  /** The files read into a report, or null when cancel() stopped it. */
  importData(files: InputFile[], options: ImportOptions, onProgress?: ImportProgressHandler, cityContext?: ContextCollection | null): Promise<LayerImportReport | null> {
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    const buffers = files.map((file) => file.bytes.buffer);
    const received = this.remote()
      .importData(Comlink.transfer(files, buffers), options, progress, cityContext)
      .then(async ({ packedFeatures, ...report }): Promise<LayerImportReport> =>
        packedFeatures && report.ok ? { ...report, layer: { ...report.layer, features: await unpackFeaturesInSlices(packedFeatures, nextTask) } } : report,
      );
    return this.track<LayerImportReport | null>(received, (why) => (why === 'crashed' ? crashed() : null));
  }

  /** A targets file read into transferred columns, or null when cancel() stopped it. */
  importTargets(files: InputFile[], options: ImportOptions, outline: StudyArea['outline'] | null, onProgress?: ImportProgressHandler): Promise<PointColumnsResult | null> {
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    const buffers = files.map((file) => file.bytes.buffer);
    return this.track<PointColumnsResult | null>(this.remote().importTargets(Comlink.transfer(files, buffers), options, outline, progress), (why) =>
      why === 'crashed' ? crashed() : null,
    );
  }

  /** Stops whatever the worker is reading, at once. */
  cancel() {
    this.stopAll('cancelled');
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
