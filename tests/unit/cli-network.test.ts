// `npm run analyze -- <circles|coverage|catchment> --network <roads>` run as a
// user would: a child process on the golden fixture's river town (a street
// grid cut by a river with one bridge, an expressway, a lane that joins
// nothing), its JSON keys against the straight-line commands', and its
// one-line errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeJson, expectCleanError, ROOT, TIMEOUT } from './analyzeCli';

const IN = join(ROOT, 'tests/fixtures/analysis/network-river-one-bridge-walk15/in');
const ROADS = join(IN, 'roads.geojson');
const FACILITIES = join(IN, 'facilities.geojson');
const TARGETS = join(IN, 'targets.geojson');

const dir = mkdtempSync(join(tmpdir(), 'zmd-cli-network-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe.concurrent('analyze --network', { timeout: TIMEOUT }, () => {
  it('coverage: the straight-line keys plus network; across the river only the north bank’s clinic covers', async () => {
    const [straight, network] = await Promise.all([
      analyzeJson('coverage', '--facilities', FACILITIES, '--targets', TARGETS, '--weight', 'weight'),
      analyzeJson('coverage', '--network', ROADS, '--facilities', FACILITIES, '--targets', TARGETS, '--weight', 'weight'),
    ]);
    expect(straight.network).toBeUndefined();
    expect(Object.keys(network).sort()).toEqual([...Object.keys(straight), 'network', 'warnings'].sort());
    expect(Object.keys(network.targets).sort()).toEqual(Object.keys(straight.targets).sort());
    // 11 × 11 junctions, the expressway's two ends, the lane's two ends; three pieces (grid, expressway, lane).
    expect(network.network).toMatchObject({ nodes: 11 * 11 + 2 + 2, components: 3, unreachableTargets: 2 });
    const reach = Object.fromEntries(network.uncovered.map((entry: { targetId: string; reach: string }) => [entry.targetId, entry.reach]));
    expect(reach).toEqual({ 'north-east': 'too-far', village: 'no-path', 'far-away': 'no-road' });
    expect(network.network.unknownClasses).toEqual([{ value: '景观路', edges: 10 }]);
    expect(network.warnings.some((warning: { en: string }) => /unknown values/.test(warning.en))).toBe(true);
    // A road path is never shorter than the straight line, and walk speed is the same: the network covers no more.
    expect(network.targets.covered).toBeLessThanOrEqual(straight.targets.covered);
    expect(network.inputs.network).toMatchObject({ lines: 36 });
  });

  it('circles: the isochrone areas, 5/10/15-minute bands, and --out as GeoJSON ogrinfo reads', async () => {
    const out = join(dir, 'bands.geojson');
    const result = await analyzeJson('circles', '--network', ROADS, '--facilities', FACILITIES, '--out', out);
    expect(result.radiusMeters).toBeNull();
    expect(result.bands.map((band: { minutes: number }) => band.minutes)).toEqual([15, 10, 5]);
    const [b15, b10, b5] = result.bands.map((band: { areaKm2: number }) => band.areaKm2);
    expect(b15).toBeGreaterThan(b10);
    expect(b10).toBeGreaterThan(b5);
    expect(result.areas[0].coveredKm2).toBeGreaterThan(0);
    // Two facilities 1 km walks apart on a grid: less than two full 1 km discs.
    expect(result.areas[0].coveredKm2).toBeLessThan(2 * Math.PI);
    const info = execFileSync('ogrinfo', ['-ro', '-al', '-so', out], { encoding: 'utf8' });
    expect(info).toMatch(/Feature Count: 3/); // the 3 bands (circles reads no targets)
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.features.filter((feature: { properties: { part: string } }) => feature.properties.part === 'band')).toHaveLength(3);
  });

  it('catchment: the nearest facility by network time, the same keys as straight-line catchment', async () => {
    const [straight, network] = await Promise.all([
      analyzeJson('catchment', '--facilities', FACILITIES, '--targets', TARGETS),
      analyzeJson('catchment', '--network', ROADS, '--facilities', FACILITIES, '--targets', TARGETS),
    ]);
    expect(Object.keys(network).sort()).toEqual([...Object.keys(straight), 'network', 'warnings'].sort());
    expect(network.metric).toBe('time');
    expect(network.targets).toEqual({ total: 5, unassigned: 2 });
    const byId = Object.fromEntries(network.perFacility.map((row: { facilityId: string; targets: number }) => [row.facilityId, row.targets]));
    // The target across the river from the school is nearer the north bank's clinic by road.
    expect(byId).toEqual({ 'school-south': 1, 'clinic-north': 2 });
  });

  it('drive mode reads the class field the planner names, and joins crossings when asked', async () => {
    const walk = await analyzeJson('circles', '--network', ROADS, '--facilities', FACILITIES, '--mode', 'walk');
    const crossings = await analyzeJson('circles', '--network', ROADS, '--facilities', FACILITIES, '--mode', 'drive', '--class-field', '等级', '--connect-crossings');
    expect(walk.network.joinedCrossings).toBe(0);
    // Over the river the expressway crosses only the bridge, without a shared vertex.
    expect(crossings.network.joinedCrossings).toBe(1);
    expect(crossings.network.components).toBe(2);
    expect(crossings.areas[0].coveredKm2).toBeGreaterThan(walk.areas[0].coveredKm2);
  });

  it('refuses a road file without lines, in English and Chinese', async () => {
    const points = file('points.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114.02, 32.98] } }] }));
    expectCleanError(await analyze('coverage', '--network', points, '--facilities', FACILITIES, '--targets', TARGETS), 1, /no line features.*没有线要素/);
  });

  it('refuses roads far from every facility, saying how far', async () => {
    const far = file('far.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[113.0, 34.0], [113.01, 34.0]] } }] }));
    expectCleanError(await analyze('circles', '--network', far, '--facilities', FACILITIES), 1, /about \d+\.\d km away.*公里外/);
  });

  it('refuses a class field the road file does not have', async () => {
    expectCleanError(await analyze('circles', '--network', ROADS, '--facilities', FACILITIES, '--class-field', 'grade'), 1, /no field "grade".*没有字段/);
  });

  it('refuses network flags without --network, and a bad --access', async () => {
    const runs = await Promise.all([
      analyze('circles', '--facilities', FACILITIES, '--class-field', '等级'),
      analyze('circles', '--network', ROADS, '--facilities', FACILITIES, '--access', '-5'),
      analyze('targets', '--speed-field', 'speed'),
    ]);
    expectCleanError(runs[0]!, 2, /--class-field needs --network/);
    expectCleanError(runs[1]!, 2, /--access must be a number/);
    expectCleanError(runs[2]!, 2, /--speed-field needs --network/);
  });

  it('targets: the half-hour circle by drive time on the roads given, the straight-line estimate without them', async () => {
    // A straight 60 km/h road from the central city to each located cluster: the minutes are the kilometres.
    const urban = JSON.parse(readFileSync(join(ROOT, 'data/layers/urban-system.geojson'), 'utf8')) as {
      features: { properties: { kind: string; name: string; accuracy: string }; geometry: { type: string; coordinates: [number, number] } | null }[];
    };
    const centre = urban.features.find((f) => f.properties.kind === 'centre' && f.geometry?.type === 'Point')!.geometry!.coordinates;
    const clusters = urban.features.filter((f) => f.properties.kind === 'cluster' && f.geometry?.type === 'Point');
    const spokes = file(
      'spokes.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: clusters.map((cluster) => ({ type: 'Feature', properties: { speed: 60 }, geometry: { type: 'LineString', coordinates: [centre, cluster.geometry!.coordinates] } })),
      }),
    );
    const [straight, network] = await Promise.all([analyzeJson('targets'), analyzeJson('targets', '--network', spokes, '--speed-field', 'speed')]);
    type Result = { id: string; explanation: { en: string }; details: { label: { zh: string }; value: number | null }[] };
    const halfHour = (summary: Record<string, unknown>) => (summary.results as Result[]).find((result) => result.id === 't_half_hour_cluster')!;
    expect(halfHour(straight).explanation.en).toContain('straight-line');
    expect(halfHour(network).explanation.en).toContain('Network drive time');
    expect(network.network).toEqual({ file: spokes, lines: clusters.length });
    for (const cluster of clusters) {
      const [lng0, lat0] = centre;
      const [lng1, lat1] = cluster.geometry!.coordinates;
      const km = Math.hypot((lng1 - lng0) * 111.32 * Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180), (lat1 - lat0) * 110.57);
      const minutes = halfHour(network).details.find((detail) => detail.label.zh.startsWith(cluster.properties.name))!.value!;
      expect(Math.abs(minutes - km) / km).toBeLessThan(0.01);
    }
  });

  it('targets --communities --services: the 15-minute life circle covers what coverage covers, straight-line and along the roads', async () => {
    // The fixture's five 小区 as communities and its school and clinic as service points: at walk 15 min the
    // target's covered communities must be the coverage command's covered targets, with and without the roads.
    const lifeCircleArgs = ['--communities', TARGETS, '--services', FACILITIES];
    const [straight, along, straightCoverage, alongCoverage] = await Promise.all([
      analyzeJson('targets', ...lifeCircleArgs),
      analyzeJson('targets', ...lifeCircleArgs, '--network', ROADS),
      analyzeJson('coverage', '--facilities', FACILITIES, '--targets', TARGETS),
      analyzeJson('coverage', '--facilities', FACILITIES, '--targets', TARGETS, '--network', ROADS),
    ]);
    type Result = { id: string; verdict: string; explanation: { zh: string }; details: { label: { zh: string }; value: number | string | null }[] };
    const lifeCircle = (summary: Record<string, unknown>) => (summary.results as Result[]).find((result) => result.id === 't_15min_life_circle')!;
    const names = new Map(
      (JSON.parse(readFileSync(TARGETS, 'utf8')) as { features: { properties: { id: string; name: string } }[] }).features.map((f) => [f.properties.id, f.properties.name]),
    );
    for (const [summary, coverage] of [
      [straight, straightCoverage],
      [along, alongCoverage],
    ] as const) {
      const result = lifeCircle(summary);
      expect(result.verdict).toBe(coverage.targets.covered === coverage.targets.total ? 'pass' : 'fail');
      expect(result.details[0]!.value).toBe(coverage.targets.covered);
      const listed = result.details.slice(2).map((detail) => detail.label.zh.replace('（附近无可达道路）', ''));
      expect(listed.sort()).toEqual(coverage.uncovered.map((entry: { targetId: string }) => names.get(entry.targetId)).sort());
    }
    expect(lifeCircle(straight).explanation.zh).toContain('直线半径 1000 米');
    expect(lifeCircle(along).explanation.zh).toContain('沿所选道路图层步行');
    expect(straight.lifeCircle).toMatchObject({ communities: { source: TARGETS, count: 5 }, services: { source: FACILITIES, count: 2 } });
    // Without the files the target stays not-evaluable and says what to bring.
    expect(lifeCircle(await analyzeJson('targets')).verdict).toBe('not-evaluable');
  });

  it('refuses --communities without --services, and on other commands', async () => {
    const runs = await Promise.all([analyze('targets', '--communities', TARGETS), analyze('coverage', '--facilities', FACILITIES, '--targets', TARGETS, '--communities', TARGETS, '--services', FACILITIES)]);
    expectCleanError(runs[0]!, 2, /--communities needs --services/);
    expectCleanError(runs[1]!, 2, /--communities and --services are for the targets command/);
  });
});
