import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import/index';
import { fixtureFile, folderFiles, largestOffset, largestOffsetUnordered, ok, sourceFeatures } from './formatFixtures';

const points = sourceFeatures('points');

/** Each source point's name, attributes and position against what the reader made of the fixture. */
function expectPointsRead(folder: string, files = folderFiles(folder)) {
  const report = ok(importFiles(files));
  expect(report.format).toBe('shapefile');
  expect(report.accepted).toBe(points.length);
  expect(report.rejectedCount).toBe(0);
  points.forEach((source, index) => {
    const feature = report.layer.features[index];
    expect(feature?.properties).toMatchObject({
      名称: source.properties?.名称,
      类别: source.properties?.类别,
      床位: source.properties?.床位,
      评分: source.properties?.评分,
      备注: source.properties?.备注,
    });
    expect(largestOffset(feature!.geometry!, source.geometry!), `${folder} feature ${index + 1}`).toBeLessThan(0.01);
  });
  return report;
}

describe('Shapefile import (fixtures written by ogr2ogr)', () => {
  for (const epsg of [4326, 4490, 4547, 4526, 4509, 4498])
    for (const encoding of epsg === 4509 || epsg === 4498 ? ['gbk'] : ['gbk', 'utf8'])
      it(`reads ${encoding.toUpperCase()} attributes in EPSG:${epsg} to within 1 cm of the source`, () => {
        const report = expectPointsRead(`shp/points-${encoding}-${epsg}`);
        expect(report.crs.detected).toBe('declared');
        expect(report.notes.map((note) => note.en).join(' ')).toContain(encoding === 'gbk' ? 'GBK' : 'UTF-8');
      });

  it('names the coordinate system read from the .prj (CGCS2000 3-degree GK, CM 114E)', () => {
    const report = expectPointsRead('shp/points-gbk-4547');
    expect(report.crs.name).toBe('CGCS2000_3_Degree_GK_CM_114E');
    expect(report.crs.note.zh).toContain('CGCS2000_3_Degree_GK_CM_114E');
    expect(report.crs.note.en).toContain('central meridian 114°E');
  });

  it('tells GBK from the bytes when the .cpg is missing', () => {
    const report = expectPointsRead('shp/points-gbk-4547-nocpg');
    expect(report.notes[0]?.en).toMatch(/GBK.*judged from the bytes/);
  });

  it('reads zipped shapefiles (a folder inside the .zip)', () => {
    expectPointsRead('zip', [fixtureFile('zip/points-gbk-4547.zip')]);
    expectPointsRead('zip', [fixtureFile('zip/points-utf8-4526.zip')]);
    expect(ok(importFiles([fixtureFile('zip/points-gbk-4547.zip')])).fileName).toBe('points.shp');
  });

  it('reads polygons with a hole and multi-part polygons', () => {
    const source = sourceFeatures('polygons');
    const report = ok(importFiles(folderFiles('shp/polygons-gbk-4547')));
    expect(report.layer.features.map((feature) => feature.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    const withHole = report.layer.features[0]!;
    expect(withHole.geometry?.type === 'Polygon' && withHole.geometry.coordinates.length).toBe(2);
    const multi = report.layer.features[1]!;
    expect(multi.geometry?.type === 'MultiPolygon' && multi.geometry.coordinates.length).toBe(2);
    report.layer.features.forEach((feature, index) => {
      expect(feature.properties).toMatchObject({ 名称: source[index]?.properties?.名称, 面积公顷: source[index]?.properties?.面积公顷 });
      // Shapefile rings are clockwise (GDAL rewinds them): compare each vertex with the nearest source vertex.
      expect(largestOffsetUnordered(feature.geometry!, source[index]!.geometry!)).toBeLessThan(0.01);
    });
  });

  it('reads lines and multi-part lines', () => {
    const source = sourceFeatures('lines');
    const report = ok(importFiles(folderFiles('shp/lines-utf8-4326')));
    expect(report.layer.features.map((feature) => feature.geometry?.type)).toEqual(['LineString', 'MultiLineString']);
    report.layer.features.forEach((feature, index) => expect(largestOffset(feature.geometry!, source[index]!.geometry!)).toBeLessThan(0.01));
    expect(report.layer.features[1]?.properties.名称).toBe('京港澳高速（两段）');
  });

  it('drops Z values and says so', () => {
    const source = sourceFeatures('points-z');
    const report = ok(importFiles(folderFiles('shp/points-z-4490')));
    expect(report.layer.features[0]?.geometry).toMatchObject({ type: 'Point' });
    const position = report.layer.features[0]?.geometry?.type === 'Point' ? report.layer.features[0].geometry.coordinates : [];
    expect(position).toHaveLength(2);
    expect(largestOffset(report.layer.features[1]!.geometry!, source[1]!.geometry!)).toBeLessThan(0.01);
    expect(report.notes.map((note) => note.en).join(' ')).toContain('PointZ: Z (height) and M (measure) values were dropped');
  });

  it('refuses Xian 1980 (no published parameters to WGS84), naming the coordinate system', () => {
    const report = importFiles(folderFiles('shp/points-gbk-2383'));
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.error.code).toBe('unknown-crs');
    expect(report.error.message.zh).toContain('Xian_1980_3_Degree_GK_CM_114E');
    expect(report.error.message.en).toContain('Xian 1980 datum');
  });

  it('without a .prj the numbers decide, and the report says what was assumed', () => {
    const files = folderFiles('shp/points-gbk-4547').filter((file) => !file.name.endsWith('.prj'));
    const report = ok(importFiles(files));
    expect(report.crs.detected).toBe('cgcs2000-gk3-cm114');
    expect(report.notes.map((note) => note.en).join(' ')).toContain('no .prj file');
    points.forEach((source, index) => expect(largestOffset(report.layer.features[index]!.geometry!, source.geometry!)).toBeLessThan(0.01));
  });
});
