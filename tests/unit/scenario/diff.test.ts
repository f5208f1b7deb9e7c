import { describe, expect, it } from 'vitest';
import { diffScenarios } from '../../../src/domain/diff';
import { placeUnlocatedFeature } from '../../../src/domain/edits';
import { applyPatch } from '../../../src/domain/patch';
import { startingScenarios } from '../../../src/domain/scenarios';
import { NOW, layer, point, realBaseline, realScenario, scenarioOf } from './helpers';

// Independent check value: 0.009° of latitude on a sphere of radius 6 371 008.8 m.
const METRES_PER_0_009_DEGREE = (6371008.8 * Math.PI * 0.009) / 180; // ≈ 1000.75 m

describe('diffScenarios on hand-made scenarios', () => {
  const a = scenarioOf('a', [
    layer('towns', [point('t1', 114, 33), point('t2', 114.1, 33), point('t3', 114.2, 33, { note: 'x' }), { ...point('t4', 0, 0), geometry: null }]),
    layer('only-a', [point('oa', 114, 33)]),
  ]);
  const b = scenarioOf('b', [
    layer('towns', [
      point('t1', 114, 33 + 0.009),
      point('t3', 114.2, 33, { note: 'y', extra: 1 }),
      point('t4', 113.9, 32.9),
      point('t5', 114.3, 33),
    ]),
    layer('only-b', [point('ob', 114, 33)]),
  ]);
  const diff = diffScenarios(a, b);

  it('finds added, removed, moved (with distance), placed and changed, in layer then id order', () => {
    expect(diff.added.map((f) => `${f.layer}/${f.id}`)).toEqual(['towns/t5', 'only-b/ob']);
    expect(diff.removed.map((f) => `${f.layer}/${f.id}`)).toEqual(['towns/t2', 'only-a/oa']);
    expect(diff.moved.map((f) => f.id)).toEqual(['t1']);
    expect(Math.abs(diff.moved[0]!.distanceMeters - METRES_PER_0_009_DEGREE) / METRES_PER_0_009_DEGREE).toBeLessThan(0.005);
    expect(diff.placed.map((f) => f.id)).toEqual(['t4']);
    expect(diff.changed).toEqual([
      { layer: 'towns', id: 't3', name: 't3', changes: [{ key: 'extra', a: undefined, b: 1 }, { key: 'note', a: 'x', b: 'y' }] },
    ]);
  });

  it('counts per layer and sums up', () => {
    expect(diff.layers.map(({ layer, presence, added, removed, moved, placed, changed }) => [layer, presence, added, removed, moved, placed, changed])).toEqual([
      ['towns', 'both', 1, 1, 1, 1, 1],
      ['only-a', 'only-a', 0, 1, 0, 0, 0],
      ['only-b', 'only-b', 1, 0, 0, 0, 0],
    ]);
    expect(diff.summary).toMatchObject({ added: 2, removed: 2, moved: 1, placed: 1, changed: 1, featuresDiffering: 7 });
    expect(diff.summary.text.en).toBe('7 features differ: 2 added, 2 removed, 1 moved, 1 placed, 1 properties changed');
  });

  it('says when one feature counts in several categories, so the summary adds up', () => {
    const before = scenarioOf('a', [layer('towns', [point('t1', 114, 33, { note: 'x' })])]);
    const after = scenarioOf('b', [layer('towns', [point('t1', 114, 33.009, { note: 'y' })])]);
    const { summary } = diffScenarios(before, after);
    expect(summary).toMatchObject({ moved: 1, changed: 1, featuresDiffering: 1 });
    expect(summary.text.en).toBe('1 feature differs: 1 moved, 1 properties changed (2 changes in all: one feature can count in several categories, e.g. moved and changed)');
    expect(summary.text.zh).toBe('1 个要素不同：移动 1，属性修改 1（共 2 项变化：一个要素可同时属于几类，如既移动又修改属性）');
  });

  it('measures a line by its centroid and reverses placed as unplaced', () => {
    const line = (dx: number) => ({ type: 'Feature' as const, properties: { id: 'l' }, geometry: { type: 'LineString' as const, coordinates: [[114 + dx, 33], [114.2 + dx, 33]] } });
    const moved = diffScenarios(scenarioOf('a', [layer('x', [line(0)])]), scenarioOf('b', [layer('x', [line(0.01)])])).moved[0]!;
    // 0.01° of longitude at 33° N on the same sphere.
    const expected = (6371008.8 * Math.PI * 0.01 * Math.cos((33 * Math.PI) / 180)) / 180;
    expect(Math.abs(moved.distanceMeters - expected) / expected).toBeLessThan(0.005);
    expect(diffScenarios(b, a).unplaced.map((f) => f.id)).toEqual(['t4']);
  });

  it('finds nothing between a scenario and its copy', () => {
    const scenario = realScenario();
    const same = diffScenarios(scenario, structuredClone(scenario));
    expect(same.summary).toMatchObject({ featuresDiffering: 0, text: { en: 'The scenarios are identical' } });
  });
});

describe('diffScenarios on the shipped scenarios', () => {
  it('variant A vs variant B: only business-districts differ (A ids removed, B ids added)', () => {
    const [variantA, variantB] = startingScenarios(realBaseline(), NOW);
    const diff = diffScenarios(variantA, variantB);
    expect(diff.layers.filter((l) => l.added + l.removed + l.moved + l.placed + l.changed > 0).map((l) => l.layer)).toEqual(['business-districts']);
    expect(diff.removed).toHaveLength(5);
    expect(diff.added).toHaveLength(5);
    expect(diff.removed.every((f) => f.id.startsWith('bd-a-'))).toBe(true);
    expect(diff.added.every((f) => f.id.startsWith('bd-b-'))).toBe(true);
    expect(diff.moved).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  it('a town placed in a scenario is placed (and changed), never moved', () => {
    const scenario = realScenario();
    const placed = applyPatch(scenario, placeUnlocatedFeature(scenario, 'towns', 'town-zhuli', [113.6, 32.9], '2025-03-01').patch).scenario;
    const diff = diffScenarios(scenario, placed);
    expect(diff.placed.map((f) => f.id)).toEqual(['town-zhuli']);
    expect(diff.moved).toEqual([]);
    expect(diff.changed[0]!.changes.map((c) => c.key).sort()).toEqual(['accuracy', 'placed_at', 'placement']);
  });

  // Speed itself belongs in `npm run bench` (these machines are noisy); this pins the answer at scale.
  it('diffs thousands of features', () => {
    const many = (shift: number) =>
      scenarioOf('m', [layer('points', Array.from({ length: 5000 }, (_, i) => point(`p${i}`, 113 + (i % 100) / 100 + (i % 7 === 0 ? shift : 0), 32 + i / 5000, { n: i % 11 === 0 ? shift : 0 })))]);
    const diff = diffScenarios(many(0), many(0.001));
    expect(diff.moved).toHaveLength(715);
  });
});
