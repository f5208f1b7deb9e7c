// Excel export read back by GDAL's XLSX driver (an independent OOXML reader):
// sheets as layers, the header as field names in Chinese, numbers typed as
// Integer/Real, WGS84 lon/lat for points, formula-looking text kept as text
// (and no formula element anywhere in the package), the caveat sheet.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { layerColumns } from '../../../src/domain/attributeSchema';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { columnLetters, sheetNames } from '../../../src/io/export/xlsx';
import { analysisTablesXlsx, analysisXlsxFileName, layerAttributeXlsx, xlsxFileName } from '../../../src/io/export/xlsxExport';
import { fieldTypes, ogrinfo, run, tempDir } from './ogr';
import { layer, realScenario, scenarioOf } from '../scenario/helpers';

const EXPORTED_AT = new Date(2026, 11, 7, 9, 30);

function writeTemp(bytes: Uint8Array, name: string): string {
  const path = join(tempDir('xlsx'), name);
  writeFileSync(path, bytes);
  return path;
}

const readSheet = (path: string, sheet: string) =>
  (JSON.parse(run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path, sheet])) as { features: { properties: Record<string, unknown> }[] }).features.map(
    (feature) => feature.properties,
  );

/** No cell of any sheet is a formula. */
function expectNoFormulas(bytes: Uint8Array) {
  const entries = unzipSync(bytes);
  const sheets = Object.keys(entries).filter((name) => name.startsWith('xl/worksheets/'));
  expect(sheets.length).toBeGreaterThan(1);
  for (const name of sheets) expect(strFromU8(entries[name]!)).not.toMatch(/<f[\s>]/);
}

describe('Excel attribute table', { timeout: 60_000 }, () => {
  it('the real hubs layer: every feature, Chinese headers and values, lon/lat as Real, a formula-like name as text', () => {
    const scenario = realScenario();
    const hubs = scenario.layers.find((item) => item.id === 'logistics-hubs')!;
    const edited = hubs.features.find((feature) => feature.geometry?.type === 'Point')!;
    edited.properties.name = '=1+2 泌阳冷链';
    const other = hubs.features.find((feature) => feature !== edited)!;
    other.properties.note = '@SUM(A1:A9)';
    const bytes = layerAttributeXlsx(scenario, hubs, [], 'zh', EXPORTED_AT);
    expectNoFormulas(bytes);
    const path = writeTemp(bytes, 'hubs.xlsx');
    const listing = ogrinfo('-ro', '-q', path);
    expect(listing).toContain(`1: ${hubs.title.zh}`);
    expect(listing).toContain('2: 说明（规划示意）');
    const summary = ogrinfo('-ro', '-so', path, hubs.title.zh);
    expect(summary).toContain(`Feature Count: ${hubs.features.length}`);
    const types = fieldTypes(summary);
    const titles = layerColumns(hubs, []).map((column) => column.title.zh);
    expect([...types.keys()]).toEqual([...titles, '经度（WGS84）', '纬度（WGS84）']);
    expect(types.get('经度（WGS84）')).toMatch(/^Real/);
    expect(types.get('纬度（WGS84）')).toMatch(/^Real/);
    expect(types.get('名称')).toMatch(/^String/);

    const rows = readSheet(path, hubs.title.zh);
    expect(rows.map((row) => row['编号'])).toEqual(hubs.features.map((feature) => feature.properties.id));
    rows.forEach((row, index) => {
      const feature = hubs.features[index]!;
      expect(row['名称']).toBe(feature.properties.name);
      expect(row['出处']).toBe(feature.properties.source);
      expect(row['规划原文']).toBe(feature.properties.quote);
      if (feature.geometry?.type === 'Point') {
        expect(Math.abs((row['经度（WGS84）'] as number) - feature.geometry.coordinates[0]!)).toBeLessThan(1e-7);
        expect(Math.abs((row['纬度（WGS84）'] as number) - feature.geometry.coordinates[1]!)).toBeLessThan(1e-7);
      } else expect(row['经度（WGS84）'] ?? null).toBeNull();
    });
    expect(rows.find((row) => row['编号'] === edited.properties.id)!['名称']).toBe('=1+2 泌阳冷链');
    expect(rows.find((row) => row['编号'] === other.properties.id)!['说明']).toBe('@SUM(A1:A9)');

    const notes = readSheet(path, '说明（规划示意）').map((row) => String(Object.values(row)[0]));
    expect(notes.some((line) => line.includes('规划示意'))).toBe(true);
    expect(notes.some((line) => line.startsWith('[Caveat] Schematic'))).toBe(true);
    expect(notes.some((line) => line.startsWith('unlocated: '))).toBe(true);
  });

  it('an imported layer: number columns typed Integer / Real, text codes stay text', () => {
    const features: ScenarioFeature[] = [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114.01, 33.01] }, properties: { id: 'a', 名称: '甲', 人口: 1200, 面积: 12.5, 编码: '0411' } },
      { type: 'Feature', geometry: null, properties: { id: 'b', 名称: '-乙', 人口: 800, 面积: 3, 编码: '0412' } },
    ];
    const scenario = scenarioOf('方案', [{ ...layer('imported-t', features), imported: true, title: { zh: '导入点', en: 'Imported' } }]);
    const path = writeTemp(layerAttributeXlsx(scenario, scenario.layers[0]!, [], 'zh', EXPORTED_AT), 't.xlsx');
    const types = fieldTypes(ogrinfo('-ro', '-so', path, '导入点'));
    expect(types.get('人口')).toMatch(/^Integer/);
    expect(types.get('面积')).toMatch(/^Real/);
    expect(types.get('编码')).toMatch(/^String/);
    const rows = readSheet(path, '导入点');
    expect(rows.map((row) => [row['名称'], row['人口'], row['面积'], row['编码']])).toEqual([
      ['甲', 1200, 12.5, '0411'],
      ['-乙', 800, 3, '0412'],
    ]);
  });

  it('names files and sheets safely', () => {
    expect(xlsxFileName({ scenarioName: '方案A', layerTitle: '乡镇', date: EXPORTED_AT })).toBe('驻马店-方案A-乡镇-属性表-2026-12-07.xlsx');
    expect(analysisXlsxFileName('服务覆盖', EXPORTED_AT)).toBe('驻马店-服务覆盖-结果-2026-12-07.xlsx');
    expect(sheetNames(['a/b', 'A/B', 'x'.repeat(40), '', "'q'"])).toEqual(['a_b', 'A_B-2', 'x'.repeat(31), 'Sheet', 'q']);
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('Excel analysis results', { timeout: 60_000 }, () => {
  it('one sheet per table: numbers Real, percentages as numbers, formula-like text as text', () => {
    const tables = [
      { id: 'areas', fields: ['区域', '面积（km²）', '覆盖（km²）', '占比'], rows: [['驿城区', 1234.5, 980.25, '79.4%'], ['=HYPERLINK("x")', 10, 2.5, '25.0%']] },
      { id: 'targets', fields: ['目标', '距离（km）'], rows: [['+1 遂平', 3.2], ['@泌阳', 12]] },
    ];
    const bytes = analysisTablesXlsx('服务覆盖', tables, 'zh', EXPORTED_AT);
    expectNoFormulas(bytes);
    const path = writeTemp(bytes, 'analysis.xlsx');
    const listing = ogrinfo('-ro', '-q', path);
    expect(listing).toContain('1: areas');
    expect(listing).toContain('2: targets');
    const types = fieldTypes(ogrinfo('-ro', '-so', path, 'areas'));
    expect(types.get('面积（km²）')).toMatch(/^Real/);
    expect(types.get('占比')).toMatch(/^Real/);
    expect(readSheet(path, 'areas').map((row) => [row['区域'], row['面积（km²）'], row['占比']])).toEqual([
      ['驿城区', 1234.5, 0.794],
      ['=HYPERLINK("x")', 10, 0.25],
    ]);
    expect(readSheet(path, 'targets').map((row) => row['目标'])).toEqual(['+1 遂平', '@泌阳']);
  });
});
