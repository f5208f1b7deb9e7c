// File reading off the main thread: the one import (format detection, .zip,
// decoding, parsing, coordinate conversion) for data layers and analysis
// targets alike. Kept apart from
// the analysis worker, which is terminated to cancel a run: a file being read
// must not be lost with it. An import reports its progress through a
// callback (a Comlink proxy: each call is a message, the parse never waits on
// it) and is cancelled by terminating this worker (see ioClient.ts).
import * as Comlink from 'comlink';
import { importFiles } from '../io/import';
import type { IoWorkerApi } from './protocol';

const api: IoWorkerApi = {
  importData: (files, options, onProgress) => importFiles(files, options, onProgress),
};

Comlink.expose(api);
