import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import/index';
import { fixtureFile, largestOffset, largestOffsetUnordered, ok, sourceFeatures } from './formatFixtures';

const points = sourceFeatures('points');

describe('Excel import (workbooks written by openpyxl)', () => {
  it('reads the first sheet: 经度/纬度 columns, Chinese text, numbers as typed, positions within 1 cm', () => {
    const report = ok(importFiles([fixtureFile('xlsx/facilities.xlsx')]));
    expect(report.format).toBe('xlsx');
    expect(report.sheets).toEqual({ names: ['设施点', '说明', '医院'], read: '设施点' });
    expect(report.accepted).toBe(points.length);
    points.forEach((source, index) => {
      const feature = report.layer.features[index]!;
      expect(feature.properties).toEqual({
        id: `facilities-${index + 2}`,
        名称: source.properties?.名称,
        类别: source.properties?.类别,
        床位: source.properties?.床位,
        评分: source.properties?.评分,
        备注: source.properties?.备注,
      });
      expect(largestOffset(feature.geometry!, source.geometry!)).toBeLessThan(0.01);
    });
    expect(report.notes[0]?.zh).toContain('读取工作表“设施点”');
  });

  it('reads a chosen sheet (lng/lat columns)', () => {
    const report = ok(importFiles([fixtureFile('xlsx/facilities.xlsx')], { sheet: '医院' }));
    expect(report.sheets?.read).toBe('医院');
    expect(report.layer.features.map((feature) => feature.properties.名称)).toEqual(['驿城区人民医院', '西平县社区卫生服务中心']);
  });

  it('a sheet without coordinate columns is refused naming the sheet, its columns and the other sheets', () => {
    const report = importFiles([fixtureFile('xlsx/facilities.xlsx')], { sheet: '说明' });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.error.code).toBe('no-coordinate-columns');
    expect(report.error.message.zh).toContain('工作表“说明”中的列：说明, 数据来源');
    expect(report.error.message.en).toContain('the workbook also has: 设施点, 医院');
  });

  it('reads a WKT column (polygons with a hole, multi-polygons)', () => {
    const source = sourceFeatures('polygons');
    const report = ok(importFiles([fixtureFile('xlsx/zones-wkt.xlsx')]));
    expect(report.layer.features.map((feature) => feature.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    report.layer.features.forEach((feature, index) => {
      expect(feature.properties).toMatchObject({ 名称: source[index]?.properties?.名称, 面积公顷: source[index]?.properties?.面积公顷 });
      expect(largestOffsetUnordered(feature.geometry!, source[index]!.geometry!)).toBeLessThan(0.01);
    });
  });
});
