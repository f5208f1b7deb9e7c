// Offline tile packages kept in this browser: a PMTiles file is stored once in
// IndexedDB as a Blob (the browser keeps it on disk; reading a tile reads only
// its byte range), so a package picked once is there after a reload with no
// network. An MBTiles package lives in the SQLite worker's OPFS pool
// (src/storage/mbtiles.worker.ts); its record here says so and what its tiles
// are. Errors (quota, storage switched off) come back as values.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LocalizedText } from '../i18n/text';

const DB_NAME = 'zhumadian-basemap-packages';

export type StoredPackage =
  | { format?: 'pmtiles'; blob: Blob; fileName: string; storedAt: string }
  | { format: 'mbtiles'; tileType: 'png' | 'jpg' | 'webp' | 'mvt'; fileName: string; storedAt: string };

interface PackageSchema extends DBSchema {
  packages: { key: string; value: StoredPackage };
}

let opening: Promise<IDBPDatabase<PackageSchema>> | null = null;
const database = () => (opening ??= openDB<PackageSchema>(DB_NAME, 1, { upgrade: (db) => db.createObjectStore('packages') }));

export type Stored<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };

function failure(error: unknown): { ok: false; reason: LocalizedText } {
  const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
  const detail = error instanceof Error ? error.message : String(error);
  return quota
    ? { ok: false, reason: { zh: `浏览器存储空间不足，无法保存此瓦片包（${detail}）`, en: `not enough browser storage to keep this tile package (${detail})` } }
    : { ok: false, reason: { zh: `无法把瓦片包保存到浏览器：${detail}`, en: `cannot keep the tile package in this browser: ${detail}` } };
}

export async function storePackage(id: string, file: File): Promise<Stored<StoredPackage>> {
  return storeRecord(id, { blob: file, fileName: file.name, storedAt: new Date().toISOString() });
}

export async function storeRecord(id: string, stored: StoredPackage): Promise<Stored<StoredPackage>> {
  try {
    await (await database()).put('packages', stored, id);
    return { ok: true, value: stored };
  } catch (error) {
    return failure(error);
  }
}

export async function loadPackage(id: string): Promise<StoredPackage | undefined> {
  return (await database()).get('packages', id);
}

export async function deletePackage(id: string): Promise<void> {
  await (await database()).delete('packages', id);
}
