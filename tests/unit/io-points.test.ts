import { describe, expect, it } from 'vitest';
import {
  decodeText,
  detectFormat,
  parseCsvPoints,
  parseBoundary,
  parseGeoJsonPoints,
  parsePointsFile,
  toFacilities,
  toTargets,
  type PointsResult,
} from '../../src/io/points';

/** A GBK encoder for the test's own text: every two-byte GBK code, decoded once. */
function gbkEncoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  return (text) => {
    const bytes: number[] = [];
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) bytes.push(code);
      else {
        const pair = table.get(char);
        if (!pair) throw new Error(`no GBK code for ${char}`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  };
}

function points(result: PointsResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message.en}`);
  return result;
}

function errorOf(result: PointsResult | ReturnType<typeof toTargets>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 without and with a BOM', () => {
    expect(decodeText(utf8('名称,经度'))).toEqual({ text: '名称,经度', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('名称')]))).toEqual({ text: '名称', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for GBK bytes (名称 = C3FB B3C6)', () => {
    expect(decodeText(new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6]))).toEqual({ text: '名称', encoding: 'gb18030' });
  });

  it('reads UTF-16 LE with a BOM (Excel "Unicode text")', () => {
    const text = 'lng\tlat';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((char, index) => (bytes[2 + index * 2] = char.charCodeAt(0)));
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('parseCsvPoints', () => {
  it('finds Chinese column names, keeps numeric columns as numbers and names from 名称', () => {
    const result = points(parseCsvPoints('编号,名称,经度,纬度,人口\nA1,驿城社区,114.02,32.98,"12,000"\nA2,西平社区,114.01,33.38,800\n'));
    expect(result.skipped).toEqual([]);
    expect(result.points.map((point) => [point.id, point.name, point.geometry])).toEqual([
      ['A1', '驿城社区', { type: 'Point', coordinates: [114.02, 32.98] }],
      ['A2', '西平社区', { type: 'Point', coordinates: [114.01, 33.38] }],
    ]);
    // The import keeps what was typed ("12,000" is not how a number is written, so the column stays text); weights still read it as 12000.
    expect(result.points[0]?.properties).toMatchObject({ 人口: '12,000', 名称: '驿城社区' });
    const weighted = toTargets(result.points, '人口');
    expect(weighted.ok && weighted.targets.map((target) => target.weight)).toEqual([12000, 800]);
  });

  it.each([
    ['lng,lat', 'lng', 'lat'],
    ['LON,LAT', 'LON', 'LAT'],
    ['Longitude,Latitude', 'Longitude', 'Latitude'],
    ['X,Y', 'X', 'Y'],
    ['long,latitude', 'long', 'latitude'],
    [' 经度(°) , 纬度(°) ', ' 经度(°) ', ' 纬度(°) '],
  ])('accepts the header %s', (header) => {
    const result = points(parseCsvPoints(`${header}\n114.5,33.1\n`));
    expect(result.points[0]?.geometry).toEqual({ type: 'Point', coordinates: [114.5, 33.1] });
  });

  it('reads tab- and semicolon-separated text', () => {
    expect(points(parseCsvPoints('name\tlng\tlat\nA\t114\t33\n')).points).toHaveLength(1);
    expect(points(parseCsvPoints('name;lng;lat\nA;114;33\nB;114.1;33.1\n')).points).toHaveLength(2);
  });

  it('skips and reports rows with bad numbers when half the rows are bad', () => {
    const text = 'name,lng,lat\nA,114.0,33.0\nB,abc,33.0\nC,114.1,33.1\nD,,33.2\nE,114.2,33.2\nF,114.3,北纬\n';
    const result = points(parseCsvPoints(text));
    expect(result.points.map((point) => point.name)).toEqual(['A', 'C', 'E']);
    expect(result.skipped.map((row) => row.row)).toEqual([3, 5, 7]);
    expect(result.skipped[0]?.reason.en).toBe('longitude/x "abc" is not a number');
    expect(result.skipped[1]?.reason.zh).toBe('经度/X为空');
    expect(result.skipped[2]?.reason.en).toBe('latitude/y "北纬" is not a number');
  });

  it('names the accepted columns when none is found', () => {
    const error = errorOf(parseCsvPoints('名称,东,北\nA,114,33\n'));
    expect(error.code).toBe('no-coordinate-columns');
    expect(error.message.en).toContain('columns in the file: 名称, 东, 北');
    expect(error.message.en).toContain('lng/lon/long/longitude/x/经度');
    expect(error.message.zh).toContain('lat/latitude/y/纬度');
  });

  it('converts projected coordinates (CGCS2000 Gauss–Krüger, zone 38) and reports the CRS', () => {
    const result = points(parseCsvPoints('x,y\n38500000,3650000\n38500100,3650200\n'));
    expect(result.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 38, converted: true });
    expect(result.crs.note.en).toMatch(/Gauss–Krüger.*zone 38/);
    expect(result.crs.note.zh).toMatch(/高斯-克吕格/);
    const [lon, lat] = result.points[0]?.geometry.type === 'Point' ? result.points[0].geometry.coordinates : [];
    expect(lon).toBeCloseTo(114, 6);
    expect(lat).toBeCloseTo(32.98, 1);
  });

  it('refuses coordinates in no known system', () => {
    const error = errorOf(parseCsvPoints('x,y\n99999999,99999999\n99999990,99999990\n'));
    expect(error.code).toBe('unknown-crs');
    expect(error.message.en).toMatch(/cannot tell the coordinate system/);
    expect(error.message.zh).toMatch(/无法识别坐标系/);
  });

  it('skips a stray out-of-range row in a geographic file', () => {
    const result = points(parseCsvPoints('lng,lat\n114,33\n114.1,33.1\n1140,33\n'));
    expect(result.points).toHaveLength(2);
    expect(result.skipped).toEqual([{ row: 4, reason: expect.objectContaining({ en: expect.stringContaining('out of range') }) }]);
  });

  it('reports empty, unquoted and all-bad files as errors', () => {
    expect(errorOf(parseCsvPoints('  \n')).code).toBe('empty');
    expect(errorOf(parseCsvPoints('name,lng,lat\n"A,114,33\n')).code).toBe('malformed-csv');
    const allBad = errorOf(parseCsvPoints('lng,lat\nx,y\n'));
    expect(allBad.code).toBe('no-valid-rows');
    expect(allBad.message.en).toContain('row/feature 2');
  });

  it('gives unique ids: a repeated or incomplete id column gives row ids (as the import does), the old values kept', () => {
    const result = points(parseCsvPoints('id,lng,lat\nP,114,33\nP,114.1,33\n,114.2,33\n'));
    expect(result.points.map((point) => point.id)).toEqual(['row-2', 'row-3', 'row-4']);
    expect(result.points.map((point) => point.properties.source_id)).toEqual(['P', 'P', null]);
  });
});

describe('a GBK CSV written by Chinese Excel', () => {
  it('decodes and parses end to end', () => {
    const encode = gbkEncoder();
    const bytes = encode('名称,经度,纬度,人口\r\n驿城区,114.029,32.979,1000\r\n遂平县,114.013,33.146,坏值\r\n');
    expect([...bytes.subarray(0, 4)]).toEqual([0xc3, 0xfb, 0xb3, 0xc6]);
    const result = points(parsePointsFile('社区.csv', bytes));
    expect(result.points.map((point) => point.name)).toEqual(['驿城区', '遂平县']);
    const targets = toTargets(result.points, '人口');
    if (!targets.ok) throw new Error(targets.error.message.en);
    expect(targets.targets).toEqual([{ id: '社区-2', name: '驿城区', coordinates: [114.029, 32.979], weight: 1000 }]);
    expect(targets.skipped).toEqual([{ row: 3, reason: expect.objectContaining({ zh: expect.stringContaining('人口') }) }]);
  });
});

describe('parseGeoJsonPoints', () => {
  const feature = (geometry: unknown, properties: Record<string, unknown> = {}, id?: string) => ({ type: 'Feature', id, geometry, properties });
  const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });

  it('reads a FeatureCollection with ids and names from properties', () => {
    const result = points(parseGeoJsonPoints(collection(feature(point(114, 33), { name: '甲', pop: 3 }, 'f1'), feature(point(114.5, 33.5), { 名称: '乙' }))));
    // Ids are the file's own when every feature has one (as the import keeps them), else generated for all.
    expect(result.points.map((p) => [p.id, p.name, p.row])).toEqual([
      ['feature-1', '甲', 1],
      ['feature-2', '乙', 2],
    ]);
    const withIds = points(parseGeoJsonPoints(collection(feature(point(114, 33), { name: '甲' }, 'f1'), feature(point(114.5, 33.5), { 名称: '乙' }, 'f2'))));
    expect(withIds.points.map((p) => [p.id, p.name, p.row])).toEqual([
      ['f1', '甲', 1],
      ['f2', '乙', 2],
    ]);
  });

  it('reads a single Feature and a bare geometry; splits a MultiPoint', () => {
    expect(points(parseGeoJsonPoints(JSON.stringify(feature(point(114, 33))))).points).toHaveLength(1);
    const multi = points(parseGeoJsonPoints(JSON.stringify({ type: 'MultiPoint', coordinates: [[114, 33], [114.2, 33.2]] })));
    expect(multi.points.map((p) => [p.id, p.geometry])).toEqual([
      ['feature-1-1', point(114, 33)],
      ['feature-1-2', point(114.2, 33.2)],
    ]);
  });

  it('keeps lines and polygons only for facilities', () => {
    const line = feature({ type: 'LineString', coordinates: [[114, 33], [114.1, 33.1]] }, { name: '干线' });
    const text = collection(feature(point(114, 33)), line);
    const asTargets = points(parseGeoJsonPoints(text));
    expect(asTargets.points).toHaveLength(1);
    expect(asTargets.skipped[0]?.reason.en).toMatch(/LineString is not a point/);
    const asFacilities = points(parseGeoJsonPoints(text, { geometries: 'any' }));
    expect(asFacilities.points.map((p) => p.geometry.type)).toEqual(['Point', 'LineString']);
  });

  it('skips features without geometry or with broken coordinates', () => {
    const result = points(parseGeoJsonPoints(collection(feature(null), feature({ type: 'Point', coordinates: ['a', 1] }), feature(point(114, 33)))));
    expect(result.points).toHaveLength(1);
    expect(result.skipped.map((row) => [row.row, row.reason.en])).toEqual([
      [1, 'no geometry (geometry is null): a feature without a position cannot be imported'],
      [2, 'coordinate "a" is text, not a number'],
    ]);
  });

  it.each([
    ['not JSON', '{"type":', 'not-json'],
    ['not GeoJSON', '{"rows":[]}', 'not-geojson'],
    ['a CSV', 'lng,lat\n114,33', 'not-json'],
    ['empty', '', 'empty'],
    ['no features', '{"type":"FeatureCollection","features":[]}', 'empty-collection'],
  ])('reports %s', (_label, text, code) => {
    expect(errorOf(parseGeoJsonPoints(text)).code).toBe(code);
  });

  it('converts projected coordinates (Gauss–Krüger without zone prefix, CM 114°E), naming a declared CRS; refuses unknown ones', () => {
    const projected = points(parseGeoJsonPoints(collection(feature(point(500000, 3650000)))));
    expect(projected.crs).toMatchObject({ detected: 'cgcs2000-gk3-cm114', zone: 38, converted: true });
    expect(projected.crs.note.en).toContain('assumed central meridian 114°E');
    const [lon] = projected.points[0]?.geometry.type === 'Point' ? projected.points[0].geometry.coordinates : [];
    expect(lon).toBeCloseTo(114, 6);
    const declared = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } },
      features: [feature(point(500000, 3650000))],
    });
    expect(points(parseGeoJsonPoints(declared)).crs.note.en).toMatch(/Gauss–Krüger.*EPSG::4547/);
    expect(errorOf(parseGeoJsonPoints(collection(feature(point(99999999, 99999999))))).code).toBe('unknown-crs');
    const wgs84 = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features: [feature(point(114, 33))] });
    expect(points(parseGeoJsonPoints(wgs84)).points).toHaveLength(1);
  });
});

describe('format detection and engine inputs', () => {
  it('detects the format from the name, else from the text', () => {
    expect(detectFormat('a.geojson', '')).toBe('geojson');
    expect(detectFormat('a.CSV', '{')).toBe('csv');
    expect(detectFormat('data', ' {"type":"Point"}')).toBe('geojson');
    expect(detectFormat('data', 'lng,lat')).toBe('csv');
  });

  it('weights targets by a chosen property, 1 by default, and names the numeric ones when it is missing', () => {
    const parsed = points(parseCsvPoints('name,lng,lat,pop\nA,114,33,5\nB,114.1,33,\n'));
    const unweighted = toTargets(parsed.points);
    expect(unweighted.ok && unweighted.targets.map((t) => t.weight)).toEqual([1, 1]);
    const weighted = toTargets(parsed.points, 'POP');
    expect(weighted.ok && weighted.targets.map((t) => t.weight)).toEqual([5]);
    const missing = errorOf(toTargets(parsed.points, 'population'));
    expect(missing.code).toBe('unknown-property');
    // Coordinate columns become the geometry, not properties: only pop is left to weigh by.
    expect(missing.message.en).toContain('numeric properties available: pop)');
  });

  it('passes attractiveness to facilities', () => {
    const parsed = points(parseCsvPoints('name,lng,lat,size\nA,114,33,2000\nB,114.1,33,0\n'));
    const result = toFacilities(parsed.points, 'size');
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.facilities).toEqual([{ id: 'row-2', name: 'A', geometry: { type: 'Point', coordinates: [114, 33] }, attractiveness: 2000 }]);
    expect(result.skipped.map((row) => row.row)).toEqual([3]);
  });
});

describe('parseBoundary', () => {
  const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
  const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

  it('makes one area per polygon and their union the outline', () => {
    const text = collection(
      { type: 'Feature', properties: { adcode: 'A', name: '甲区', name_en: 'Jia' }, geometry: square(114, 33) },
      { type: 'Feature', properties: { 名称: '乙区' }, geometry: square(115, 33) },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 33] } },
    );
    const result = parseBoundary(text);
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.studyArea.counties.map((area) => [area.adcode, area.name_zh, area.name_en])).toEqual([
      ['A', '甲区', 'Jia'],
      ['area-2', '乙区', '乙区'],
    ]);
    expect(result.studyArea.outline.geometry.type).toBe('Polygon');
    expect(result.skipped.map((row) => row.reason.en)).toEqual(['Point is not a polygon']);
  });

  it('refuses files without polygons; converts projected ones, refuses coordinates in no known system', () => {
    const noPolygons = parseBoundary(collection({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 33] } }));
    expect(!noPolygons.ok && noPolygons.error.code).toBe('no-polygons');
    const projected = parseBoundary(JSON.stringify(square(500000, 3600000)));
    if (!projected.ok) throw new Error(projected.error.message.en);
    expect(projected.studyArea.outline.geometry.coordinates[0]?.[0]?.[0]).toBeCloseTo(114, 6);
    const unknown = parseBoundary(JSON.stringify(square(99999999, 99999999)));
    expect(!unknown.ok && unknown.error.code).toBe('unknown-crs');
  });
});
