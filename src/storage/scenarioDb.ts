// Scenarios in IndexedDB (through idb): every edit is written within a second,
// so a reload, a closed tab or a crash loses at most the last few hundred
// milliseconds. Storage errors (quota, a blocked or broken database) are
// reported to the caller, never swallowed.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Scenario } from '../domain/scenario';

const DB_NAME = 'zhumadian-layout-studio';
const DB_VERSION = 1;

interface StudioSchema extends DBSchema {
  scenarios: { key: string; value: Scenario };
  meta: { key: string; value: string };
}

export interface StorageProblem {
  code: 'unavailable' | 'quota' | 'write-failed' | 'read-failed';
  message_zh: string;
  message_en: string;
  detail: string;
}

function problem(code: StorageProblem['code'], error: unknown): StorageProblem {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const isQuota = error instanceof DOMException && error.name === 'QuotaExceededError';
  const kind = isQuota ? 'quota' : code;
  const messages: Record<StorageProblem['code'], [string, string]> = {
    unavailable: ['浏览器存储不可用，编辑无法自动保存。请导出项目文件保存工作。', 'Browser storage is unavailable: edits cannot be saved automatically. Export the project file to keep your work.'],
    quota: ['浏览器存储空间已满，最近的编辑未能保存。请导出项目文件，并清理浏览器存储。', 'Browser storage is full: the latest edits were not saved. Export the project file and free some browser storage.'],
    'write-failed': ['保存失败，最近的编辑未写入浏览器存储。请导出项目文件。', 'Saving failed: the latest edits are not in browser storage. Export the project file.'],
    'read-failed': ['读取已保存的方案失败。', 'Could not read the saved scenarios.'],
  };
  const [zh, en] = messages[kind];
  return { code: kind, message_zh: zh, message_en: en, detail };
}

export type SaveStatus = { state: 'saved' } | { state: 'saving' } | { state: 'error'; problem: StorageProblem };

/** Debounced writer: the latest version of each changed scenario, in one transaction. */
export class ScenarioDb {
  private pending = new Map<string, Scenario | null>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private listeners = new Set<(status: SaveStatus) => void>();

  private constructor(private readonly db: IDBPDatabase<StudioSchema>) {}

  static async open(): Promise<{ ok: true; db: ScenarioDb } | { ok: false; problem: StorageProblem }> {
    try {
      const db = await openDB<StudioSchema>(DB_NAME, DB_VERSION, {
        upgrade(database) {
          database.createObjectStore('scenarios', { keyPath: 'id' });
          database.createObjectStore('meta');
        },
      });
      return { ok: true, db: new ScenarioDb(db) };
    } catch (error) {
      return { ok: false, problem: problem('unavailable', error) };
    }
  }

  onStatus(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(status: SaveStatus) {
    for (const listener of this.listeners) listener(status);
  }

  async loadAll(): Promise<{ ok: true; scenarios: Scenario[]; currentId: string | null } | { ok: false; problem: StorageProblem }> {
    try {
      const scenarios = await this.db.getAll('scenarios');
      const currentId = (await this.db.get('meta', 'currentScenarioId')) ?? null;
      return { ok: true, scenarios: scenarios.sort((a, b) => a.createdAt.localeCompare(b.createdAt)), currentId };
    } catch (error) {
      return { ok: false, problem: problem('read-failed', error) };
    }
  }

  /** Queues a write; `null` deletes. Written within `delayMs` (default 250 ms). */
  save(id: string, scenario: Scenario | null, delayMs = 250) {
    this.pending.set(id, scenario);
    this.emit({ state: 'saving' });
    if (this.timer === null) this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  async setCurrent(id: string) {
    try {
      await this.db.put('meta', id, 'currentScenarioId');
    } catch (error) {
      this.emit({ state: 'error', problem: problem('write-failed', error) });
    }
  }

  /** Writes everything queued now (also called before the page is hidden). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      try {
        const transaction = this.db.transaction('scenarios', 'readwrite');
        for (const [id, scenario] of batch) {
          if (scenario) void transaction.store.put(scenario);
          else void transaction.store.delete(id);
        }
        // Committed now rather than when the event loop turns: a flush started as
        // the page unloads (reload, closed tab) then still reaches the disk.
        transaction.commit();
        await transaction.done;
        if (this.pending.size === 0) this.emit({ state: 'saved' });
      } catch (error) {
        // Keep what failed queued (unless newer versions came in), so a later save retries it.
        for (const [id, scenario] of batch) if (!this.pending.has(id)) this.pending.set(id, scenario);
        this.emit({ state: 'error', problem: problem('write-failed', error) });
      }
    })();
    await this.flushing;
    this.flushing = null;
  }

  // ---- Presenter views (slides): one JSON value in `meta`, written debounced like scenarios.
  private pendingViews: { views: readonly unknown[] } | null = null;
  private viewsTimer: ReturnType<typeof setTimeout> | null = null;

  /** Queues the slides for writing within `delayMs` (default 250 ms). */
  saveViews(views: readonly unknown[], delayMs = 250) {
    this.pendingViews = { views };
    this.emit({ state: 'saving' });
    if (this.viewsTimer === null) this.viewsTimer = setTimeout(() => void this.flushViews(), delayMs);
  }

  /** The stored slides as parsed JSON (unchecked: the caller validates), [] when none were saved. */
  async loadViews(): Promise<{ ok: true; views: unknown } | { ok: false; problem: StorageProblem }> {
    try {
      const text = await this.db.get('meta', 'presenterViews');
      return { ok: true, views: text === undefined ? [] : (JSON.parse(text) as unknown) };
    } catch (error) {
      return { ok: false, problem: problem('read-failed', error) };
    }
  }

  async flushViews(): Promise<void> {
    if (this.viewsTimer !== null) clearTimeout(this.viewsTimer);
    this.viewsTimer = null;
    const batch = this.pendingViews;
    if (!batch) return;
    this.pendingViews = null;
    try {
      await this.db.put('meta', JSON.stringify(batch.views), 'presenterViews');
      if (this.pendingViews === null && this.pending.size === 0) this.emit({ state: 'saved' });
    } catch (error) {
      this.pendingViews ??= batch;
      this.emit({ state: 'error', problem: problem('write-failed', error) });
    }
  }
}
