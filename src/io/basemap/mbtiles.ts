// MBTiles (https://github.com/mapbox/mbtiles-spec/blob/master/1.3/spec.md):
// an SQLite database with a `tiles` table or view (zoom_level, tile_column,
// tile_row, tile_data) and a `metadata` table of name/value rows. The parts
// here need no SQLite: checking that a file is an SQLite database at all (and
// whole) from its 100-byte header, reading the metadata rows into the facts a
// basemap record shows, telling the tile format from the bytes, and the TMS row
// flip (MBTiles counts rows from the south, XYZ from the north). The worker
// that runs SQLite is src/map/basemap/mbtiles.worker.ts.
import type { LocalizedText } from '../../i18n/text';

export type PackageTileType = 'png' | 'jpg' | 'webp' | 'mvt';

/** What an MBTiles file says of itself, as a basemap record needs it. */
export interface MbtilesFacts {
  name: string;
  attribution: string;
  tileType: PackageTileType;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  vectorLayers: string[];
}

type Read<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };

/** The first 16 bytes of every SQLite 3 database: "SQLite format 3\0". */
const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** Bytes of the header the checks below read. */
export const SQLITE_HEADER_BYTES = 100;

/**
 * Whether the first bytes of a file are an SQLite database that is all there.
 * SQLite writes the database size in pages at offset 28; it is trusted when
 * the "version-valid-for" number (offset 92) equals the change counter
 * (offset 24), as SQLite itself does. A file shorter than that size was cut
 * short (an interrupted copy or download).
 */
export function sqliteHeaderProblem(head: Uint8Array, fileSize: number, fileName: string): LocalizedText | null {
  const magic = String.fromCharCode(...head.subarray(0, 16));
  if (head.length < SQLITE_HEADER_BYTES || magic !== SQLITE_MAGIC) {
    const found = describeStart(head);
    return {
      zh: `“${fileName}”不是 MBTiles 文件：MBTiles 是 SQLite 数据库，文件应以“SQLite format 3”开头，此文件${found.zh}。请选择由 GDAL、QGIS、TileMill 或 mbutil 导出的 .mbtiles 文件`,
      en: `“${fileName}” is not an MBTiles file: MBTiles is an SQLite database starting with “SQLite format 3”, this file ${found.en}. Choose an .mbtiles file exported by GDAL, QGIS, TileMill or mbutil`,
    };
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28);
  const sizeIsValid = pages > 0 && view.getUint32(92) === view.getUint32(24);
  if (sizeIsValid && pageSize * pages > fileSize) {
    return {
      zh: `“${fileName}”不完整：数据库头记录 ${sizeText(pageSize * pages)}，文件只有 ${sizeText(fileSize)}（复制或下载中断？）。请重新复制完整的文件`,
      en: `“${fileName}” is incomplete: its header records ${sizeText(pageSize * pages)}, the file holds ${sizeText(fileSize)} (an interrupted copy or download?). Copy the whole file again`,
    };
  }
  return null;
}

/** A size as people read it: bytes, kB or MB. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function describeStart(head: Uint8Array): LocalizedText {
  if (head.length === 0) return { zh: '是空的', en: 'is empty' };
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { zh: '是 ZIP 压缩包', en: 'is a ZIP archive' };
  if (starts(0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73)) return { zh: '是 PMTiles 文件（请把扩展名改为 .pmtiles）', en: 'is a PMTiles file (rename it to .pmtiles)' };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { zh: '是 PNG 图片', en: 'is a PNG image' };
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return { zh: '是 TIFF 影像（GeoTIFF 请先用 gdal_translate -of MBTILES 转换）', en: 'is a TIFF image (convert a GeoTIFF with gdal_translate -of MBTILES first)' };
  const hex = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return { zh: `以字节 ${hex} 开头`, en: `starts with the bytes ${hex}` };
}

/** The format of a tile from its first bytes; gzip means a compressed vector tile. */
export function tileTypeOfBytes(bytes: Uint8Array): PackageTileType | 'gzip' | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  if (starts(0x1f, 0x8b)) return 'gzip';
  // An uncompressed MVT starts with field 3 (layers), wire type 2: 0x1a.
  if (bytes[0] === 0x1a) return 'mvt';
  return undefined;
}

/** Whether tile bytes are gzip-compressed (vector MBTiles usually are; MapLibre wants them plain). */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** XYZ row → MBTiles (TMS) row: MBTiles counts rows from the south. The flip is its own inverse. */
export const tmsRow = (zoom: number, row: number) => 2 ** zoom - 1 - row;

const FORMATS: Record<string, PackageTileType> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp', pbf: 'mvt', mvt: 'mvt' };

/**
 * The facts of a package from its metadata rows. `format` decides the tile type
 * (the spec requires it); when it is missing the first tile's bytes decide.
 * Zooms come from metadata, else from the tiles table's own range; bounds from
 * metadata, else the whole world. Vector layers are in the `json` row.
 */
export function mbtilesFacts(
  rows: readonly (readonly [unknown, unknown])[],
  fileName: string,
  fromTiles: { minZoom: number | null; maxZoom: number | null; firstTile: Uint8Array | null },
): Read<MbtilesFacts> {
  const metadata = new Map<string, string>();
  for (const [name, value] of rows) if (typeof name === 'string' && value !== null && value !== undefined) metadata.set(name.trim().toLowerCase(), String(value));
  if (fromTiles.minZoom === null || fromTiles.maxZoom === null)
    return {
      ok: false,
      reason: { zh: `“${fileName}”的 tiles 表中没有瓦片（空的瓦片包）`, en: `“${fileName}” holds no tiles (its tiles table is empty)` },
    };
  const declared = metadata.get('format')?.trim().toLowerCase();
  let tileType: PackageTileType | undefined = declared ? FORMATS[declared] : undefined;
  if (declared && !tileType)
    return {
      ok: false,
      reason: {
        zh: `“${fileName}”的瓦片格式“${declared}”本版本不支持；支持 PNG、JPEG、WebP 与 pbf（MVT 矢量瓦片）`,
        en: `“${fileName}”: tile format “${declared}” is not supported; PNG, JPEG, WebP and pbf (MVT vector tiles) are`,
      },
    };
  if (!tileType && fromTiles.firstTile) {
    const sniffed = tileTypeOfBytes(fromTiles.firstTile);
    tileType = sniffed === 'gzip' ? 'mvt' : sniffed;
  }
  if (!tileType)
    return {
      ok: false,
      reason: { zh: `“${fileName}”的元数据没有 format，瓦片格式也无法识别`, en: `“${fileName}” has no format in its metadata and its tiles are in no known format` },
    };
  const zoom = (key: string, fallback: number) => {
    const value = Number(metadata.get(key));
    return metadata.has(key) && Number.isInteger(value) && value >= 0 && value <= 30 ? value : fallback;
  };
  const minZoom = zoom('minzoom', fromTiles.minZoom);
  const maxZoom = Math.max(minZoom, zoom('maxzoom', fromTiles.maxZoom));
  const name = metadata.get('name')?.trim() || fileName.replace(/\.[^.]+$/, '');
  return {
    ok: true,
    value: {
      name,
      attribution: (metadata.get('attribution') ?? '').replace(/<[^>]*>/g, '').trim(),
      tileType,
      minZoom,
      maxZoom,
      bounds: boundsOf(metadata.get('bounds')),
      vectorLayers: tileType === 'mvt' ? vectorLayersOf(metadata.get('json')) : [],
    },
  };
}

const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

function boundsOf(text: string | undefined): [number, number, number, number] {
  const values = (text ?? '').split(',').map((part) => Number(part.trim()));
  if (values.length !== 4 || !values.every(Number.isFinite)) return WORLD;
  const [west, south, east, north] = values as [number, number, number, number];
  return west < east && south < north && west >= -180 && east <= 180 && south >= -90 && north <= 90 ? [west, south, east, north] : WORLD;
}

function vectorLayersOf(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as { vector_layers?: unknown };
    if (!Array.isArray(parsed.vector_layers)) return [];
    return parsed.vector_layers.map((layer: unknown) => (layer && typeof layer === 'object' && 'id' in layer ? String((layer as { id: unknown }).id) : '')).filter(Boolean);
  } catch {
    return [];
  }
}
