// The main thread's side of the MBTiles worker (src/storage/mbtiles.worker.ts):
// one worker per page, started the first time an MBTiles package is added or
// drawn. It owns the OPFS pool the packages are kept in.
import * as Comlink from 'comlink';
import type { MbtilesWorkerApi } from './mbtiles.worker';

let remote: Comlink.Remote<MbtilesWorkerApi> | null = null;

export function mbtilesWorker(): Comlink.Remote<MbtilesWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./mbtiles.worker.ts', import.meta.url), { type: 'module', name: 'mbtiles' });
    worker.addEventListener('error', (event) => {
      // A worker that cannot start (script missing after an update): the next call starts a fresh one.
      event.preventDefault();
      remote = null;
    });
    remote = Comlink.wrap<MbtilesWorkerApi>(worker);
  }
  return remote;
}
