// File reading off the main thread: decoding (UTF-8, GBK, UTF-16), parsing
// and coordinate conversion of point files and data imports. Kept apart from
// the analysis worker, which is terminated to cancel a run: a file being read
// must not be lost with it. An import reports its progress through a
// callback (a Comlink proxy: each call is a message, the parse never waits on
// it) and is cancelled by terminating this worker (see ioClient.ts).
import * as Comlink from 'comlink';
import { importFile } from '../io/import';
import { failure, parsePointsFile } from '../io/points';
import type { IoWorkerApi } from './protocol';

const api: IoWorkerApi = {
  parsePoints: (fileName, bytes) => {
    try {
      return parsePointsFile(fileName, bytes);
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return failure('internal', `读取文件时出错（${detail}）。`, `reading the file failed (${detail}).`);
    }
  },
  importData: (fileName, bytes, options, onProgress) => importFile(fileName, bytes, options, onProgress),
};

Comlink.expose(api);
