// Reads the GDAL-made MBTiles fixtures in Node with the same SQLite the app
// runs (@sqlite.org/sqlite-wasm's Node build), for tests that need their
// metadata rows or their tiles (e.g. to write a vector PMTiles package from
// GDAL's own vector tiles).
import { readFileSync } from 'node:fs';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';

export const BASEMAP_FIXTURES = 'tests/fixtures/basemap';

export interface MbtilesContent {
  metadata: [string, string][];
  tiles: { z: number; column: number; row: number; data: Uint8Array }[];
  minZoom: number | null;
  maxZoom: number | null;
}

export async function readMbtiles(fileName: string): Promise<MbtilesContent> {
  const sqlite3 = await sqlite3InitModule();
  const bytes = new Uint8Array(readFileSync(`${BASEMAP_FIXTURES}/${fileName}`));
  const database = new sqlite3.oo1.DB();
  try {
    const pointer = sqlite3.wasm.allocFromTypedArray(bytes);
    const flags = sqlite3.capi.SQLITE_DESERIALIZE_FREEONCLOSE | sqlite3.capi.SQLITE_DESERIALIZE_READONLY;
    const rc = sqlite3.capi.sqlite3_deserialize(database.pointer!, 'main', pointer, bytes.length, bytes.length, flags);
    if (rc !== 0) throw new Error(`sqlite3_deserialize: ${rc}`);
    const metadata = database.selectArrays('SELECT name, value FROM metadata') as [string, string][];
    const tiles = (database.selectArrays('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles') as [number, number, number, Uint8Array][]).map(([z, column, row, data]) => ({ z, column, row, data }));
    const zooms = tiles.map((tile) => tile.z);
    return { metadata, tiles, minZoom: zooms.length ? Math.min(...zooms) : null, maxZoom: zooms.length ? Math.max(...zooms) : null };
  } finally {
    database.close();
  }
}
