// File reading off the main thread: the one import (format detection, .zip,
// decoding, parsing, coordinate conversion) for data layers and analysis
// targets alike. Kept apart from
// the analysis worker, which is terminated to cancel a run: a file being read
// must not be lost with it. An import reports its progress through a
// callback (a Comlink proxy: each call is a message, the parse never waits on
// it) and is cancelled by terminating this worker (see ioClient.ts).
// Analysis targets leave as columns of typed arrays, transferred: the main
// thread never receives (nor pays to deserialise) one object per point; so do
// imported layers of simple points (io/featureColumns.ts).
import * as Comlink from 'comlink';
import { pointsFromImport } from '../io/analysisInputs';
import { importFiles } from '../io/import';
import { importOutsideCity } from '../analysis/outsideCity';
import { packFeatures, packedTransfer } from '../io/featureColumns';
import { pointColumnsFromImport, pointColumnsTransfer } from '../io/pointColumns';
import type { IoWorkerApi } from './protocol';

const api: IoWorkerApi = {
  importData: (files, options, onProgress, cityContext) => {
    const report = importFiles(files, options, onProgress);
    if (!report.ok) return report;
    const outside = cityContext ? importOutsideCity(report.layer.features, cityContext) : null;
    const outsideCity = outside && outside.ids.size > 0 ? outside : null;
    const packed = packFeatures(report.layer.features);
    if (!packed) return { ...report, outsideCity };
    return Comlink.transfer({ ...report, layer: { ...report.layer, features: [] }, outsideCity, packedFeatures: packed }, packedTransfer(packed));
  },
  importTargets: (files, options, outline, onProgress) => {
    const result = pointColumnsFromImport(pointsFromImport(importFiles(files, options, onProgress), 'targets'), outline ?? undefined);
    return result.ok ? Comlink.transfer(result, pointColumnsTransfer(result.columns)) : result;
  },
};

Comlink.expose(api);
