// Analysis targets and facilities as a view over the one import report: a
// file that imports as a layer serves as targets too, whatever its CRS.
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { cityBounds } from '../../src/domain/validation';
import { facilitiesFromImport, pointsFromImport, targetsFromImport } from '../../src/io/analysisInputs';
import { importFile } from '../../src/io/import';
import { gaussKrugerProj } from '../../src/io/import/crs';
import { cityOutline } from './scenario/helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const PLACES: [string, number, number, number][] = [
  ['驿城', 114.0294, 32.9794, 5000],
  ['遂平', 114.013, 33.146, 8000],
  ['汝南', 114.362, 33.007, 6500],
];

function targetsOf(fileName: string, text: string, weight?: string) {
  const result = targetsFromImport(importFile(fileName, utf8(text)), weight);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message.en}`);
  return result;
}

function expectNear(targets: { coordinates: [number, number] }[]) {
  expect(targets).toHaveLength(PLACES.length);
  targets.forEach(({ coordinates: [lon, lat] }, index) => {
    expect(lon).toBeCloseTo(PLACES[index]![1], 6);
    expect(lat).toBeCloseTo(PLACES[index]![2], 6);
  });
}

describe('Gauss–Krüger files as analysis targets', () => {
  it('a CSV in zone 38 with the zone prefix (X坐标/Y坐标) is converted, weights kept', () => {
    const toGk = proj4('WGS84', gaussKrugerProj(114, 38_500_000));
    const rows = PLACES.map(([name, lon, lat, population]) => [name, ...toGk.forward([lon, lat]).map((value) => value.toFixed(3)), population].join(','));
    const targets = targetsOf('社区.csv', ['名称,X坐标,Y坐标,人口', ...rows].join('\n'), '人口');
    expectNear(targets.targets);
    expect(targets.targets.map((target) => [target.name, target.weight])).toEqual(PLACES.map(([name, , , population]) => [name, population]));
  });

  it('a GeoJSON without the zone prefix (central meridian 114°E) is converted; a MultiPoint is one target per point', () => {
    const toGk = proj4('WGS84', gaussKrugerProj(114, 500_000));
    const [first, ...rest] = PLACES.map(([, lon, lat]) => toGk.forward([lon, lat]));
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '驿城' }, geometry: { type: 'Point', coordinates: first } },
        { type: 'Feature', properties: { name: '县城' }, geometry: { type: 'MultiPoint', coordinates: rest } },
      ],
    });
    const report = importFile('points.geojson', utf8(text));
    const points = pointsFromImport(report, 'targets');
    if (!points.ok) throw new Error(points.error.message.en);
    expect(points.crs).toMatchObject({ detected: 'cgcs2000-gk3-cm114', zone: 38, converted: true });
    expect(points.crs.note.zh).toContain('假定中央经线 114°E');
    expect(points.points.map((point) => [point.id, point.row])).toEqual([
      ['points-1', 1],
      ['points-2-1', 2],
      ['points-2-2', 2],
    ]);
    expectNear(targetsOf('points.geojson', text).targets);
  });

  it('rows far from the city are rejected one by one, as in the import dialog', () => {
    const text = 'name,lon,lat\n驿城,114.0294,32.9794\n北京,116.4,39.9\n';
    const result = targetsFromImport(importFile('t.csv', utf8(text), { cityBounds: cityBounds(cityOutline()) }));
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.targets.map((target) => target.name)).toEqual(['驿城']);
    expect(result.skipped).toEqual([{ row: 3, reason: { zh: expect.any(String), en: expect.stringMatching(/outside|far/) } }]);
  });

  it('lines and polygons serve as facilities, not as targets; WKT columns are read', () => {
    const text = 'name,wkt\n干线,"LINESTRING (114 33, 114.1 33.1)"\n站点,POINT (114.02 32.98)\n';
    const targets = targetsOf('mixed.csv', text);
    expect(targets.targets.map((target) => target.name)).toEqual(['站点']);
    expect(targets.skipped.map((row) => [row.row, row.reason.en])).toEqual([[2, 'LineString is not a point; targets must be points']]);
    const facilities = facilitiesFromImport(importFile('mixed.csv', utf8(text)));
    expect(facilities.ok && facilities.facilities.map((facility) => facility.geometry.type)).toEqual(['LineString', 'Point']);
  });

  it('a file the import refuses is refused as targets with the same message', () => {
    const report = importFile('t.csv', utf8('x,y\n99999999,99999999\n'));
    const targets = targetsFromImport(report);
    expect(targets.ok).toBe(false);
    expect(!targets.ok && !report.ok && targets.error).toEqual(!report.ok && report.error);
  });
});
