// The `npm run analyze` command line, run as a user would: a child process,
// its exit code, its stdout JSON and its one-line stderr.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeJson, expectCleanError, ROOT, TIMEOUT } from './analyzeCli';
import { coverage, facilitiesFromLayer, studyAreaFrom } from '../../src/analysis/index';
import type { LayerId } from '../../src/domain/plan';
import { gaussKrugerProj } from '../../src/io/import/crs';
import { parseContext, parseCounties, parsePlanLayer } from '../../src/io/planData';
import { parseCsvPoints, toTargets } from '../../src/io/points';


const dir = mkdtempSync(join(tmpdir(), 'zmd-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe.concurrent('analyze: bad command lines and inputs', { timeout: TIMEOUT }, () => {
  it('prints usage with --help', async () => {
    const run = await analyze('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/usage: npm run analyze -- <circles\|catchment\|coverage\|targets>/);
  });

  it.each([
    [[], /missing command/],
    [['isochrones', '--facilities', 'layer:towns'], /unknown command "isochrones": use one of circles, catchment, coverage, targets/],
    [['circles', '--facilities', 'layer:towns', '--speeed', '5'], /unknown option --speeed/],
    [['circles', '--facilities', 'layer:towns', '--minutes', 'abc'], /--minutes must be a number > 0, got "abc"/],
    [['circles', '--facilities', 'layer:towns', '--minutes', '-5'], /--minutes must be a number > 0/],
    [['circles', '--facilities', 'layer:towns', '--detour', '0.5'], /--detour must be a number ≥ 1/],
    [['circles', '--facilities', 'layer:towns', '--mode', 'fly'], /--mode must be one of walk, bike, drive/],
    [['circles'], /--facilities is required/],
    [['coverage', '--facilities', 'layer:towns'], /coverage needs --targets/],
    [['circles', '--facilities', 'layer:roads'], /unknown layer "roads": use one of logistics-hubs/],
    [['circles', '--facilities', 'layer:business-districts:mall'], /no kind "mall": its kinds are business_district, commercial_complex_area/],
    [['coverage', '--facilities', 'layer:towns', '--targets', 'layer:industrial-parks'], /only layer:towns and layer:townships/],
    [['coverage', '--facilities', 'layer:towns', '--targets', 'layer:towns', '--weight', 'pop'], /--weight needs a --targets file/],
    [['targets', '--out', 'x.geojson'], /--out is not available for targets/],
  ])('exits 2 on %j', async (args, message) => {
    expectCleanError(await analyze(...args), 2, message);
  });

  it('exits 1 on a missing file', async () => {
    expectCleanError(await analyze('circles', '--facilities', join(dir, 'nope.geojson')), 1, /cannot read facilities file .*nope\.geojson: no such file/);
  });

  it('exits 1 on malformed JSON', async () => {
    const path = file('broken.geojson', '{"type":"FeatureCollection","features":[');
    expectCleanError(await analyze('circles', '--facilities', path), 1, /broken\.geojson: not valid JSON/);
  });

  it('exits 1 on a CSV without coordinate columns, naming the accepted ones', async () => {
    const path = file('nocoords.csv', '名称,地址\n甲,驿城区\n');
    expectCleanError(await analyze('circles', '--facilities', path), 1, /no coordinate columns found .*lng\/lon\/long\/longitude\/x\/经度/);
  });

  it('exits 1 on empty facilities', async () => {
    const path = file('empty.csv', 'name,lng,lat\n');
    expectCleanError(await analyze('circles', '--facilities', path), 1, /empty\.csv: nothing to import/);
  });

  it('reads projected coordinates as the app does; exits 1 on coordinates in no known system', async () => {
    const projected = file('projected.csv', 'name,x,y\nA,38512345,3651234\n');
    const summary = await analyzeJson('circles', '--facilities', projected);
    expect(summary.facilities).toBe(1);
    expect(summary.inputs.facilities.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 38, converted: true });
    const unknown = file('unknown-crs.csv', 'name,x,y\nA,99999999,99999999\n');
    expectCleanError(await analyze('circles', '--facilities', unknown), 1, /unknown-crs\.csv: cannot tell the coordinate system/);
  });

  it('exits 1 on an unknown weight property, naming the numeric ones', async () => {
    const path = file('weighted.csv', 'name,lng,lat,pop\nA,114.03,32.98,10\n');
    const run = await analyze('coverage', '--facilities', 'layer:business-districts', '--targets', path, '--weight', 'population');
    expectCleanError(run, 1, /no property "population" \(numeric properties available: pop\)/);
  });
});

const data = (...parts: string[]) => readFileSync(join(ROOT, 'data', ...parts), 'utf8');
const studyArea = () => studyAreaFrom(parseCounties(data('base', 'counties.geojson')), parseContext(data('base', 'context.geojson')));
const layer = (id: LayerId) => parsePlanLayer(data('layers', `${id}.geojson`), id);

/** GBK bytes for the test's CSV: every two-byte GBK code, decoded once. */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  return new Uint8Array([...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? []))));
}

/** Ten communities around the central city (one with a broken longitude), populations as weights. */
const COMMUNITIES = [
  ['名称', '经度', '纬度', '人口'],
  ['驿城一', '114.0294', '32.9794', '5000'],
  ['驿城二', '114.0350', '32.9850', '3000'],
  ['驿城三', '114.0600', '33.0100', '2500'],
  ['遂平', '114.0130', '33.1460', '8000'],
  ['西平', '114.0160', '33.3860', '7000'],
  ['上蔡', '114.2640', '33.2620', '6000'],
  ['汝南', '114.3620', '33.0070', '6500'],
  ['确山', '114.0260', '32.8020', '4000'],
  ['泌阳', '113.3270', '32.7240', '5500'],
  ['坏行', '东经114', '32.9', '100'],
];

describe.concurrent('analyze: results', { timeout: TIMEOUT }, () => {
  it('circles of layer:business-districts, walk 15 min: 1,000 m over the 驻马店 outline and its counties', async () => {
    const summary = await analyzeJson('circles', '--facilities', 'layer:business-districts', '--mode', 'walk', '--minutes', '15');
    expect(summary.command).toBe('circles');
    expect(summary.radiusMeters).toBeCloseTo(1000, 6);
    expect(summary.method.en).toMatch(/straight-line/);
    expect(summary.facilities).toBe(12);
    expect(summary.inputs.facilities).toMatchObject({ source: 'layer:business-districts', count: 12, unlocated: 2 });
    expect(summary.travel).toMatchObject({ mode: 'walk', minutes: 15, detourFactor: 1.3 });
    const [city, ...counties] = summary.areas;
    expect(city).toMatchObject({ adcode: null, name_zh: '驻马店' });
    expect(city.areaKm2).toBeGreaterThan(15_000);
    expect(city.areaKm2).toBeLessThan(15_250);
    expect(counties).toHaveLength(10);
    for (const area of summary.areas) {
      expect(area.share).toBeGreaterThan(0 - 1e-12);
      expect(area.share).toBeLessThanOrEqual(1);
    }
    // Twelve 1 km circles, most of them stacked on the central city: between one circle and twelve.
    expect(city.coveredKm2).toBeGreaterThan(Math.PI * 0.99);
    expect(city.coveredKm2).toBeLessThan(12 * Math.PI);
  });

  it('filters a layer by kind and scales the radius with mode, minutes and speed', async () => {
    const kind = 'commercial_complex_area';
    const located = layer('business-districts').features.filter((f) => f.properties.kind === kind && f.geometry !== null).length;
    const bike = await analyzeJson('circles', '--facilities', `layer:business-districts:${kind}`, '--mode', 'bike', '--minutes', '10');
    expect(bike.facilities).toBe(located);
    expect(bike.radiusMeters).toBeCloseTo(2500, 6);
    const slow = await analyzeJson('circles', '--facilities', 'layer:business-districts', '--speed', '50', '--minutes', '12');
    expect(slow.radiusMeters).toBeCloseTo(600, 6);
  });

  it('coverage of a GBK CSV weighted by 人口 matches a direct call of the engine', async () => {
    const text = COMMUNITIES.map((row) => row.join(',')).join('\r\n');
    const path = file('communities-gbk.csv', encodeGbk(text));
    const run = await analyze('coverage', '--facilities', 'layer:urban-system', '--targets', path, '--weight', '人口');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .*communities-gbk\.csv: 1 skipped \(row 11: longitude\/x "东经114" is not a number\)/);
    const summary = JSON.parse(run.stdout);

    const parsed = parseCsvPoints(text);
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const targets = toTargets(parsed.points, '人口');
    if (!targets.ok) throw new Error(targets.error.message.en);
    const direct = coverage(facilitiesFromLayer(layer('urban-system')), targets.targets, {}, studyArea());

    expect(summary.targets).toEqual(direct.targets);
    expect(summary.targets.total).toBe(9);
    expect(summary.targets.weightTotal).toBe(47_500);
    expect(summary.targets).toMatchObject({ covered: 6, weightCovered: 31_000 });
    expect(summary.uncovered.map((u: { name: string }) => u.name)).toEqual(direct.uncovered.map((u) => u.name));
    expect(summary.areas).toEqual(JSON.parse(JSON.stringify(direct.areas)));
    expect(summary.inputs.targets).toMatchObject({ count: 9, weight: '人口' });
    expect(summary.inputs.targets.skipped).toHaveLength(1);
  });

  it('coverage of targets in CGCS2000 Gauss–Krüger metres (zone 38, with prefix) equals the same targets in lon/lat', async () => {
    const toGk = proj4('WGS84', gaussKrugerProj(114, 38_500_000));
    const rows = COMMUNITIES.slice(1, 10).map(([name, lon, lat, population]) => {
      const [x, y] = toGk.forward([Number(lon), Number(lat)]);
      return [name, x.toFixed(3), y.toFixed(3), population].join(',');
    });
    const gk = file('communities-gk.csv', ['名称,X坐标,Y坐标,人口', ...rows].join('\n'));
    const lonLat = file('communities-lonlat.csv', COMMUNITIES.slice(0, 10).map((row) => row.join(',')).join('\n'));
    const run = (targets: string) => analyzeJson('coverage', '--facilities', 'layer:business-districts', '--targets', targets, '--weight', '人口');
    const [fromGk, fromLonLat] = await Promise.all([run(gk), run(lonLat)]);
    expect(fromGk.inputs.targets.crs).toMatchObject({ detected: 'cgcs2000-gk3', zone: 38, converted: true });
    expect(fromLonLat.inputs.targets.crs).toMatchObject({ detected: 'wgs84', converted: false });
    expect(fromGk.targets.total).toBe(9);
    expect(fromGk.targets).toEqual(fromLonLat.targets);
    expect(fromGk.uncovered.map((u: { name: string }) => u.name)).toEqual(fromLonLat.uncovered.map((u: { name: string }) => u.name));
  });

  it('writes the full coverage result with --out', async () => {
    const targets = file('communities.csv', COMMUNITIES.slice(0, 10).map((row) => row.join(',')).join('\n'));
    const out = join(dir, 'coverage.geojson');
    const summary = await analyzeJson('coverage', '--facilities', 'layer:business-districts', '--targets', targets, '--out', out);
    const geojson = JSON.parse(readFileSync(out, 'utf8'));
    expect(geojson.type).toBe('FeatureCollection');
    const parts = geojson.features.map((f: { properties: { part: string } }) => f.properties.part);
    expect(parts.filter((p: string) => p === 'dissolved')).toHaveLength(1);
    const points = geojson.features.filter((f: { properties: { part: string } }) => f.properties.part === 'target');
    expect(points).toHaveLength(9);
    expect(points.filter((f: { properties: { covered: boolean } }) => f.properties.covered)).toHaveLength(summary.targets.covered);
  });

  it('catchment with the Huff model assigns every township and shares sum to 1', async () => {
    const out = join(dir, 'catchment.geojson');
    const summary = await analyzeJson('catchment', '--facilities', 'layer:urban-system:centre,cluster', '--targets', 'layer:townships', '--huff-exponent', '2', '--metric', 'time', '--out', out);
    expect(summary.command).toBe('catchment');
    expect(summary.huffExponent).toBe(2);
    expect(summary.metric).toBe('time');
    expect(summary.targets.unassigned).toBe(0);
    const perFacility = summary.perFacility as { targets: number; huffShare: number; areaKm2: number; name: string }[];
    expect(perFacility.reduce((sum, f) => sum + f.targets, 0)).toBe(summary.targets.total);
    expect(perFacility.reduce((sum, f) => sum + f.huffShare, 0)).toBeCloseTo(1, 6);
    expect(perFacility.reduce((sum, f) => sum + f.areaKm2, 0)).toBeGreaterThan(14_000);
    expect(perFacility.map((f) => f.name)).toContain('中心城区');
    const cells = JSON.parse(readFileSync(out, 'utf8')).features.filter((f: { properties: { part: string } }) => f.properties.part === 'cell');
    expect(cells).toHaveLength(perFacility.length);
    expect(cells[0].properties).toHaveProperty('facilityId');
  });

  it('targets: a verdict per evaluated plan target', async () => {
    const summary = await analyzeJson('targets');
    const results = summary.results as { id: string; verdict: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.id)).toContain('t_one_county_one_zone');
    for (const result of results) expect(['pass', 'partial', 'fail', 'not-evaluable']).toContain(result.verdict);
    const { pass, partial, fail, 'not-evaluable': notEvaluable } = summary.counts;
    expect(pass + partial + fail + notEvaluable).toBe(results.length);
  });

  it('reports areas against a --boundary file', async () => {
    const square = { type: 'Polygon', coordinates: [[[113.9, 32.9], [114.1, 32.9], [114.1, 33.1], [113.9, 33.1], [113.9, 32.9]]] };
    const boundary = file('boundary.geojson', JSON.stringify({ type: 'Feature', properties: { name: '中心城区方框', adcode: 'box' }, geometry: square }));
    const summary = await analyzeJson('circles', '--facilities', 'layer:business-districts', '--boundary', boundary);
    expect(summary.inputs.boundary).toBe(boundary);
    expect(summary.areas.map((a: { adcode: string | null; name_zh: string }) => [a.adcode, a.name_zh])).toEqual([
      [null, '全市'],
      ['box', '中心城区方框'],
    ]);
    expect(summary.areas[0].areaKm2).toBeGreaterThan(400);
    expect(summary.areas[0].areaKm2).toBeLessThan(500);
  });
});

// Its own suite, after the concurrent ones: its four child processes do not crowd theirs on a 2-core machine.
describe('analyze: the planners\' GIS files as targets', () => {
  it('coverage targets from Excel, a zipped GBK Shapefile in CGCS2000 GK, a .shp with its parts beside it and KML match a direct call of the engine', { timeout: 300_000 }, async () => {
    const FORMATS = join(ROOT, 'tests/fixtures/formats');
    const source = JSON.parse(readFileSync(join(FORMATS, 'source/points.geojson'), 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };
    const text = ['名称,经度,纬度,床位', ...source.features.map(({ properties, geometry }) => [properties.名称, ...geometry.coordinates, properties.床位].join(','))].join('\n');
    const parsed = parseCsvPoints(text);
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const targets = toTargets(parsed.points, '床位');
    if (!targets.ok) throw new Error(targets.error.message.en);
    const direct = coverage(facilitiesFromLayer(layer('urban-system')), targets.targets, {}, studyArea());
    expect(direct.targets.total).toBe(6);
    expect(direct.targets.weightTotal).toBe(392);

    const run = (path: string) => analyzeJson('coverage', '--facilities', 'layer:urban-system', '--targets', join(FORMATS, path), '--weight', '床位');
    const [fromXlsx, fromZip, fromShp, fromKml] = await Promise.all([run('xlsx/facilities.xlsx'), run('zip/points-gbk-4547.zip'), run('shp/points-utf8-4526/points.shp'), run('kml/points-ogr.kml')]);
    for (const summary of [fromXlsx, fromZip, fromShp, fromKml]) {
      expect(summary.targets).toEqual(direct.targets);
      expect(summary.uncovered.map((each: { name: string }) => each.name)).toEqual(direct.uncovered.map((each) => each.name));
    }
    expect(fromZip.inputs.targets.crs).toMatchObject({ detected: 'declared', name: 'CGCS2000_3_Degree_GK_CM_114E', converted: true });
    expect(fromShp.inputs.targets.crs).toMatchObject({ detected: 'declared', name: 'CGCS2000_3_Degree_GK_Zone_38' });
  });
});
