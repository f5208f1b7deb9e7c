// Undo history that outlives a reload: what of a scenario's History is kept
// beside it in IndexedDB, and how it is trusted again on load.
//
// Bounded twice: the last STORED_HISTORY_STEPS steps each way, and no step
// whose patches carry more than STORED_STEP_MAX_FEATURES features (an import
// of 100,000 points would otherwise be rewritten with every later edit); such
// a step ends the stored history there, since undo must go step by step.
// On load, every step is replayed on a copy of the saved scenario: a history
// that does not fit the scenario (an older copy, a tab that wrote in between)
// is cut at the first step that fails, never applied half.
import { createHistory, type History } from './history';
import { applyPatch } from './patch';
import type { HistoryEntry, Patch, Scenario } from './scenario';

export const STORED_HISTORY_STEPS = 50;
export const STORED_STEP_MAX_FEATURES = 5_000;

export interface StoredHistory {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

function patchSize(patch: Patch): number {
  return (patch.put?.length ?? 0) + (patch.remove?.length ?? 0) + (patch.addLayers ?? []).reduce((sum, item) => sum + item.layer.features.length, 0);
}

const storable = (entry: HistoryEntry) => patchSize(entry.forward) + patchSize(entry.inverse) <= STORED_STEP_MAX_FEATURES;

/** The part of a history to store: the nearest steps each way, up to the first too-large one. */
export function historyForStorage(history: History): StoredHistory {
  const past: HistoryEntry[] = [];
  for (let index = history.past.length - 1; index >= 0 && past.length < STORED_HISTORY_STEPS; index--) {
    const entry = history.past[index]!;
    if (!storable(entry)) break;
    past.unshift(entry);
  }
  const future: HistoryEntry[] = [];
  for (const entry of history.future) {
    if (future.length >= STORED_HISTORY_STEPS || !storable(entry)) break;
    future.push(entry);
  }
  return { past, future };
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<HistoryEntry>;
  return (
    typeof entry.label?.zh === 'string' &&
    typeof entry.label.en === 'string' &&
    typeof entry.forward === 'object' &&
    entry.forward !== null &&
    typeof entry.inverse === 'object' &&
    entry.inverse !== null
  );
}

/**
 * A stored history made a History again, keeping only the steps that replay
 * on `scenario` (undo from the newest backwards, redo forwards).
 */
export function restoreHistory(stored: unknown, scenario: Scenario, limit?: number): History {
  const history = createHistory(limit);
  if (typeof stored !== 'object' || stored === null) return history;
  const { past, future } = stored as { past?: unknown; future?: unknown };
  const pastEntries = Array.isArray(past) ? past : [];
  const futureEntries = Array.isArray(future) ? future : [];

  const keptPast: HistoryEntry[] = [];
  let state = scenario;
  for (let index = pastEntries.length - 1; index >= 0; index--) {
    const entry: unknown = pastEntries[index];
    const replayed = isEntry(entry) ? tryApply(state, entry.inverse) : null;
    if (!replayed) break;
    state = replayed;
    keptPast.unshift(entry as HistoryEntry);
  }
  const keptFuture: HistoryEntry[] = [];
  state = scenario;
  for (const entry of futureEntries) {
    const replayed = isEntry(entry) ? tryApply(state, entry.forward) : null;
    if (!replayed) break;
    state = replayed;
    keptFuture.push(entry as HistoryEntry);
  }
  return { ...history, past: keptPast.slice(-history.limit), future: keptFuture.slice(0, history.limit) };
}

function tryApply(scenario: Scenario, patch: Patch): Scenario | null {
  try {
    return applyPatch(scenario, patch).scenario;
  } catch {
    return null;
  }
}
