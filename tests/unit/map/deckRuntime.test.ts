// deck.gl is loaded on first use (src/map/deckRuntime.ts): the layer builders
// refuse to run before it has loaded, and work once it has.
import { describe, expect, it } from 'vitest';
import { deck, deckReady, loadDeck } from '../../../src/map/deckRuntime';
import { buildPlanLayers, toDrawnFeatures } from '../../../src/map/planLayers';
import { readFileSync } from 'node:fs';
import { LAYER_IDS } from '../../../src/domain/plan';
import { parsePlanLayer } from '../../../src/io/planData';

describe('deck.gl loaded on first use', () => {
  it('is not loaded by importing the map code; a builder called before the load says so', () => {
    expect(deckReady()).toBe(false);
    expect(() => deck()).toThrow(/deck\.gl is not loaded yet/);
    expect(() => buildPlanLayers({ drawn: [], selectedId: null })).toThrow(/deck\.gl is not loaded yet/);
  });

  it('loads once; then the builders make deck.gl layers', async () => {
    const first = loadDeck();
    expect(loadDeck()).toBe(first);
    const modules = await first;
    expect(deckReady()).toBe(true);
    expect(deck()).toBe(modules);
    const features = LAYER_IDS.flatMap((id) => parsePlanLayer(readFileSync(`data/layers/${id}.geojson`, 'utf8'), id).features);
    const drawn = toDrawnFeatures(features);
    const layers = buildPlanLayers({ drawn, selectedId: null });
    expect(layers.map((layer) => layer.id)).toEqual(['plan-polygons', 'plan-zones', 'plan-lines', 'plan-points']);
    expect(layers[1]).toBeInstanceOf(modules.ScatterplotLayer);
    // The dash extension is one object for every build: deck.gl compares props by identity.
    const again = buildPlanLayers({ drawn, selectedId: null });
    expect(again[1]!.props.extensions[0]).toBe(layers[1]!.props.extensions[0]);
  }, 60_000);
});
