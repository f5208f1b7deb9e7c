// KML export read back by GDAL's LIBKML driver (the library Google Earth's
// own format is defined by): a layer per Folder (layer and class), the
// placemarks' names, descriptions and ExtendedData fields, positions within
// 1 cm (WGS84) or a few hundred metres off (GCJ-02, only on request), hostile
// text escaped, and the schematic caveat in the Document description.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { KIND_OPTIONS } from '../../../src/domain/attributeSchema';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { exportScenarioKml, kmlFileName } from '../../../src/io/export/kmlExport';
import { ogrinfo, run, tempDir } from './ogr';
import { layer, realScenario, scenarioOf } from '../scenario/helpers';

const EXPORTED_AT = new Date(2026, 11, 7, 9, 30);

function writeKml(text: string, name: string): string {
  const path = join(tempDir('kml'), name);
  writeFileSync(path, text);
  return path;
}

/** Layer names as ogrinfo lists them (`1: name`). */
const layerNames = (path: string) => [...ogrinfo('-ro', '-q', path).matchAll(/^\d+: (.+?)(?: \([^)]*\))?$/gm)].map((match) => match[1]!);

// GDAL's LIBKML driver turns non-ASCII <Data name> into underscores unless told not to (Google Earth shows displayName).
const readLayer = (path: string, name: string) =>
  JSON.parse(run('ogr2ogr', ['--config', 'LIBKML_LAUNDER_FIELD_NAMES', 'NO', '-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=10', '/vsistdout/', path, name])) as {
    features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: Position } | null }[];
  };

describe('KML of the real plan', { timeout: 120_000 }, () => {
  const scenario = realScenario();
  const towns = scenario.layers.find((item) => item.id === 'towns')!;

  it('all layers: a folder per layer and per class, every feature, names and provenance, positions within 1 cm', () => {
    const path = writeKml(exportScenarioKml(scenario, null, { exportedAt: EXPORTED_AT }), 'all.kml');
    const names = layerNames(path);
    let total = 0;
    for (const planLayer of scenario.layers) {
      expect(names).toContain(planLayer.title.zh);
      const byKind = new Map<string, ScenarioFeature[]>();
      for (const feature of planLayer.features.filter((item) => item.geometry !== null))
        byKind.set(String(feature.properties.kind), [...(byKind.get(String(feature.properties.kind)) ?? []), feature]);
      for (const [kind, features] of byKind) {
        const label = KIND_OPTIONS[planLayer.id as keyof typeof KIND_OPTIONS].find((option) => option.value === kind)!.label.zh;
        const folder = `${planLayer.title.zh} · ${label}`;
        expect(names).toContain(folder);
        const read = readLayer(path, folder);
        expect(read.features.map((feature) => feature.properties.id)).toEqual(features.map((feature) => feature.properties.id));
        read.features.forEach((feature, index) => {
          const source = features[index]!;
          expect(feature.properties.Name).toBe(source.properties.name);
          expect(feature.properties.quote).toBe(source.properties.quote);
          expect(feature.properties.source).toBe(source.properties.source);
          expect(feature.properties.accuracy).toBe(source.properties.accuracy);
          expect(String(feature.properties.description)).toContain(String(source.properties.source));
          if (source.geometry!.type === 'Point') {
            expect(feature.geometry!.type).toBe('Point');
            expect(distance(feature.geometry!.coordinates, source.geometry!.coordinates as Position, { units: 'meters' })).toBeLessThan(0.01);
          } else expect(feature.geometry!.type).toBe(source.geometry!.type);
        });
        total += read.features.length;
      }
      const unlocated = planLayer.features.filter((feature) => feature.geometry === null);
      if (unlocated.length) {
        const read = readLayer(path, `${planLayer.title.zh} · 未定位（仅列出，无位置）`);
        expect(read.features.map((feature) => feature.properties.id)).toEqual(unlocated.map((feature) => feature.properties.id));
        expect(read.features.every((feature) => feature.geometry === null)).toBe(true);
        total += read.features.length;
      }
    }
    expect(total).toBe(scenario.layers.reduce((sum, item) => sum + item.features.length, 0));
    const text = exportScenarioKml(scenario, null, { exportedAt: EXPORTED_AT });
    const documentDescription = text.match(/<Document>\n<name>[^<]*<\/name>\n<description><!\[CDATA\[(.*?)\]\]><\/description>/s)![1]!;
    expect(documentDescription).toContain('规划示意');
    expect(documentDescription).toContain('Schematic');
    expect(documentDescription).toContain('WGS84');
  });

  it('GCJ-02 only on request: a few hundred metres off, and said in the name and description', () => {
    const text = exportScenarioKml(scenario, 'towns', { exportedAt: EXPORTED_AT, crs: 'gcj02' });
    expect(text).toContain('GCJ-02');
    const path = writeKml(text, 'gcj.kml');
    const read = readLayer(path, `${towns.title.zh} · 乡镇`);
    const located = towns.features.filter((feature) => feature.geometry !== null);
    expect(read.features).toHaveLength(located.length);
    read.features.forEach((feature, index) => {
      const metres = distance(feature.geometry!.coordinates, (located[index]!.geometry as { coordinates: Position }).coordinates, { units: 'meters' });
      expect(metres).toBeGreaterThan(100);
      expect(metres).toBeLessThan(1000);
    });
    expect(kmlFileName({ scenarioName: '方案A', layerTitle: '乡镇', crs: 'gcj02', date: EXPORTED_AT })).toBe('驻马店-方案A-乡镇-GCJ-02-2026-12-07.kml');
    expect(kmlFileName({ scenarioName: '方案A', layerTitle: null, date: EXPORTED_AT })).toBe('驻马店-方案A-全部图层-WGS84-2026-12-07.kml');
  });
});

describe('KML escaping and geometry', { timeout: 60_000 }, () => {
  it('keeps hostile text as text, polygons with holes, lines; imported layers without kind in one folder', () => {
    const hostile = `<b>泌阳 & "冷链"</b> ]]> <script>alert('x')</script>`;
    const exterior: Position[] = [[114.0, 33.0], [114.1, 33.0], [114.1, 33.1], [114.0, 33.1], [114.0, 33.0]];
    const hole: Position[] = [[114.02, 33.02], [114.02, 33.08], [114.08, 33.08], [114.08, 33.02], [114.02, 33.02]];
    const features: ScenarioFeature[] = [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [exterior, hole] }, properties: { id: 'p1', name: hostile, quote: hostile, source: 'a&b.txt', 面积: 12.5 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[114, 33], [114.2, 33.1]] }, properties: { id: 'l1', name: '线\u0001' } },
    ];
    const scenario = scenarioOf('方案<X>', [{ ...layer('imported-x', features), imported: true, title: { zh: '导入 & 图层', en: 'Imported' } }]);
    const path = writeKml(exportScenarioKml(scenario, 'imported-x', { exportedAt: EXPORTED_AT }), 'hostile.kml');
    expect(layerNames(path)).toEqual(['导入 & 图层']);
    const read = readLayer(path, '导入 & 图层');
    expect(read.features.map((feature) => feature.properties.Name)).toEqual([hostile, '线']);
    expect(read.features[0]!.properties.quote).toBe(hostile);
    expect(read.features[0]!.properties['面积']).toBe('12.5');
    expect(String(read.features[0]!.properties.description)).toContain('&lt;script&gt;');
    expect(String(read.features[0]!.properties.description)).not.toContain('<script>');
    expect(read.features[0]!.geometry!.type).toBe('Polygon');
    expect((read.features[0]!.geometry as unknown as { coordinates: Position[][] }).coordinates).toHaveLength(2);
    expect(read.features[1]!.geometry!.type).toBe('LineString');
  });
});
