// Offline tile packages: a PMTiles file picked or dropped once is kept in this
// browser (src/storage/basemapPackages.ts) and served to MapLibre through the
// `zmdpkg://<package id>/{z}/{x}/{y}` protocol. The `pmtiles` library reads the
// header, directories and each tile as byte ranges of the stored Blob, so a
// package of gigabytes is never read into memory as a whole.
import * as maplibregl from 'maplibre-gl';
import { FileSource, PMTiles, TileType, type Header } from 'pmtiles';
import type { BasemapSource } from '../../domain/basemap';
import type { LocalizedText } from '../../i18n/text';
import { loadPackage, storePackage } from '../../storage/basemapPackages';
import { packageRecord, PACKAGE_PROTOCOL, type PackageFacts } from './kinds/tilePackage';

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

const MBTILES_ADVICE: LocalizedText = {
  zh: 'MBTiles 请先转换为 PMTiles（命令：pmtiles convert 输入.mbtiles 输出.pmtiles），再添加。PMTiles 可按字节范围读取，不必把整个文件读入内存。',
  en: 'Convert MBTiles to PMTiles first (pmtiles convert in.mbtiles out.pmtiles), then add it: a PMTiles file is read by byte ranges, never whole into memory.',
};

/** Reads a picked or dropped package, keeps it in this browser and returns its record. */
export async function addPackageFile(file: File): Promise<Added> {
  if (/\.mbtiles$/i.test(file.name)) return { ok: false, reason: MBTILES_ADVICE };
  if (!/\.pmtiles$/i.test(file.name))
    return { ok: false, reason: { zh: `“${file.name}”不是 .pmtiles 文件`, en: `“${file.name}” is not a .pmtiles file` } };
  const read = await factsOf(new PMTiles(new FileSource(file)), file.name);
  if (!read.ok) return read;
  const id = `package-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const stored = await storePackage(id, file);
  if (!stored.ok) return stored;
  archives.delete(id);
  return { ok: true, value: packageRecord(id, read.facts) };
}

/** Open archives by package id: their directory caches make the next tiles cheap. */
const archives = new Map<string, Promise<PMTiles | null>>();

function archiveOf(id: string): Promise<PMTiles | null> {
  let archive = archives.get(id);
  if (!archive) {
    archive = loadPackage(id).then((stored) => (stored ? new PMTiles(new FileSource(new File([stored.blob], stored.fileName))) : null));
    archives.set(id, archive);
  }
  return archive;
}

/** A 1×1 transparent PNG. */
const TRANSPARENT_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (character) => character.charCodeAt(0),
);

let registered = false;

/** Serves stored packages to MapLibre; once per page. */
export function registerPackageProtocol() {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(PACKAGE_PROTOCOL, async (params, abort) => {
    const match = /^[a-z]+:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)/.exec(params.url);
    if (!match) throw new Error(`not a package tile address: ${params.url}`);
    const [, id, z, x, y] = match;
    const archive = await archiveOf(id!);
    if (!archive) throw new Error(`tile package ${id} is no longer stored in this browser`);
    const tile = await archive.getZxy(Number(z), Number(x), Number(y), abort.signal);
    if (tile) return { data: tile.data, cacheControl: tile.cacheControl, expires: tile.expires };
    // A tile the package does not hold: empty for vector tiles, a transparent pixel for raster (not an error on the map).
    return { data: (await archive.getHeader()).tileType === TileType.Mvt ? new ArrayBuffer(0) : TRANSPARENT_PNG.slice().buffer };
  });
}
