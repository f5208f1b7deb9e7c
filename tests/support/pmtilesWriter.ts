// Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// a 127-byte header, the root directory (varint-encoded entries, tile ids
// ascending on the Hilbert curve), the JSON metadata and the tile data. No
// compression and no leaf directories: enough for test packages of a few
// thousand tiles. GDAL 3.6 here cannot write PMTiles (3.8 can).
import { zxyToTileId } from 'pmtiles';

export interface PackageTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface PackageHeaderFacts {
  tileType: 1 | 2 | 3 | 4; // MVT, PNG, JPEG, WebP
  /** Tile compression: 1 none, 2 gzip (vector tiles are usually gzipped). */
  tileCompression?: 1 | 2;
  bounds: [number, number, number, number];
  metadata: Record<string, unknown>;
}

function varint(value: number, out: number[]) {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

export function writePmtiles(tiles: readonly PackageTile[], facts: PackageHeaderFacts): Uint8Array {
  const sorted = tiles.map((tile) => ({ ...tile, id: zxyToTileId(tile.z, tile.x, tile.y) })).sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const tile of sorted) {
    entries.push({ id: tile.id, offset, length: tile.data.length });
    chunks.push(tile.data);
    offset += tile.data.length;
  }
  const directory: number[] = [];
  varint(entries.length, directory);
  let last = 0;
  for (const entry of entries) {
    varint(entry.id - last, directory);
    last = entry.id;
  }
  for (let index = 0; index < entries.length; index += 1) varint(1, directory);
  for (const entry of entries) varint(entry.length, directory);
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    varint(previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1, directory);
  });
  const metadata = new TextEncoder().encode(JSON.stringify(facts.metadata));
  const headerLength = 127;
  const rootOffset = headerLength;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadata.length;
  const total = dataOffset + offset;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, 0);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  view.setUint8(96, 1); // clustered: tile data in tile-id order
  view.setUint8(97, 1); // internal compression: none
  view.setUint8(98, facts.tileCompression ?? 1);
  view.setUint8(99, facts.tileType);
  const zooms = sorted.map((tile) => tile.z);
  view.setUint8(100, Math.min(...zooms));
  view.setUint8(101, Math.max(...zooms));
  const [west, south, east, north] = facts.bounds;
  const e7 = (value: number) => Math.round(value * 1e7);
  view.setInt32(102, e7(west), true);
  view.setInt32(106, e7(south), true);
  view.setInt32(110, e7(east), true);
  view.setInt32(114, e7(north), true);
  view.setUint8(118, Math.min(...zooms));
  view.setInt32(119, e7((west + east) / 2), true);
  view.setInt32(123, e7((south + north) / 2), true);
  bytes.set(Uint8Array.from(directory), rootOffset);
  bytes.set(metadata, metadataOffset);
  let at = dataOffset;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
