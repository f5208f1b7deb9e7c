import { describe, expect, it } from 'vitest';
import { findFeature, moveFeature } from '../../../src/domain/edits';
import { applyPatch } from '../../../src/domain/patch';
import { BASELINE_SCENARIO_ID } from '../../../src/domain/scenario';
import { createScenario, startingScenarios } from '../../../src/domain/scenarios';
import { NOW, realBaseline } from './helpers';

const variants = (scenario: { layers: { id: string; features: { properties: Record<string, unknown> }[] }[] }) =>
  [...new Set(scenario.layers.find((l) => l.id === 'business-districts')!.features.map((f) => f.properties.variant))].sort();

describe('scenarios', () => {
  it('the baseline holds every shipped layer, read-only', () => {
    const baseline = realBaseline();
    expect(baseline.id).toBe(BASELINE_SCENARIO_ID);
    expect(baseline.layers.map((l) => [l.id, l.features.length])).toEqual([
      ['urban-system', 14],
      ['logistics-hubs', 23],
      ['business-districts', 14],
      ['industrial-parks', 51],
      ['towns', 40],
    ]);
  });

  it('createScenario deep-copies: editing the copy never touches the source', () => {
    const baseline = realBaseline();
    const frozen = structuredClone(baseline);
    const copy = createScenario(baseline, '复制', 'copy', NOW);
    expect(copy).toMatchObject({ id: 'copy', name: '复制', createdAt: NOW, updatedAt: NOW, parentId: BASELINE_SCENARIO_ID });
    expect(copy.layers).toEqual(baseline.layers);
    expect(copy.layers[0]!.features[0]).not.toBe(baseline.layers[0]!.features[0]);
    const edited = applyPatch(copy, moveFeature(copy, 'urban-system', 'us-centre', { type: 'Point', coordinates: [114, 33] }).patch).scenario;
    (findFeature(edited, 'urban-system', 'us-centre').properties as Record<string, unknown>).note = 'mutated by a careless caller';
    expect(baseline).toEqual(frozen);
    expect(() => createScenario(baseline, 'x', BASELINE_SCENARIO_ID, NOW)).toThrow(/reserved/);
  });

  it('the starting scenarios keep variant A + C and B + C; all other layers equal the baseline', () => {
    const baseline = realBaseline();
    const [a, b] = startingScenarios(baseline, NOW);
    expect([a.id, a.name]).toEqual(['scenario-variant-a', '方案A：服务业规划的五大商圈']);
    expect([b.id, b.name]).toEqual(['scenario-variant-b', '方案B：城镇化规划的五大商圈']);
    expect(variants(a)).toEqual(['A', 'C']);
    expect(variants(b)).toEqual(['B', 'C']);
    for (const scenario of [a, b]) {
      expect(scenario.parentId).toBe(BASELINE_SCENARIO_ID);
      expect(scenario.layers.map((l) => l.id)).toEqual(baseline.layers.map((l) => l.id));
      for (const layer of scenario.layers.filter((l) => l.id !== 'business-districts'))
        expect(layer).toEqual(baseline.layers.find((l) => l.id === layer.id));
    }
  });
});
