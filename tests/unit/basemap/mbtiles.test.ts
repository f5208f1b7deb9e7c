// The pure parts of MBTiles packages, checked against the packages GDAL wrote
// (tools/fixtures/make-basemap-fixtures.sh), read in Node with the same SQLite
// WebAssembly build the app's worker runs.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mbtilesFacts, sqliteHeaderProblem, SQLITE_HEADER_BYTES, tileTypeOfBytes, tmsRow } from '../../../src/io/basemap/mbtiles';
import { TILE_PACKAGE_CASES } from '../../badInput/cases';
import { BASEMAP_FIXTURES, readMbtiles, type MbtilesContent } from '../../support/mbtilesFixtures';
import { lonLatToTile } from '../../support/tiles';

const factsOf = (content: MbtilesContent, fileName: string) =>
  mbtilesFacts(content.metadata, fileName, { minZoom: content.minZoom, maxZoom: content.maxZoom, firstTile: content.tiles[0]?.data ?? null });

const headOf = (fileName: string) => {
  const bytes = new Uint8Array(readFileSync(`${BASEMAP_FIXTURES}/${fileName}`));
  return { head: bytes.subarray(0, SQLITE_HEADER_BYTES), size: bytes.length };
};

describe('TMS row flip', () => {
  it('is its own inverse and maps the northern row 0 to the southern last row', () => {
    expect(tmsRow(0, 0)).toBe(0);
    expect(tmsRow(1, 0)).toBe(1);
    expect(tmsRow(9, 0)).toBe(511);
    for (const [zoom, row] of [[8, 104], [9, 210], [14, 6512]] as const) expect(tmsRow(zoom, tmsRow(zoom, row))).toBe(row);
  });

  it('finds GDAL’s tile over 驻马店 (113.5E 33.0N, the red half) under the flipped row', async () => {
    const content = await readMbtiles('zhumadian-halves.mbtiles');
    const { x, y } = lonLatToTile([113.5, 33.0], 9);
    const stored = (row: number) => content.tiles.some((tile) => tile.z === 9 && tile.column === x && tile.row === row);
    expect(stored(tmsRow(9, y))).toBe(true);
    // The unflipped XYZ row lies far south (off 驻马店 and off the package).
    expect(stored(y)).toBe(false);
  });
});

describe('SQLite header check', () => {
  it('accepts the GDAL packages as whole SQLite databases', () => {
    for (const fileName of ['zhumadian-halves.mbtiles', 'zhumadian-halves-mapimages.mbtiles', 'zhumadian-places.mbtiles']) {
      const { head, size } = headOf(fileName);
      expect(sqliteHeaderProblem(head, size, fileName)).toBeNull();
    }
  });

  it('names what a non-SQLite file is', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(92).fill(0)]);
    expect(sqliteHeaderProblem(png, 100, 'a.mbtiles')?.zh).toContain('是 PNG 图片');
    const pmtiles = new TextEncoder().encode('PMTiles\u0003'.padEnd(100, '\u0000'));
    expect(sqliteHeaderProblem(pmtiles, 100, 'b.mbtiles')?.en).toContain('is a PMTiles file (rename it to .pmtiles)');
    expect(sqliteHeaderProblem(new Uint8Array(0), 0, 'c.mbtiles')?.zh).toContain('是空的');
  });

  // The bad-input corpus: the cases refused from the header alone give exactly their messages.
  for (const testCase of TILE_PACKAGE_CASES.filter((each) => each.refusedByHeader))
    it(`bad input: ${testCase.name}`, () => {
      const bytes = testCase.bytes();
      const problem = sqliteHeaderProblem(bytes.subarray(0, SQLITE_HEADER_BYTES), bytes.length, testCase.fileName);
      expect(problem).not.toBeNull();
      for (const fragment of testCase.zh) expect(problem!.zh).toContain(fragment);
      for (const fragment of testCase.en) expect(problem!.en).toContain(fragment);
    });

  it('passes the cases only SQLite can refuse (no tiles table, damaged pages) on to SQLite', () => {
    for (const testCase of TILE_PACKAGE_CASES.filter((each) => !each.refusedByHeader)) {
      const bytes = testCase.bytes();
      expect(sqliteHeaderProblem(bytes.subarray(0, SQLITE_HEADER_BYTES), bytes.length, testCase.fileName)).toBeNull();
    }
  });
});

describe('tile format from bytes', () => {
  it('knows GDAL’s PNG tiles and gzipped vector tiles, and the other image formats by their magic numbers', async () => {
    const raster = await readMbtiles('zhumadian-halves.mbtiles');
    expect(raster.tiles.every((tile) => tileTypeOfBytes(tile.data) === 'png')).toBe(true);
    const vector = await readMbtiles('zhumadian-places.mbtiles');
    expect(vector.tiles.every((tile) => tileTypeOfBytes(tile.data) === 'gzip')).toBe(true);
    expect(tileTypeOfBytes(gunzipSync(vector.tiles[0]!.data))).toBe('mvt');
    expect(tileTypeOfBytes(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(tileTypeOfBytes(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp');
    expect(tileTypeOfBytes(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });
});

describe('metadata', () => {
  it('reads GDAL’s raster package: name, attribution, PNG, zooms 7–9, bounds around 驻马店', async () => {
    const read = factsOf(await readMbtiles('zhumadian-halves.mbtiles'), 'zhumadian-halves.mbtiles');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ name: '驻马店双色测试影像', attribution: '© 双色测试影像（GDAL 生成）', tileType: 'png', minZoom: 7, maxZoom: 9, vectorLayers: [] });
    const [west, south, east, north] = read.value.bounds;
    expect(west).toBeCloseTo(113, 3);
    expect(south).toBeCloseTo(32, 2);
    expect(east).toBeCloseTo(115, 2);
    expect(north).toBeCloseTo(34, 3);
  });

  it('reads the map/images layout (tiles is a view) the same way', async () => {
    const read = factsOf(await readMbtiles('zhumadian-halves-mapimages.mbtiles'), 'x.mbtiles');
    expect(read.ok && read.value.name).toBe('驻马店双色测试影像（map/images）');
    expect(read.ok && read.value.tileType).toBe('png');
  });

  it('reads GDAL’s vector package: pbf is MVT, its OpenMapTiles layers from the json row, zooms 6–10', async () => {
    const read = factsOf(await readMbtiles('zhumadian-places.mbtiles'), 'zhumadian-places.mbtiles');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ name: '驻马店矢量测试', attribution: '© 矢量测试（GDAL 生成）', tileType: 'mvt', minZoom: 6, maxZoom: 10, vectorLayers: ['water', 'place'], bounds: [113.6, 32.8, 114.4, 33.3] });
  });

  it('falls back on the tiles when metadata is missing, and refuses what it cannot draw', async () => {
    const raster = await readMbtiles('zhumadian-halves.mbtiles');
    const bare = mbtilesFacts([], '无元数据.mbtiles', { minZoom: 7, maxZoom: 9, firstTile: raster.tiles[0]!.data });
    expect(bare).toEqual({ ok: true, value: { name: '无元数据', attribution: '', tileType: 'png', minZoom: 7, maxZoom: 9, bounds: [-180, -85.0511, 180, 85.0511], vectorLayers: [] } });
    const tiff = mbtilesFacts([['format', 'tiff']], 't.mbtiles', { minZoom: 1, maxZoom: 2, firstTile: null });
    expect(tiff.ok || tiff.reason.zh).toContain('瓦片格式“tiff”本版本不支持');
    const empty = mbtilesFacts([['format', 'png']], 'e.mbtiles', { minZoom: null, maxZoom: null, firstTile: null });
    expect(empty.ok || empty.reason.en).toContain('holds no tiles');
    // HTML in the attribution (common in MBTiles from TileMill) is shown as text.
    const html = mbtilesFacts([['attribution', '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap</a>'], ['format', 'pbf']], 'o.mbtiles', { minZoom: 0, maxZoom: 14, firstTile: null });
    expect(html.ok && html.value.attribution).toBe('© OpenStreetMap');
  });
});
