// What one import may bring in. The app keeps every scenario in memory, draws
// every feature and saves scenarios whole to IndexedDB, so a layer has a
// ceiling; past it the planner gets a clear refusal before anything is read,
// instead of a tab that runs out of memory.
import { failure, type ImportFailure } from './types';

/** Files larger than this are refused before they are read (a 50 MB GeoJSON is fine). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/**
 * More features (CSV data rows, GeoJSON features) than this are refused before
 * they are built. Points cross from the io worker and are stored as columns
 * (io/featureColumns.ts) and are drawn from one array, so a million of them
 * import, draw and pick (tests/browser/scale.e2e.ts).
 */
export const MAX_IMPORT_POINTS = 1_000_000;
/**
 * More lines and polygons than this are refused. Set by what stays responsive
 * once imported: they are stored and tessellated as objects on the main
 * thread, and a few hundred thousand polygons stall the page for seconds.
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
    `文件有 ${count.toLocaleString('en-US')} ${what.zh}：一次最多导入 ${MAX_IMPORT_POINTS.toLocaleString('en-US')} 个点（线、面最多 ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} 个）。请拆分文件后分批导入。`,
    `the file has ${count.toLocaleString('en-US')} ${what.en}: at most ${MAX_IMPORT_POINTS.toLocaleString('en-US')} points (${MAX_IMPORT_FEATURES.toLocaleString('en-US')} lines or polygons) can be imported at once. Split the file and import the parts.`,
  );
}

export function tooManyShapesFailure(count: number): ImportFailure {
  return failure(
    'too-many-features',
    `文件有 ${count.toLocaleString('en-US')} 个线或面要素：一次最多导入 ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} 个线、面（点最多 ${MAX_IMPORT_POINTS.toLocaleString('en-US')} 个）。请拆分文件后分批导入。`,
    `the file has ${count.toLocaleString('en-US')} lines or polygons: at most ${MAX_IMPORT_FEATURES.toLocaleString('en-US')} lines or polygons (${MAX_IMPORT_POINTS.toLocaleString('en-US')} points) can be imported at once. Split the file and import the parts.`,
  );
}
