// File reading off the main thread: the one import (format detection, .zip,
// decoding, parsing, coordinate conversion) for data layers and analysis
// targets alike. Kept apart from
// the analysis worker, which is terminated to cancel a run: a file being read
// must not be lost with it. An import reports its progress through a
// callback (a Comlink proxy: each call is a message, the parse never waits on
// it) and is cancelled by terminating this worker (see ioClient.ts).
// Analysis targets leave as columns of typed arrays, transferred: the main
// thread never receives (nor pays to deserialise) one object per point.
import * as Comlink from 'comlink';
import { pointsFromImport } from '../io/analysisInputs';
import { importFiles } from '../io/import';
import { importOutsideCity } from '../analysis/outsideCity';
import { pointColumnsFromImport, pointColumnsTransfer } from '../io/pointColumns';
import type { IoWorkerApi } from './protocol';

const api: IoWorkerApi = {
  importData: (files, options, onProgress, cityContext) => {
    const report = importFiles(files, options, onProgress);
    if (!report.ok || !cityContext) return report;
    const outside = importOutsideCity(report.layer.features, cityContext);
    return { ...report, outsideCity: outside.ids.size > 0 ? outside : null };
  },
  importTargets: (files, options, outline, onProgress) => {
    const result = pointColumnsFromImport(pointsFromImport(importFiles(files, options, onProgress), 'targets'), outline ?? undefined);
    return result.ok ? Comlink.transfer(result, pointColumnsTransfer(result.columns)) : result;
  },
};

Comlink.expose(api);
