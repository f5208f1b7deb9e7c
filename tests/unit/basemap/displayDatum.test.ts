// A GCJ-02 basemap: what the map draws is shifted WGS84 → GCJ-02 (gcoord) at
// the one boundary where deck.gl layers are handed to the map, while the data,
// and so every export, stays WGS84.
import { distance } from '@turf/turf';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { displayDatumOf, displayFeatures, gcj02ToWgs84, shiftGeometry, wgs84ToGcj02 } from '../../../src/domain/displayDatum';
import { exportScenarioGeoJson, serializeGeoJson } from '../../../src/io/geojsonExport';
import { buildPlanLayers, toDrawnFeatures } from '../../../src/map/planLayers';
import { buildImportedLayers } from '../../../src/map/importedLayers';
import { circlesLayers } from '../../../src/map/analysisLayers';
import { displayLayer, displayLayers, POSITION_ACCESSORS } from '../../../src/map/displayLayers';
import type { ScenarioLayer } from '../../../src/domain/scenario';
import { realScenario } from '../scenario/helpers';
import { loadDeck } from '../../../src/map/deckRuntime';

// The layer builders take deck.gl's classes from the runtime the app loads after its first map.
await loadDeck();

const NEAR_ZHUMADIAN: Position = [114.0, 33.0];
const metres = (a: Position, b: Position) => distance(a, b, { units: 'kilometers' }) * 1000;

describe('display datum', () => {
  it('shifts a position near 114°E 33°N by what gcoord gives: a few hundred metres', () => {
    const shifted = wgs84ToGcj02(NEAR_ZHUMADIAN);
    const expected = gcoord.transform([114.0, 33.0], gcoord.WGS84, gcoord.GCJ02) as Position;
    expect(shifted[0]).toBeCloseTo(expected[0]!, 9);
    expect(shifted[1]).toBeCloseTo(expected[1]!, 9);
    const offset = metres(NEAR_ZHUMADIAN, shifted);
    expect(offset).toBeGreaterThan(100);
    expect(offset).toBeLessThan(1000);
    // Back again within a metre (gcoord's inverse is approximate): a click on the shifted map lands where it was.
    expect(metres(gcj02ToWgs84(shifted), NEAR_ZHUMADIAN)).toBeLessThan(1);
  });

  it('the datum follows the drawn records: GCJ-02 when any is', () => {
    expect(displayDatumOf([{ crs: 'wgs84' }, { crs: 'cgcs2000' }])).toBe('wgs84');
    expect(displayDatumOf([{ crs: 'wgs84' }, { crs: 'gcj02' }])).toBe('gcj02');
  });

  it('shifts every position of a geometry and returns new objects, leaving the input as it was', () => {
    const polygon: Geometry = { type: 'Polygon', coordinates: [[[114, 33], [114.1, 33], [114.1, 33.1], [114, 33]]] };
    const before = JSON.stringify(polygon);
    const shifted = shiftGeometry(polygon);
    expect(JSON.stringify(polygon)).toBe(before);
    const ring = (shifted as { coordinates: Position[][] }).coordinates[0]!;
    ring.forEach((position, index) => expect(position).toEqual(wgs84ToGcj02((polygon.coordinates[0] as Position[])[index]!)));
    const collection: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon, properties: { id: 'a' } }] };
    // Memoised per input, and the properties object is the same one (picking reads ids from it).
    expect(displayFeatures(collection, 'gcj02')).toBe(displayFeatures(collection, 'gcj02'));
    expect(displayFeatures(collection, 'gcj02').features[0]!.properties).toBe(collection.features[0]!.properties);
    expect(displayFeatures(collection, 'wgs84')).toBe(collection);
  });
});

/** A layer's positions as deck.gl would read them: its position accessors over its data. */
function positionsOf(layer: Layer): Position[] {
  const props = layer.props as unknown as Record<string, unknown> & { data: unknown };
  const data = props.data as { features?: Feature[]; attributes?: Record<string, { value: Float64Array }> } | unknown[];
  if (!Array.isArray(data) && data && 'features' in data && data.features)
    return data.features.flatMap((feature) => (feature.geometry?.type === 'Point' ? [feature.geometry.coordinates] : []));
  if (!Array.isArray(data) && data && 'attributes' in data && data.attributes) {
    const flat = data.attributes.getPosition!.value;
    return Array.from({ length: flat.length / 2 }, (_, index) => [flat[index * 2]!, flat[index * 2 + 1]!]);
  }
  const accessor = POSITION_ACCESSORS.map((name) => props[name]).find((value) => typeof value === 'function') as ((item: unknown, info: unknown) => unknown) | undefined;
  return (data as unknown[]).flatMap((item, index) => {
    const value = accessor!(item, { index, data, target: [] }) as Position | Position[] | Position[][];
    return (typeof value[0] === 'number' ? [value] : (value as Position[]).flat(typeof (value as Position[][])[0]![0] === 'number' ? 0 : 1)) as Position[];
  });
}

describe('the map boundary (src/map/displayLayers.ts)', () => {
  const scenario = realScenario();
  const features = scenario.layers.flatMap((layer) => layer.features);
  const drawn = toDrawnFeatures(features as never);
  const imported: ScenarioLayer = {
    id: 'imported-test',
    title: { zh: '导入', en: 'Imported' },
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [114.02, 32.98] }, properties: { id: 'p1' } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[114, 33], [114.05, 33.05]] }, properties: { id: 'l1' } },
    ],
  } as unknown as ScenarioLayer;
  const circles: Feature<Point>[] = [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114.1, 32.9] }, properties: {} }];
  const layers = [
    ...buildPlanLayers({ drawn, selectedId: drawn[0]!.feature.properties.id }),
    ...buildImportedLayers([imported]),
    ...circlesLayers({ circles: { perFacility: { type: 'FeatureCollection', features: circles }, dissolved: null } } as never),
  ];

  it('every layer the app builds can be shifted, and is drawn at gcoord’s position', () => {
    const shown = displayLayers(layers, 'gcj02');
    expect(shown.map((layer) => layer.id)).toEqual(layers.map((layer) => layer.id));
    for (const [index, layer] of layers.entries()) {
      const original = positionsOf(layer);
      const shifted = positionsOf(shown[index]!);
      expect(shifted.length, layer.id).toBe(original.length);
      shifted.forEach((position, at) => {
        const expected = gcoord.transform([original[at]![0]!, original[at]![1]!], gcoord.WGS84, gcoord.GCJ02) as Position;
        expect(metres(position, expected), layer.id).toBeLessThan(0.01);
        expect(metres(position, original[at]!), layer.id).toBeGreaterThan(100);
      });
    }
    // WGS84: the very same layers.
    displayLayers(layers, 'wgs84').forEach((layer, index) => expect(layer).toBe(layers[index]));
  });

  it('a layer whose positions it cannot find is left out rather than drawn off', () => {
    const unknown = { props: { data: 'https://example.org/data.json' }, id: 'remote' } as unknown as Layer;
    expect(displayLayer(unknown, 'gcj02')).toBeNull();
  });

  it('drawing shifted changes nothing of the data: the exported GeoJSON is the same text', () => {
    const exportedAt = new Date('2026-12-07T00:00:00Z');
    const before = serializeGeoJson(exportScenarioGeoJson(scenario, null, { exportedAt }));
    displayLayers(layers, 'gcj02');
    for (const layer of scenario.layers) displayFeatures(layer.features as unknown as Feature[], 'gcj02');
    expect(serializeGeoJson(exportScenarioGeoJson(scenario, null, { exportedAt }))).toBe(before);
    expect(before).toContain('"crs": "EPSG:4326 (WGS 84)');
  });
});
