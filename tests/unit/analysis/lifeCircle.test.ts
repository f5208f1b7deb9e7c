// t_15min_life_circle on the planner's own communities and service points:
// straight-line radius without a network, walking along the roads with one,
// each minute figure checked against an independent measure (haversine
// lengths at the walk speed).
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { evaluateLifeCircle, LISTED_UNCOVERED, namedPointsOf, type LifeCircleLayers, type NamedPoint } from '../../../src/analysis/lifeCircle';
import { haversineMeters } from '../../../src/analysis/geodesy';
import { evaluatePlanTargets } from '../../../src/analysis/planTargets';
import { DEFAULT_SPEEDS } from '../../../src/domain/analysisSpec';
import { layerPointsOf, pointAndAreaLayers, buildRequest } from '../../../src/state/analysisSpec';
import { DEFAULT_ANALYSIS_SPEC } from '../../../src/domain/analysisSpec';
import type { PlanDataset } from '../../../src/domain/dataset';
import { counties, loadLayers, loadPlanTargets } from '../../fixtures/analysis/realData';

const WALK = DEFAULT_SPEEDS.walk; // m/min
const ORIGIN: [number, number] = [114.0, 33.0];
/** A point `east` and `north` metres from ORIGIN (local metres per degree at 33° N). */
const at = (east: number, north: number): [number, number] => [ORIGIN[0] + east / (111_320 * Math.cos((33 * Math.PI) / 180)), ORIGIN[1] + north / 110_950];
const named = (name: string, coordinates: [number, number]): NamedPoint => ({ id: name, name, coordinates });
const layers = (communities: NamedPoint[], services: NamedPoint[]): LifeCircleLayers => ({ communityLayer: '城市社区', serviceLayer: '便民网点', communities, services });

describe('the 15-minute life circle without a network', () => {
  it('covers a community within walk speed × 15 min of a service point and lists one beyond with its minutes', () => {
    const near = named('近社区', at(900, 0));
    const far = named('远社区', at(1100, 0));
    const result = evaluateLifeCircle(layers([near, far], [named('便利店', ORIGIN)]), undefined, null);
    expect(result.verdict).toBe('fail');
    expect(result.explanation.zh).toContain('直线半径 1000 米');
    expect(result.details[0]).toMatchObject({ value: 1, pass: false });
    expect(result.details[1]).toMatchObject({ value: 50 });
    const listed = result.details.find((detail) => detail.label.zh === '远社区')!;
    expect(listed.pass).toBe(false);
    expect(listed.value as number).toBeCloseTo(haversineMeters(...far.coordinates, ...ORIGIN) / WALK, 1);
    expect(result.details.some((detail) => detail.label.zh === '近社区')).toBe(false);
  });

  it('passes when a second service point reaches the far community, and follows the walk speed', () => {
    const communities = [named('近社区', at(900, 0)), named('远社区', at(1100, 0))];
    expect(evaluateLifeCircle(layers(communities, [named('便利店', ORIGIN), named('菜市场', at(1500, 0))]), undefined, null).verdict).toBe('pass');
    // 80 m/min × 15 = 1,200 m: both within reach of the one point.
    const faster = evaluateLifeCircle(layers(communities, [named('便利店', ORIGIN)]), { speeds: { ...DEFAULT_SPEEDS, walk: 80 } }, null);
    expect(faster.verdict).toBe('pass');
    expect(faster.explanation.zh).toContain('直线半径 1200 米');
  });

  it('names the first uncovered communities and counts the rest', () => {
    const communities = Array.from({ length: LISTED_UNCOVERED + 5 }, (_, i) => named(`居委会${i + 1}`, at(5000 + i * 10, 0)));
    const result = evaluateLifeCircle(layers(communities, [named('便利店', ORIGIN)]), undefined, null);
    expect(result.details.filter((detail) => detail.label.zh.startsWith('居委会'))).toHaveLength(LISTED_UNCOVERED);
    expect(result.details.at(-1)).toMatchObject({ label: { zh: '其余未覆盖的社区' }, value: 5 });
  });

  it('without both layers, or with an empty one, it is not evaluable and says what is needed', () => {
    const none = evaluateLifeCircle(null, undefined, null);
    expect(none.verdict).toBe('not-evaluable');
    expect(none.explanation.zh).toContain('导入这两类数据');
    const empty = evaluateLifeCircle(layers([named('社区', ORIGIN)], []), undefined, null);
    expect(empty.verdict).toBe('not-evaluable');
    expect(empty.explanation.zh).toContain('服务网点图层“便民网点”中没有带位置的要素');
  });
});

describe('the 15-minute life circle along the roads', () => {
  // A river runs north–south between the service point (west bank) and the
  // community 200 m east of it; the only bridge is 1,200 m north.
  const bridgeWest = at(0, 1200);
  const bridgeEast = at(200, 1200);
  const acrossRiver = named('河对岸社区', at(200, 0));
  const sameBank = named('同岸社区', at(0, 600));
  const roads = [
    { coordinates: [ORIGIN, bridgeWest], properties: { 等级: '支路' } },
    { coordinates: [bridgeWest, bridgeEast], properties: { 等级: '支路' } },
    { coordinates: [bridgeEast, acrossRiver.coordinates], properties: { 等级: '支路' } },
  ];
  const network = { roads, options: { classField: '等级', speedField: null, accessMeters: 500 } };

  it('a community 200 m away across the river is not covered: the walk goes over the bridge', () => {
    const straight = evaluateLifeCircle(layers([acrossRiver, sameBank], [named('便利店', ORIGIN)]), undefined, null);
    expect(straight.verdict).toBe('pass');
    const along = evaluateLifeCircle(layers([acrossRiver, sameBank], [named('便利店', ORIGIN)]), undefined, network);
    expect(along.verdict).toBe('fail');
    expect(along.explanation.zh).toContain('沿所选道路图层步行');
    const walked = haversineMeters(...ORIGIN, ...bridgeWest) + haversineMeters(...bridgeWest, ...bridgeEast) + haversineMeters(...bridgeEast, ...acrossRiver.coordinates);
    const listed = along.details.find((detail) => detail.label.zh === '河对岸社区')!;
    expect(Math.abs((listed.value as number) - walked / WALK) / (walked / WALK)).toBeLessThan(0.01);
    expect(along.details[0]).toMatchObject({ value: 1 });
  });

  it('a new bridge next to the community covers it', () => {
    const bridged = { ...network, roads: [...roads, { coordinates: [ORIGIN, acrossRiver.coordinates], properties: { 等级: '支路' } }] };
    expect(evaluateLifeCircle(layers([acrossRiver, sameBank], [named('便利店', ORIGIN)]), undefined, bridged).verdict).toBe('pass');
  });

  it('a community with no road within the walk allowance is listed as such, never covered', () => {
    const remote = named('偏远社区', at(-3000, 0));
    const result = evaluateLifeCircle(layers([sameBank, remote], [named('便利店', ORIGIN)]), undefined, network);
    expect(result.verdict).toBe('fail');
    expect(result.details.find((detail) => detail.label.zh.startsWith('偏远社区'))).toMatchObject({ value: '—', pass: false, label: { zh: '偏远社区（附近无可达道路）' } });
  });
});

describe('communities from imported layers', () => {
  it('a polygon community is measured at a point inside it, even when its centroid is not', () => {
    // A C-shaped community: its centroid lies in the gap.
    const shape: Polygon = {
      type: 'Polygon',
      coordinates: [[at(0, 0), at(300, 0), at(300, 60), at(60, 60), at(60, 240), at(300, 240), at(300, 300), at(0, 300), at(0, 0)]],
    };
    const [point] = namedPointsOf([{ geometry: shape, properties: { id: 'c1', 名称: '月牙社区' } }], (properties) => String(properties.名称));
    expect(point!.name).toBe('月牙社区');
    expect(booleanPointInPolygon(point!.coordinates, shape)).toBe(true);
    // A line is neither a community nor a service point.
    expect(namedPointsOf([{ geometry: { type: 'LineString', coordinates: [at(0, 0), at(100, 0)] }, properties: {} }], () => '路')).toEqual([]);
  });

  it('the panel offers imported point and polygon layers, and the request carries both layers as points', () => {
    const planLayers = loadLayers();
    const imported = (id: string, title: string, features: PlanDataset['imported'] extends (infer L)[] | undefined ? L extends { features: infer F } ? F : never : never) => ({ id, title: { zh: title, en: title }, imported: true, features });
    const communities = imported('imported-communities', '社区范围', [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[at(0, 0), at(100, 0), at(100, 100), at(0, 0)]] }, properties: { id: 'a', 名称: '甲社区' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: at(5000, 0) }, properties: { id: 'b', 名称: '乙社区' } },
    ]);
    const services = imported('imported-services', '便民网点', [{ type: 'Feature', geometry: { type: 'Point', coordinates: ORIGIN }, properties: { id: 's', name: '便利店' } }]);
    const roads = imported('imported-roads', '道路', [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [ORIGIN, at(100, 0)] }, properties: { id: 'r' } }]);
    const dataset = { layers: planLayers, imported: [communities, services, roads] } as unknown as PlanDataset;
    expect(pointAndAreaLayers(dataset).map((layer) => [layer.id, layer.points, layer.polygons])).toEqual([
      ['imported-communities', 1, 1],
      ['imported-services', 1, 0],
    ]);
    expect(layerPointsOf(dataset, 'imported-communities').points.map((point) => point.name)).toEqual(['甲社区', '乙社区']);

    const spec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'targets' as const, communityLayer: 'imported-communities', serviceLayer: 'imported-services' };
    const request = buildRequest({ dataset, townships: [], imported: null }, spec);
    expect(request.kind).toBe('targets');
    const lifeCircle = request.kind === 'targets' ? request.lifeCircle : null;
    expect(lifeCircle).toMatchObject({ communityLayer: '社区范围', serviceLayer: '便民网点' });
    expect(lifeCircle!.communities).toHaveLength(2);

    // Through the plan-targets evaluation: 甲 is covered, 乙 (5 km away) is not.
    const results = evaluatePlanTargets(loadPlanTargets(), { layers: planLayers, counties: counties.features.map((c) => c.properties), lifeCircle });
    const result = results.find((target) => target.id === 't_15min_life_circle')!;
    expect(result.verdict).toBe('fail');
    expect(result.details[0]).toMatchObject({ value: 1 });
    expect(result.details.find((detail) => detail.label.zh === '乙社区')).toBeDefined();
    // Without the layers chosen, the request says nothing and the target stays not-evaluable.
    const plain = buildRequest({ dataset, townships: [], imported: null }, { ...DEFAULT_ANALYSIS_SPEC, kind: 'targets' });
    expect(plain.kind === 'targets' && plain.lifeCircle).toBeNull();
  });
});
