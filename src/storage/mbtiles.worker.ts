// MBTiles packages kept in this browser and read with SQLite itself: the
// official SQLite WebAssembly build (@sqlite.org/sqlite-wasm) with its
// `opfs-sahpool` VFS, which keeps database files in the Origin Private File
// System through synchronous access handles. That VFS works in a dedicated
// worker without COOP/COEP headers (the plain `opfs` VFS needs
// SharedArrayBuffer). A picked file is streamed into the pool chunk by chunk
// (importDb with an async chunk callback), so a package of gigabytes never sits
// in memory; SQLite then reads only the pages a tile query touches.
//
// The pool holds its files exclusively: one worker (one tab) at a time. A
// second tab gets a clear error per package instead of tiles, and the pool is
// kept intact when it cannot be opened (preserveOnInitFailure), never wiped.
import * as Comlink from 'comlink';
import sqlite3InitModule, { type Database, type SAHPoolUtil } from '@sqlite.org/sqlite-wasm';
import { gunzipSync } from 'fflate';
import { isGzip, mbtilesFacts, tmsRow, type MbtilesFacts } from '../io/basemap/mbtiles';
import type { LocalizedText } from '../i18n/text';

const POOL_DIRECTORY = '.zmd-mbtiles-packages';
const pathOf = (id: string) => `/${id}.mbtiles`;

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };

let pool: Promise<SAHPoolUtil> | null = null;

async function openPool(): Promise<SAHPoolUtil> {
  const sqlite3 = await sqlite3InitModule();
  // A tab that closed a moment ago may still hold the access handles: try a few times before saying so.
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt += 1) {
    try {
      return await sqlite3.installOpfsSAHPoolVfs({
        name: 'zmd-mbtiles',
        directory: POOL_DIRECTORY,
        initialCapacity: 4,
        preserveOnInitFailure: true,
        ...({ forceReinitIfPreviouslyFailed: true } as object),
      });
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
  throw lastError;
}

function poolOf(): Promise<SAHPoolUtil> {
  pool ??= openPool().catch((error: unknown) => {
    pool = null;
    throw error;
  });
  return pool;
}

const unavailable = (error: unknown): LocalizedText => {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    zh: `无法打开浏览器中的 MBTiles 存储（OPFS）：${detail}。若本应用在另一个标签页中打开，请关闭那个标签页后刷新`,
    en: `cannot open this browser’s MBTiles storage (OPFS): ${detail}. If the app is open in another tab, close that tab and reload`,
  };
};

/** Open databases by package id, read-only. */
const databases = new Map<string, Database>();

async function databaseOf(id: string): Promise<Database | null> {
  const open = databases.get(id);
  if (open) return open;
  const util = await poolOf();
  if (!util.getFileNames().includes(pathOf(id))) return null;
  const database = new (util.OpfsSAHPoolDb as unknown as new (name: string, flags: string) => Database)(pathOf(id), 'r');
  databases.set(id, database);
  return database;
}

/** Reads what the package says of itself; null reason when it is not an MBTiles package. */
function readFacts(database: Database, fileName: string): Outcome<MbtilesFacts> {
  const objects = database.selectArrays("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')") as [string, string][];
  const names = new Set(objects.map(([name]) => name.toLowerCase()));
  if (!names.has('tiles')) {
    // The tables a person would recognise: SQLite's, GeoPackage's and R-tree index tables left out.
    const found = objects.map(([name]) => name).filter((name) => !/^(sqlite_|gpkg_|rtree_)/.test(name)).slice(0, 8);
    const isGeoPackage = names.has('gpkg_contents');
    return {
      ok: false,
      reason: {
        zh: `“${fileName}”是 SQLite 数据库，但没有 MBTiles 的 tiles 表${isGeoPackage ? '（这是 GeoPackage 文件，请用“导入”读取其中的要素）' : ''}；其中的表：${found.join('、') || '无'}。MBTiles 需要 tiles 表（或视图）与 metadata 表`,
        en: `“${fileName}” is an SQLite database without the MBTiles tiles table${isGeoPackage ? ' (it is a GeoPackage: use Import to read its features)' : ''}; its tables: ${found.join(', ') || 'none'}. MBTiles needs a tiles table (or view) and a metadata table`,
      },
    };
  }
  const metadata = names.has('metadata') ? (database.selectArrays('SELECT name, value FROM metadata') as [unknown, unknown][]) : [];
  const zooms = database.selectArray('SELECT min(zoom_level), max(zoom_level) FROM tiles') as [number | null, number | null] | undefined;
  const firstTile = database.selectValue('SELECT tile_data FROM tiles LIMIT 1');
  return mbtilesFacts(metadata, fileName, {
    minZoom: zooms?.[0] ?? null,
    maxZoom: zooms?.[1] ?? null,
    firstTile: firstTile instanceof Uint8Array ? firstTile : null,
  });
}

const api = {
  /**
   * Streams a picked file into the pool under the package id, then checks it is
   * an MBTiles package and reads its facts. Anything not usable is removed
   * again, so a refused file leaves nothing behind.
   */
  async importPackage(id: string, file: File): Promise<Outcome<MbtilesFacts>> {
    let util: SAHPoolUtil;
    try {
      util = await poolOf();
      // Each package takes one file of the pool; room for a journal besides, should SQLite want one.
      await util.reserveMinimumCapacity(util.getFileCount() + 2);
    } catch (error) {
      return { ok: false, reason: unavailable(error) };
    }
    const reader = file.stream().getReader();
    try {
      const written = await util.importDb(pathOf(id), async () => {
        const { done, value } = await reader.read();
        return done ? undefined : value;
      });
      if (written !== file.size) throw new Error(`wrote ${written} of ${file.size} bytes`);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      util.unlink(pathOf(id));
      const detail = error instanceof Error ? error.message : String(error);
      const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
      return {
        ok: false,
        reason: quota
          ? { zh: `浏览器存储空间不足，无法保存“${file.name}”（${detail}）`, en: `not enough browser storage to keep “${file.name}” (${detail})` }
          : { zh: `“${file.name}”无法保存为 MBTiles 瓦片包：${detail}`, en: `“${file.name}” could not be kept as an MBTiles package: ${detail}` },
      };
    }
    try {
      const database = await databaseOf(id);
      const facts = readFacts(database!, file.name);
      if (!facts.ok) api.removePackage(id);
      return facts;
    } catch (error) {
      api.removePackage(id);
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        reason: {
          zh: `“${file.name}”已损坏，SQLite 无法读取（${detail}）。请重新导出或复制完整的文件`,
          en: `“${file.name}” is damaged; SQLite cannot read it (${detail}). Export or copy the whole file again`,
        },
      };
    }
  },

  /** One tile's bytes, or null where the package has none. Vector tiles are usually stored gzipped; MapLibre wants them plain (a server would have sent Content-Encoding). */
  async tile(id: string, z: number, x: number, y: number): Promise<Outcome<Uint8Array | null>> {
    let database: Database | null;
    try {
      database = await databaseOf(id);
    } catch (error) {
      return { ok: false, reason: unavailable(error) };
    }
    if (!database) return { ok: false, reason: { zh: `离线瓦片包 ${id} 已不在本浏览器中`, en: `tile package ${id} is no longer kept in this browser` } };
    const data = database.selectValue('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?', [z, x, tmsRow(z, y)]);
    if (!(data instanceof Uint8Array)) return { ok: true, value: null };
    const plain = isGzip(data) ? gunzipSync(data) : data;
    return { ok: true, value: Comlink.transfer(plain, [plain.buffer as ArrayBuffer]) };
  },

  /** Closes and deletes a package's file; true when there was one. */
  async removePackage(id: string): Promise<boolean> {
    databases.get(id)?.close();
    databases.delete(id);
    const util = await poolOf();
    return util.unlink(pathOf(id));
  },

  /** The package ids kept in the pool (for tests and for tidying records that lost their package). */
  async packageIds(): Promise<string[]> {
    return (await poolOf()).getFileNames().map((name) => name.replace(/^\//, '').replace(/\.mbtiles$/, ''));
  },
};

export type MbtilesWorkerApi = typeof api;

Comlink.expose(api);
