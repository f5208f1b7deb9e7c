// Keeps IndexedDB in step with the scenario store: each scenario whose
// object changed is queued for writing (the store is immutable, so identity
// says what changed), deleted ones are removed, and the current scenario is
// remembered. Pending writes are flushed when the page is hidden. A read-only
// tab (another tab edits the project, see tabSession.ts) never writes.
import type { Scenario } from '../domain/scenario';
import { historyForStorage } from '../domain/storedHistory';
import type { ScenarioDb } from '../storage/scenarioDb';
import type { ScenarioStore } from './scenarioStore';
import type { ViewStore } from './viewState';

export function connectPersistence(store: ScenarioStore, db: ScenarioDb, view: ViewStore, options: { saveAllNow: boolean }) {
  db.onStatus((status) =>
    view.getState().setSaveStatus(
      status.state === 'error' ? { state: 'error', message: status.problem.message } : status,
    ),
  );
  const canWrite = () => store.getState().readOnly === null;
  /** Its undo steps go with each scenario (bounded, see domain/storedHistory.ts), so a reload keeps them. */
  const historyOf = (id: string) => {
    const history = store.getState().histories[id];
    return history ? historyForStorage(history) : undefined;
  };
  if (options.saveAllNow && canWrite()) for (const scenario of store.getState().scenarios) db.save(scenario.id, scenario, 0, historyOf(scenario.id));
  if (canWrite()) void db.setCurrent(store.getState().currentId);

  store.subscribe((state, previous) => {
    if (!canWrite()) return;
    if (state.scenarios !== previous.scenarios) {
      const before = new Map<string, Scenario>(previous.scenarios.map((scenario) => [scenario.id, scenario]));
      // A what-if draft lives in memory only, until it is kept (then it counts as changed).
      for (const scenario of state.scenarios) if (before.get(scenario.id) !== scenario && scenario.id !== state.draftId) db.save(scenario.id, scenario, undefined, historyOf(scenario.id));
      const now = new Set(state.scenarios.map((scenario) => scenario.id));
      for (const id of before.keys()) if (!now.has(id) && id !== previous.draftId) db.save(id, null);
    }
    if ((state.currentId !== previous.currentId || state.draftId !== previous.draftId) && state.currentId !== state.draftId) void db.setCurrent(state.currentId);
  });

  const flush = () => void db.flush();
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
}
