// Offline tile packages: a PMTiles or MBTiles file picked or dropped once is
// kept in this browser and served to MapLibre through the
// `zmdpkg://<package id>/{z}/{x}/{y}` protocol. PMTiles: the `pmtiles` library
// reads the header, directories and each tile as byte ranges of the Blob kept
// in IndexedDB (src/storage/basemapPackages.ts). MBTiles: SQLite (WebAssembly)
// in a worker reads the file kept in OPFS (src/storage/mbtiles.worker.ts).
// Either way a package of gigabytes is never read into memory as a whole.
import { FileSource, PMTiles, TileType, type Header } from 'pmtiles';
import type { BasemapSource } from '../../domain/basemap';
import type { LocalizedText } from '../../i18n/text';
import { SQLITE_HEADER_BYTES, sqliteHeaderProblem } from '../../io/basemap/mbtiles';
import { deletePackage, loadPackage, storePackage, storeRecord, type StoredPackage } from '../../storage/basemapPackages';
import { mbtilesWorker } from '../../storage/mbtilesPackages';
import { packageRecord, type PackageFacts } from './kinds/tilePackage';

type Added = { ok: true; value: BasemapSource } | { ok: false; reason: LocalizedText };

const TILE_TYPES: Partial<Record<TileType, PackageFacts['tileType']>> = {
  [TileType.Mvt]: 'mvt',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
};

interface PackageMetadata {
  name?: unknown;
  attribution?: unknown;
  description?: unknown;
  vector_layers?: { id?: unknown }[];
}

/** What a package says of itself: its header (tile type, zooms, bounds) and its JSON metadata (name, attribution, vector layers). */
async function factsOf(archive: PMTiles, fileName: string): Promise<{ ok: true; facts: PackageFacts } | { ok: false; reason: LocalizedText }> {
  let header: Header;
  let metadata: PackageMetadata;
  try {
    header = await archive.getHeader();
    metadata = ((await archive.getMetadata()) ?? {}) as PackageMetadata;
  } catch (error) {
    const detail = (error as Error).message;
    return { ok: false, reason: { zh: `“${fileName}”不是可读的 PMTiles 文件（${detail}）`, en: `“${fileName}” is not a readable PMTiles file (${detail})` } };
  }
  const tileType = TILE_TYPES[header.tileType];
  if (!tileType)
    return {
      ok: false,
      reason: { zh: `“${fileName}”的瓦片格式（代码 ${header.tileType}）本版本不支持；支持 PNG、JPEG、WebP 与 MVT 矢量瓦片`, en: `“${fileName}”: tile format ${header.tileType} is not supported; PNG, JPEG, WebP and MVT vector tiles are` },
    };
  const layerIds = (Array.isArray(metadata.vector_layers) ? metadata.vector_layers : []).map((layer) => String(layer.id ?? '')).filter(Boolean);
  return {
    ok: true,
    facts: {
      name: typeof metadata.name === 'string' && metadata.name.trim() ? metadata.name.trim() : fileName.replace(/\.[^.]+$/, ''),
      attribution: typeof metadata.attribution === 'string' ? metadata.attribution.replace(/<[^>]*>/g, '').trim() : '',
      tileType,
      minZoom: header.minZoom,
      maxZoom: header.maxZoom,
      bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
      vectorLayers: layerIds,
      fileName,
    },
  };
}

const newPackageId = () => `package-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An MBTiles file: checked from its first bytes, then streamed into the SQLite worker's OPFS pool and read there. */
async function addMbtilesFile(file: File): Promise<Added> {
  const head = new Uint8Array(await file.slice(0, SQLITE_HEADER_BYTES).arrayBuffer());
  const problem = sqliteHeaderProblem(head, file.size, file.name);
  if (problem) return { ok: false, reason: problem };
  const id = newPackageId();
  const imported = await mbtilesWorker().importPackage(id, file);
  if (!imported.ok) return imported;
  const facts = imported.value;
  const stored = await storeRecord(id, { format: 'mbtiles', tileType: facts.tileType, fileName: file.name, storedAt: new Date().toISOString() });
  if (!stored.ok) {
    await mbtilesWorker().removePackage(id);
    return stored;
  }
  readers.delete(id);
  return { ok: true, value: packageRecord(id, { ...facts, fileName: file.name }) };
}

/** Reads a picked or dropped package, keeps it in this browser and returns its record. */
export async function addPackageFile(file: File): Promise<Added> {
  if (/\.mbtiles$/i.test(file.name)) return addMbtilesFile(file);
  if (!/\.pmtiles$/i.test(file.name))
    return { ok: false, reason: { zh: `“${file.name}”不是 .pmtiles 或 .mbtiles 文件`, en: `“${file.name}” is not a .pmtiles or .mbtiles file` } };
  const read = await factsOf(new PMTiles(new FileSource(file)), file.name);
  if (!read.ok) return read;
  const id = newPackageId();
  const stored = await storePackage(id, file);
  if (!stored.ok) return stored;
  readers.delete(id);
  return { ok: true, value: packageRecord(id, read.facts) };
}

/** Removes a package's stored file (IndexedDB Blob or OPFS database) when its record is deleted. */
export async function forgetPackage(id: string): Promise<void> {
  const stored = await loadPackage(id);
  readers.delete(id);
  if (stored?.format === 'mbtiles') await mbtilesWorker().removePackage(id);
  await deletePackage(id);
}

/** Reads one tile of a stored package: null where it has none. */
interface PackageReader {
  vector: boolean;
  tile(z: number, x: number, y: number, signal: AbortSignal): Promise<{ data: ArrayBuffer; cacheControl?: string; expires?: string } | null>;
}

function readerOf(id: string, stored: StoredPackage): PackageReader {
  if (stored.format === 'mbtiles')
    return {
      vector: stored.tileType === 'mvt',
      async tile(z, x, y) {
        const read = await mbtilesWorker().tile(id, z, x, y);
        if (!read.ok) throw new Error(read.reason.en);
        const bytes = read.value;
        if (!bytes) return null;
        return { data: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer };
      },
    };
  const archive = new PMTiles(new FileSource(new File([stored.blob], stored.fileName)));
  let vector: boolean | undefined;
  return {
    get vector() {
      return vector ?? false;
    },
    async tile(z, x, y, signal) {
      vector ??= (await archive.getHeader()).tileType === TileType.Mvt;
      const tile = await archive.getZxy(z, x, y, signal);
      return tile ? { data: tile.data, ...(tile.cacheControl && { cacheControl: tile.cacheControl }), ...(tile.expires && { expires: tile.expires }) } : null;
    },
  };
}

/** Open readers by package id: the PMTiles directory caches make the next tiles cheap. */
const readers = new Map<string, Promise<PackageReader | null>>();

function packageReader(id: string): Promise<PackageReader | null> {
  let reader = readers.get(id);
  if (!reader) {
    reader = loadPackage(id).then((stored) => (stored ? readerOf(id, stored) : null));
    readers.set(id, reader);
  }
  return reader;
}

/** A 1×1 transparent PNG. */
const TRANSPARENT_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (character) => character.charCodeAt(0),
);

/** One tile of a stored package for MapLibre's `zmdpkg://<id>/{z}/{x}/{y}` protocol (packageProtocol.ts). */
export async function servePackageTile(url: string, signal: AbortSignal): Promise<{ data: ArrayBuffer; cacheControl?: string; expires?: string }> {
  const match = /^[a-z]+:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)/.exec(url);
  if (!match) throw new Error(`not a package tile address: ${url}`);
  const [, id, z, x, y] = match;
  const reader = await packageReader(id!);
  if (!reader) throw new Error(`tile package ${id} is no longer stored in this browser`);
  const tile = await reader.tile(Number(z), Number(x), Number(y), signal);
  if (tile) return tile;
  // A tile the package does not hold: empty for vector tiles, a transparent pixel for raster (not an error on the map).
  return { data: reader.vector ? new ArrayBuffer(0) : TRANSPARENT_PNG.slice().buffer };
}
