// File reading off the main thread: decoding (UTF-8, GBK, UTF-16), parsing
// and coordinate conversion of point files and data imports. Kept apart from
// the analysis worker, which is terminated to cancel a run: a file being read
// must not be lost with it.
import * as Comlink from 'comlink';
import { importFile } from '../io/import';
import { parsePointsFile } from '../io/points';
import type { IoWorkerApi } from './protocol';

const api: IoWorkerApi = {
  parsePoints: (fileName, bytes) => parsePointsFile(fileName, bytes),
  importData: (fileName, bytes, options) => importFile(fileName, bytes, options),
};

Comlink.expose(api);
