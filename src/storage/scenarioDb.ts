// Scenarios in IndexedDB (through idb): every edit is written within a second,
// so a reload, a closed tab or a crash loses at most the last few hundred
// milliseconds. Storage errors (quota, a blocked or broken database) are
// reported to the caller, never swallowed.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Scenario } from '../domain/scenario';
import type { StoredHistory } from '../domain/storedHistory';
import type { LocalizedText } from '../i18n/text';
import { packedFeaturesOf, unpackFeatures, type PackedFeatures } from '../io/featureColumns';

const DB_NAME = 'zhumadian-layout-studio';
const DB_VERSION = 3;

/**
 * Layers with more features than this (typically imported point sets) are
 * stored apart from their scenario and rewritten only when they change: an
 * edit elsewhere in the scenario then writes a few kilobytes, not the
 * 100,000 points (IndexedDB copies every value it stores on the main thread).
 * A layer of simple points is stored as columns (io/featureColumns.ts):
 * IndexedDB copies a few typed arrays and one string instead of 100,000
 * objects (210 ms of serialising on the main thread in the browser trace).
 * Layers stored before as feature arrays are still read.
 */
export const LAYER_STORED_APART_FROM = 5_000;
const apartKey = (scenarioId: string, layerId: string) => `${scenarioId}\u0000${layerId}`;
const apartKeysOf = (scenarioId: string) => IDBKeyRange.bound(`${scenarioId}\u0000`, `${scenarioId}\u0000\uffff`);
type StoredLayer = Scenario['layers'][number] & { featuresStoredApart?: true };

interface StudioSchema extends DBSchema {
  scenarios: { key: string; value: Scenario };
  meta: { key: string; value: string };
  layerFeatures: { key: string; value: Scenario['layers'][number]['features'] | { packed: PackedFeatures } };
  /** Each scenario's bounded undo history (domain/storedHistory.ts), written with the scenario. */
  histories: { key: string; value: StoredHistory };
}

export interface StorageProblem {
  code: 'unavailable' | 'quota' | 'write-failed' | 'read-failed';
  message: LocalizedText;
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
  return { code: kind, message: { zh, en }, detail };
}

/** 'saved' names the scenarios written or deleted since the last 'saved', so another tab re-reads only those. */
export type SaveStatus = { state: 'saved'; scenarioIds?: string[] } | { state: 'saving' } | { state: 'error'; problem: StorageProblem };

/** Debounced writer: the latest version of each changed scenario, in one transaction. */
export class ScenarioDb {
  private pending = new Map<string, Scenario | null>();
  private pendingHistories = new Map<string, StoredHistory>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private listeners = new Set<(status: SaveStatus) => void>();

  private constructor(private readonly db: IDBPDatabase<StudioSchema>) {}

  static async open(): Promise<{ ok: true; db: ScenarioDb } | { ok: false; problem: StorageProblem }> {
    try {
      const db = await openDB<StudioSchema>(DB_NAME, DB_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            database.createObjectStore('scenarios', { keyPath: 'id' });
            database.createObjectStore('meta');
          }
          if (oldVersion < 2) database.createObjectStore('layerFeatures');
          if (oldVersion < 3) database.createObjectStore('histories');
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

  /** Scenarios written since the last 'saved' was announced. */
  private savedIds = new Set<string>();

  private emitSaved() {
    const scenarioIds = [...this.savedIds];
    this.savedIds.clear();
    this.emit({ state: 'saved', scenarioIds });
  }

  async loadAll(): Promise<
    { ok: true; scenarios: Scenario[]; currentId: string | null; histories: Record<string, unknown> } | { ok: false; problem: StorageProblem }
  > {
    try {
      const stored = await this.db.getAll('scenarios');
      const scenarios: Scenario[] = [];
      for (const scenario of stored) scenarios.push(await this.assemble(scenario));
      const currentId = (await this.db.get('meta', 'currentScenarioId')) ?? null;
      // Unchecked here: the store replays each history on its scenario before trusting it.
      const histories: Record<string, unknown> = {};
      for (const scenario of scenarios) histories[scenario.id] = await this.db.get('histories', scenario.id);
      return { ok: true, scenarios: scenarios.sort((a, b) => a.createdAt.localeCompare(b.createdAt)), currentId, histories };
    } catch (error) {
      return { ok: false, problem: problem('read-failed', error) };
    }
  }

  /**
   * Reads only the scenarios `ids` (another tab saved them): those found, and
   * the ids no longer stored (deleted). A read-only tab uses it to follow saves
   * without re-reading every scenario, big imported layers included.
   */
  async loadSome(ids: readonly string[]): Promise<{ ok: true; scenarios: Scenario[]; deleted: string[] } | { ok: false; problem: StorageProblem }> {
    try {
      const scenarios: Scenario[] = [];
      const deleted: string[] = [];
      for (const id of ids) {
        const stored = await this.db.get('scenarios', id);
        if (stored) scenarios.push(await this.assemble(stored));
        else deleted.push(id);
      }
      return { ok: true, scenarios, deleted };
    } catch (error) {
      return { ok: false, problem: problem('read-failed', error) };
    }
  }

  /** A stored scenario with its big layers' features read back from where they are stored apart. */
  private async assemble(scenario: Scenario): Promise<Scenario> {
    const layers = [];
    for (const { featuresStoredApart, ...layer } of scenario.layers as StoredLayer[]) {
      if (!featuresStoredApart) {
        layers.push(layer);
        continue;
      }
      const key = apartKey(scenario.id, layer.id);
      const stored = (await this.db.get('layerFeatures', key)) ?? [];
      const features = Array.isArray(stored) ? stored : unpackFeatures(stored.packed);
      this.writtenApart.set(key, features);
      layers.push({ ...layer, features });
    }
    return { ...scenario, layers };
  }

  /**
   * Queues a write; `null` deletes. Written within `delayMs` (default 250 ms).
   * `history` (the scenario's undo steps) is written in the same transaction, so a
   * stored history always belongs to the stored scenario; without one it is deleted.
   */
  save(id: string, scenario: Scenario | null, delayMs = 250, history?: StoredHistory) {
    this.pending.set(id, scenario);
    if (history && scenario) this.pendingHistories.set(id, history);
    else this.pendingHistories.delete(id);
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

  /** Layers stored apart, by key, as last written: what an unchanged layer need not rewrite. */
  private writtenApart = new Map<string, readonly unknown[]>();

  /** Drops the scenario's stored-apart keys not in `keep`, returning them (to delete). */
  private forgetApart(scenarioId: string, keep: ReadonlySet<string>): string[] {
    const prefix = apartKey(scenarioId, '');
    const dropped = [...this.writtenApart.keys()].filter((key) => key.startsWith(prefix) && !keep.has(key));
    for (const key of dropped) this.writtenApart.delete(key);
    return dropped;
  }

  /** Issues the batch's writes in `transaction`; big layers only when they changed. */
  private queueWrites(
    transaction: IDBPTransaction<StudioSchema, ['scenarios', 'layerFeatures', 'histories'], 'readwrite'>,
    batch: ReadonlyMap<string, Scenario | null>,
    histories: ReadonlyMap<string, StoredHistory>,
    attemptedApart: string[],
  ) {
    const scenarios = transaction.objectStore('scenarios');
    const historyStore = transaction.objectStore('histories');
    for (const id of batch.keys()) {
      const history = histories.get(id);
      if (history) void historyStore.put(history, id);
      else void historyStore.delete(id);
    }
    const apart = transaction.objectStore('layerFeatures');
    for (const [id, scenario] of batch) {
      if (!scenario) {
        void scenarios.delete(id);
        void apart.delete(apartKeysOf(id));
        this.forgetApart(id, new Set());
        continue;
      }
      const keep = new Set<string>();
      const layers = scenario.layers.map((layer): StoredLayer => {
        if (layer.features.length <= LAYER_STORED_APART_FROM) return layer;
        const key = apartKey(id, layer.id);
        keep.add(key);
        // Unchanged layers keep their array (scenarios are immutable), so identity says what to write.
        if (this.writtenApart.get(key) !== layer.features) {
          const packed = packedFeaturesOf(layer.features);
          void apart.put(packed ? { packed } : layer.features, key);
          this.writtenApart.set(key, layer.features);
          attemptedApart.push(key);
        }
        return { ...layer, features: [], featuresStoredApart: true };
      });
      for (const key of this.forgetApart(id, keep)) void apart.delete(key);
      void scenarios.put({ ...scenario, layers });
    }
  }

  /** Writes everything queued now (also called before the page is hidden). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    const historyBatch = this.pendingHistories;
    this.pending = new Map();
    this.pendingHistories = new Map();
    // Stored-apart layers written by this batch: if it fails, they count as unwritten again.
    const attemptedApart: string[] = [];
    this.flushing = (async () => {
      try {
        const transaction = this.db.transaction(['scenarios', 'layerFeatures', 'histories'], 'readwrite');
        // A value that cannot be stored throws here: nothing of the batch may land then.
        try {
          this.queueWrites(transaction, batch, historyBatch, attemptedApart);
        } catch (error) {
          transaction.abort();
          throw error;
        }
        // Committed now rather than when the event loop turns: a flush started as
        // the page unloads (reload, closed tab) then still reaches the disk.
        transaction.commit();
        await transaction.done;
        for (const id of batch.keys()) this.savedIds.add(id);
        if (this.pending.size === 0) this.emitSaved();
      } catch (error) {
        // Keep what failed queued (unless newer versions came in), so a later save retries it.
        for (const [id, scenario] of batch)
          if (!this.pending.has(id)) {
            this.pending.set(id, scenario);
            const history = historyBatch.get(id);
            if (history) this.pendingHistories.set(id, history);
          }
        for (const key of attemptedApart) this.writtenApart.delete(key);
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
      if (this.pendingViews === null && this.pending.size === 0) this.emitSaved();
    } catch (error) {
      this.pendingViews ??= batch;
      this.emit({ state: 'error', problem: problem('write-failed', error) });
    }
  }
}
