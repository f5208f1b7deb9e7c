import * as Comlink from 'comlink';
import type { ImportOptions, ImportReport } from '../io/import';
import type { PointsResult } from '../io/points';
import type { IoWorkerApi } from './protocol';

/** The main thread's side of the file-reading worker; bytes are transferred, not copied. */
export class IoClient {
  private readonly worker = new Worker(new URL('./io.worker.ts', import.meta.url), { type: 'module', name: 'io' });
  private readonly api = Comlink.wrap<IoWorkerApi>(this.worker);

  parsePoints(fileName: string, bytes: Uint8Array): Promise<PointsResult> {
    return this.api.parsePoints(fileName, Comlink.transfer(bytes, [bytes.buffer]));
  }

  importData(fileName: string, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
    return this.api.importData(fileName, Comlink.transfer(bytes, [bytes.buffer]), options);
  }

  dispose() {
    this.worker.terminate();
  }
}
