// Undo/redo as plain immutable data: two stacks of HistoryEntry (each holds
// the patch and its inverse, never a copy of the scenario), so the store can
// keep it as state and tests can drive it without React.
import { applyPatch, isEmptyPatch } from './patch';
import type { Edit, HistoryEntry, Scenario } from './scenario';

export interface History {
  /** Oldest first; the last entry is the next to undo. */
  readonly past: readonly HistoryEntry[];
  /** Nearest first: the first entry is the next to redo. */
  readonly future: readonly HistoryEntry[];
  readonly limit: number;
}

export function createHistory(limit = 200): History {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`History limit must be a positive integer, got ${limit}.`);
  return { past: [], future: [], limit };
}

/** A new edit ends the redo branch; past the limit the oldest entries go. */
export function record(history: History, entry: HistoryEntry): History {
  const past = [...history.past, entry];
  return { ...history, past: past.slice(Math.max(0, past.length - history.limit)), future: [] };
}

/**
 * Applies an edit to the scenario and records it: the one call the store needs
 * per user action. An edit that changes nothing is not recorded.
 */
export function commit(history: History, scenario: Scenario, edit: Edit): { history: History; scenario: Scenario } {
  if (isEmptyPatch(edit.patch)) return { history, scenario };
  const applied = applyPatch(scenario, edit.patch);
  if (applied.scenario === scenario) return { history, scenario };
  return {
    history: record(history, { label: edit.label, forward: edit.patch, inverse: applied.inverse }),
    scenario: applied.scenario,
  };
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}

export function undo(history: History, scenario: Scenario): { history: History; scenario: Scenario } | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  const applied = applyPatch(scenario, entry.inverse);
  // Keep the patch just computed as the redo step: it is exact for this state.
  const redone: HistoryEntry = { ...entry, forward: applied.inverse };
  return { history: { ...history, past: history.past.slice(0, -1), future: [redone, ...history.future] }, scenario: applied.scenario };
}

export function redo(history: History, scenario: Scenario): { history: History; scenario: Scenario } | null {
  const entry = history.future[0];
  if (!entry) return null;
  const applied = applyPatch(scenario, entry.forward);
  const undone: HistoryEntry = { ...entry, inverse: applied.inverse };
  return { history: { ...history, past: [...history.past, undone], future: history.future.slice(1) }, scenario: applied.scenario };
}

/** Labels for the undo/redo buttons' tooltips. */
export function nextUndoLabel(history: History): HistoryEntry['label'] | null {
  return history.past.at(-1)?.label ?? null;
}

export function nextRedoLabel(history: History): HistoryEntry['label'] | null {
  return history.future[0]?.label ?? null;
}
