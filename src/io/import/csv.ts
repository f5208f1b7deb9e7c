// CSV → source features: papaparse reads the text into rows, table.ts makes
// the features (coordinate columns by name, a WKT column, numbers only where
// nothing typed is lost).
import Papa from 'papaparse';
import { MAX_IMPORT_POINTS, tooManyFeaturesFailure } from './limits';
import { readTable, type TableRecord } from './table';
import { failure, type FileFormat } from './types';

export { WKT_COLUMNS, X_COLUMNS, Y_COLUMNS } from './table';
export { parseWkt } from './wkt';

/** Line breaks in the text: an upper bound on the data rows, counted before any parsing. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

export const csvFormat: FileFormat = {
  id: 'csv',
  title: { zh: 'CSV', en: 'CSV' },
  detail: { zh: '经纬度列或 WKT 列', en: 'longitude/latitude or WKT column' },
  extensions: ['csv', 'tsv', 'txt'],
  mimeTypes: ['text/csv', 'text/tab-separated-values', 'text/plain'],
  reads: 'text',
  read([file], { decode, progress }) {
    const body = (file ? decode(file) : '').replace(/^\uFEFF/, '');
    if (body.trim() === '') return failure('empty', '文件为空。', 'the file is empty.');
    // Quoted line breaks make this an over-count, which is the safe side of a limit.
    const lines = lineBreaks(body);
    if (lines > MAX_IMPORT_POINTS + 1) return tooManyFeaturesFailure(lines, 'rows');
    const records: string[][] = [];
    let quoteErrorRow: number | null = null;
    progress?.(0, 'parse');
    // Parsed in 1 MB chunks so progress can be reported between them (row-by-row `step` is several times slower).
    // (papaparse streams strings in chunks too; its types only declare `chunk` for files.)
    const config: Papa.ParseConfig<string[]> & { chunkSize: number; chunk: (results: Papa.ParseResult<string[]>) => void } = {
      header: false,
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results) => {
        const quoteError = results.errors.find((error) => error.type === 'Quotes');
        if (quoteErrorRow === null && quoteError) quoteErrorRow = records.length + (quoteError.row ?? 0) + 1;
        for (const record of results.data) records.push(record);
        progress?.(results.meta.cursor / body.length, 'parse');
      },
    };
    Papa.parse<string[]>(body, config);
    if (quoteErrorRow !== null) {
      const row: number = quoteErrorRow;
      return failure(
        'malformed-csv',
        `CSV 格式错误：第 ${row} 行的引号没有配对（一个以 " 开头的单元格直到文件末尾都没有结束）。`,
        `malformed CSV: the quote opened at row ${row} is never closed (a cell starting with " runs to the end of the file).`,
      );
    }
    const [header = [], ...dataRecords] = records;
    const rows: TableRecord[] = dataRecords.map((cells, index) => ({ cells, row: index + 2 }));
    const single = header.length === 1 && /[;\t|]/.test(header[0] ?? '');
    return readTable(header, rows, {
      typed: false,
      progress,
      ...(single
        ? { hint: { zh: '（整行只读出一列：分隔符可能不是逗号、分号或制表符）', en: ' (the header was read as one column: the delimiter may not be a comma, semicolon or tab)' } }
        : {}),
    });
  },
};
