// A MapLibre style URL as a basemap source: the style document is checked, its
// addresses resolved, keys kept out of the record and put back only into the
// live map's addresses, every server checked against the deployment's list,
// and its layers merged under the record's prefix with opacity and grey.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBasemapSources, type BasemapSource } from '../../../src/domain/basemap';
import { parseContext, parseCounties } from '../../../src/io/planData';
import { inlineTileJson, readStyleDocument, storedStyle, styleRequestUrls, withKeys, withoutKeys, type StyleKeys } from '../../../src/io/basemap/styleDocument';
import type { BasemapKindContext } from '../../../src/map/basemap/kind';
import { styleKeysId, STYLE_URL_KIND } from '../../../src/map/basemap/kinds/styleUrl';
import { basemapStyleParts } from '../../../src/map/basemap/liveBasemap';
import { basemapRefusal } from '../../../src/map/basemap/refusal';
import { BASEMAP_KINDS } from '../../../src/map/basemap/registry';

const data: BasemapKindContext = {
  counties: parseCounties(readFileSync('data/base/counties.geojson', 'utf8')),
  context: parseContext(readFileSync('data/base/context.geojson', 'utf8')),
  language: 'zh',
};
const ORIGIN = 'http://127.0.0.1:8999';
const STYLE_URL = `${ORIGIN}/styles/grey/style.json?key=SECRET123`;

const document = {
  version: 8,
  name: '测试样式',
  sprite: `${ORIGIN}/sprite`,
  glyphs: `${ORIGIN}/fonts/{fontstack}/{range}.pbf`,
  sources: {
    imagery: { type: 'raster', tiles: ['../../xyz/{z}/{x}/{y}.png?key=SECRET123'], tileSize: 256, attribution: '<a href="#">&copy; 测试影像</a>' },
    streets: { type: 'vector', url: 'tiles.json' },
  },
  layers: [
    { id: 'bg', type: 'background', paint: { 'background-color': '#102030' } },
    { id: 'imagery', type: 'raster', source: 'imagery', paint: { 'raster-opacity': 0.8 } },
    { id: 'roads', type: 'line', source: 'streets', 'source-layer': 'roads', paint: { 'line-opacity': { stops: [[5, 0.5], [10, 1]] } } },
    { id: 'places', type: 'symbol', source: 'streets', 'source-layer': 'places', layout: { 'text-field': '{name}', 'icon-image': 'dot' } },
    { id: 'pois', type: 'symbol', source: 'streets', 'source-layer': 'pois', layout: { 'icon-image': 'poi' } },
  ],
};

function styleRecord(keys: StyleKeys, overrides: Partial<BasemapSource> = {}): BasemapSource {
  const styleUrl = withoutKeys(STYLE_URL, keys);
  const read = readStyleDocument(document, styleUrl);
  if (!read.ok) throw new Error(read.reason.en);
  const tileJson = inlineTileJson(read.value.sources.streets!, { tilejson: '3.0.0', tiles: ['/vt/{z}/{x}/{y}.pbf?key=SECRET123'], maxzoom: 14 }, read.value.tileJsonUrls.streets!);
  if (!tileJson.ok) throw new Error(tileJson.reason.en);
  const style = storedStyle(read.value.name, { ...read.value.sources, streets: tileJson.value }, read.value.layers, keys);
  return {
    id: 'style-test',
    kind: STYLE_URL_KIND,
    title: { zh: style.name, en: style.name },
    attribution: [{ zh: style.attribution.join(' · '), en: style.attribution.join(' · ') }],
    minZoom: 0,
    maxZoom: 18,
    crs: 'wgs84',
    access: { styleUrl, style: JSON.stringify(style) },
    ...overrides,
  };
}

describe('MapLibre style URL', () => {
  it('takes keys out of every address, per origin, and puts them back only into the live map', () => {
    const keys: StyleKeys = {};
    const record = styleRecord(keys);
    expect(keys).toEqual({ [ORIGIN]: 'key=SECRET123' });
    expect(JSON.stringify(record)).not.toContain('SECRET123');
    // Relative addresses resolved against the style (and the TileJSON's against the TileJSON).
    expect(styleRequestUrls(String(record.access.styleUrl), JSON.parse(String(record.access.style)))).toEqual([
      `${ORIGIN}/styles/grey/style.json`,
      `${ORIGIN}/xyz/{z}/{x}/{y}.png`,
      `${ORIGIN}/vt/{z}/{x}/{y}.pbf`,
    ]);
    const live = basemapStyleParts([record], { ...data, keys: { [styleKeysId(record.id)]: JSON.stringify(keys) } });
    expect((live.sources['basemap:style-test:imagery'] as { tiles: string[] }).tiles).toEqual([`${ORIGIN}/xyz/{z}/{x}/{y}.png?key=SECRET123`]);
    expect(withKeys('https://other.example/a.png', keys)).toBe('https://other.example/a.png');
    // Without the key in this browser the map asks without it (the server then says what it says).
    const keyless = basemapStyleParts([record], data);
    expect((keyless.sources['basemap:style-test:imagery'] as { tiles: string[] }).tiles).toEqual([`${ORIGIN}/xyz/{z}/{x}/{y}.png`]);
  });

  it('merges its layers under the record’s prefix: labels above the plan, the rest beneath; icons left out; the credit from the style', () => {
    const record = styleRecord({}, { opacity: 0.5, muted: true });
    const parts = basemapStyleParts([record], data);
    expect(parts.base.map((layer) => layer.id)).toEqual(['basemap:style-test:bg', 'basemap:style-test:imagery', 'basemap:style-test:roads']);
    expect(parts.labels.map((layer) => layer.id)).toEqual(['basemap:style-test:places']);
    const [bg, imagery, roads] = parts.base as { paint: Record<string, unknown>; source?: string }[];
    expect(bg!.paint['background-opacity']).toBe(0.5);
    expect(imagery!.paint).toMatchObject({ 'raster-opacity': 0.4, 'raster-saturation': -1 });
    expect(imagery!.source).toBe('basemap:style-test:imagery');
    expect(roads!.paint['line-opacity']).toEqual({ stops: [[5, 0.25], [10, 0.5]] });
    expect((parts.labels[0] as { layout: Record<string, unknown> }).layout).toEqual({ 'text-field': '{name}' });
    expect(record.attribution[0]!.zh).toBe('© 测试影像');
  });

  it('every server the style reaches is checked: one outside the list is refused by name and setting', () => {
    const record = styleRecord({});
    expect(basemapRefusal(record, data, [ORIGIN])).toBeNull();
    const outside = JSON.parse(String(record.access.style));
    outside.sources.imagery.tiles = ['http://localhost:8999/xyz/{z}/{x}/{y}.png'];
    const refusal = basemapRefusal({ ...record, access: { ...record.access, style: JSON.stringify(outside) } }, data, [ORIGIN]);
    expect(refusal!.en).toContain('http://localhost:8999');
    expect(refusal!.en).toContain('ZMD_TILE_ORIGINS');
  });

  it('refuses a document that is not a version-8 style, with what was found', () => {
    expect(readStyleDocument({ version: 7, sources: {}, layers: [] }, STYLE_URL)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('found 7') } });
    expect(readStyleDocument({ version: 8, sources: { a: { type: 'image', url: 'x.png' } }, layers: [{ id: 'a', type: 'raster', source: 'a' }] }, STYLE_URL)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('“image” is not supported') },
    });
    expect(readStyleDocument({ version: 8, sources: {}, layers: [{ id: 'x', type: 'fill', source: 'nope' }] }, STYLE_URL)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('“nope”') },
    });
  });

  it('a stored record reads back through the kind’s checks; a damaged one is left out with why', () => {
    const record = styleRecord({});
    const read = readBasemapSources([record, { ...record, id: 'broken', access: { styleUrl: STYLE_URL, style: '{' } }], BASEMAP_KINDS);
    expect(read.sources.map((source) => source.id)).toContain('style-test');
    expect(read.rejected).toEqual([{ index: 1, reason: { zh: '底图记录中没有可读的样式', en: 'the basemap record holds no readable style' } }]);
  });
});
