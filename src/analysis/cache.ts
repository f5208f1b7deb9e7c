// What survives between runs in the worker (or a CLI watch loop): each
// facility's circle, each cluster's union, its outline-clipped shape and its
// per-county areas. Keys carry everything that changes the value (facility
// id + geometry hash + radius; a cluster = its members' keys; areas also the
// study area), so after one facility moves only its circle and the clusters
// it left or joined miss. Entries unused for two runs are dropped.
import type { MultiPolygon, Polygon } from 'geojson';

export interface CacheCounters {
  hits: number;
  misses: number;
}

type Store = 'circle' | 'union' | 'clipped' | 'areas';

interface Entry {
  value: unknown;
  lastRun: number;
}

export class CircleCache {
  /** Per store: hits and misses since construction or the last resetCounters(). */
  readonly counters: Record<Store, CacheCounters> = {
    circle: { hits: 0, misses: 0 },
    union: { hits: 0, misses: 0 },
    clipped: { hits: 0, misses: 0 },
    areas: { hits: 0, misses: 0 },
  };
  private readonly entries = new Map<string, Entry>();
  private run = 0;

  /** Called by each analysis at its start: ages entries, evicting those idle for two runs. */
  beginRun(): void {
    this.run++;
    for (const [key, entry] of this.entries) if (entry.lastRun < this.run - 2) this.entries.delete(key);
  }

  resetCounters(): void {
    for (const counter of Object.values(this.counters)) {
      counter.hits = 0;
      counter.misses = 0;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  circle(key: string, compute: () => Polygon | MultiPolygon): Polygon | MultiPolygon {
    return this.lookup('circle', key, compute);
  }

  union(key: string, compute: () => Polygon | MultiPolygon): Polygon | MultiPolygon {
    return this.lookup('union', key, compute);
  }

  clipped(key: string, compute: () => Polygon | MultiPolygon | null): Polygon | MultiPolygon | null {
    return this.lookup('clipped', key, compute);
  }

  /** Per-region covered m² of one cluster (outline first, then counties). */
  areas(key: string, compute: () => Float64Array): Float64Array {
    return this.lookup('areas', key, compute);
  }

  private lookup<T>(store: Store, key: string, compute: () => T): T {
    const fullKey = `${store}:${key}`;
    const entry = this.entries.get(fullKey);
    if (entry) {
      entry.lastRun = this.run;
      this.counters[store].hits++;
      return entry.value as T;
    }
    this.counters[store].misses++;
    const value = compute();
    this.entries.set(fullKey, { value, lastRun: this.run });
    return value;
  }
}
