import { runAnalysis } from '../../src/analysis/engines';
import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { DEFAULT_TRAVEL, type CirclesResult, type CoverageResult, type PlanTargetResult } from '../../src/analysis/types';
import { diffScenarios } from '../../src/domain/diff';
import type { ScenarioFeature } from '../../src/domain/scenario';
import { buildDiffLayers, DIFF_LAYER_IDS, DIFF_LEGEND } from '../../src/map/diffLayers';
import { loadDeck } from '../../src/map/deckRuntime';
import { PLAN_LABEL_LAYER_ID } from '../../src/map/planLayers';
import {
  compareFigures,
  createCompareStore,
  figuresOf,
  resolveCompareIds,
} from '../../src/state/compareFigures';
import type { AnalysisResult } from '../../src/worker/protocol';
import { pointFacility, squareStudyArea } from './analysis/helpers';
import { layer, point, scenarioOf } from './scenario/helpers';

const area = (adcode: string | null, name: string, areaKm2: number, coveredKm2: number) => ({
  adcode,
  name_zh: name,
  name_en: name,
  areaKm2,
  coveredKm2,
  share: coveredKm2 / areaKm2,
});

const circles = (covered: [number, number, number]): AnalysisResult => ({
  kind: 'circles',
  circles: {
    kind: 'circles',
    radiusMeters: 1000,
    method: { zh: '', en: '' },
    perFacility: { type: 'FeatureCollection', features: [] },
    dissolved: null,
    areas: [area(null, '全市', 100, covered[0]), area('W', '西县', 50, covered[1]), area('E', '东县', 50, covered[2])],
  } satisfies CirclesResult,
});

const coverageResult = (covered: number, weightCovered: number): AnalysisResult => ({
  kind: 'coverage',
  circles: (circles([0, 0, 0]) as Extract<AnalysisResult, { kind: 'circles' }>).circles,
  coverage: {
    kind: 'coverage',
    radiusMeters: 1000,
    method: { zh: '', en: '' },
    targets: { total: 10, covered, share: covered / 10, weightTotal: 200, weightCovered, weightShare: weightCovered / 200 },
    uncovered: [],
    areas: [],
  } satisfies CoverageResult,
  targets: [],
});

// The layer builders take deck.gl from deckRuntime, which the app loads after its first map.
await loadDeck();

describe('figuresOf', () => {
  it('circles: covered km² and share for the city, then each county', () => {
    const figures = figuresOf(circles([20, 5, 15]));
    expect(figures.map((f) => [f.key, f.metric, f.value])).toEqual([
      ['area:city:coveredKm2', 'coveredKm2', 20],
      ['area:city:share', 'share', 0.2],
      ['area:W:coveredKm2', 'coveredKm2', 5],
      ['area:W:share', 'share', 0.1],
      ['area:E:coveredKm2', 'coveredKm2', 15],
      ['area:E:share', 'share', 0.3],
    ]);
    expect(figures[0]!.subject).toEqual({ zh: '全市', en: 'City' });
    expect(figures[2]!.subject).toEqual({ zh: '西县', en: '西县' });
  });

  it('coverage: targets total, covered, share and weighted share', () => {
    expect(figuresOf(coverageResult(4, 150)).map((f) => [f.key, f.value])).toEqual([
      ['targets:total', 10],
      ['targets:covered', 4],
      ['targets:share', 0.4],
      ['targets:weightShare', 0.75],
    ]);
  });

  it('catchment: targets per facility, named from the facilities', () => {
    const result: AnalysisResult = {
      kind: 'catchment',
      catchment: {
        kind: 'catchment',
        method: { zh: '', en: '' },
        assignments: [],
        perFacility: [
          { facilityId: 'f1', targets: 3, weight: 3, areaKm2: 10 },
          { facilityId: 'f2', targets: 5, weight: 5, areaKm2: 12 },
        ],
        voronoi: { type: 'FeatureCollection', features: [] },
        sharedPoints: [],
      },
      facilities: [pointFacility('f1', 114, 33), { ...pointFacility('f2', 114.1, 33), name: '商圈二' }],
      targets: [],
    };
    expect(figuresOf(result).map((f) => [f.key, f.subject.zh, f.value])).toEqual([
      ['facility:f1:targets', 'f1', 3],
      ['facility:f2:targets', '商圈二', 5],
    ]);
  });

  it('targets: one verdict per plan target', () => {
    const target = (id: string, verdict: PlanTargetResult['verdict']): PlanTargetResult => ({
      id,
      indicator_zh: `指标 ${id}`,
      indicator_en: `Indicator ${id}`,
      quote: '',
      source: '',
      verdict,
      explanation: { zh: '', en: '' },
      details: [],
    });
    const result: AnalysisResult = { kind: 'targets', targets: [target('t1', 'pass'), target('t2', 'not-evaluable')] };
    expect(figuresOf(result).map((f) => [f.key, f.metric, f.value, f.subject.en])).toEqual([
      ['target:t1', 'verdict', 'pass', 'Indicator t1'],
      ['target:t2', 'verdict', 'not-evaluable', 'Indicator t2'],
    ]);
  });
});

describe('compareFigures', () => {
  it('puts A and B side by side with B − A', () => {
    const rows = compareFigures(figuresOf(circles([20, 5, 15])), figuresOf(circles([25, 5, 20])));
    expect(rows.map((row) => [row.key, row.a, row.b, row.changed])).toEqual([
      ['area:city:coveredKm2', 20, 25, true],
      ['area:city:share', 0.2, 0.25, true],
      ['area:W:coveredKm2', 5, 5, false],
      ['area:W:share', 0.1, 0.1, false],
      ['area:E:coveredKm2', 15, 20, true],
      ['area:E:share', 0.3, 0.4, true],
    ]);
    expect(rows[0]!.delta).toBe(5);
    expect(rows[1]!.delta).toBeCloseTo(0.05, 12);
    expect(rows[2]!.delta).toBe(0);
    expect(rows[5]!.delta).toBeCloseTo(0.1, 12);
  });

  it('coverage: differences in covered targets and weighted share', () => {
    const rows = compareFigures(figuresOf(coverageResult(4, 150)), figuresOf(coverageResult(7, 100)));
    expect(Object.fromEntries(rows.map((row) => [row.key, row.delta]))).toEqual({
      'targets:total': 0,
      'targets:covered': 3,
      'targets:share': expect.closeTo(0.3, 12),
      'targets:weightShare': expect.closeTo(-0.25, 12),
    });
  });

  it('keeps figures of one side only (null on the other) and compares verdicts', () => {
    const f = (key: string, value: number | 'pass' | 'fail') => ({ key, subject: { zh: key, en: key }, metric: typeof value === 'number' ? ('facilityTargets' as const) : ('verdict' as const), value });
    const rows = compareFigures([f('facility:x:targets', 3), f('target:a', 'pass'), f('target:b', 'fail')], [f('target:a', 'fail'), f('target:b', 'fail'), f('facility:y:targets', 4)]);
    expect(rows.map((row) => [row.key, row.a, row.b, row.delta, row.changed])).toEqual([
      ['facility:x:targets', 3, null, null, true],
      ['target:a', 'pass', 'fail', null, true],
      ['target:b', 'fail', 'fail', null, false],
      ['facility:y:targets', null, 4, null, true],
    ]);
  });

  it('runs the engine the way the worker does (circles on a known square)', () => {
    const studyArea = squareStudyArea(114, 33, 114.2, 33.2);
    const params = { ...DEFAULT_TRAVEL, minutes: 15, mode: 'walk' as const };
    const one = runAnalysis({ kind: 'circles', facilities: [pointFacility('f1', 114.05, 33.1)], params }, { area: studyArea, planTargets: [] });
    const two = runAnalysis({ kind: 'circles', facilities: [pointFacility('f1', 114.05, 33.1), pointFacility('f2', 114.15, 33.1)], params }, { area: studyArea, planTargets: [] });
    const rows = compareFigures(figuresOf(one), figuresOf(two));
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    // A 1 km circle is ≈ π km² (polygonised a little smaller); the second one falls wholly in the east county.
    expect(byKey['area:city:coveredKm2']!.a).toBeGreaterThan(3.0);
    expect(byKey['area:city:coveredKm2']!.a).toBeLessThan(Math.PI + 0.01);
    expect(byKey['area:city:coveredKm2']!.delta).toBeCloseTo(byKey['area:city:coveredKm2']!.a as number, 3);
    expect(byKey['area:W:coveredKm2']!.changed).toBe(false);
    expect(byKey['area:E:coveredKm2']!.a).toBe(0);
    expect(byKey['area:E:coveredKm2']!.changed).toBe(true);
  });
});

describe('compare store', () => {
  const scenarios = { scenarios: [{ id: 's1' }, { id: 's2' }], currentId: 's2' };

  it('defaults to the baseline and the current scenario, and falls back when a scenario is gone', () => {
    const store = createCompareStore();
    expect(resolveCompareIds(store.getState(), scenarios)).toEqual({ aId: 'baseline', bId: 's2' });
    store.getState().setA('s1');
    store.getState().setB('gone');
    expect(resolveCompareIds(store.getState(), scenarios)).toEqual({ aId: 's1', bId: 's2' });
  });

  it('swaps the resolved sides', () => {
    const store = createCompareStore();
    store.getState().swap(resolveCompareIds(store.getState(), scenarios));
    expect(resolveCompareIds(store.getState(), scenarios)).toEqual({ aId: 's2', bId: 'baseline' });
  });
});

describe('buildDiffLayers', () => {
  const line = (id: string, dx: number): ScenarioFeature => ({
    type: 'Feature',
    properties: { id, name: id },
    geometry: { type: 'LineString', coordinates: [[114 + dx, 33], [114.2 + dx, 33]] },
  });
  const square = (id: string): ScenarioFeature => ({
    type: 'Feature',
    properties: { id, name: id },
    geometry: { type: 'Polygon', coordinates: [[[114, 33], [114.1, 33], [114.1, 33.1], [114, 33.1], [114, 33]]] },
  });
  const a = scenarioOf('a', [
    layer('towns', [point('kept', 114, 33), point('gone', 114.1, 33), point('moves', 114.2, 33), point('renamed', 114.3, 33), { ...point('placed', 0, 0), geometry: null }]),
    layer('roads', [line('road', 0), square('zone-gone')]),
  ]);
  const b = scenarioOf('b', [
    layer('towns', [point('kept', 114, 33), point('moves', 114.2, 33.01), point('renamed', 114.3, 33, { note: 'new' }), point('placed', 114.4, 33), point('new', 114.5, 33)]),
    layer('roads', [line('road', 0.01), line('road-new', 0.5)]),
  ]);
  const diff = diffScenarios(a, b);
  const layers = buildDiffLayers(diff, a, b);
  const byId = new Map<string, Layer>(layers.map((layer) => [layer.id, layer]));
  const count = (id: string) => (byId.get(id)!.props.data as unknown[]).length;

  it('has every layer id, in order, beneath the plan labels', () => {
    expect(layers.map((layer) => layer.id)).toEqual([...DIFF_LAYER_IDS]);
    for (const layer of layers) expect((layer.props as { beforeId?: string }).beforeId).toBe(PLAN_LABEL_LAYER_ID);
  });

  it('puts each difference in its group', () => {
    expect(count('diff-only-a-points')).toBe(1); // gone
    expect(count('diff-only-a-shapes')).toBe(1); // zone-gone
    expect(count('diff-only-b-points')).toBe(1); // new
    expect(count('diff-only-b-shapes')).toBe(1); // road-new
    // renamed (properties) and placed (position in B only); `moves` is drawn by the moved layers, not twice.
    expect(count('diff-changed-points')).toBe(2);
    // The moved road: its A and B outlines.
    expect(count('diff-changed-shapes')).toBe(2);
    // Moved: `moves` and `road`, a link each and a ring at both ends.
    expect(count('diff-moved-links')).toBe(2);
    expect(count('diff-moved-ends')).toBe(4);
  });

  it('draws nothing for identical scenarios, and the legend has the three groups', () => {
    const none = buildDiffLayers(diffScenarios(a, a), a, a);
    expect(none.map((layer) => (layer.props.data as unknown[]).length)).toEqual(DIFF_LAYER_IDS.map(() => 0));
    expect(DIFF_LEGEND.map((entry) => entry.group)).toEqual(['only-a', 'only-b', 'changed']);
    expect(DIFF_LEGEND.every((entry) => entry.label.zh && entry.label.en && entry.css.startsWith('rgb('))).toBe(true);
  });
});
