import { describe, expect, it } from 'vitest';
import { addFeature, deleteFeatures, moveFeature } from '../../../src/domain/edits';
import { commit, createHistory, redo, undo, type History } from '../../../src/domain/history';
import type { Scenario } from '../../../src/domain/scenario';
import { historyForStorage, restoreHistory, STORED_HISTORY_STEPS, STORED_STEP_MAX_FEATURES } from '../../../src/domain/storedHistory';
import { layer, point, realScenario, scenarioOf } from '../scenario/helpers';

function movesOf(count: number) {
  let history = createHistory();
  let scenario = realScenario();
  const located = scenario.layers.flatMap((l) => l.features.filter((f) => f.geometry?.type === 'Point').map((f) => [l.id, f.properties.id] as const));
  for (let step = 0; step < count; step++) {
    const [layerId, id] = located[step % located.length]!;
    ({ history, scenario } = commit(history, scenario, moveFeature(scenario, layerId, id, { type: 'Point', coordinates: [113.8 + step / 1000, 32.9] }, '2025-03-01')));
  }
  return { history, scenario };
}

/** What IndexedDB does to a stored value. */
const throughStorage = <T>(value: T): T => structuredClone(value);

describe('undo history kept beside its scenario', () => {
  it('keeps the last 50 steps, which undo exactly as before the reload', () => {
    const { history, scenario } = movesOf(70);
    const stored = historyForStorage(history);
    expect(stored.past).toHaveLength(STORED_HISTORY_STEPS);
    const restored = restoreHistory(throughStorage(stored), throughStorage(scenario));
    expect(restored.past).toHaveLength(STORED_HISTORY_STEPS);
    let live: { history: History; scenario: Scenario } = { history, scenario };
    let reloaded: { history: History; scenario: Scenario } = { history: restored, scenario: throughStorage(scenario) };
    for (let step = 0; step < STORED_HISTORY_STEPS; step++) {
      live = undo(live.history, live.scenario)!;
      reloaded = undo(reloaded.history, reloaded.scenario)!;
      expect(reloaded.scenario.layers).toEqual(live.scenario.layers);
    }
    expect(undo(reloaded.history, reloaded.scenario), 'nothing older than 50 steps').toBeNull();
    // …and redo brings it all back.
    for (let step = 0; step < STORED_HISTORY_STEPS; step++) reloaded = redo(reloaded.history, reloaded.scenario)!;
    expect(reloaded.scenario.layers).toEqual(scenario.layers);
  });

  it('keeps redo steps too', () => {
    const { history, scenario } = movesOf(5);
    const undone = undo(undo(history, scenario)!.history, undo(history, scenario)!.scenario)!;
    const restored = restoreHistory(throughStorage(historyForStorage(undone.history)), undone.scenario);
    expect(restored.past).toHaveLength(3);
    expect(restored.future).toHaveLength(2);
  });

  it('stops at a step too large to rewrite with every edit (a big import)', () => {
    const big = layer('imported-big', Array.from({ length: STORED_STEP_MAX_FEATURES + 1 }, (_, i) => point(`p${i}`, 114, 33)));
    let scenario = scenarioOf('s', [layer('a', [])]);
    let history = createHistory();
    ({ history, scenario } = commit(history, scenario, addFeature('a', point('before', 114, 33))));
    ({ history, scenario } = commit(history, scenario, { label: { zh: '导入', en: 'Import' }, patch: { addLayers: [{ layer: big }] } }));
    ({ history, scenario } = commit(history, scenario, addFeature('a', point('after', 114.1, 33))));
    const stored = historyForStorage(history);
    expect(stored.past.map((entry) => entry.label.en)).toEqual([history.past[2]!.label.en]);
  });

  it('cuts a history that does not fit the saved scenario at the first step that fails to replay', () => {
    let scenario = scenarioOf('s', [layer('a', [])]);
    let history = createHistory();
    for (const id of ['x', 'y', 'z']) ({ history, scenario } = commit(history, scenario, addFeature('a', point(id, 114, 33))));
    const stored = throughStorage(historyForStorage(history));
    // The saved scenario lost "x" some other way (an older copy): undoing "add x" (remove x) cannot replay.
    const other = commit(createHistory(), scenario, deleteFeatures('a', ['x'], scenario)).scenario;
    const restored = restoreHistory(stored, other);
    expect(restored.past.map((entry) => entry.label.en)).toEqual(history.past.slice(1).map((entry) => entry.label.en));
    expect(restoreHistory('not a history', scenario).past).toEqual([]);
    expect(restoreHistory({ past: [{ label: 'x' }] }, scenario).past).toEqual([]);
  });
});
