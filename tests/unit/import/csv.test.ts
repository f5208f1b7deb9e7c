import { describe, expect, it } from 'vitest';
import { parseWkt } from '../../../src/io/import/csv';
import { importFile, type ImportReport } from '../../../src/io/import/index';

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (text: string) => new Uint8Array(text.split(/\s+/).map((byte) => parseInt(byte, 16)));

function ok(report: ImportReport) {
  if (!report.ok) throw new Error(`expected ok, got ${report.error.code}: ${report.error.message.en}`);
  return report;
}

describe('CSV import', () => {
  it('reads UTF-8 with Chinese column names; geometry columns become the geometry', () => {
    const report = ok(importFile('乡镇.csv', utf8('名称,经度,纬度,人口\n驿城区,114.03,32.98,120000\n遂平县,114.01,33.15,\n')));
    expect(report.encoding).toBe('utf-8');
    expect(report.layer.features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114.03, 32.98] }, properties: { id: '乡镇-2', 名称: '驿城区', 人口: 120000 } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114.01, 33.15] }, properties: { id: '乡镇-3', 名称: '遂平县', 人口: null } },
    ]);
  });

  it('reads UTF-8 with a BOM (Excel "CSV UTF-8")', () => {
    const report = ok(importFile('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('名称,lng,lat\n泌阳,113.33,32.72\n')])));
    expect(report.layer.features[0]?.properties).toEqual({ id: 'bom-2', 名称: '泌阳' });
  });

  it('reads GBK bytes (Chinese Excel "CSV"): 名称,经度,纬度 / 驻马店', () => {
    // 名称 C3FB B3C6, 经度 BEAD B6C8, 纬度 CEB3 B6C8, 驻马店 D7A4 C2ED B5EA
    const header = hex('C3 FB B3 C6 2C BE AD B6 C8 2C CE B3 B6 C8 0A');
    const row = new Uint8Array([...hex('D7 A4 C2 ED B5 EA 2C'), ...utf8('114.02944,32.97944\n')]);
    const report = ok(importFile('gbk.csv', new Uint8Array([...header, ...row])));
    expect(report.encoding).toBe('gb18030');
    expect(report.layer.features[0]?.properties).toEqual({ id: 'gbk-2', 名称: '驻马店' });
    expect(report.layer.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [114.02944, 32.97944] });
  });

  it('reads a WKT column: points, lines, polygons, MULTI* and EWKT', () => {
    const rows = [
      '"POINT (114.03 32.98)"',
      '"LINESTRING (114 33, 114.1 33.1)"',
      '"POLYGON ((114 33, 114.1 33, 114.1 33.1, 114 33))"',
      '"MULTIPOINT ((114 33), (114.1 33.1))"',
      '"MULTILINESTRING ((114 33, 114.1 33.1), (114.2 33, 114.3 33))"',
      '"MULTIPOLYGON (((114 33, 114.1 33, 114.1 33.1, 114 33)), ((115 33, 115.1 33, 115.1 33.1, 115 33)))"',
      '"SRID=4490;point z (114 33 75)"',
    ];
    const report = ok(importFile('shapes.csv', utf8(`名称,几何\n${rows.map((wkt, i) => `s${i},${wkt}`).join('\n')}\n`)));
    expect(report.rejected).toEqual([]);
    expect(report.layer.features.map((feature) => feature.geometry?.type)).toEqual([
      'Point',
      'LineString',
      'Polygon',
      'MultiPoint',
      'MultiLineString',
      'MultiPolygon',
      'Point',
    ]);
    expect(report.layer.features[6]?.geometry).toEqual({ type: 'Point', coordinates: [114, 33, 75] });
    expect(Object.keys(report.layer.features[0]?.properties ?? {})).toEqual(['id', '名称']);
  });

  it('parseWkt: both MULTIPOINT spellings, M dropped, errors located', () => {
    expect(parseWkt('MULTIPOINT (1 2, 3 4)')).toEqual({ geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] } });
    expect(parseWkt('LINESTRING M (1 2 9, 3 4 9)')).toEqual({ geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } });
    expect(parseWkt('GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))')).toMatchObject({ geometry: { type: 'GeometryCollection' } });
    expect(parseWkt('POINT EMPTY')).toEqual({ problem: { zh: 'WKT 几何为空（EMPTY）', en: 'the WKT geometry is EMPTY' } });
    const broken = parseWkt('POLYGON ((1 2, 3 4)');
    expect('problem' in broken && broken.problem.en).toBe('WKT cannot be read (near character 20: "end of text")');
    const unknown = parseWkt('CIRCLE (1 2)');
    expect('problem' in unknown && unknown.problem.en).toContain('near character 1');
  });

  it('a half-bad CSV keeps the good rows and lists each bad one with its reason', () => {
    const text = [
      '编号,名称,lon,lat,wkt',
      'A1,好,114.0,33.0,',
      'A2,坏数字,114.0abc,33.0,',
      'A3,缺坐标,,33.0,',
      'A4,超范围,300,33.0,',
      'A5,坏WKT,,,"POLYGON ((114 33, 115 33))"',
      ',,,,',
      'A6,WKT优先,0,0,"POINT (114.2 33.2)"',
      'A7,语法错,,,"LINESTRING (114 33,"',
    ].join('\r\n');
    const report = ok(importFile('half.csv', utf8(text)));
    expect(report.layer.features.map((feature) => feature.properties.id)).toEqual(['A1', 'A6']);
    expect(report.accepted).toBe(2);
    expect(report.rejected.map(({ row, reason }) => [row, reason.en])).toEqual([
      [3, 'longitude/x "114.0abc" is not a number'],
      [4, 'longitude/x is empty'],
      [5, "coordinates (300, 33) out of range for this file's CRS (longitude/latitude): longitude 300 is beyond ±180"],
      [6, 'invalid geometry: a polygon ring needs at least 4 positions (first = last)'],
      [9, 'WKT cannot be read (near character 20: "end of text")'],
    ]);
    expect(report.rejected.map(({ reason }) => reason.zh)).toEqual([
      '经度/X“114.0abc”不是数字',
      '经度/X为空',
      '坐标 (300, 33) 超出范围：不符合本文件的坐标系（经纬度）：经度 300 超出 −180…180',
      '几何无效：面的边界环至少需要 4 个点（首尾相同）',
      'WKT 无法解析（第 20 个字符附近：“（结尾）”）',
    ]);
  });

  it('cells stay text unless the whole column is exact numbers; formula-looking cells are kept as typed', () => {
    const text = [
      'name,code,pop,x,y,note',
      'a,007,100,114,33,"=HYPERLINK(""http://evil"",""click"")"',
      'b,012,2.5,114,33,+1',
      'c,100,-3,114,33,@SUM(A1:A9)',
      'd,1.50,4,114,33,-2+3',
    ].join('\n');
    const report = ok(importFile('cells.csv', utf8(text)));
    const rows = report.layer.features.map((feature) => feature.properties);
    expect(rows.map((row) => row.code)).toEqual(['007', '012', '100', '1.50']);
    expect(rows.map((row) => row.pop)).toEqual([100, 2.5, -3, 4]);
    expect(rows.map((row) => row.note)).toEqual(['=HYPERLINK("http://evil","click")', '+1', '@SUM(A1:A9)', '-2+3']);
  });

  it('no coordinate columns, an unmatched quote, and an empty file fail with zh/en messages', () => {
    const noColumns = importFile('a.csv', utf8('名称,地址\n甲,乙\n'));
    expect(noColumns.ok || noColumns.error).toMatchObject({ code: 'no-coordinate-columns', message: { zh: expect.stringContaining('几何') } });
    const quote = importFile('a.csv', utf8('名称,lon,lat\n"甲,114,33\n'));
    expect(quote.ok || quote.error).toMatchObject({ code: 'malformed-csv' });
    const empty = importFile('a.csv', utf8('\uFEFF\n'));
    expect(empty.ok || empty.error).toMatchObject({ code: 'empty' });
  });

  it('tab- and semicolon-separated files are read too', () => {
    expect(ok(importFile('t.txt', utf8('name\tlon\tlat\na\t114\t33\n'))).accepted).toBe(1);
    expect(ok(importFile('s.csv', utf8('name;lon;lat\na;114;33\n'))).accepted).toBe(1);
  });
});
