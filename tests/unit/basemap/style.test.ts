import { readFileSync } from 'node:fs';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { BLANK_BASEMAP, BUNDLED_BASEMAP, type BasemapSource } from '../../../src/domain/basemap';
import { parseContext, parseCounties } from '../../../src/io/planData';
import { appStyle } from '../../../src/map/appStyle';
import type { BasemapKindContext } from '../../../src/map/basemap/kind';
import { BASEMAP_COLORS, bundledCountiesKind } from '../../../src/map/basemap/kinds/bundledCounties';
import { BLANK_BACKGROUND_COLOR, blankKind } from '../../../src/map/basemap/kinds/blank';
import { basemapStyleParts, LiveBasemap, type BasemapTarget } from '../../../src/map/basemap/liveBasemap';
import { PLAN_LABEL_LAYER_ID, STACK_BADGE_LAYER_ID } from '../../../src/map/planLayers';

const data: BasemapKindContext = {
  counties: parseCounties(readFileSync('data/base/counties.geojson', 'utf8')),
  context: parseContext(readFileSync('data/base/context.geojson', 'utf8')),
  language: 'zh',
};
const DECK_GROUP = `deck-maplibre-layer-group-before:${PLAN_LABEL_LAYER_ID}`;
const shown = (source: BasemapSource) => ({ ...source, visible: true });

/** A map's style as the live basemap sees it: ordered layers and sources, every call recorded. */
class FakeMap implements BasemapTarget {
  order: string[];
  layers = new Map<string, LayerSpecification>();
  sources = new Map<string, SourceSpecification>();
  calls: string[] = [];
  constructor(style: ReturnType<LiveBasemap['styleWith']>) {
    this.order = style.layers.map((layer) => layer.id);
    for (const layer of style.layers) this.layers.set(layer.id, layer);
    for (const [id, source] of Object.entries(style.sources)) this.sources.set(id, source);
  }
  addSource(id: string, source: SourceSpecification) {
    if (this.sources.has(id)) throw new Error(`source ${id} exists`);
    this.calls.push(`addSource ${id}`);
    this.sources.set(id, source);
  }
  removeSource(id: string) {
    if ([...this.layers.values()].some((layer) => 'source' in layer && layer.source === id)) throw new Error(`source ${id} in use`);
    this.calls.push(`removeSource ${id}`);
    this.sources.delete(id);
  }
  addLayer(layer: LayerSpecification, beforeId?: string) {
    if (this.layers.has(layer.id)) throw new Error(`layer ${layer.id} exists`);
    if ('source' in layer && typeof layer.source === 'string' && !this.sources.has(layer.source)) throw new Error(`no source ${layer.source}`);
    this.calls.push(`addLayer ${layer.id}`);
    this.layers.set(layer.id, layer);
    this.insert(layer.id, beforeId);
  }
  removeLayer(id: string) {
    this.calls.push(`removeLayer ${id}`);
    this.layers.delete(id);
    this.order = this.order.filter((other) => other !== id);
  }
  moveLayer(id: string, beforeId?: string) {
    this.calls.push(`moveLayer ${id}`);
    this.order = this.order.filter((other) => other !== id);
    this.insert(id, beforeId);
  }
  getLayer(id: string) {
    return this.layers.get(id);
  }
  getLayersOrder() {
    return [...this.order];
  }
  private insert(id: string, beforeId?: string) {
    const index = beforeId ? this.order.indexOf(beforeId) : this.order.length;
    if (index < 0) throw new Error(`no layer ${beforeId}`);
    this.order.splice(index, 0, id);
  }
}

/** A map opened on `records`, as MapView opens it, with terra-draw's and deck.gl's parts added afterwards. */
function openMap(records: BasemapSource[]) {
  const live = new LiveBasemap(basemapStyleParts(records, data));
  const map = new FakeMap(live.styleWith(appStyle()));
  map.order.splice(map.order.indexOf(PLAN_LABEL_LAYER_ID), 0, DECK_GROUP);
  map.layers.set(DECK_GROUP, { id: DECK_GROUP, type: 'background' });
  for (const id of ['zmd-draw-point', 'zmd-draw-polygon']) {
    map.sources.set(id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.layers.set(id, { id, type: 'circle', source: id });
    map.order.push(id);
  }
  map.calls = [];
  return { live, map };
}

describe('basemap kinds', () => {
  it('the bundled kind draws today’s county style, names in the interface language', () => {
    const zh = bundledCountiesKind.styleParts(BUNDLED_BASEMAP, data);
    expect(Object.keys(zh.sources)).toEqual(['context', 'counties', 'county-labels', 'neighbour-labels']);
    expect(zh.base.map((layer) => layer.id)).toEqual(['background', 'neighbours-fill', 'neighbours-line', 'counties-fill', 'counties-line', 'city-outline']);
    expect(zh.labels.map((layer) => layer.id)).toEqual(['neighbour-labels', 'county-labels']);
    expect(zh.base.find((layer) => layer.id === 'counties-fill')).toMatchObject({ paint: { 'fill-color': BASEMAP_COLORS.countyFill } });
    expect(zh.labels.map((layer) => (layer.layout as { 'text-field': unknown })['text-field'])).toEqual([['get', 'name_zh'], ['get', 'name_zh']]);
    const en = bundledCountiesKind.styleParts(BUNDLED_BASEMAP, { ...data, language: 'en' });
    expect(en.labels.map((layer) => (layer.layout as { 'text-field': unknown })['text-field'])).toEqual([['get', 'name_en'], ['get', 'name_en']]);
    // The same data objects every time: a language switch must not reload the sources.
    expect(en.sources['county-labels']).toEqual(zh.sources['county-labels']);
    expect((en.sources['county-labels'] as { data: unknown }).data).toBe((zh.sources['county-labels'] as { data: unknown }).data);
  });

  it('the blank kind is one plain background', () => {
    expect(blankKind.styleParts(BLANK_BASEMAP, data)).toEqual({
      sources: {},
      base: [{ id: 'background', type: 'background', paint: { 'background-color': BLANK_BACKGROUND_COLOR } }],
      labels: [],
    });
  });

  it('prefixes every id per record, so records of one kind never clash', () => {
    const twice = basemapStyleParts([BUNDLED_BASEMAP, { ...BUNDLED_BASEMAP, id: 'second' }], data);
    expect(Object.keys(twice.sources)).toContain('basemap:bundled-counties:counties');
    expect(Object.keys(twice.sources)).toContain('basemap:second:counties');
    expect(twice.base.find((layer) => layer.id === 'basemap:second:counties-fill')).toMatchObject({ source: 'basemap:second:counties' });
    expect(basemapStyleParts([{ ...BUNDLED_BASEMAP, kind: 'unknown' }], data)).toEqual({ sources: {}, base: [], labels: [] });
  });
});

describe('the map style', () => {
  it('opens with the basemap beneath the plan layers and its names above the plan labels, as before', () => {
    const style = new LiveBasemap(basemapStyleParts([BUNDLED_BASEMAP], data)).styleWith(appStyle());
    const prefix = 'basemap:bundled-counties:';
    expect(style.layers.map((layer) => layer.id)).toEqual([
      ...['background', 'neighbours-fill', 'neighbours-line', 'counties-fill', 'counties-line', 'city-outline'].map((id) => prefix + id),
      'basemap-slot-base',
      PLAN_LABEL_LAYER_ID,
      'plan-labels-zones',
      'imported-labels',
      `${prefix}neighbour-labels`,
      `${prefix}county-labels`,
      'basemap-slot-labels',
      STACK_BADGE_LAYER_ID,
    ]);
    expect(style.layers.filter((layer) => layer.id.startsWith('basemap-slot')).every((layer) => layer.layout?.visibility === 'none')).toBe(true);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
  });
});

describe('switching the basemap on a live map', () => {
  it('replaces only the basemap’s own layers and sources, in their slots', () => {
    const { live, map } = openMap([BUNDLED_BASEMAP]);
    const foreign = (m: FakeMap) => m.order.filter((id) => !id.startsWith('basemap:'));
    const foreignBefore = foreign(map);
    live.update(map, basemapStyleParts([shown(BLANK_BASEMAP)], data));
    expect(foreign(map)).toEqual(foreignBefore);
    expect([...map.sources.keys()].filter((id) => id.startsWith('basemap:'))).toEqual([]);
    expect(map.sources.has('zmd-draw-point')).toBe(true);
    expect(map.order.slice(0, 3)).toEqual(['basemap:blank:background', 'basemap-slot-base', DECK_GROUP]);

    live.update(map, basemapStyleParts([BUNDLED_BASEMAP], data));
    expect(map.order).toEqual([
      ...new LiveBasemap(basemapStyleParts([BUNDLED_BASEMAP], data)).styleWith(appStyle()).layers.map((layer) => layer.id).slice(0, 7),
      DECK_GROUP,
      PLAN_LABEL_LAYER_ID,
      'plan-labels-zones',
      'imported-labels',
      'basemap:bundled-counties:neighbour-labels',
      'basemap:bundled-counties:county-labels',
      'basemap-slot-labels',
      STACK_BADGE_LAYER_ID,
      'zmd-draw-point',
      'zmd-draw-polygon',
    ]);
  });

  it('does nothing when nothing changed, and a language switch re-adds only the name layers', () => {
    const { live, map } = openMap([BUNDLED_BASEMAP]);
    live.update(map, basemapStyleParts([BUNDLED_BASEMAP], data));
    expect(map.calls).toEqual([]);
    const orderBefore = map.getLayersOrder();
    live.update(map, basemapStyleParts([BUNDLED_BASEMAP], { ...data, language: 'en' }));
    expect(map.calls.filter((call) => call.includes('Source'))).toEqual([]);
    expect(map.calls.filter((call) => call.startsWith('addLayer'))).toEqual([
      'addLayer basemap:bundled-counties:county-labels',
      'addLayer basemap:bundled-counties:neighbour-labels',
    ]);
    expect(map.getLayersOrder()).toEqual(orderBefore);
  });

  it('keeps drawing order when records are reordered, moving rather than reloading', () => {
    const second = { ...BLANK_BASEMAP, id: 'paper', visible: true };
    const { live, map } = openMap([BUNDLED_BASEMAP, second]);
    live.update(map, basemapStyleParts([second, BUNDLED_BASEMAP], data));
    expect(map.calls.some((call) => call.startsWith('removeSource') || call.startsWith('addSource'))).toBe(false);
    const order = map.getLayersOrder();
    expect(order.indexOf('basemap:paper:background')).toBeLessThan(order.indexOf('basemap:bundled-counties:background'));
    expect(order.indexOf('basemap:bundled-counties:city-outline')).toBeLessThan(order.indexOf('basemap-slot-base'));
  });
});
