// One project, several tabs: only one tab edits at a time, so no tab silently
// overwrites another's work. The editing tab holds a Web Lock for as long as it
// lives; any other tab opens read-only, shows what is saved and follows each
// save (BroadcastChannel), and can ask to take over: the editing tab then
// writes what it has queued, lets go of the lock and turns read-only itself.
// A read-only tab always waits in the lock's queue, so when the editing tab
// closes (or crashes), the next tab becomes the editor by itself.
import { create } from 'zustand';
import type { ScenarioDb } from '../storage/scenarioDb';
import type { Scenario } from '../domain/scenario';
import type { ScenarioStore } from './scenarioStore';
import type { LocalizedText } from '../i18n/text';

const LOCK_NAME = 'zhumadian-layout-studio/editor';
const CHANNEL_NAME = 'zhumadian-layout-studio/tabs';

/**
 * 'saved' names the scenarios written (or deleted): a read-only tab re-reads only those.
 * 'editor' says a tab has just become the editor, so a tab still taking over asks that one.
 */
type TabMessage = { type: 'saved'; scenarioIds?: string[] } | { type: 'request-edit' } | { type: 'editor' };

export type TabRole = 'editor' | 'reader';

export interface TabSessionState {
  role: TabRole;
  /** Why this tab is read-only: another tab had the project first, or was handed it. */
  readerReason: 'other-tab-editing' | 'handed-over' | null;
  takingOver: boolean;
  takeOver(): Promise<void>;
}

export type TabSessionStore = ReturnType<typeof createStore>;

const READ_ONLY_PROBLEM: { message: LocalizedText } = {
  message: {
    zh: '此页只读：本项目正在另一个标签页中编辑。请点击顶部的“改在此页编辑”后再修改。',
    en: 'This tab is read-only: the project is being edited in another tab. Press “Edit here instead” at the top first.',
  },
};

/**
 * The scenarios a read-only tab shows after another tab saved some: the ones
 * re-read replace theirs (or are added), deleted ones go, every other scenario
 * is kept as the very same object (not re-read). Ordered by creation, as loadAll orders them.
 */
export function mergeSavedScenarios(shown: readonly Scenario[], reread: readonly Scenario[], deleted: readonly string[]): Scenario[] {
  const replaced = new Map(reread.map((scenario) => [scenario.id, scenario]));
  const gone = new Set(deleted);
  const kept = shown.filter((scenario) => !gone.has(scenario.id)).map((scenario) => replaced.get(scenario.id) ?? scenario);
  const added = reread.filter((scenario) => !shown.some((existing) => existing.id === scenario.id));
  return [...kept, ...added].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function createStore(takeOver: () => Promise<void>) {
  return create<TabSessionState>()(() => ({ role: 'editor', readerReason: null, takingOver: false, takeOver }));
}

/**
 * Claims the editor role if no other tab has it. Browsers without Web Locks
 * (none that the app otherwise supports) get the editor role unguarded.
 */
export async function startTabSession(scenarioStore: ScenarioStore, db: ScenarioDb): Promise<TabSessionStore> {
  let releaseLock: (() => void) | null = null;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  const post = (message: TabMessage) => channel?.postMessage(message);

  /** Resolves once the lock is held (true), or at once with false when another tab holds it and `wait` is off. */
  const acquire = (wait: boolean) =>
    new Promise<boolean>((resolve) => {
      void navigator.locks.request(LOCK_NAME, wait ? {} : { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        // Held until handed over, or until the tab closes (the browser then frees it).
        return new Promise<void>((release) => {
          releaseLock = release;
        });
      });
    });

  const becomeEditor = () => {
    store.setState({ role: 'editor', readerReason: null, takingOver: false });
    scenarioStore.getState().setReadOnly(null);
  };
  /** A reader shows what is saved: reload it, keeping the scenario the planner is looking at. */
  const reloadSaved = async () => {
    const loaded = await db.loadAll();
    if (loaded.ok && loaded.scenarios.length > 0) scenarioStore.getState().replaceAll(loaded.scenarios, scenarioStore.getState().currentId, loaded.histories);
  };

  /** A reader follows a save that named its scenarios: re-read those only. */
  const reloadChanged = async (ids: readonly string[]) => {
    if (ids.length === 0) return;
    const loaded = await db.loadSome(ids);
    if (!loaded.ok) return void reloadSaved();
    const state = scenarioStore.getState();
    state.replaceAll(mergeSavedScenarios(state.scenarios, loaded.scenarios, loaded.deleted), state.currentId);
  };

  /**
   * A reader waits in the lock's queue (one request per tab, whatever woke it:
   * a take-over, or the editing tab closing); once it holds the lock it loads
   * what the last editor saved and becomes the editor.
   */
  let waitingForLock: Promise<void> | null = null;
  const waitToEdit = () =>
    (waitingForLock ??= acquire(true).then(async () => {
      // Loaded while still read-only, so the reload itself is not written back.
      await reloadSaved();
      waitingForLock = null;
      becomeEditor();
      post({ type: 'editor' });
    }));

  const store = createStore(async () => {
    if (store.getState().role === 'editor' || store.getState().takingOver) return;
    store.setState({ takingOver: true });
    post({ type: 'request-edit' });
    await waitToEdit();
  });

  const becomeReader = (reason: NonNullable<TabSessionState['readerReason']>) => {
    store.setState({ role: 'reader', readerReason: reason, takingOver: false });
    scenarioStore.getState().setReadOnly(READ_ONLY_PROBLEM);
    void waitToEdit();
  };

  if (!('locks' in navigator)) return store;
  if (!(await acquire(false))) becomeReader('other-tab-editing');

  db.onStatus((status) => {
    if (status.state === 'saved' && store.getState().role === 'editor') post({ type: 'saved', scenarioIds: status.scenarioIds ?? [] });
  });
  channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    const { role } = store.getState();
    // Three tabs or more: the lock may have gone to another waiting tab first; ask that one again.
    if (event.data.type === 'editor' && store.getState().takingOver) post({ type: 'request-edit' });
    if (event.data.type === 'saved' && role === 'reader') void (event.data.scenarioIds ? reloadChanged(event.data.scenarioIds) : reloadSaved());
    if (event.data.type === 'request-edit' && role === 'editor') {
      // Everything queued is written before the other tab reads it.
      void db.flush().then(() => {
        becomeReader('handed-over');
        releaseLock?.();
        releaseLock = null;
      });
    }
  });
  return store;
}
