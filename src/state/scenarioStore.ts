// The scenarios and their edit histories. Every change to a scenario goes
// through `applyEdit` (map, attribute table, placing towns, imports alike), is
// validated first, and is recorded as an inverse patch for undo.
import { create } from 'zustand';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { canRedo, canUndo, commit, createHistory, redo, undo, type History } from '../domain/history';
import { BASELINE_SCENARIO_ID, type Edit, type Scenario, type ScenarioFeature } from '../domain/scenario';
import { createScenario } from '../domain/scenarios';
import { restoreHistory } from '../domain/storedHistory';
import { cityBounds, validatePatch } from '../domain/validation';
import type { LocalizedText } from '../i18n/text';

export interface EditProblem {
  message: LocalizedText;
}

export interface ScenarioState {
  baseline: Scenario;
  scenarios: Scenario[];
  currentId: string;
  histories: Record<string, History>;
  /** The last refused edit's reasons (shown to the planner, cleared by the next edit). */
  editProblems: EditProblem[] | null;
  /** A what-if copy being tried live (presenter mode): in `scenarios`, never persisted until kept. */
  draftId: string | null;
  /** Set while another tab edits the project: every change is refused with this reason. */
  readOnly: EditProblem | null;
}

interface ScenarioActions {
  current(): Scenario;
  applyEdit(edit: Edit): boolean;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  switchTo(id: string): void;
  create(fromId: string, name: string): string;
  rename(id: string, name: string): void;
  remove(id: string): void;
  /** `storedHistories`: undo steps saved beside the scenarios, replayed before they are trusted. */
  replaceAll(scenarios: Scenario[], currentId: string | null, storedHistories?: Record<string, unknown>): void;
  clearProblems(): void;
  /** Copies a scenario (the baseline too) into an editable draft and switches to it. */
  startDraft(fromId: string, name: string): string;
  /** Drops the draft and switches back to the scenario it was copied from. */
  discardDraft(): void;
  /** Makes the draft an ordinary (saved) scenario under `name`. */
  keepDraft(name: string): boolean;
  setReadOnly(reason: EditProblem | null): void;
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;

const newId = () => `scenario-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const now = () => new Date().toISOString();

function restoredHistories(scenarios: readonly Scenario[], stored: Record<string, unknown> | undefined): Record<string, History> {
  const histories: Record<string, History> = {};
  if (!stored) return histories;
  for (const scenario of scenarios) {
    const history = restoreHistory(stored[scenario.id], scenario);
    if (history.past.length > 0 || history.future.length > 0) histories[scenario.id] = history;
  }
  return histories;
}

export function createScenarioStore(
  baseline: Scenario,
  cityOutline: Feature<Polygon | MultiPolygon>,
  initial: Scenario[],
  storedHistories?: Record<string, unknown>,
) {
  const city = cityBounds(cityOutline);
  return create<ScenarioState & ScenarioActions>()((set, get) => {
    const find = (id: string) => (id === BASELINE_SCENARIO_ID ? get().baseline : get().scenarios.find((scenario) => scenario.id === id));
    const replaceScenario = (scenario: Scenario, history: History) =>
      set((state) => ({
        scenarios: state.scenarios.map((existing) => (existing.id === scenario.id ? scenario : existing)),
        histories: { ...state.histories, [scenario.id]: history },
      }));
    const historyOf = (id: string) => get().histories[id] ?? createHistory();
    /** True (and the reason shown) when this tab may not change the project. */
    const refusedAsReadOnly = () => {
      const reason = get().readOnly;
      if (reason) set({ editProblems: [reason] });
      return reason !== null;
    };

    return {
      baseline,
      scenarios: initial,
      currentId: initial[0]?.id ?? BASELINE_SCENARIO_ID,
      histories: restoredHistories(initial, storedHistories),
      editProblems: null,
      draftId: null,
      readOnly: null,
      current: () => find(get().currentId) ?? get().baseline,

      applyEdit(edit) {
        if (refusedAsReadOnly()) return false;
        const scenario = get().current();
        if (scenario.id === BASELINE_SCENARIO_ID) {
          set({ editProblems: [{ message: { zh: '基准方案（规划原貌）只读：请先新建或切换到一个方案再编辑。', en: 'The baseline (the plan as published) is read-only: create or switch to a scenario to edit.' } }] });
          return false;
        }
        // Geometry is checked before anything changes: a bad edit is never saved.
        const validation = validatePatch(edit.patch, city);
        if (!validation.ok) {
          set({ editProblems: validation.problems });
          return false;
        }
        const committed = commit(historyOf(scenario.id), scenario, edit);
        if (committed.scenario !== scenario) replaceScenario({ ...committed.scenario, updatedAt: now() }, committed.history);
        set({ editProblems: null });
        return true;
      },

      undo() {
        if (refusedAsReadOnly()) return;
        const scenario = get().current();
        const result = undo(historyOf(scenario.id), scenario);
        if (result) replaceScenario({ ...result.scenario, updatedAt: now() }, result.history);
      },
      redo() {
        if (refusedAsReadOnly()) return;
        const scenario = get().current();
        const result = redo(historyOf(scenario.id), scenario);
        if (result) replaceScenario({ ...result.scenario, updatedAt: now() }, result.history);
      },
      canUndo: () => canUndo(historyOf(get().currentId)),
      canRedo: () => canRedo(historyOf(get().currentId)),

      switchTo(id) {
        if (find(id)) set({ currentId: id, editProblems: null });
      },
      create(fromId, name) {
        if (refusedAsReadOnly()) return get().currentId;
        const source = find(fromId) ?? get().baseline;
        const scenario = createScenario(source, name, newId(), now());
        set((state) => ({ scenarios: [...state.scenarios, scenario], currentId: scenario.id, editProblems: null }));
        return scenario.id;
      },
      rename(id, name) {
        if (refusedAsReadOnly()) return;
        const trimmed = name.trim();
        if (!trimmed || id === BASELINE_SCENARIO_ID) return;
        set((state) => ({
          scenarios: state.scenarios.map((scenario) => (scenario.id === id ? { ...scenario, name: trimmed, updatedAt: now() } : scenario)),
        }));
      },
      remove(id) {
        if (id === BASELINE_SCENARIO_ID || refusedAsReadOnly()) return;
        set((state) => {
          const scenarios = state.scenarios.filter((scenario) => scenario.id !== id);
          const { [id]: _dropped, ...histories } = state.histories;
          return {
            scenarios,
            histories,
            currentId: state.currentId === id ? (scenarios[0]?.id ?? BASELINE_SCENARIO_ID) : state.currentId,
            draftId: state.draftId === id ? null : state.draftId,
          };
        });
      },
      replaceAll(scenarios, currentId, storedHistories) {
        const exists = (id: string | null) => id === BASELINE_SCENARIO_ID || scenarios.some((scenario) => scenario.id === id);
        set({ scenarios, histories: restoredHistories(scenarios, storedHistories), currentId: currentId && exists(currentId) ? currentId : (scenarios[0]?.id ?? BASELINE_SCENARIO_ID), editProblems: null, draftId: null });
      },
      clearProblems: () => set({ editProblems: null }),

      startDraft(fromId, name) {
        if (get().draftId) get().discardDraft();
        const draft = createScenario(find(fromId) ?? get().baseline, name, newId(), now());
        // One update: autosave must never see the draft without knowing it is one.
        set((state) => ({ scenarios: [...state.scenarios, draft], currentId: draft.id, draftId: draft.id, editProblems: null }));
        return draft.id;
      },
      discardDraft() {
        const { draftId } = get();
        const draft = draftId ? find(draftId) : undefined;
        if (!draftId || !draft) return;
        const back = draft.parentId && find(draft.parentId) ? draft.parentId : null;
        get().remove(draftId);
        if (back) set({ currentId: back });
      },
      keepDraft(name) {
        const { draftId } = get();
        const trimmed = name.trim();
        if (!draftId || !trimmed) return false;
        // A new object, so persistence sees the scenario as changed and writes it.
        set((state) => ({
          draftId: null,
          scenarios: state.scenarios.map((scenario) => (scenario.id === draftId ? { ...scenario, name: trimmed, updatedAt: now() } : scenario)),
        }));
        return true;
      },
      setReadOnly: (readOnly) => set({ readOnly, editProblems: null }),
    };
  });
}

/** The features of one layer of a scenario (empty when the layer is absent). */
export function layerFeatures(scenario: Scenario, layerId: string): ScenarioFeature[] {
  return scenario.layers.find((layer) => layer.id === layerId)?.features ?? [];
}
