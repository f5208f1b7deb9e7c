import { describe, expect, it } from 'vitest';
import { moveFeature } from '../../../src/domain/edits';
import { canRedo, canUndo, commit, createHistory, nextRedoLabel, nextUndoLabel, record, redo, undo, type History } from '../../../src/domain/history';
import type { Edit, Scenario } from '../../../src/domain/scenario';
import { realScenario, seededRandom } from './helpers';

/** A random move of a located feature of the scenario. */
function randomMove(scenario: Scenario, random: () => number): Edit {
  const located = scenario.layers.flatMap((l) => l.features.filter((f) => f.geometry !== null).map((f) => [l.id, f.properties.id] as const));
  const [layer, id] = located[Math.floor(random() * located.length)]!;
  return moveFeature(scenario, layer, id, { type: 'Point', coordinates: [113.5 + random(), 32.5 + random()] }, '2025-03-01');
}

function editSteps(count: number, limit = 200) {
  const random = seededRandom(42);
  let history = createHistory(limit);
  let scenario = realScenario();
  const states = [structuredClone(scenario)];
  for (let step = 0; step < count; step += 1) {
    ({ history, scenario } = commit(history, scenario, randomMove(scenario, random)));
    states.push(structuredClone(scenario));
  }
  return { history, scenario, states };
}

const entry = (n: number) => ({ label: { zh: `第${n}步`, en: `Step ${n}` }, forward: {}, inverse: {} });

describe('history', () => {
  it('undoes 150 edits back to the start and redoes them to the end, state by state', () => {
    let { history, scenario, states } = editSteps(150);
    expect(history.past).toHaveLength(150);
    for (let step = 150; step > 0; step -= 1) {
      expect(scenario).toEqual(states[step]);
      ({ history, scenario } = undo(history, scenario)!);
    }
    expect(scenario).toEqual(states[0]);
    expect(canUndo(history)).toBe(false);
    expect(undo(history, scenario)).toBeNull();
    for (let step = 1; step <= 150; step += 1) {
      ({ history, scenario } = redo(history, scenario)!);
      expect(scenario).toEqual(states[step]);
    }
    expect(canRedo(history)).toBe(false);
    expect(redo(history, scenario)).toBeNull();
  });

  it('undo after redo after undo stays exact', () => {
    let { history, scenario, states } = editSteps(5);
    ({ history, scenario } = undo(history, scenario)!);
    ({ history, scenario } = redo(history, scenario)!);
    ({ history, scenario } = undo(history, scenario)!);
    ({ history, scenario } = undo(history, scenario)!);
    expect(scenario).toEqual(states[3]);
  });

  it('keeps only the newest `limit` entries', () => {
    let { history, scenario, states } = editSteps(30, 10);
    expect(history.past).toHaveLength(10);
    while (canUndo(history)) ({ history, scenario } = undo(history, scenario)!);
    expect(scenario).toEqual(states[20]);

    let plain = createHistory(3);
    for (let n = 1; n <= 5; n += 1) plain = record(plain, entry(n));
    expect(plain.past.map((e) => e.label.en)).toEqual(['Step 3', 'Step 4', 'Step 5']);
  });

  it('a new edit after undo drops the redo branch', () => {
    let { history, scenario } = editSteps(4);
    ({ history, scenario } = undo(history, scenario)!);
    ({ history, scenario } = undo(history, scenario)!);
    expect(history.future).toHaveLength(2);
    ({ history, scenario } = commit(history, scenario, randomMove(scenario, seededRandom(1))));
    expect(canRedo(history)).toBe(false);
    expect(history.past).toHaveLength(3);
  });

  it('is plain data: the old history value is unchanged by record/undo/redo', () => {
    const { history, scenario } = editSteps(3);
    const snapshot: History = structuredClone(history);
    undo(history, scenario);
    record(history, entry(9));
    expect(history).toEqual(snapshot);
  });

  it('does not record an edit that changes nothing', () => {
    const scenario = realScenario();
    const result = commit(createHistory(), scenario, { label: { zh: '无', en: 'None' }, patch: {} });
    expect(result.scenario).toBe(scenario);
    expect(canUndo(result.history)).toBe(false);
  });

  it('names the next undo and redo steps', () => {
    let history = record(record(createHistory(), entry(1)), entry(2));
    expect(nextUndoLabel(history)).toEqual({ zh: '第2步', en: 'Step 2' });
    expect(nextRedoLabel(history)).toBeNull();
    history = undo(history, realScenario())!.history;
    expect(nextRedoLabel(history)?.en).toBe('Step 2');
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => createHistory(0)).toThrow(/positive integer/);
  });
});
