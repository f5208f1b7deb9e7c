// The format registry: what the file inputs accept, how a set of files is
// recognised, what an unsupported file is told, and the README's list — all
// from one list. A .zip is opened and read through the same registry.
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportReport } from '../../../src/io/import';
import { FORMATS, KNOWN_UNSUPPORTED, acceptList, detectFormat, formatsMarkdown, unsupportedMessage } from '../../../src/io/import/registry';
import { README, withFormats } from '../../../tools/formats-readme';

const utf8 = (text: string) => new TextEncoder().encode(text);
const CSV = utf8('名称,经度,纬度\n驿城,114.03,32.98\n');
const GEOJSON = utf8(JSON.stringify({ type: 'Feature', properties: { name: '驿城' }, geometry: { type: 'Point', coordinates: [114.03, 32.98] } }));

function refusal(report: ImportReport) {
  if (report.ok) throw new Error(`expected a refusal, got ${report.accepted} features`);
  return report.error;
}

describe('format registry', () => {
  it('every format has an id, a title in both languages, extensions and MIME types', () => {
    for (const format of FORMATS) {
      expect(format.id).toMatch(/^[a-z]+$/);
      expect(format.title.zh && format.title.en).toBeTruthy();
      expect(format.extensions.length).toBeGreaterThan(0);
      expect(format.mimeTypes.length).toBeGreaterThan(0);
      expect(['bytes', 'text']).toContain(format.reads);
    }
    const read = FORMATS.flatMap((format) => format.extensions);
    const refused = KNOWN_UNSUPPORTED.flatMap((format) => format.extensions);
    expect(new Set(read).size).toBe(read.length);
    expect(refused.filter((extension) => read.includes(extension))).toEqual([]);
  });

  it('the file inputs accept the registry’s extensions, MIME types and .zip', () => {
    const accepted = acceptList().split(',');
    for (const format of FORMATS) for (const extension of format.extensions) expect(accepted).toContain(`.${extension}`);
    expect(accepted).toEqual(expect.arrayContaining(['.zip', 'application/geo+json', 'text/csv']));
    expect(accepted).not.toContain('.gpkg');
  });

  it('detects by extension, and by content only for a lone file whose name says nothing', () => {
    const detect = (...names: [string, Uint8Array][]) => {
      const detected = detectFormat(names.map(([name, bytes]) => ({ name, bytes })));
      return detected.ok ? detected.format.id : detected.error.code;
    };
    expect(detect(['a.GeoJSON', CSV])).toBe('geojson');
    expect(detect(['a.TSV', GEOJSON])).toBe('csv');
    expect(detect(['export', GEOJSON])).toBe('geojson');
    expect(detect(['export', CSV])).toBe('csv');
    expect(detect(['a.csv', CSV], ['notes.docx', CSV])).toBe('unsupported-format');
    expect(detect(['a.csv', CSV], ['b.geojson', GEOJSON])).toBe('several-datasets');
    expect(detect()).toBe('empty');
  });

  it('the unsupported message is built from the registry, with the format’s own hint', () => {
    expect(unsupportedMessage('roads.mdb').error.message).toEqual({
      zh: '不支持的文件类型（roads.mdb）。请导出为 GeoJSON、Shapefile、KML/KMZ（奥维、Google Earth）、GPX 轨迹、Excel 工作簿（.xlsx，经纬度列或 WKT 列） 或 CSV（经纬度列或 WKT 列）后再导入。',
      en: 'unsupported file type (roads.mdb). Export it as GeoJSON, Shapefile, KML/KMZ (Ovital Map 奥维互动地图, Google Earth), GPX tracks, Excel workbook (.xlsx, longitude/latitude or WKT column) or CSV (longitude/latitude or WKT column) and import that.',
    });
    const geopackage = unsupportedMessage('规划.gpkg').error.message;
    expect(geopackage.zh).toContain('ogr2ogr -f "ESRI Shapefile"');
    expect(geopackage.en).toContain('Save Features As → ESRI Shapefile');
  });

  it('the README lists exactly the registry’s formats (regenerate with `npm run formats`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withFormats(readme, formatsMarkdown())).toBe(readme);
    expect(readme).toContain('| CSV (longitude/latitude or WKT column) | `.csv` `.tsv` `.txt` |');
  });
});

describe('several files and .zip archives', () => {
  it('a file chosen with an unknown companion is refused whole, naming the stranger', () => {
    const error = refusal(importFiles([{ name: 'hubs.csv', bytes: CSV }, { name: 'readme.docx', bytes: CSV }]));
    expect(error.code).toBe('unsupported-format');
    expect(error.message.en).toContain('readme.docx');
  });

  it('a .zip holding one CSV (in a folder, with macOS clutter) imports as the CSV would', () => {
    const zip = zipSync({ 'data/物流节点.csv': CSV, '__MACOSX/data/._物流节点.csv': new Uint8Array([0, 5, 22]), '.DS_Store': new Uint8Array([1]) });
    const report = importFiles([{ name: 'export.zip', bytes: zip }]);
    if (!report.ok) throw new Error(report.error.message.en);
    expect(report).toMatchObject({ format: 'csv', fileName: '物流节点.csv', accepted: 1, encoding: 'utf-8' });
    expect(report.layer.title).toEqual({ zh: '物流节点', en: '物流节点' });
  });

  it('refuses nested, broken, empty and oversized archives, and an archive among other files', () => {
    expect(refusal(importFiles([{ name: 'a.zip', bytes: zipSync({ 'inner.zip': zipSync({ 'a.csv': CSV }) }) }])).message.en).toMatch(/nested archives are not opened/);
    expect(refusal(importFiles([{ name: 'a.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]) }])).code).toBe('bad-zip');
    expect(refusal(importFiles([{ name: 'a.zip', bytes: zipSync({ '__MACOSX/x': new Uint8Array([1]) }) }])).message.zh).toContain('是空的');
    expect(refusal(importFiles([{ name: 'a.zip', bytes: zipSync({ 'a.csv': CSV }) }, { name: 'b.csv', bytes: CSV }])).message.en).toMatch(/on its own/);
    // A zip bomb: the directory says 300 MB; nothing is inflated.
    const bomb = zipSync({ 'big.csv': CSV }, { level: 0 });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at < bomb.length - 4; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 300 * 1024 * 1024, true);
    const tooLarge = refusal(importFiles([{ name: 'bomb.zip', bytes: bomb }]));
    expect(tooLarge.code).toBe('too-large');
    expect(tooLarge.message.en).toContain('at least 300.0 MB');
  });
});
