// Shapefile export read back by GDAL (ogrinfo / ogr2ogr), the reader behind
// QGIS and the one ArcGIS's own matches: feature counts, Chinese field names
// and values in UTF-8 and GBK (through the .cpg), the CRS named by the .prj
// (EPSG:4326 / 4490 / 4526), geometry types, polygon ring orientation in the
// .shp itself, and every position within 1 cm of the source after GDAL/PROJ
// converts it back to WGS84.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { exportLayerShapefile, shapefileFileName } from '../../../src/io/export/shapefileExport';
import { signedArea } from '../../../src/io/export/shp';
import { byteEncoder } from '../../../src/io/export/textEncoding';
import { fieldTypes, ogrinfo, ogrToWgs84, unzipToTemp } from './ogr';
import { layer, realScenario, scenarioOf } from '../scenario/helpers';

const EXPORTED_AT = new Date(2026, 11, 7, 9, 30);
const CENTIMETRE = 0.01;

/** Every position of a geometry, in order. */
function positions(geometry: Geometry | null): Position[] {
  if (geometry === null) return [];
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positions);
  const flat = (value: unknown): Position[] => (typeof (value as unknown[])[0] === 'number' ? [value as Position] : (value as unknown[]).flatMap(flat));
  return flat(geometry.coordinates);
}

/** Greatest distance in metres between the same corners (as sets: rings may run the other way). */
function worstOffset(back: Geometry | null, source: Geometry | null): number {
  const a = positions(back);
  const b = positions(source);
  expect(a).toHaveLength(b.length);
  // Each source corner's nearest corner in the file: orientation changes the order, not the corners.
  return Math.max(0, ...b.map((p) => Math.min(...a.map((q) => distance(p, q, { units: 'meters' })))));
}

/** Parts of the first polygon record of a .shp, read from the bytes. */
function firstPolygonRings(shp: Uint8Array): Position[][] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const at = 100 + 8;
  expect(view.getInt32(at, true)).toBe(5);
  const parts = view.getInt32(at + 36, true);
  const points = view.getInt32(at + 40, true);
  const starts = Array.from({ length: parts }, (_, i) => view.getInt32(at + 44 + i * 4, true));
  const xy = at + 44 + parts * 4;
  const all = Array.from({ length: points }, (_, i) => [view.getFloat64(xy + i * 16, true), view.getFloat64(xy + i * 16 + 8, true)]);
  return starts.map((start, i) => all.slice(start, starts[i + 1] ?? points));
}

// GDAL runs as child processes on a shared machine: generous limits (a limit, not an assertion).
describe('Shapefile of the real towns layer', { timeout: 60_000 }, () => {
  const scenario = realScenario();
  const towns = scenario.layers.find((item) => item.id === 'towns')!;
  const cases = [
    { crs: 'wgs84', encoding: 'UTF-8', epsg: 4326, name: 'WGS 84' },
    { crs: 'cgcs2000', encoding: 'UTF-8', epsg: 4490, name: 'China Geodetic Coordinate System 2000' },
    { crs: 'cgcs2000-gk3-38', encoding: 'GBK', epsg: 4526, name: 'CGCS2000 / 3-degree Gauss-Kruger zone 38' },
  ] as const;

  for (const { crs, encoding, epsg, name } of cases)
    it(`${crs} in ${encoding}: GDAL reads the count, the CRS EPSG:${epsg}, Chinese values and positions within 1 cm`, async () => {
      const { zip } = await exportLayerShapefile(scenario, towns, { crs, encoding, exportedAt: EXPORTED_AT });
      const { dir, names } = unzipToTemp(zip, `shp-${crs}`);
      expect(names).toEqual(['README.txt', 'fields.csv', 'towns_points.cpg', 'towns_points.dbf', 'towns_points.prj', 'towns_points.shp', 'towns_points.shx']);
      expect(readFileSync(join(dir, 'towns_points.cpg'), 'utf8')).toBe(encoding);
      const shp = join(dir, 'towns_points.shp');
      const summary = ogrinfo('-ro', '-so', shp, 'towns_points');
      expect(summary).toContain(`Feature Count: ${towns.features.length}`);
      expect(summary).toContain('Geometry: Point');
      expect(summary).toContain(`ID["EPSG",${epsg}]]`);
      expect(summary).toMatch(new RegExp(`^(GEOG|PROJ)CRS\\["${name.replace(/[()]/g, '\\$&')}"`, 'm'));
      expect(fieldTypes(summary).get('name')).toMatch(/^String/);

      const back = ogrToWgs84(shp);
      expect(back.features).toHaveLength(towns.features.length);
      // Located features first, in layer order, then those without a position (null shapes).
      const expectedOrder = [...towns.features.filter((feature) => feature.geometry), ...towns.features.filter((feature) => !feature.geometry)];
      expectedOrder.forEach((source, index) => {
        const read = back.features[index]!;
        expect(read.properties.id).toBe(source.properties.id);
        expect(read.properties.name).toBe(source.properties.name);
        expect(read.properties.accuracy).toBe(source.properties.accuracy);
        expect(read.properties.source).toBe(source.properties.source);
        expect(read.properties.placement).toBe(String(source.properties.placement).slice(0, read.properties.placement ? String(read.properties.placement).length : 0));
        if (source.geometry === null) expect(read.geometry).toBeNull();
        else expect(worstOffset(read.geometry, source.geometry)).toBeLessThan(CENTIMETRE);
      });
      expect(back.features.some((feature) => /[\u4e00-\u9fff]/.test(String(feature.properties.name)))).toBe(true);

      const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
      expect(readme).toContain('规划示意');
      expect(readme).toContain('schematic');
      expect(readme).toContain(`EPSG:${epsg}`);
      for (const accuracy of ['geonames', 'county-seat', 'schematic', 'unlocated', 'placed']) expect(readme).toContain(`  ${accuracy}: `);
    });

  it('names the file after scenario, layer, CRS and encoding', () => {
    expect(shapefileFileName({ scenarioName: '方案A', layerTitle: '乡镇', crs: 'cgcs2000-gk3-38', encoding: 'GBK', date: EXPORTED_AT })).toBe(
      '驻马店-方案A-乡镇-Shapefile-CGCS2000-GK3-38-GBK-2026-12-07.zip',
    );
    expect(shapefileFileName({ scenarioName: 'A/B', layerTitle: 'Towns', crs: 'wgs84', encoding: 'UTF-8', date: EXPORTED_AT, language: 'en' })).toBe(
      'Zhumadian-A_B-Towns-Shapefile-WGS84-UTF-8-2026-12-07.zip',
    );
  });
});

describe('Shapefile of a mixed layer: one file per type, holes, multi-parts, long Chinese names, numbers', { timeout: 60_000 }, () => {
  // Exterior counter-clockwise and hole clockwise (GeoJSON's rule): the Shapefile wants the reverse.
  const exterior: Position[] = [[114.0, 33.0], [114.1, 33.0], [114.1, 33.1], [114.0, 33.1], [114.0, 33.0]];
  const hole: Position[] = [[114.02, 33.02], [114.02, 33.08], [114.08, 33.08], [114.08, 33.02], [114.02, 33.02]];
  const longQuote = '驻马店市'.repeat(80); // 320 characters: 960 bytes in UTF-8, 640 in GBK
  const props = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: `要素${id}`,
    accuracy: 'placed',
    source: '规划文本.txt',
    quote: '规划原文',
    规划用地面积公顷: 12.5,
    所属县区名称: '驿城区',
    所属县区编码: '411702',
    人口: 1200,
    在建: true,
    ...extra,
  });
  const features: ScenarioFeature[] = [
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [exterior, hole] }, properties: props('p1', { quote: longQuote }) },
    {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[exterior.map(([x, y]) => [x! + 0.2, y!])], [exterior.map(([x, y]) => [x! + 0.4, y!])]] },
      properties: props('p2', { 人口: 3400, 规划用地面积公顷: 7.25 }),
    },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[113.9, 32.9], [114.3, 33.2]] }, properties: props('l1', { 在建: false }) },
    { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[113.8, 32.8], [113.9, 32.85]], [[114.5, 33.3], [114.6, 33.35]]] }, properties: props('l2') },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [114.0123456, 32.9876543] }, properties: props('pt1', { 规划用地面积公顷: null }) },
    { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[114.1, 33.0], [114.2, 33.1]] }, properties: props('mp1') },
    { type: 'Feature', geometry: null, properties: props('u1', { accuracy: 'unlocated' }) },
  ];
  const scenario = scenarioOf('方案B', [layer('imported-规划', features)]);
  const theLayer = scenario.layers[0]!;

  for (const encoding of ['UTF-8', 'GBK'] as const)
    it(`in ${encoding} and Gauss–Krüger zone 38`, async () => {
      const encoder = await byteEncoder(encoding);
      const exported = await exportLayerShapefile(scenario, theLayer, { crs: 'cgcs2000-gk3-38', encoding, exportedAt: EXPORTED_AT });
      const { dir, names } = unzipToTemp(exported.zip, `mixed-${encoding}`);
      expect(names.filter((name) => name.endsWith('.shp'))).toEqual(['imported_multipoints.shp', 'imported_points.shp', 'imported_polygons.shp', 'imported_lines.shp'].sort());
      const layers = { points: ['pt1', 'u1'], multipoints: ['mp1'], lines: ['l1', 'l2'], polygons: ['p1', 'p2'] };
      const geometryNames = { points: 'Point', multipoints: 'Multi Point', lines: 'Line String', polygons: 'Polygon' };
      for (const [file, ids] of Object.entries(layers) as [keyof typeof layers, string[]][]) {
        const path = join(dir, `imported_${file}.shp`);
        const summary = ogrinfo('-ro', '-so', path, `imported_${file}`);
        expect(summary).toContain(`Feature Count: ${ids.length}`);
        expect(summary).toContain(`Geometry: ${geometryNames[file]}`);
        expect(summary).toContain('ID["EPSG",4526]]');
        const back = ogrToWgs84(path);
        expect(back.features.map((feature) => feature.properties.id)).toEqual(ids);
        for (const read of back.features) {
          const source = features.find((feature) => feature.properties.id === read.properties.id)!;
          if (source.geometry) expect(worstOffset(read.geometry, source.geometry)).toBeLessThan(CENTIMETRE);
          else expect(read.geometry).toBeNull();
        }
      }

      // Field names: within 10 bytes in the encoding, unique, mapped in fields.csv.
      const polygonSummary = ogrinfo('-ro', '-so', join(dir, 'imported_polygons.shp'), 'imported_polygons');
      const types = fieldTypes(polygonSummary);
      const polygonPart = exported.parts.find((part) => part.kind === 'polygon')!;
      const dbfNames = polygonPart.fields.map((field) => field.name);
      expect([...types.keys()]).toEqual(dbfNames);
      expect(new Set(dbfNames.map((name) => name.toLowerCase())).size).toBe(dbfNames.length);
      for (const name of dbfNames) expect(encoder.encode(name).length).toBeLessThanOrEqual(10);
      const short = (key: string) => polygonPart.fields.find((field) => field.key === key)!.name;
      expect(short('所属县区名称')).not.toBe(short('所属县区编码'));
      expect(short('所属县区名称')).toMatch(/^所属县/);
      const table = readFileSync(join(dir, 'fields.csv'), 'utf8');
      expect(table.charCodeAt(0)).toBe(0xfeff);
      expect(table).toContain(`imported_polygons.dbf,所属县区名称,${short('所属县区名称')},C`);
      expect(table).toContain(`imported_polygons.dbf,所属县区编码,${short('所属县区编码')},C`);
      // Numbers typed: integers as Integer, decimals as Real with their decimals; true/false as a logical field.
      expect(types.get(short('人口'))).toMatch(/^Integer/);
      expect(types.get(short('规划用地面积公顷'))).toBe('Real (5.2)') // 12.50;
      // A logical (L) field: GDAL ≥ 3.7 reads it as Boolean, 3.6 as the letters T/F.
      expect(types.get(short('在建'))).toMatch(/^(Integer\(Boolean\)|String \(1\.0\))/);

      const polygons = ogrToWgs84(join(dir, 'imported_polygons.shp'));
      const p1 = polygons.features[0]!;
      expect(p1.geometry?.type).toBe('Polygon');
      expect((p1.geometry as { coordinates: Position[][] }).coordinates).toHaveLength(2); // the hole is a hole
      expect(polygons.features[1]!.geometry?.type).toBe('MultiPolygon');
      expect(p1.properties[short('所属县区名称')]).toBe('驿城区');
      expect(p1.properties[short('规划用地面积公顷')]).toBe(12.5);
      expect(p1.properties[short('人口')]).toBe(1200);
      expect(polygons.features[1]!.properties[short('规划用地面积公顷')]).toBe(7.25);
      // The long quote: cut on a character boundary to at most 254 bytes, and the readme says so.
      const quote = String(p1.properties.quote);
      expect(longQuote.startsWith(quote)).toBe(true);
      expect(encoder.encode(quote).length).toBeLessThanOrEqual(254);
      expect(encoder.encode(quote).length).toBeGreaterThan(250);
      expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain('imported_polygons.dbf quote: 1');
      // A null number stays null, not 0.
      const points = ogrToWgs84(join(dir, 'imported_points.shp'));
      expect(points.features[0]!.properties[short('规划用地面积公顷')] ?? null).toBeNull();
      expect(points.features[1]!.properties.accuracy).toBe('unlocated');
      const lines = ogrToWgs84(join(dir, 'imported_lines.shp'));
      expect(lines.features[1]!.geometry?.type).toBe('MultiLineString');
      expect(lines.features.map((feature) => String(feature.properties[short('在建')]))).toSatisfy(
        (values: string[]) => values.join() === 'F,T' || values.join() === 'false,true',
      );

      // Ring orientation in the file itself: outer clockwise, hole counter-clockwise.
      const rings = firstPolygonRings(readFileSync(join(dir, 'imported_polygons.shp')));
      expect(rings).toHaveLength(2);
      expect(signedArea(rings[0]!)).toBeLessThan(0);
      expect(signedArea(rings[1]!)).toBeGreaterThan(0);
    });
});

describe('GBK lacks some characters', () => {
  it('writes them as ? and counts them in the readme', async () => {
    const features: ScenarioFeature[] = [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114, 33] }, properties: { id: 'a', name: '驿城😀区' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114.1, 33] }, properties: { id: 'b', name: '遂平' } },
    ];
    const scenario = scenarioOf('方案', [layer('x', features)]);
    const exported = await exportLayerShapefile(scenario, scenario.layers[0]!, { encoding: 'GBK', exportedAt: EXPORTED_AT });
    expect(exported.unencodable).toBe(1);
    const entries = unzipToTemp(exported.zip, 'gbk-lacks');
    const dbf = readFileSync(join(entries.dir, 'x_points.dbf'));
    const text = new TextDecoder('gbk').decode(dbf);
    expect(text).toContain('驿城?区');
    expect(text).toContain('遂平');
    expect(readFileSync(join(entries.dir, 'README.txt'), 'utf8')).toContain('有 1 个值含 GBK 无法表示的字符');
  });
});
