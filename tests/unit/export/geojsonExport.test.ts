// GeoJSON export for other GIS: RFC 7946 (WGS84, right-hand rings, no crs),
// data properties only, unlocated features kept with null geometry, GCJ-02 on
// request, safe readable file names — and the app's own importer reads the
// file back to the same features.
import { booleanClockwise, distance } from '@turf/turf';
import { positionsOf } from '../../../src/domain/validation';
import gcoord from 'gcoord';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { layerColumns } from '../../../src/domain/attributeSchema';
import { ACCURACIES } from '../../../src/domain/plan';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { layerAttributeCsv } from '../../../src/io/attributeCsvExport';
import {
  csvFileName,
  exportFeature,
  exportGeometry,
  exportProperties,
  exportScenarioGeoJson,
  geoJsonFileName,
  localDate,
  sanitizeFileNamePart,
  serializeGeoJson,
  type ExportCollection,
} from '../../../src/io/geojsonExport';
import { importFile } from '../../../src/io/import';
import { layer, realScenario, scenarioOf } from '../scenario/helpers';

const EXPORTED_AT = new Date(2026, 10, 22, 15, 30); // local time: the file name uses the local date
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A clockwise square around 驻马店 with a clockwise hole (both wrong for RFC 7946's exterior). */
const CLOCKWISE_EXTERIOR: Position[] = [
  [114.0, 33.0],
  [114.0, 33.1],
  [114.1, 33.1],
  [114.1, 33.0],
  [114.0, 33.0],
];
const COUNTER_CLOCKWISE_HOLE: Position[] = [
  [114.02, 33.02],
  [114.08, 33.02],
  [114.08, 33.08],
  [114.02, 33.08],
  [114.02, 33.02],
];

function drawnPolygon(id: string, coordinates: Position[][]): ScenarioFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates },
    properties: { id, name: '绘制的面', name_en: 'Drawn polygon', layer: 'business-districts', kind: 'business_district', accuracy: 'placed' },
  };
}

/** Every ring of every polygon in the collection: exterior counter-clockwise, holes clockwise. */
function ringsFollowRightHandRule(geometry: Geometry | null): boolean {
  if (geometry === null) return true;
  const polygonOk = (rings: Position[][]) => rings.every((ring, index) => booleanClockwise(ring) === (index > 0));
  if (geometry.type === 'Polygon') return polygonOk(geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.every(polygonOk);
  if (geometry.type === 'GeometryCollection') return geometry.geometries.every(ringsFollowRightHandRule);
  return true;
}

describe('geometry: RFC 7946', () => {
  it('rewinds a clockwise polygon: exterior counter-clockwise, hole clockwise', () => {
    expect(booleanClockwise(CLOCKWISE_EXTERIOR)).toBe(true);
    expect(booleanClockwise(COUNTER_CLOCKWISE_HOLE)).toBe(false);
    const exported = exportGeometry({ type: 'Polygon', coordinates: [CLOCKWISE_EXTERIOR, COUNTER_CLOCKWISE_HOLE] }) as Polygon;
    expect(booleanClockwise(exported.coordinates[0]!)).toBe(false);
    expect(booleanClockwise(exported.coordinates[1]!)).toBe(true);
    // Same ring, other direction: the same corners, closed.
    expect(new Set(exported.coordinates[0]!.map(String))).toEqual(new Set(CLOCKWISE_EXTERIOR.map(String)));
    expect(exported.coordinates[0]![0]).toEqual(exported.coordinates[0]!.at(-1));
  });

  it('rewinds every polygon of a MultiPolygon and leaves the input untouched', () => {
    const input: MultiPolygon = { type: 'MultiPolygon', coordinates: [[CLOCKWISE_EXTERIOR], [CLOCKWISE_EXTERIOR.map(([x, y]) => [x! + 0.2, y!])]] };
    const before = structuredClone(input);
    const exported = exportGeometry(input) as MultiPolygon;
    expect(exported.coordinates.every((polygon) => !booleanClockwise(polygon[0]!))).toBe(true);
    expect(input).toEqual(before);
  });

  it('rounds coordinates to 7 decimals and writes nothing but type and coordinates', () => {
    const exported = exportGeometry({ type: 'LineString', coordinates: [[114.123456789, 33.000000049], [114.2, 33.1]], bbox: [0, 0, 1, 1] });
    expect(exported).toEqual({ type: 'LineString', coordinates: [[114.1234568, 33.0], [114.2, 33.1]] });
  });

  it('keeps a null geometry null', () => {
    expect(exportGeometry(null)).toBeNull();
    expect(exportGeometry(null, 'gcj02')).toBeNull();
  });
});

describe('properties: data only', () => {
  it('keeps every plan schema and provenance field of the real data, exactly', () => {
    const scenario = realScenario();
    for (const scenarioLayer of scenario.layers)
      for (const feature of scenarioLayer.features) expect(exportProperties(feature.properties)).toEqual(feature.properties);
  });

  it('drops machinery keys (terra-draw store flags, __-prefixed) and undefined values, keeps a planner’s own fields', () => {
    const properties = {
      name: '测试',
      id: 'x-1',
      midPoint: true,
      selectionPoint: true,
      coordinatePoint: true,
      closingPoint: true,
      snappingPoint: true,
      provisionalCoordinateCount: 3,
      committedCoordinateCount: 2,
      currentlyDrawing: true,
      __deckColor: [255, 0, 0],
      __proto_like: 1,
      missing: undefined,
      备注: '规划人员加的字段',
      roles: ['central_town'],
      more_sources: [{ source: 'a.md', quote: 'b' }],
    };
    const exported = exportProperties(properties);
    expect(Object.keys(exported)).toEqual(['id', 'name', '备注', 'roles', 'more_sources']);
    expect(exported.more_sources).toEqual([{ source: 'a.md', quote: 'b' }]);
    expect(exported.more_sources).not.toBe(properties.more_sources);
  });

  it('a feature is exactly type, geometry and properties (no Feature id to clash with properties.id in GDAL)', () => {
    const feature = { ...drawnPolygon('p1', [CLOCKWISE_EXTERIOR]), id: 'p1', bbox: [114, 33, 114.1, 33.1] } as ScenarioFeature;
    expect(Object.keys(exportFeature(feature))).toEqual(['type', 'geometry', 'properties']);
  });
});

describe('the collection', () => {
  const scenario = realScenario();
  scenario.name = '方案A：服务业规划的五大商圈';
  const all = exportScenarioGeoJson(scenario, null, { exportedAt: EXPORTED_AT });

  it('has every feature of every layer, unlocated ones with geometry null, and no crs member', () => {
    const expected = scenario.layers.flatMap((item) => item.features);
    expect(all.type).toBe('FeatureCollection');
    expect('crs' in all).toBe(false);
    expect(all.features.map((feature) => feature.properties.id)).toEqual(expected.map((feature) => feature.properties.id));
    const unlocated = expected.filter((feature) => feature.geometry === null).length;
    expect(unlocated).toBeGreaterThan(0);
    expect(all.features.filter((feature) => feature.geometry === null)).toHaveLength(unlocated);
    expect(all.metadata.layers.reduce((sum, item) => sum + item.without_geometry, 0)).toBe(unlocated);
    for (const feature of all.features) expect(ringsFollowRightHandRule(feature.geometry)).toBe(true);
  });

  it('says the caveat, the scenario, the date and the CRS in the metadata foreign member', () => {
    expect(all.metadata.scenario).toEqual({ id: scenario.id, name: '方案A：服务业规划的五大商圈' });
    expect(all.metadata.exported_at).toBe(EXPORTED_AT.toISOString());
    expect(all.metadata.crs).toContain('EPSG:4326');
    expect(all.metadata.caveat_zh).toContain('规划示意');
    expect(all.metadata.caveat_zh).toContain('非测绘成果');
    expect(all.metadata.caveat_en).toContain('not a survey');
    expect(Object.keys(all.metadata.accuracy).sort()).toEqual([...ACCURACIES].sort());
    expect(all.metadata.accuracy.schematic.zh).toContain('示意');
    expect(all.metadata.null_geometry_zh).toContain('null');
    expect(all.name).toBe('驻马店-方案A：服务业规划的五大商圈-全部图层');
  });

  it('exports one layer alone, features untouched by the layer tag', () => {
    const towns = exportScenarioGeoJson(scenario, 'towns', { exportedAt: EXPORTED_AT });
    const source = scenario.layers.find((item) => item.id === 'towns')!;
    expect(towns.features.map((feature) => feature.properties)).toEqual(source.features.map((feature) => feature.properties));
    expect(towns.metadata.layers).toHaveLength(1);
    expect(() => exportScenarioGeoJson(scenario, 'no-such-layer', { exportedAt: EXPORTED_AT })).toThrow(/no-such-layer/);
  });

  it('tags features of imported layers with their layer in an all-layers file, but never overwrites a layer field', () => {
    const imported = { ...layer('imported-points-1', [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114, 33] }, properties: { id: 'a' } }]), imported: true };
    const own = { ...layer('imported-points-2', [{ type: 'Feature', geometry: null, properties: { id: 'b', layer: '自己的图层' } }]), imported: true };
    const result = exportScenarioGeoJson(scenarioOf('s', [imported, own]), null, { exportedAt: EXPORTED_AT });
    expect(result.features.map((feature) => feature.properties.layer)).toEqual(['imported-points-1', '自己的图层']);
    const alone = exportScenarioGeoJson(scenarioOf('s', [imported]), 'imported-points-1', { exportedAt: EXPORTED_AT });
    expect(alone.features[0]!.properties).toEqual({ id: 'a' });
  });

  it('serialises to JSON that parses back to the same collection, metadata before the features', () => {
    const text = serializeGeoJson(all);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(all)));
    expect(text.indexOf('"metadata"')).toBeLessThan(text.indexOf('"features"'));
    const empty = exportScenarioGeoJson(scenarioOf('empty', [layer('x', [])]), null, { exportedAt: EXPORTED_AT });
    expect(JSON.parse(serializeGeoJson(empty)).features).toEqual([]);
  });
});

describe('GCJ-02 output', () => {
  const scenario = realScenario();
  const wgs = exportScenarioGeoJson(scenario, null, { exportedAt: EXPORTED_AT });
  const gcj = exportScenarioGeoJson(scenario, null, { exportedAt: EXPORTED_AT, crs: 'gcj02' });

  it('moves every position by a few hundred metres in 驻马店 and says so', () => {
    expect(gcj.metadata.crs).toContain('GCJ-02');
    expect(gcj.metadata.crs).toContain('NOT WGS84');
    let checked = 0;
    gcj.features.forEach((feature, index) => {
      const original = wgs.features[index]!;
      expect(feature.properties).toEqual(original.properties);
      if (feature.geometry === null) return expect(original.geometry).toBeNull();
      const shifted = positionsOf(feature.geometry);
      positionsOf(original.geometry!).forEach((position, at) => {
        const metres = distance(position, shifted[at]!, { units: 'meters' });
        expect(metres).toBeGreaterThan(100);
        expect(metres).toBeLessThan(1000);
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('converts back to WGS84 with gcoord within 1 m', () => {
    gcj.features.forEach((feature, index) => {
      if (feature.geometry === null) return;
      const original = positionsOf(wgs.features[index]!.geometry!);
      positionsOf(feature.geometry).forEach((position, at) => {
        const back = gcoord.transform(position as [number, number], gcoord.GCJ02, gcoord.WGS84);
        expect(distance(back, original[at]!, { units: 'meters' })).toBeLessThan(1);
      });
    });
  });

  it('keeps polygon rings right-handed after the shift', () => {
    const shifted = exportGeometry({ type: 'Polygon', coordinates: [CLOCKWISE_EXTERIOR, COUNTER_CLOCKWISE_HOLE] }, 'gcj02');
    expect(ringsFollowRightHandRule(shifted)).toBe(true);
  });
});

describe('file names', () => {
  it('are readable Chinese: place, scenario, layer or all layers, CRS, local date', () => {
    expect(localDate(EXPORTED_AT)).toBe('2026-11-22');
    expect(geoJsonFileName({ scenarioName: '方案A：服务业规划的五大商圈', layerTitle: null, date: EXPORTED_AT })).toBe(
      '驻马店-方案A：服务业规划的五大商圈-全部图层-WGS84-2026-11-22.geojson',
    );
    expect(geoJsonFileName({ scenarioName: '方案B', layerTitle: '中心镇与特色小镇', crs: 'gcj02', date: EXPORTED_AT })).toBe(
      '驻马店-方案B-中心镇与特色小镇-GCJ-02-2026-11-22.geojson',
    );
    expect(csvFileName({ scenarioName: '方案B', layerTitle: '城镇体系', date: EXPORTED_AT })).toBe('驻马店-方案B-城镇体系-属性表-2026-11-22.csv');
    expect(geoJsonFileName({ scenarioName: 'Plan B', layerTitle: null, date: EXPORTED_AT, language: 'en' })).toBe(
      'Zhumadian-Plan B-all-layers-WGS84-2026-11-22.geojson',
    );
  });

  it('replace characters illegal in file names, control characters and bidi overrides', () => {
    const hostile = '../..\\方案/一:二*三?四"五<六>七|八\u0000九\u0007十\u202Eexe.geojson\n';
    const part = sanitizeFileNamePart(hostile);
    expect(part).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u007f\u202e]/);
    expect(part).not.toMatch(/^\./);
    expect(part).toContain('方案_一_二_三_四_五_六_七_八_九_十');
    const name = geoJsonFileName({ scenarioName: hostile, layerTitle: 'a/b', date: EXPORTED_AT });
    expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u007f\u202e]/);
    expect(name.endsWith('-a_b-WGS84-2026-11-22.geojson')).toBe(true);
    expect(name.startsWith('驻马店-')).toBe(true);
  });

  it('never leave an empty part, and clip very long names', () => {
    expect(sanitizeFileNamePart('  ...  ')).toBe('未命名');
    expect(sanitizeFileNamePart('///')).toBe('未命名');
    expect(sanitizeFileNamePart('', 'untitled')).toBe('untitled');
    expect([...sanitizeFileNamePart('长'.repeat(500))]).toHaveLength(60);
    expect(sanitizeFileNamePart('a   b\tc')).toBe('a b c');
  });
});

describe('re-import through the app’s own importer', () => {
  const scenario = realScenario();

  function reimport(collection: ExportCollection, sourceCrs: 'auto' | 'gcj02' = 'auto') {
    const report = importFile('export.geojson', utf8(serializeGeoJson(collection)), { sourceCrs });
    if (!report.ok) throw new Error(report.error.message.en);
    return report;
  }

  it('gives back the same located features (ids, geometry, properties); unlocated ones are the rejected rows', () => {
    const collection = exportScenarioGeoJson(scenario, null, { exportedAt: EXPORTED_AT });
    const report = reimport(collection);
    expect(report.crs.detected).toBe('wgs84');
    expect(report.crs.converted).toBe(false);
    const located = collection.features.filter((feature) => feature.geometry !== null);
    expect(report.accepted).toBe(located.length);
    expect(report.layer.features.map((feature) => feature.properties)).toEqual(located.map((feature) => feature.properties));
    expect(report.layer.features.map((feature) => feature.geometry)).toEqual(located.map((feature) => feature.geometry));
    const nullRows = collection.features.flatMap((feature, index) => (feature.geometry === null ? [index + 1] : []));
    expect(report.rejected.map((row) => row.row)).toEqual(nullRows);
  });

  it('reads a GCJ-02 file, declared as such, back to the WGS84 positions within 1 m', () => {
    const layerId = 'urban-system';
    const wgs = exportScenarioGeoJson(scenario, layerId, { exportedAt: EXPORTED_AT });
    const report = reimport(exportScenarioGeoJson(scenario, layerId, { exportedAt: EXPORTED_AT, crs: 'gcj02' }), 'gcj02');
    expect(report.crs.detected).toBe('gcj02');
    const located = wgs.features.filter((feature) => feature.geometry !== null);
    expect(report.layer.features).toHaveLength(located.length);
    report.layer.features.forEach((feature, index) => {
      const original = positionsOf(located[index]!.geometry!);
      positionsOf(feature.geometry!).forEach((position, at) => expect(distance(position, original[at]!, { units: 'meters' })).toBeLessThan(1));
    });
  });

  it('keeps a drawn polygon’s rings right-handed through export and import', () => {
    const drawn = scenarioOf('s', [layer('business-districts', [drawnPolygon('p1', [CLOCKWISE_EXTERIOR, COUNTER_CLOCKWISE_HOLE])])]);
    const report = reimport(exportScenarioGeoJson(drawn, null, { exportedAt: EXPORTED_AT }));
    expect(ringsFollowRightHandRule(report.layer.features[0]!.geometry)).toBe(true);
    expect(report.layer.features[0]!.properties.id).toBe('p1');
  });
});

describe('attribute-table CSV', () => {
  const scenario = realScenario();
  const towns = scenario.layers.find((item) => item.id === 'towns')!;
  const counties = [{ adcode: '411702', zh: '驿城区', en: 'Yicheng' }];

  it('is UTF-8 with a BOM, with the table’s Chinese titles and one row per feature', () => {
    const csv = layerAttributeCsv(towns, counties, 'zh');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const bytes = utf8(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = csv.slice(1).split('\r\n')[0]!;
    expect(header.split(',').slice(0, 3)).toEqual(['编号', '名称', '英文名称']);
    expect(header).toContain('经度（WGS84）');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + towns.features.length);
    expect(csv).toContain(towns.features[0]!.properties.name as string);
    expect(layerColumns(towns, counties).length + 2).toBe(header.split(',').length);
  });

  it('neutralises a name that starts like a formula', () => {
    const hostile = structuredClone(towns);
    hostile.features[0]!.properties.name = '=HYPERLINK("http://example.invalid","点我")';
    const csv = layerAttributeCsv(hostile, counties, 'zh');
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('comes back through the import as the layer’s located points', () => {
    const report = importFile('towns.csv', utf8(layerAttributeCsv(towns, counties, 'zh')));
    if (!report.ok) throw new Error(report.error.message.en);
    const located = towns.features.filter((feature) => feature.geometry?.type === 'Point');
    expect(report.accepted).toBe(located.length);
    expect(report.layer.features.map((feature) => feature.geometry)).toEqual(located.map((feature) => feature.geometry));
  });
});
