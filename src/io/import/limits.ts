// What one import may bring in. The app keeps every scenario in memory, draws
// every feature and saves scenarios whole to IndexedDB, so a layer has a
// ceiling; past it the planner gets a clear refusal before anything is read,
// instead of a tab that runs out of memory.
import { failure, type ImportFailure } from './types';

/** Files larger than this are refused before they are read (a 50 MB GeoJSON is fine). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/**
 * More features (CSV data rows, GeoJSON features) than this are refused. Set by
 * what stays responsive once imported, not by what can be read: 100,000 points
 * draw, pan and analyse smoothly (see the benchmark), while accepting a few
 * hundred thousand polygons stalls the page for seconds as they are stored and
 * tessellated on the main thread.
 */
export const MAX_IMPORT_FEATURES = 200_000;
/** Rejected rows listed one by one in a report; the rest are counted. */
export const MAX_LISTED_REJECTIONS = 1000;

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export function tooLargeFailure(bytes: number): ImportFailure {
  return failure(
    'too-large',
    `文件太大（${megabytes(bytes)} MB）：一次最多导入 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。请按区县或图层拆分文件，或先删去不需要的属性列再导入。`,
    `the file is too large (${megabytes(bytes)} MB): at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported at once. Split it (by county or layer) or drop columns you do not need, then import the parts.`,
  );
}

export function tooManyFeaturesFailure(count: number, counted: 'rows' | 'features'): ImportFailure {
  const what = counted === 'rows' ? { zh: '行', en: 'data rows' } : { zh: '个要素', en: 'features' };
  return failure(
    'too-many-features',
    `文件有 ${count.toLocaleString('en-US')} ${what.zh}：一次最多导入 ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} 个要素。请拆分文件后分批导入。`,
    `the file has ${count.toLocaleString('en-US')} ${what.en}: at most ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} features can be imported at once. Split the file and import the parts.`,
  );
}
