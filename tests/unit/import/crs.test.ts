import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import { distance } from '@turf/turf';
import { gaussKrugerProj } from '../../../src/io/import/crs';
import { importFile, type ImportReport } from '../../../src/io/import/index';

const utf8 = (text: string) => new TextEncoder().encode(text);
type Ok = Extract<ImportReport, { ok: true }>;

function ok(report: ImportReport): Ok {
  if (!report.ok) throw new Error(`expected ok, got ${report.error.code}: ${report.error.message.en}`);
  return report;
}

const metres = (a: number[], b: number[]) => distance(a as [number, number], b as [number, number], { units: 'kilometers' }) * 1000;

const coordinatesOf = (report: Ok) =>
  report.layer.features.map((feature) => (feature.geometry?.type === 'Point' ? feature.geometry.coordinates : []));

const pointsGeoJson = (positions: number[][]) =>
  utf8(
    JSON.stringify({
      type: 'FeatureCollection',
      features: positions.map((coordinates, index) => ({ type: 'Feature', properties: { 编号: `P${index + 1}` }, geometry: { type: 'Point', coordinates } })),
    }),
  );

// County seats (approximate, from public gazetteer coordinates): the values
// only need to be realistic; each test computes their projected coordinates.
const ZHUMADIAN = [114.02944, 32.97944];
const BIYANG = [113.32694, 32.72389];
const XINCAI = [115.06667, 32.75]; // near the east edge of zone 38
const SEATS = [ZHUMADIAN, BIYANG, XINCAI];

const ZONE_38 = gaussKrugerProj(114, 38_500_000);
const CM_114 = gaussKrugerProj(114, 500_000);

/**
 * Independent Gauss–Krüger forward projection (Krüger n-series to n³,
 * Karney 2011 eq. 7–8), to check that the proj4 definition is the projection
 * the surveyors mean, not just that proj4 agrees with itself.
 */
function kruegerForward([lon, lat]: number[], centralMeridian: number, falseEasting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101; // GRS80 (CGCS2000's f differs by 1e-10, far below a millimetre)
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16, (13 * n ** 2) / 48 - (3 * n ** 3) / 5, (61 * n ** 3) / 240];
  const phi = ((lat ?? 0) * Math.PI) / 180;
  const dLambda = (((lon ?? 0) - centralMeridian) * Math.PI) / 180;
  const c = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)));
  const xiPrime = Math.atan2(t, Math.cos(dLambda));
  const etaPrime = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let xi = xiPrime;
  let eta = etaPrime;
  alpha.forEach((value, index) => {
    const j = 2 * (index + 1);
    xi += value * Math.sin(j * xiPrime) * Math.cosh(j * etaPrime);
    eta += value * Math.cos(j * xiPrime) * Math.sinh(j * etaPrime);
  });
  return [falseEasting + A * eta, A * xi];
}

describe('Gauss–Krüger definition', () => {
  it('the independent series reproduces the published GRS80 meridian quadrant (10 001 965.7293 m, Moritz 1980)', () => {
    const [, northing] = kruegerForward([114, 90], 114, 500_000);
    expect(Math.abs(northing - 10_001_965.7293)).toBeLessThan(0.001);
  });

  it('proj4 with our tmerc string agrees with the independent series within 1 mm at the county seats', () => {
    for (const seat of SEATS) {
      const viaProj4 = proj4('WGS84', ZONE_38, seat);
      const viaSeries = kruegerForward(seat, 114, 38_500_000);
      expect(Math.abs((viaProj4[0] ?? 0) - viaSeries[0])).toBeLessThan(0.001);
      expect(Math.abs((viaProj4[1] ?? 0) - viaSeries[1])).toBeLessThan(0.001);
    }
    // Sanity: 驻马店's easting is just east of the central meridian, northing ~3 650 km.
    const [easting, northing] = proj4('WGS84', ZONE_38, ZHUMADIAN);
    expect(easting).toBeGreaterThan(38_500_000);
    expect(easting).toBeLessThan(38_510_000);
    expect(northing).toBeGreaterThan(3_640_000);
    expect(northing).toBeLessThan(3_660_000);
  });
});

describe('CRS detection and conversion', () => {
  it('lon/lat is detected and left alone', () => {
    const report = ok(importFile('seats.geojson', pointsGeoJson(SEATS)));
    expect(report.crs).toMatchObject({ detected: 'wgs84', converted: false, axisSwapped: false });
    expect(coordinatesOf(report)).toEqual(SEATS);
  });

  it('CGCS2000 3-degree GK with the zone prefix (38 xxx xxx) returns the seats within 1 m', () => {
    const projected = SEATS.map((seat) => proj4('WGS84', ZONE_38, seat));
    const report = ok(importFile('seats-gk.geojson', pointsGeoJson(projected)));
    expect(report.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 38, converted: true, axisSwapped: false });
    expect(report.crs.note.en).toContain('114°E');
    coordinatesOf(report).forEach((position, index) => expect(metres(position, SEATS[index] ?? [])).toBeLessThan(1));
  });

  it('GK without the zone prefix assumes central meridian 114°E and says so', () => {
    const projected = SEATS.map((seat) => proj4('WGS84', CM_114, seat));
    const report = ok(importFile('seats-gk.csv', utf8(`名称,x,y\n${projected.map((p, i) => `s${i},${p[0]},${p[1]}`).join('\n')}\n`)));
    expect(report.crs).toMatchObject({ detected: 'cgcs2000-gk3-cm114', zone: 38, converted: true });
    expect(report.crs.note.zh).toContain('假定中央经线 114°E');
    expect(report.crs.note.en).toContain('assumed central meridian 114°E');
    coordinatesOf(report).forEach((position, index) => expect(metres(position, SEATS[index] ?? [])).toBeLessThan(1));
  });

  it('other 3-degree zones are read from the prefix (zone 39, CM 117°E)', () => {
    const hefei = [117.27, 31.86];
    const report = ok(importFile('hefei.geojson', pointsGeoJson([proj4('WGS84', gaussKrugerProj(117, 39_500_000), hefei)])));
    expect(report.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 39 });
    expect(metres(coordinatesOf(report)[0] ?? [], hefei)).toBeLessThan(1);
  });

  it('surveyor order (X = northing first) is detected and swapped', () => {
    const rows = SEATS.map((seat) => proj4('WGS84', ZONE_38, seat)).map(([e, n], i) => `${i + 1},${n},${e}`);
    const report = ok(importFile('survey.csv', utf8(`编号,X坐标,Y坐标\n${rows.join('\n')}\n`)));
    expect(report.crs).toMatchObject({ detected: 'cgcs2000-gk3', axisSwapped: true });
    expect(report.crs.note.en).toContain('northing first');
    coordinatesOf(report).forEach((position, index) => expect(metres(position, SEATS[index] ?? [])).toBeLessThan(1));
  });

  it('declared cgcs2000-gk3-38 accepts both prefixed and bare eastings', () => {
    const withPrefix = proj4('WGS84', ZONE_38, ZHUMADIAN);
    const bare = proj4('WGS84', CM_114, BIYANG);
    const report = ok(importFile('mixed.geojson', pointsGeoJson([withPrefix]), { sourceCrs: 'cgcs2000-gk3-38' }));
    expect(metres(coordinatesOf(report)[0] ?? [], ZHUMADIAN)).toBeLessThan(1);
    const bareReport = ok(importFile('bare.geojson', pointsGeoJson([bare]), { sourceCrs: 'cgcs2000-gk3-38' }));
    expect(metres(coordinatesOf(bareReport)[0] ?? [], BIYANG)).toBeLessThan(1);
  });

  it('declared cgcs2000-gk3-38 refuses lon/lat values', () => {
    const report = importFile('seats.geojson', pointsGeoJson(SEATS), { sourceCrs: 'cgcs2000-gk3-38' });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.error.code).toBe('unknown-crs');
  });

  it('latitude-first lon/lat ([32.9, 114.0]) is reported and swapped', () => {
    const report = ok(importFile('latlon.geojson', pointsGeoJson(SEATS.map(([lon, lat]) => [lat ?? 0, lon ?? 0]))));
    expect(report.crs).toMatchObject({ detected: 'wgs84', axisSwapped: true, converted: true });
    expect(report.crs.note.zh).toContain('纬度, 经度');
    expect(coordinatesOf(report)).toEqual(SEATS);
  });

  it('declared GCJ-02 returns WGS84 within 1 m of the true position and of gcoord’s own inverse', () => {
    const gcj = SEATS.map((seat) => gcoord.transform(seat as [number, number], gcoord.WGS84, gcoord.GCJ02));
    // GCJ-02 offsets are hundreds of metres: undeclared, it would be taken as WGS84 unchanged.
    expect(metres(gcj[0] ?? [], ZHUMADIAN)).toBeGreaterThan(100);
    const report = ok(importFile('amap.geojson', pointsGeoJson(gcj), { sourceCrs: 'gcj02' }));
    expect(report.crs).toMatchObject({ detected: 'gcj02', converted: true });
    coordinatesOf(report).forEach((position, index) => {
      expect(metres(position, SEATS[index] ?? [])).toBeLessThan(1);
      expect(metres(position, gcoord.transform(gcj[index] as [number, number], gcoord.GCJ02, gcoord.WGS84))).toBeLessThan(0.01);
    });
  });

  it('Web Mercator metres within China are converted with proj4 EPSG:3857 and said so', () => {
    const mercator = SEATS.map((seat) => proj4('EPSG:4326', 'EPSG:3857', seat));
    const report = ok(importFile('webmap.geojson', pointsGeoJson(mercator)));
    expect(report.crs).toMatchObject({ detected: 'web-mercator', converted: true });
    expect(report.crs.note.en).toContain('EPSG:3857');
    coordinatesOf(report).forEach((position, index) => expect(metres(position, SEATS[index] ?? [])).toBeLessThan(1));
  });

  it('metres that fit nothing (Web Mercator outside China, huge values) are refused with the ranges found', () => {
    const paris = proj4('EPSG:4326', 'EPSG:3857', [2.35, 48.85]);
    for (const positions of [[paris], [[1e9, 3.8e6]]]) {
      const report = importFile('odd.geojson', pointsGeoJson(positions));
      expect(report.ok).toBe(false);
      if (!report.ok) {
        expect(report.error.code).toBe('unknown-crs');
        expect(report.error.message.en).toContain('WGS84 longitude/latitude');
        expect(report.error.message.zh).toContain('无法识别坐标系');
      }
    }
  });

  it('a feature that does not fit the file’s CRS is rejected alone, the rest converted', () => {
    const projected = SEATS.map((seat) => proj4('WGS84', ZONE_38, seat));
    const report = ok(importFile('typo.geojson', pointsGeoJson([...projected, [114.0, 32.9]])));
    expect(report.crs.detected).toBe('cgcs2000-gk3');
    expect(report.accepted).toBe(3);
    expect(report.rejected).toEqual([{ row: 4, reason: { zh: expect.stringContaining('超出范围'), en: expect.stringContaining('out of range') } }]);
  });

  it('converts every position of lines and polygons, keeping z', () => {
    const [a, b, c] = SEATS.map((seat) => proj4('WGS84', ZONE_38, seat));
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[...(a ?? []), 80], [...(b ?? []), 90]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[a, b, c, a]] } },
      ],
    });
    const report = ok(importFile('shapes.geojson', utf8(text)));
    const [line, polygon] = report.layer.features.map((feature) => feature.geometry);
    expect(line?.type === 'LineString' && line.coordinates[1]?.[2]).toBe(90);
    if (polygon?.type !== 'Polygon') throw new Error('expected a polygon');
    expect(metres(polygon.coordinates[0]?.[2] ?? [], XINCAI)).toBeLessThan(1);
  });
});
