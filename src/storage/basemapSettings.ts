// The basemap list and the planner's service keys, kept in this browser
// (localStorage: small, synchronous, read before the map is created, so a
// reload opens on the same basemaps). Keys live apart from the records, so a
// record can travel (a project file, a slide) without ever carrying a key.
import type { BasemapSource } from '../domain/basemap';

const LIST_KEY = 'zmd-basemap-sources';
const KEYS_KEY = 'zmd-basemap-keys';

/** The stored list as it was written (checked by the caller against the kinds this version knows), or undefined. */
export function loadStoredBasemapList(): unknown {
  try {
    const text = localStorage.getItem(LIST_KEY);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function saveBasemapList(sources: readonly BasemapSource[]): boolean {
  try {
    localStorage.setItem(LIST_KEY, JSON.stringify(sources));
    return true;
  } catch {
    return false;
  }
}

export type StoredKeys = Record<string, string>;

export function loadBasemapKeys(): StoredKeys {
  try {
    const value = JSON.parse(localStorage.getItem(KEYS_KEY) ?? '{}') as unknown;
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export function saveBasemapKeys(keys: StoredKeys): boolean {
  try {
    localStorage.setItem(KEYS_KEY, JSON.stringify(keys));
    return true;
  } catch {
    return false;
  }
}
