// Whole-layer edits of imported layers (rename, restyle, reorder, delete) are
// ordinary undoable edits: undo restores the exact previous state (same layer
// objects, same order), redo re-applies; the style travels in the project file.
import { describe, expect, it } from 'vitest';
import { commit, createHistory, redo, undo, type History } from '../../../src/domain/history';
import { deleteImportedLayer, moveImportedLayer, renameImportedLayer, setImportedLayerStyle } from '../../../src/domain/layerEdits';
import { DEFAULT_LAYER_STYLE, type ImportedLayerStyle } from '../../../src/domain/layerStyle';
import { parseProjectFile, serializeProject } from '../../../src/domain/projectFile';
import type { Edit, Scenario, ScenarioLayer } from '../../../src/domain/scenario';
import { layer, point, realScenario, scenarioOf, seededRandom } from '../scenario/helpers';

const imported = (id: string, count = 3): ScenarioLayer => ({
  ...layer(id, Array.from({ length: count }, (_, index) => point(`${id}-${index}`, 114 + index * 0.01, 33, { 人口: (index + 1) * 1000 }))),
  title: { zh: `导入 ${id}`, en: `Imported ${id}` },
  imported: true,
});
const GRADUATED: ImportedLayerStyle = { ...DEFAULT_LAYER_STYLE, mode: 'graduated', field: '人口', method: 'quantile', classCount: 3, labelField: '名称' };

function withImported(): Scenario {
  const plan = realScenario();
  return { ...plan, layers: [...plan.layers, imported('a'), imported('b'), imported('c')] };
}

const ids = (scenario: Scenario) => scenario.layers.map((item) => item.id);

function apply(state: { history: History; scenario: Scenario }, edit: Edit | null) {
  expect(edit).not.toBeNull();
  return commit(state.history, state.scenario, edit!);
}

describe('imported layer edits', () => {
  it('rename: one undo step, undo gives back the very same layer object', () => {
    const scenario = withImported();
    const before = scenario.layers.find((item) => item.id === 'b')!;
    const renamed = apply({ history: createHistory(), scenario }, renameImportedLayer(scenario, 'b', '  乡镇人口 2020 '));
    const after = renamed.scenario.layers.find((item) => item.id === 'b')!;
    expect(after.title).toEqual({ zh: '乡镇人口 2020', en: '乡镇人口 2020' });
    expect(after.features).toBe(before.features);
    expect(ids(renamed.scenario)).toEqual(ids(scenario));
    expect(renamed.history.past[0]!.label.zh).toBe('将图层“导入 b”改名为“乡镇人口 2020”');
    const undone = undo(renamed.history, renamed.scenario)!;
    expect(undone.scenario.layers).toEqual(scenario.layers);
    expect(undone.scenario.layers.find((item) => item.id === 'b')).toBe(before);
    expect(redo(undone.history, undone.scenario)!.scenario.layers.find((item) => item.id === 'b')!.title.zh).toBe('乡镇人口 2020');
    expect(renameImportedLayer(scenario, 'b', '   ')).toBeNull();
    expect(renameImportedLayer(renamed.scenario, 'b', '乡镇人口 2020')).toBeNull();
  });

  it('style: set, changed, undone back to no style; unchanged style is no step', () => {
    const scenario = withImported();
    const styled = apply({ history: createHistory(), scenario }, setImportedLayerStyle(scenario, 'a', GRADUATED));
    expect(styled.scenario.layers.find((item) => item.id === 'a')!.style).toEqual(GRADUATED);
    expect(setImportedLayerStyle(styled.scenario, 'a', GRADUATED)).toBeNull();
    const again = apply(styled, setImportedLayerStyle(styled.scenario, 'a', { ...GRADUATED, method: 'natural-breaks' }));
    const once = undo(again.history, again.scenario)!;
    expect(once.scenario.layers.find((item) => item.id === 'a')!.style).toEqual(GRADUATED);
    const twice = undo(once.history, once.scenario)!;
    expect(twice.scenario.layers.find((item) => item.id === 'a')!.style).toBeUndefined();
    expect(() => setImportedLayerStyle(scenario, 'a', { ...GRADUATED, fillOpacity: 2 })).toThrow(/fillOpacity/);
  });

  it('reorder among imported layers only; undo restores the order, ends refuse', () => {
    const scenario = withImported();
    const plan = ids(scenario).slice(0, -3);
    const up = apply({ history: createHistory(), scenario }, moveImportedLayer(scenario, 'a', 'up'));
    expect(ids(up.scenario)).toEqual([...plan, 'b', 'a', 'c']);
    const down = apply(up, moveImportedLayer(up.scenario, 'c', 'down'));
    expect(ids(down.scenario)).toEqual([...plan, 'b', 'c', 'a']);
    expect(moveImportedLayer(down.scenario, 'a', 'up')).toBeNull();
    expect(moveImportedLayer(down.scenario, 'b', 'down')).toBeNull();
    const undone = undo(down.history, down.scenario)!;
    expect(ids(undone.scenario)).toEqual([...plan, 'b', 'a', 'c']);
    const original = undo(undone.history, undone.scenario)!;
    expect(original.scenario.layers).toEqual(scenario.layers);
    original.scenario.layers.forEach((item, index) => expect(item).toBe(scenario.layers[index]));
    expect(ids(redo(original.history, original.scenario)!.scenario)).toEqual([...plan, 'b', 'a', 'c']);
  });

  it('random sequences of layer and feature edits undo back to the start exactly', () => {
    const random = seededRandom(3);
    const start = withImported();
    let state = { history: createHistory(), scenario: start };
    for (let step = 0; step < 60; step += 1) {
      const live = state.scenario.layers.filter((item) => item.imported);
      if (live.length === 0) break;
      const target = live[Math.floor(random() * live.length)]!.id;
      const choice = Math.floor(random() * 4);
      const edit =
        choice === 0
          ? moveImportedLayer(state.scenario, target, random() < 0.5 ? 'up' : 'down')
          : choice === 1
            ? renameImportedLayer(state.scenario, target, `名${step}`)
            : choice === 2
              ? setImportedLayerStyle(state.scenario, target, { ...GRADUATED, classCount: 2 + (step % 7) })
              : step % 9 === 0
                ? deleteImportedLayer(state.scenario, target)
                : null;
      if (edit) state = commit(state.history, state.scenario, edit);
    }
    let back: { history: History; scenario: Scenario } | null = state;
    while (back && back.history.past.length > 0) back = undo(back.history, back.scenario);
    expect(back!.scenario.layers).toEqual(start.layers);
  });

  it('delete: names the layer and its size; undo puts it back at its place with its features', () => {
    const scenario = withImported();
    const edit = deleteImportedLayer(scenario, 'b');
    expect(edit.label).toEqual({ zh: '删除图层“导入 b”（3 个要素）', en: 'Delete layer “Imported b” (3 features)' });
    const deleted = apply({ history: createHistory(), scenario }, edit);
    expect(ids(deleted.scenario)).not.toContain('b');
    const undone = undo(deleted.history, deleted.scenario)!;
    expect(ids(undone.scenario)).toEqual(ids(scenario));
    expect(undone.scenario.layers.find((item) => item.id === 'b')).toBe(scenario.layers.find((item) => item.id === 'b'));
  });

  it('plan layers are not renamed, restyled, moved or deleted this way', () => {
    const scenario = withImported();
    expect(() => renameImportedLayer(scenario, 'towns', 'x')).toThrow(/plan layer/);
    expect(() => deleteImportedLayer(scenario, 'towns')).toThrow(/plan layer/);
    expect(() => moveImportedLayer(scenario, 'no-such', 'up')).toThrow(/Unknown layer/);
  });
});

describe('the style in the project file', () => {
  it('round-trips with the layer', () => {
    const scenario = scenarioOf('s1', [{ ...imported('pop'), style: GRADUATED }]);
    const parsed = parseProjectFile(serializeProject([scenario], [], '2026-12-07T10:00:00.000Z'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.project.scenarios[0]!.layers[0]!.style).toEqual(GRADUATED);
  });

  it('a style missing keys (older file) takes the defaults; a bad style is refused naming the path', () => {
    const file = JSON.parse(serializeProject([scenarioOf('s1', [imported('pop')])], [], '2026-12-07T10:00:00.000Z'));
    file.scenarios[0].layers[0].style = { mode: 'categories', field: '人口' };
    const parsed = parseProjectFile(JSON.stringify(file));
    expect(parsed.ok && parsed.project.scenarios[0]!.layers[0]!.style).toEqual({ ...DEFAULT_LAYER_STYLE, mode: 'categories', field: '人口' });
    file.scenarios[0].layers[0].style = { fillOpacity: 'half' };
    const refused = parseProjectFile(JSON.stringify(file));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid-shape');
      expect(refused.error.message.en).toContain('scenarios[0].layers[0].style');
      expect(refused.error.message.en).toContain('fillOpacity');
      expect(refused.error.message.zh).toContain('scenarios[0].layers[0].style');
    }
  });
});
