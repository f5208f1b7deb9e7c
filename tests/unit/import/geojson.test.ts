import { describe, expect, it } from 'vitest';
import { importFile, type ImportReport } from '../../../src/io/import/index';

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(JSON.stringify(value));

function ok(report: ImportReport) {
  if (!report.ok) throw new Error(`expected ok, got ${report.error.code}: ${report.error.message.en}`);
  return report;
}
function error(report: ImportReport) {
  if (report.ok) throw new Error('expected an error');
  return report.error;
}

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const square = {
  type: 'Polygon',
  coordinates: [[[114, 33], [114.1, 33], [114.1, 33.1], [114, 33.1], [114, 33]]],
};

describe('GeoJSON import', () => {
  it('a FeatureCollection keeps properties as data and ids from Feature.id', () => {
    const report = ok(
      importFile(
        '物流节点.geojson',
        json({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', id: 'hub-1', properties: { 名称: '驻马店国际陆港', 面积: '12.5', tags: ['物流'] }, geometry: point(114.05, 32.98) },
            { type: 'Feature', id: 'hub-2', properties: { 名称: '遂平', 面积: 3 }, geometry: square },
          ],
        }),
      ),
    );
    expect(report.layer).toMatchObject({ id: 'imported-物流节点-1', title: { zh: '物流节点', en: '物流节点' }, imported: true });
    expect(report.layer.features.map((feature) => feature.properties)).toEqual([
      { id: 'hub-1', 名称: '驻马店国际陆港', 面积: '12.5', tags: ['物流'] },
      { id: 'hub-2', 名称: '遂平', 面积: 3 },
    ]);
    expect(report.layer.features[1]?.geometry).toEqual(square);
    expect(report).toMatchObject({ accepted: 2, rejected: [], encoding: 'utf-8' });
  });

  it('a single Feature and a bare geometry each become one feature', () => {
    const feature = ok(importFile('one.json', json({ type: 'Feature', properties: { name: 'a' }, geometry: point(114, 33) })));
    expect(feature.layer.features).toHaveLength(1);
    const bare = ok(importFile('bare.geojson', json(square)));
    expect(bare.layer.features).toEqual([{ type: 'Feature', geometry: square, properties: { id: 'bare-1' } }]);
  });

  it('a GeometryCollection is kept whole as one feature, each member converted', () => {
    const collection = { type: 'GeometryCollection', geometries: [point(32.98, 114.05), { type: 'LineString', coordinates: [[33, 114], [33.1, 114.1]] }] };
    const report = ok(importFile('gc.geojson', json(collection)));
    expect(report.crs.axisSwapped).toBe(true);
    expect(report.layer.features[0]?.geometry).toEqual({
      type: 'GeometryCollection',
      geometries: [point(114.05, 32.98), { type: 'LineString', coordinates: [[114, 33], [114.1, 33.1]] }],
    });
  });

  it('invalid geometries are rejected one by one with their reason', () => {
    const report = ok(
      importFile(
        'mixed.geojson',
        json({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: {}, geometry: point(114, 33) },
            { type: 'Feature', properties: {}, geometry: null },
            { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['114', 33] } },
            { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[114, 33]] } },
            { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[114, 33], [115, 33], [115, 34], [114, 34]]] } },
            { type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [114, 33] } },
            { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } },
            { type: 'Feature', properties: {}, geometry: point(300, 33) },
            { type: 'NotAFeature' },
          ],
        }),
      ),
    );
    // Feature 5's unclosed ring is closed (and said): see tests/badInput for repairs.
    expect(report.accepted).toBe(2);
    expect(report.warnings.map((warning) => warning.en)).toEqual([
      '1 feature(s) had polygon rings that were not closed; closed by repeating the first position (rows/features 5) — please check the shapes.',
    ]);
    expect(report.rejected.map(({ row, reason }) => [row, reason.en])).toEqual([
      [2, 'no geometry (geometry is null): a feature without a position cannot be imported'],
      [3, 'coordinate "114" is text, not a number'],
      [4, 'invalid geometry: a line needs at least 2 positions'],
      [6, 'unknown geometry type "Circle"'],
      [7, 'invalid geometry: empty geometry'],
      [8, "coordinates (300, 33) out of range for this file's CRS (longitude/latitude): longitude 300 is beyond ±180"],
      [9, 'not a Feature (type "NotAFeature")'],
    ]);
    expect(report.rejected.every(({ reason }) => reason.zh.length > 0)).toBe(true);
  });

  it('files that are not GeoJSON or have nothing usable fail with zh/en messages', () => {
    expect(error(importFile('x.geojson', utf8('{"type": "Feature", '))).code).toBe('not-json');
    expect(error(importFile('x.geojson', json({ type: 'Topology' }))).code).toBe('not-geojson');
    expect(error(importFile('x.geojson', utf8('  '))).code).toBe('empty');
    const none = error(importFile('x.geojson', json({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] })));
    expect(none).toMatchObject({
      code: 'no-valid-rows',
      message: { en: 'nothing to import (row/feature 1: no geometry (geometry is null): a feature without a position cannot be imported).' },
    });
    expect(none.message.zh).toContain('没有可导入的要素');
  });

  it('a declared projected CRS is noted, and the numbers decide', () => {
    const report = ok(
      importFile(
        'gk.geojson',
        json({
          type: 'FeatureCollection',
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
          features: [{ type: 'Feature', properties: {}, geometry: point(38502751.9, 3650468.24) }],
        }),
      ),
    );
    expect(report.crs.detected).toBe('cgcs2000-gk3');
    expect(report.crs.note.en).toContain('EPSG::4526');
  });
});
