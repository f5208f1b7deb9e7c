import { describe, expect, it } from 'vitest';
import { classKeysOf, classDefinitionOf, LAYER_DEFINITIONS } from '../../src/domain/layers';
import { LAYER_IDS, type PlanFeatureProperties } from '../../src/domain/plan';
import { createViewStore, isClassShown } from '../../src/state/viewState';

const base: PlanFeatureProperties = {
  id: 'x',
  name: '某镇',
  name_en: 'X',
  layer: 'towns',
  kind: 'town',
  county: null,
  source: '001_8723eed086ececd3.txt',
  quote: '某',
  accuracy: 'unlocated',
  placement: '',
};

describe('layer definitions', () => {
  it('define every plan layer exactly once', () => {
    expect(LAYER_DEFINITIONS.map((layer) => layer.id).sort()).toEqual([...LAYER_IDS].sort());
  });

  it('classify towns by list role, 商圈 by variant, others by kind', () => {
    expect(classKeysOf({ ...base, roles: ['central_town', 'characteristic_town'] })).toEqual(['central_town', 'characteristic_town']);
    expect(classKeysOf({ ...base, layer: 'business-districts', kind: 'business_district', variant: 'B' })).toEqual(['variant-B']);
    expect(classKeysOf({ ...base, layer: 'urban-system', kind: 'growth_pole' })).toEqual(['growth_pole']);
    expect(classDefinitionOf({ ...base, layer: 'urban-system', kind: 'belt' }).symbol).toBe('line');
  });
});

describe('view state', () => {
  it('toggles a layer and a class independently', () => {
    const store = createViewStore('zh');
    store.getState().toggleLayer('towns');
    expect(isClassShown(store.getState(), 'towns', ['central_town'])).toBe(false);
    store.getState().toggleLayer('towns');
    store.getState().toggleClass('towns', 'central_town');
    expect(isClassShown(store.getState(), 'towns', ['central_town'])).toBe(false);
    // A town on both lists stays visible while one of its lists is shown.
    expect(isClassShown(store.getState(), 'towns', ['central_town', 'characteristic_town'])).toBe(true);
    expect(isClassShown(store.getState(), 'urban-system', ['centre'])).toBe(true);
  });
});
