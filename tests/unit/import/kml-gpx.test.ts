import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import/index';
import { fixtureFile, largestOffset, largestOffsetUnordered, ok, sourceFeatures } from './formatFixtures';

const points = sourceFeatures('points');

describe('KML and KMZ import', () => {
  for (const path of ['kml/points-ogr.kml', 'kml/points-ogr.kmz'])
    it(`reads ${path} (written by ogr2ogr): names, descriptions, SchemaData fields typed, positions within 1 cm`, () => {
      const report = ok(importFiles([fixtureFile(path)]));
      expect(report.format).toBe('kml');
      expect(report.accepted).toBe(points.length);
      points.forEach((source, index) => {
        const feature = report.layer.features[index]!;
        expect(feature.properties).toMatchObject({
          name: source.properties?.名称,
          description: source.properties?.备注,
          类别: source.properties?.类别,
          床位: source.properties?.床位,
          评分: source.properties?.评分,
          folder: 'points',
        });
        expect(largestOffset(feature.geometry!, source.geometry!)).toBeLessThan(0.01);
      });
    });

  it('reads polygons (with holes and multi-part) from ogr2ogr KML', () => {
    const source = sourceFeatures('polygons');
    const report = ok(importFiles([fixtureFile('kml/polygons-ogr.kml')]));
    expect(report.layer.features.map((feature) => feature.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    report.layer.features.forEach((feature, index) => expect(largestOffsetUnordered(feature.geometry!, source[index]!.geometry!)).toBeLessThan(0.01));
  });

  it('reads an 奥维-style KML: folder paths, Data fields, HTML description as text; the network link is left and said', () => {
    const report = ok(importFiles([fixtureFile('hand/ovital-style.kml')]));
    expect(report.accepted).toBe(3);
    const [hospital, clinic, zone] = report.layer.features;
    expect(hospital?.properties).toMatchObject({ name: '驿城区人民医院', folder: '医疗/驿城区', 床位: '320', 联系人: '王医生', description: '<b>市区东部</b>，三级医院' });
    expect(hospital?.properties).not.toHaveProperty('styleUrl');
    expect(hospital?.geometry).toEqual({ type: 'Point', coordinates: [114.0218, 32.9803] });
    expect(clinic?.properties).toMatchObject({ folder: '医疗', 床位: '60' });
    expect(zone?.properties).toMatchObject({ folder: '规划片区', 用地: '混合' });
    expect(report.rejected).toEqual([{ row: 4, reason: expect.objectContaining({ en: 'no geometry (the placemark has no coordinates)' }) }]);
    const notes = report.notes.map((note) => note.en).join(' ');
    expect(notes).toContain('http://example.com/live.kml');
    expect(notes).toContain('altitudes; they were dropped');
  });
});

describe('GPX import', () => {
  it('reads waypoints written by ogr2ogr with name and description', () => {
    const report = ok(importFiles([fixtureFile('gpx/waypoints.gpx')]));
    expect(report.format).toBe('gpx');
    expect(report.accepted).toBe(points.length);
    points.forEach((source, index) => {
      const feature = report.layer.features[index]!;
      expect(feature.properties).toMatchObject({ name: source.properties?.名称, desc: source.properties?.备注, gpx_type: 'waypoint' });
      expect(largestOffset(feature.geometry!, source.geometry!)).toBeLessThan(0.01);
    });
  });

  it('reads tracks (multi-segment tracks as multi-lines)', () => {
    const source = sourceFeatures('lines');
    const report = ok(importFiles([fixtureFile('gpx/track.gpx')]));
    expect(report.accepted).toBe(2);
    expect(report.layer.features[1]?.properties).toMatchObject({ name: '京港澳高速（两段）', gpx_type: 'track' });
    report.layer.features.forEach((feature, index) => expect(largestOffset(feature.geometry!, source[index]!.geometry!)).toBeLessThan(0.01));
  });
});
