import { describe, expect, it } from 'vitest';
import { addFeature, addLayer, deleteFeatures, findFeature, moveFeature, placeUnlocatedFeature, removeLayer, setProperties } from '../../../src/domain/edits';
import { commit, createHistory, undo } from '../../../src/domain/history';
import { applyPatch } from '../../../src/domain/patch';
import { readFileSync } from 'node:fs';
import { countyLookup } from '../../../src/domain/counties';
import { parseCounties } from '../../../src/io/planData';
import { layer, point, realScenario } from './helpers';

const counties = parseCounties(readFileSync('data/base/counties.geojson', 'utf8'));
const seatOf = (adcode: string) => counties.features.find((county) => county.properties.adcode === adcode)!.properties.seat;

describe('edits', () => {
  it('places an unlocated town: a Point, accuracy placed, the date; undo restores it unlocated', () => {
    const scenario = realScenario();
    const before = structuredClone(findFeature(scenario, 'towns', 'town-zhuli'));
    expect(before.geometry).toBeNull();
    const edit = placeUnlocatedFeature(scenario, 'towns', 'town-zhuli', [113.6, 32.9], '2025-03-01');
    expect(edit.label).toEqual({ zh: '放置“朱里”', en: 'Place “Zhuli”' });

    const committed = commit(createHistory(), scenario, edit);
    const placed = findFeature(committed.scenario, 'towns', 'town-zhuli');
    expect(placed.geometry).toEqual({ type: 'Point', coordinates: [113.6, 32.9] });
    expect(placed.properties).toMatchObject({ accuracy: 'placed', placed_at: '2025-03-01', quote: before.properties.quote });

    const undone = undo(committed.history, committed.scenario)!;
    const restored = findFeature(undone.scenario, 'towns', 'town-zhuli');
    expect(restored).toEqual(before);
    expect(restored.properties.accuracy).toBe('unlocated');
    expect(restored.properties).not.toHaveProperty('placed_at');
  });

  it('a moved or placed town takes the county of its new position, and says so; moving back within it keeps the note honest', () => {
    const scenario = realScenario();
    const lookup = countyLookup(counties);
    const town = findFeature(scenario, 'towns', 'town-yangce');
    expect(town.properties.county).toBe('411726');
    const moved = applyPatch(scenario, moveFeature(scenario, 'towns', 'town-yangce', { type: 'Point', coordinates: seatOf('411702') }, '2025-03-02', lookup).patch).scenario;
    const after = findFeature(moved, 'towns', 'town-yangce').properties;
    expect(after.county).toBe('411702');
    expect(after.placement).toMatch(/^规划人员在方案中调整位置（2025-03-02）；所属县区按新位置改为驿城区（原为泌阳县）；原定位：乡镇点位：GeoNames Yangce/);
    // A second move within the same county: new date, no county change, the original method kept once.
    const again = applyPatch(moved, moveFeature(moved, 'towns', 'town-yangce', { type: 'Point', coordinates: [seatOf('411702')[0] + 0.01, seatOf('411702')[1]] }, '2025-03-03', lookup).patch).scenario;
    const placement = String(findFeature(again, 'towns', 'town-yangce').properties.placement);
    expect(placement).toMatch(/^规划人员在方案中调整位置（2025-03-03）；原定位：乡镇点位：GeoNames Yangce/);
    expect(placement.match(/原定位/g)).toHaveLength(1);

    const zhuli = findFeature(scenario, 'towns', 'town-zhuli').properties.county;
    const target = counties.features.find((county) => county.properties.adcode !== zhuli)!.properties;
    const placed = applyPatch(scenario, placeUnlocatedFeature(scenario, 'towns', 'town-zhuli', target.seat, '2025-03-01', lookup).patch).scenario;
    expect(findFeature(placed, 'towns', 'town-zhuli').properties).toMatchObject({ county: target.adcode, placement: expect.stringContaining(`所属县区按新位置改为${target.name_zh}`) });
  });

  it('refuses to place a feature that already has a position', () => {
    expect(() => placeUnlocatedFeature(realScenario(), 'logistics-hubs', 'hub-biyang-cold-chain', [113, 32], '2025-03-01')).toThrow(/not unlocated/);
  });

  it('moves a feature, marking its accuracy as placed by the planner', () => {
    const scenario = realScenario();
    const edit = moveFeature(scenario, 'logistics-hubs', 'hub-biyang-cold-chain', { type: 'Point', coordinates: [113.3, 32.7] }, '2025-03-02');
    expect(edit.label).toEqual({ zh: '移动“泌阳冷链物流片区”', en: 'Move “Biyang cold-chain logistics zone”' });
    const moved = findFeature(applyPatch(scenario, edit.patch).scenario, 'logistics-hubs', 'hub-biyang-cold-chain');
    expect(moved.geometry).toEqual({ type: 'Point', coordinates: [113.3, 32.7] });
    expect(moved.properties).toMatchObject({ accuracy: 'placed', placed_at: '2025-03-02' });
    expect(() => moveFeature(scenario, 'towns', 'town-zhuli', { type: 'Point', coordinates: [113, 32] })).toThrow(/placeUnlocatedFeature/);
  });

  it('sets only the changed keys, deletes keys set to undefined, and returns null for no change', () => {
    const scenario = realScenario();
    const original = findFeature(scenario, 'logistics-hubs', 'hub-biyang-cold-chain');
    const edit = setProperties(scenario, 'logistics-hubs', 'hub-biyang-cold-chain', {
      note: '规划调整',
      kind: original.properties.kind,
      quote: undefined,
      not_there: undefined,
    })!;
    // Field titles in the label's language, never raw keys (the walkthrough found “（name）” in a Chinese undo label).
    expect(edit.label.zh).toBe('修改“泌阳冷链物流片区”的说明、规划原文');
    expect(edit.label.en).toBe('Edit “Biyang cold-chain logistics zone”: note, plan text');
    const changed = findFeature(applyPatch(scenario, edit.patch).scenario, 'logistics-hubs', 'hub-biyang-cold-chain');
    expect(changed.properties.note).toBe('规划调整');
    expect(changed.properties).not.toHaveProperty('quote');
    expect(changed.properties.source).toBe(original.properties.source);

    expect(setProperties(scenario, 'logistics-hubs', 'hub-biyang-cold-chain', { kind: original.properties.kind, more_sources: structuredClone(original.properties.more_sources) })).toBeNull();
    expect(() => setProperties(scenario, 'logistics-hubs', 'hub-biyang-cold-chain', { id: 'other' })).toThrow(/id/);
  });

  it('adds and deletes features and layers, each undoable', () => {
    const scenario = realScenario();
    const edits = [
      addFeature('towns', point('town-new', 114, 33, { name: '新镇', name_en: 'New town' })),
      deleteFeatures('towns', ['town-zhuli', 'town-laojunmiao']),
      addLayer(layer('imported-schools', [point('school-1', 114, 33)])),
      removeLayer('business-districts'),
    ];
    expect(edits.map((e) => e.label.zh)).toEqual(['添加“新镇”', '删除 2 个要素', '添加图层“imported-schools”', '删除图层 business-districts']);
    for (const edit of edits) {
      const committed = commit(createHistory(), scenario, edit);
      expect(committed.scenario).not.toEqual(scenario);
      expect(undo(committed.history, committed.scenario)!.scenario).toEqual(scenario);
    }
  });

  it('names what it cannot find', () => {
    expect(() => moveFeature(realScenario(), 'nope', 'x', { type: 'Point', coordinates: [0, 0] })).toThrow(/Unknown layer "nope"/);
    expect(() => moveFeature(realScenario(), 'towns', 'x', { type: 'Point', coordinates: [0, 0] })).toThrow(/No feature "x"/);
  });
});
