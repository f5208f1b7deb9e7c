// Tile services and packages as records: URL templates, WMTS capabilities,
// the deployment's tile origins, access checks, and what the map draws from them.
import { readFileSync } from 'node:fs';
import { PMTiles, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import {
  activeBasemaps,
  addBasemaps,
  BUILT_IN_BASEMAPS,
  moveBasemap,
  readBasemapSources,
  removeBasemap,
  setBasemapSettings,
  showOnlyBasemap,
  type BasemapSource,
} from '../../../src/domain/basemap';
import { originProblem, parseOriginList } from '../../../src/domain/basemapOrigins';
import { readTileTemplate, tileUrl } from '../../../src/domain/tileTemplates';
import { parseWmtsCapabilities, wmtsTileSource, type WmtsCapabilities } from '../../../src/io/basemap/wmtsCapabilities';
import { parseContext, parseCounties } from '../../../src/io/planData';
import type { BasemapKindContext } from '../../../src/map/basemap/kind';
import { tiandituRecord, TIANDITU_PRESETS } from '../../../src/map/basemap/kinds/tianditu';
import { packageRecord, vectorSchemaOf } from '../../../src/map/basemap/kinds/tilePackage';
import { basemapStyleParts } from '../../../src/map/basemap/liveBasemap';
import { basemapRefusal } from '../../../src/map/basemap/refusal';
import { BASEMAP_KINDS } from '../../../src/map/basemap/registry';
import { basemapStatus } from '../../../src/ui/basemaps';
import { capabilitiesXml } from '../../browser/tileServer';
import { writePmtiles } from '../../support/pmtilesWriter';

const KEY = '0123456789abcdef0123456789abcdef';
const data: BasemapKindContext = {
  counties: parseCounties(readFileSync('data/base/counties.geojson', 'utf8')),
  context: parseContext(readFileSync('data/base/context.geojson', 'utf8')),
  language: 'zh',
  keys: { tianditu: KEY },
};
const ALLOWED = ['http://127.0.0.1:8999', 'https://*.tianditu.gov.cn'];

const xyz = (access: BasemapSource['access'], extra: Partial<BasemapSource> = {}): BasemapSource => ({
  id: 'tiles',
  kind: 'xyz',
  title: { zh: '瓦片', en: 'Tiles' },
  attribution: [{ zh: '© 测试', en: '© Test' }],
  minZoom: 0,
  maxZoom: 18,
  crs: 'wgs84',
  access,
  ...extra,
});

describe('tile URL templates', () => {
  it('reads XYZ, TMS {-y}, {s} with subdomains and ranges in the host', () => {
    const plain = readTileTemplate('https://tiles.example/{z}/{x}/{y}.png');
    expect(plain).toEqual({ ok: true, value: { tiles: ['https://tiles.example/{z}/{x}/{y}.png'], scheme: 'xyz' } });
    const tms = readTileTemplate('http://gis.intranet.example/tms/{z}/{x}/{-y}.png');
    expect(tms.ok && tms.value).toEqual({ tiles: ['http://gis.intranet.example/tms/{z}/{x}/{y}.png'], scheme: 'tms' });
    // TMS rows count from the south: row 0 at zoom 1 is the southern half.
    expect(tileUrl(tms.ok ? tms.value : { tiles: [], scheme: 'xyz' }, 1, 0, 0)).toBe('http://gis.intranet.example/tms/1/0/1.png');
    const subdomains = readTileTemplate('https://{s}.tiles.example/{z}/{x}/{y}.png', 'abc');
    expect(subdomains.ok && subdomains.value.tiles).toEqual(['a', 'b', 'c'].map((s) => `https://${s}.tiles.example/{z}/{x}/{y}.png`));
    const range = readTileTemplate('https://t{0-7}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    expect(range.ok && range.value.tiles.map((url) => new URL(url).host)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `t${n}.tianditu.gov.cn`));
  });

  it('refuses templates that cannot reach tiles, saying what is missing', () => {
    const reason = (template: string, subdomains?: string) => {
      const read = readTileTemplate(template, subdomains);
      return read.ok ? null : read.reason.en;
    };
    expect(reason('')).toMatch(/missing/);
    expect(reason('ftp://tiles.example/{z}/{x}/{y}.png')).toMatch(/http/);
    expect(reason('https://tiles.example/{z}/{x}.png')).toMatch(/\{z\}, \{x\} and \{y\}/);
    expect(reason('https://{s}.tiles.example/{z}/{x}/{y}.png')).toMatch(/subdomains/);
    expect(reason('https://tiles.example/{z}/{x}/{y}.png?t={time}')).toMatch(/\{time\}/);
    expect(reason('https://tiles.example/{z}/{x}/{y}/{-y}.png')).toMatch(/both/);
  });
});

describe('the deployment’s tile origins (ZMD_TILE_ORIGINS)', () => {
  it('reads origins separated by spaces or commas, with a leading wildcard label, and lists the rest as invalid', () => {
    expect(parseOriginList('https://t0.tianditu.gov.cn  https://gis.intranet.example:8443/,http://127.0.0.1:8080 https://*.tianditu.gov.cn')).toEqual({
      origins: ['https://t0.tianditu.gov.cn', 'https://gis.intranet.example:8443', 'http://127.0.0.1:8080', 'https://*.tianditu.gov.cn'],
      invalid: [],
    });
    expect(parseOriginList('tianditu.gov.cn https://a.example/tiles ftp://x.example').invalid).toEqual(['tianditu.gov.cn', 'https://a.example/tiles', 'ftp://x.example']);
    expect(parseOriginList(undefined).origins).toEqual([]);
  });

  it('refuses an origin not on the list, naming the origin and the setting', () => {
    expect(originProblem(['http://127.0.0.1:8999/xyz/{z}/{x}/{y}.png'], ALLOWED)).toBeNull();
    expect(originProblem(['https://t5.tianditu.gov.cn/vec_w/wmts'], ALLOWED)).toBeNull();
    const refused = originProblem(['http://127.0.0.1:9000/{z}/{x}/{y}.png'], ALLOWED)!;
    expect(refused.zh).toContain('http://127.0.0.1:9000');
    expect(refused.zh).toContain('ZMD_TILE_ORIGINS');
    expect(refused.en).toContain('http://127.0.0.1:9000');
    expect(refused.en).toContain('ZMD_TILE_ORIGINS');
    // A wildcard covers subdomains only, on the same scheme and port.
    expect(originProblem(['https://tianditu.gov.cn/x/{z}/{x}/{y}'], ALLOWED)).not.toBeNull();
    expect(originProblem(['http://t0.tianditu.gov.cn/x/{z}/{x}/{y}'], ALLOWED)).not.toBeNull();
    expect(originProblem(['https://t0.tianditu.gov.cn/x'], [])!.en).toContain('(empty)');
  });
});

describe('WMTS capabilities', () => {
  const origin = 'http://127.0.0.1:8999';
  const read = parseWmtsCapabilities(capabilitiesXml(origin));
  const capabilities = read.ok ? read.value : (null as unknown as WmtsCapabilities);

  it('reads the layers, matrix sets and the KVP GetTile address', () => {
    expect(read.ok).toBe(true);
    expect(capabilities.title).toBe('测试瓦片服务');
    expect(capabilities.layers.map((layer) => layer.identifier)).toEqual(['grid', 'grid_kvp', 'vec_c']);
    expect(capabilities.matrixSets.map((set) => [set.identifier, set.matrices.length])).toEqual([
      ['GoogleMapsCompatible', 19],
      ['c', 18],
    ]);
    expect(capabilities.kvpUrl).toBe(`${origin}/wmts/kvp?`);
  });

  it('turns a RESTful layer into a {z}/{x}/{y} template', () => {
    const source = wmtsTileSource(capabilities, 'grid');
    expect(source).toEqual({
      ok: true,
      value: expect.objectContaining({
        template: `${origin}/wmts/rest/grid/default/GoogleMapsCompatible/{z}/{y}/{x}.png`,
        matrixSet: 'GoogleMapsCompatible',
        minZoom: 0,
        maxZoom: 18,
        tileSize: 256,
      }),
    });
  });

  it('turns a KVP layer into a GetTile template', () => {
    const source = wmtsTileSource(capabilities, 'grid_kvp');
    expect(source.ok && source.value.template).toBe(
      `${origin}/wmts/kvp?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=grid_kvp&STYLE=default&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image%2Fpng`,
    );
  });

  it('refuses a CGCS2000 geographic matrix set by name', () => {
    const source = wmtsTileSource(capabilities, 'vec_c');
    expect(source.ok).toBe(false);
    if (!source.ok) {
      expect(source.reason.zh).toContain('“c”');
      expect(source.reason.zh).toContain('EPSG::4490');
      expect(source.reason.en).toMatch(/not Web Mercator/);
    }
  });

  it('accepts 天地图-style sets: 96 dpi scales, levels from 1, matrix ids with a prefix', () => {
    const matrices = Array.from({ length: 18 }, (_, index) => {
      const z = index + 1;
      return `<TileMatrix><ows:Identifier>EPSG:900913:${z}</ows:Identifier><ScaleDenominator>${591657527.591555 / 2 ** z}</ScaleDenominator><TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>${2 ** z}</MatrixWidth><MatrixHeight>${2 ** z}</MatrixHeight></TileMatrix>`;
    }).join('');
    const xml = `<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1"><Contents><Layer><ows:Identifier>vec</ows:Identifier><Format>tiles</Format><TileMatrixSetLink><TileMatrixSet>w</TileMatrixSet></TileMatrixSetLink><ResourceURL format="tiles" resourceType="tile" template="https://gis.intranet.example/vec/{TileMatrix}/{TileCol}/{TileRow}"/></Layer><TileMatrixSet><ows:Identifier>w</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::900913</ows:SupportedCRS>${matrices}</TileMatrixSet></Contents></Capabilities>`;
    const parsed = parseWmtsCapabilities(xml);
    const source = parsed.ok ? wmtsTileSource(parsed.value, 'vec') : parsed;
    expect(source.ok && source.value).toMatchObject({ template: 'https://gis.intranet.example/vec/EPSG:900913:{z}/{x}/{y}', minZoom: 1, maxZoom: 18 });
  });

  it('refuses documents that are not WMTS capabilities, saying what was found', () => {
    const wms = parseWmtsCapabilities('<WMS_Capabilities version="1.3.0"><Service/></WMS_Capabilities>');
    expect(!wms.ok && wms.reason.en).toMatch(/root element WMS_Capabilities/);
    const broken = parseWmtsCapabilities('<Capabilities><Contents><Layer>');
    expect(broken.ok).toBe(false);
  });
});

describe('tile source records', () => {
  it('each kind checks its access values, so a record read back from storage is refused with a reason', () => {
    const stored = [
      xyz({ template: 'https://tiles.example/{z}/{x}/{y}.png' }, { id: 'good' }),
      xyz({ template: 'https://tiles.example/{z}/{x}.png' }, { id: 'no-y' }),
      { ...tiandituRecord('img'), access: { layer: 'satellite' } },
      { ...xyz({ template: 'x' }), id: 'wmts-no-layer', kind: 'wmts' },
      { ...xyz({ packageId: '../../etc', tileType: 'png' }), id: 'bad-package', kind: 'tile-package' },
    ];
    const { sources, rejected } = readBasemapSources(stored, BASEMAP_KINDS);
    // The bundled map first, the readable record, then the built-ins the stored list lacked.
    expect(sources.map((source) => source.id)).toEqual(['bundled-counties', 'good', 'blank']);
    expect(rejected.map((item) => [item.index, item.reason.en])).toEqual([
      [1, expect.stringMatching(/\{y\}/)],
      [2, expect.stringMatching(/unknown Tianditu layer/)],
      [3, expect.stringMatching(/WMTS layer/)],
      [4, expect.stringMatching(/package id/)],
    ]);
  });

  it('天地图 records never hold the key; the key reaches only the tile URLs', () => {
    for (const preset of TIANDITU_PRESETS)
      for (const layer of preset.layers) {
        const record = tiandituRecord(layer);
        expect(JSON.stringify(record)).not.toContain(KEY);
        const parts = basemapStyleParts([record], data);
        const source = Object.values(parts.sources)[0] as { tiles: string[] };
        expect(source.tiles).toHaveLength(8);
        expect(source.tiles.every((url) => url.endsWith(`tk=${KEY}`) && url.includes(`/${layer}_w/wmts?`))).toBe(true);
        // Annotation (注记) above the plan layers, imagery beneath.
        expect(parts.labels.length > 0).toBe(['cva', 'cia', 'cta'].includes(layer));
      }
  });

  it('refuses what cannot be drawn here: no key, an origin outside the list; a GCJ-02 source is drawn, but not with a WGS84 one', () => {
    expect(basemapRefusal(tiandituRecord('vec'), { ...data, keys: {} }, ALLOWED)!.en).toMatch(/Tianditu key/);
    expect(basemapRefusal(tiandituRecord('vec'), { ...data, keys: { tianditu: 'short' } }, ALLOWED)!.en).toMatch(/32 hexadecimal/);
    expect(basemapRefusal(tiandituRecord('vec'), data, ALLOWED)).toBeNull();
    expect(basemapRefusal(tiandituRecord('vec'), data, ['http://127.0.0.1:8999'])!.en).toContain('https://t0.tianditu.gov.cn');
    const amap = xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png' }, { crs: 'gcj02' });
    // GCJ-02 is drawn now, the overlays shifted for display (tests/unit/basemap/displayDatum.test.ts).
    expect(basemapRefusal(amap, data, ALLOWED)).toBeNull();
    expect(basemapRefusal({ ...amap, crs: 'wgs84' }, data, ALLOWED)).toBeNull();
    // Shown with a WGS84 tile source, the topmost decides the datum and the other says why it is left out.
    const wgs = { ...amap, id: 'wgs-tiles', crs: 'wgs84' as const };
    const mixed = basemapStatus([...BUILT_IN_BASEMAPS, wgs, amap], data, false, ALLOWED);
    expect(mixed.datum).toBe('gcj02');
    expect(mixed.drawn.map((source) => source.id)).toEqual(['bundled-counties', amap.id]);
    expect(mixed.refused.get('wgs-tiles')!.en).toMatch(/GCJ-02/);
  });

  it('draws raster tiles with the record’s opacity and grey setting; annotation tiles above the plan', () => {
    const record = xyz({ template: 'http://127.0.0.1:8999/tms/{z}/{x}/{-y}.png' }, { opacity: 0.6, muted: true });
    const parts = basemapStyleParts([record], data);
    expect(parts.sources['basemap:tiles:tiles']).toMatchObject({ type: 'raster', scheme: 'tms', tiles: ['http://127.0.0.1:8999/tms/{z}/{x}/{y}.png'] });
    expect(parts.base).toEqual([expect.objectContaining({ type: 'raster', paint: expect.objectContaining({ 'raster-opacity': 0.6, 'raster-saturation': -1 }) })]);
    const overlay = basemapStyleParts([xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png', overlay: true })], data);
    expect([overlay.base.length, overlay.labels.length]).toEqual([0, 1]);
  });

  it('with a tile source shown the county lines and names go on top; with none the map is as before', () => {
    const none = basemapStatus(BUILT_IN_BASEMAPS, data, true, ALLOWED);
    expect(none.drawn.map((source) => source.id)).toEqual(['bundled-counties']);
    const withTiles = basemapStatus([...BUILT_IN_BASEMAPS, xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png' })], data, true, ALLOWED);
    expect(withTiles.drawn.map((source) => source.id)).toEqual(['bundled-counties', 'tiles', 'county-overlay']);
    const parts = basemapStyleParts(withTiles.drawn, data);
    const order = parts.base.map((layer) => layer.id);
    expect(order.indexOf('basemap:county-overlay:counties-line')).toBeGreaterThan(order.indexOf('basemap:tiles:raster'));
    expect(basemapStatus([...BUILT_IN_BASEMAPS, xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png' })], data, false, ALLOWED).drawn.map((s) => s.id)).toEqual([
      'bundled-counties',
      'tiles',
    ]);
    // A refused source is not drawn, and says why.
    const refused = basemapStatus([...BUILT_IN_BASEMAPS, xyz({ template: 'http://127.0.0.1:9000/{z}/{x}/{y}.png' })], data, true, ALLOWED);
    expect(refused.drawn.map((source) => source.id)).toEqual(['bundled-counties']);
    expect(refused.refused.get('tiles')!.en).toContain('http://127.0.0.1:9000');
  });
});

describe('offline tile packages', () => {
  /** A PMTiles source over bytes in memory, as the pmtiles library reads a File: by byte ranges. */
  const memorySource = (bytes: Uint8Array): Source => ({
    getKey: () => 'memory',
    getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
  });

  it('a package written by the test reads back through the pmtiles library, tile by tile', async () => {
    const tiles = [
      { z: 0, x: 0, y: 0, data: Uint8Array.of(1, 2, 3) },
      { z: 1, x: 1, y: 0, data: Uint8Array.of(4, 5) },
      { z: 1, x: 0, y: 1, data: Uint8Array.of(6) },
    ];
    const bytes = writePmtiles(tiles, { tileType: 2, bounds: [113, 32, 115.5, 34], metadata: { name: '测试包', attribution: '© 测试' } });
    const archive = new PMTiles(memorySource(bytes));
    const header = await archive.getHeader();
    expect(header).toMatchObject({ tileType: 2, minZoom: 0, maxZoom: 1, minLon: 113, maxLat: 34 });
    expect(await archive.getMetadata()).toEqual({ name: '测试包', attribution: '© 测试' });
    for (const tile of tiles) expect(new Uint8Array((await archive.getZxy(tile.z, tile.x, tile.y))!.data)).toEqual(tile.data);
    expect(await archive.getZxy(1, 0, 0)).toBeUndefined();
  });

  it('a package record carries name, zooms, bounds and credit from the metadata; vector schemas are recognised', () => {
    const record = packageRecord('package-1', {
      name: '驻马店影像',
      attribution: '© 驻马店市自然资源和规划局',
      tileType: 'mvt',
      minZoom: 5,
      maxZoom: 14,
      bounds: [113.1, 32.3, 115.2, 33.6],
      vectorLayers: ['earth', 'water', 'roads', 'places'],
      fileName: 'zmd.pmtiles',
    });
    expect(record).toMatchObject({ kind: 'tile-package', minZoom: 5, maxZoom: 14, title: { zh: '驻马店影像' }, mapAttribution: { zh: '© 驻马店市自然资源和规划局' } });
    expect(readBasemapSources([record], BASEMAP_KINDS).rejected).toEqual([]);
    expect(vectorSchemaOf(['earth', 'water', 'roads', 'places'])).toBe('protomaps');
    expect(vectorSchemaOf(['water', 'transportation', 'place', 'boundary'])).toBe('openmaptiles');
    expect(vectorSchemaOf(['buildings'])).toBe('other');
    const parts = basemapStyleParts([record], data);
    expect(parts.sources['basemap:package-1:tiles']).toMatchObject({ type: 'vector', tiles: ['zmdpkg://package-1/{z}/{x}/{y}'], bounds: [113.1, 32.3, 115.2, 33.6] });
    expect(parts.labels.map((layer) => layer.type)).toEqual(['symbol']);
  });
});

describe('editing the basemap list', () => {
  const tiles = xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png' }, { id: 'a' });
  const labels = xyz({ template: 'http://127.0.0.1:8999/{z}/{x}/{y}.png', overlay: true }, { id: 'b' });

  it('adds on top and shown, re-adding replaces in place; removing keeps the built-ins and never leaves the map empty', () => {
    const added = addBasemaps(addBasemaps(BUILT_IN_BASEMAPS, [tiles]), [labels]);
    expect(added.map((source) => [source.id, source.visible !== false])).toEqual([
      ['bundled-counties', true],
      ['blank', false],
      ['a', true],
      ['b', true],
    ]);
    expect(addBasemaps(added, [{ ...tiles, title: { zh: '新', en: 'new' } }]).map((source) => source.id)).toEqual(['bundled-counties', 'blank', 'a', 'b']);
    expect(removeBasemap(added, 'bundled-counties')).toBe(added);
    const onlyTiles = showOnlyBasemap(added, 'a');
    const removed = removeBasemap(onlyTiles, 'a');
    expect(removed.map((source) => source.id)).toEqual(['bundled-counties', 'blank', 'b']);
    expect(activeBasemaps(removeBasemap(removed, 'b')).map((source) => source.id)).toEqual(['bundled-counties']);
  });

  it('moves records up and down but never beneath the bundled map; settings change one record', () => {
    const list = addBasemaps(BUILT_IN_BASEMAPS, [tiles, labels]);
    expect(moveBasemap(list, 'a', 'up').map((source) => source.id)).toEqual(['bundled-counties', 'blank', 'b', 'a']);
    expect(moveBasemap(list, 'b', 'down').map((source) => source.id)).toEqual(['bundled-counties', 'blank', 'b', 'a']);
    expect(moveBasemap(list, 'blank', 'down')).toBe(list);
    expect(moveBasemap(list, 'bundled-counties', 'up')).toBe(list);
    const muted = setBasemapSettings(list, 'a', { muted: true, opacity: 0.5 });
    expect(muted.find((source) => source.id === 'a')).toMatchObject({ muted: true, opacity: 0.5 });
    expect(muted.find((source) => source.id === 'b')!.muted).toBeUndefined();
    // Settings survive storage: muted is a checked field.
    expect(readBasemapSources(JSON.parse(JSON.stringify(muted)), BASEMAP_KINDS).sources.find((source) => source.id === 'a')).toMatchObject({ muted: true, opacity: 0.5 });
    expect(readBasemapSources([{ ...tiles, muted: 'yes' }], BASEMAP_KINDS).rejected[0]!.reason.en).toMatch(/muted/);
  });
});
