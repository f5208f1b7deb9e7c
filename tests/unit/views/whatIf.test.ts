// The what-if draft in the scenario store, and that autosave leaves it out
// until it is kept. The database is a recording stand-in at the storage boundary.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { moveFeature } from '../../../src/domain/edits';
import { BASELINE_SCENARIO_ID, type Scenario } from '../../../src/domain/scenario';
import { startingScenarios } from '../../../src/domain/scenarios';
import { connectPersistence } from '../../../src/state/persistence';
import { createScenarioStore, layerFeatures } from '../../../src/state/scenarioStore';
import { createViewStore } from '../../../src/state/viewState';
import type { ScenarioDb } from '../../../src/storage/scenarioDb';
import { cityOutline, NOW, realBaseline } from '../scenario/helpers';

const baseline = realBaseline();
const firstTown = (scenario: Scenario) => layerFeatures(scenario, 'towns').find((feature) => feature.geometry?.type === 'Point')!;
const newStore = () => createScenarioStore(baseline, cityOutline(), startingScenarios(baseline, NOW));
const moveFirstTown = (store: ReturnType<typeof newStore>) => {
  const scenario = store.getState().current();
  const town = firstTown(scenario);
  const [lng, lat] = (town.geometry as unknown as { coordinates: [number, number] }).coordinates;
  return store.getState().applyEdit(moveFeature(scenario, 'towns', town.properties.id, { type: 'Point', coordinates: [lng + 0.03, lat + 0.01] }, '2025-03-01'));
};
const coordinatesOf = (scenario: Scenario) => (firstTown(scenario).geometry as { coordinates: number[] }).coordinates;

describe('what-if drafts in the scenario store', () => {
  it('starts a draft copy of the current scenario and switches to it; edits stay in the draft', () => {
    const store = newStore();
    const originalId = store.getState().currentId;
    const before = coordinatesOf(store.getState().current());
    const draftId = store.getState().startDraft(originalId, '方案A（推演）');
    expect(store.getState()).toMatchObject({ draftId, currentId: draftId });
    expect(store.getState().current()).toMatchObject({ name: '方案A（推演）', parentId: originalId });
    expect(moveFirstTown(store)).toBe(true);
    expect(coordinatesOf(store.getState().current())).not.toEqual(before);
    const original = store.getState().scenarios.find((scenario) => scenario.id === originalId)!;
    expect(coordinatesOf(original)).toEqual(before);
  });

  it('discard drops the draft, its history, and returns to the scenario it came from', () => {
    const store = newStore();
    const originalId = store.getState().currentId;
    const draftId = store.getState().startDraft(originalId, '推演');
    moveFirstTown(store);
    store.getState().discardDraft();
    expect(store.getState()).toMatchObject({ draftId: null, currentId: originalId });
    expect(store.getState().scenarios.some((scenario) => scenario.id === draftId)).toBe(false);
    expect(store.getState().histories[draftId]).toBeUndefined();
  });

  it('a draft of the read-only baseline is editable; the baseline is not changed', () => {
    const store = newStore();
    store.getState().switchTo(BASELINE_SCENARIO_ID);
    const before = coordinatesOf(baseline);
    store.getState().startDraft(BASELINE_SCENARIO_ID, '基线推演');
    expect(moveFirstTown(store)).toBe(true);
    expect(coordinatesOf(store.getState().baseline)).toEqual(before);
    store.getState().discardDraft();
    expect(store.getState().currentId).toBe(BASELINE_SCENARIO_ID);
  });

  it('keep makes the draft an ordinary scenario under the new name (a blank name is refused)', () => {
    const store = newStore();
    const draftId = store.getState().startDraft(store.getState().currentId, '推演');
    moveFirstTown(store);
    expect(store.getState().keepDraft('   ')).toBe(false);
    expect(store.getState().draftId).toBe(draftId);
    expect(store.getState().keepDraft('  会上方案  ')).toBe(true);
    expect(store.getState()).toMatchObject({ draftId: null, currentId: draftId });
    expect(store.getState().current().name).toBe('会上方案');
    // Nothing left to discard: the kept scenario stays.
    store.getState().discardDraft();
    expect(store.getState().currentId).toBe(draftId);
  });

  it('opening a project (replaceAll) or deleting the draft ends the what-if', () => {
    const store = newStore();
    const draftId = store.getState().startDraft(store.getState().currentId, '推演');
    store.getState().remove(draftId);
    expect(store.getState().draftId).toBeNull();
    store.getState().startDraft(store.getState().currentId, '推演');
    store.getState().replaceAll(startingScenarios(baseline, NOW), null);
    expect(store.getState().draftId).toBeNull();
  });
});

describe('autosave and what-if drafts', () => {
  let saves: [string, Scenario | null][];
  let currents: string[];
  beforeEach(() => {
    // connectPersistence listens for the page being hidden; Node has no page.
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('document', { addEventListener: () => undefined, visibilityState: 'visible' });
    saves = [];
    currents = [];
  });
  afterEach(() => vi.unstubAllGlobals());

  const connect = () => {
    const store = newStore();
    const db = {
      onStatus: () => () => undefined,
      save: (id: string, scenario: Scenario | null) => saves.push([id, scenario]),
      setCurrent: async (id: string) => void currents.push(id),
      flush: async () => undefined,
    } as unknown as ScenarioDb;
    connectPersistence(store, db, createViewStore('zh'), { saveAllNow: false });
    currents.length = 0;
    return store;
  };

  it('never writes, deletes or makes current a draft that is discarded', () => {
    const store = connect();
    const originalId = store.getState().currentId;
    const draftId = store.getState().startDraft(originalId, '推演');
    moveFirstTown(store);
    store.getState().discardDraft();
    expect(saves.filter(([id]) => id === draftId)).toEqual([]);
    expect(currents).not.toContain(draftId);
    expect(currents.at(-1) ?? originalId).toBe(originalId);
  });

  it('writes the draft once it is kept, with the moved town, and remembers it as current', () => {
    const store = connect();
    const draftId = store.getState().startDraft(store.getState().currentId, '推演');
    moveFirstTown(store);
    const moved = coordinatesOf(store.getState().current());
    store.getState().keepDraft('会上方案');
    const written = saves.filter(([id]) => id === draftId);
    expect(written).toHaveLength(1);
    expect(written[0]![1]!.name).toBe('会上方案');
    expect(coordinatesOf(written[0]![1]!)).toEqual(moved);
    expect(currents.at(-1)).toBe(draftId);
  });
});
