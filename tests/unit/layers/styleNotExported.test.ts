// The style belongs to the layer in the scenario and the project file, never
// to the data handed to other departments: GeoJSON, KML and Shapefile exports
// of a styled imported layer carry exactly the features' own fields (read back
// by GDAL) and no trace of the style (keys, colours, the label setting).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_STYLE, type ImportedLayerStyle } from '../../../src/domain/layerStyle';
import type { ScenarioLayer } from '../../../src/domain/scenario';
import { exportLayerShapefile } from '../../../src/io/export/shapefileExport';
import { exportScenarioKml } from '../../../src/io/export/kmlExport';
import { exportScenarioGeoJson, serializeGeoJson } from '../../../src/io/geojsonExport';
import { fieldTypes, ogrinfo, tempDir, unzipToTemp } from '../export/ogr';
import { point, scenarioOf } from '../scenario/helpers';

const STYLE: ImportedLayerStyle = {
  ...DEFAULT_LAYER_STYLE,
  mode: 'graduated',
  field: '人口',
  color: '#13579b',
  palette: 'Purples',
  method: 'quantile',
  classCount: 3,
  sizeField: '人口',
  labelField: '名称',
  fillOpacity: 0.65,
};
const layer: ScenarioLayer = {
  id: 'imported-pop',
  title: { zh: '乡镇人口', en: '乡镇人口' },
  imported: true,
  style: STYLE,
  features: [
    point('p1', 114.02, 32.98, { 名称: '甲镇', 人口: 12000 }),
    point('p2', 114.1, 33.0, { 名称: '乙镇', 人口: 56000 }),
    point('p3', 114.3, 33.1, { 名称: '丙乡', 人口: 9000 }),
  ],
};
const scenario = scenarioOf('s1', [layer]);
const EXPORTED_AT = new Date(2026, 11, 7, 10, 0);
/** Words only a style would bring into a file. */
const STYLE_TRACES = ['style', 'palette', 'Purples', 'fillOpacity', 'labelField', 'sizeField', 'classCount', 'quantile', '13579b', 'graduated'];
// The feature id is exported as provenance (README, Exports); the point helper adds `name`.
const dataFields = ['id', 'name', '名称', '人口'];

describe('exports of a styled imported layer carry no style', () => {
  it('GeoJSON: fields are the features’ own, read back by GDAL', () => {
    const text = serializeGeoJson(exportScenarioGeoJson(scenario, layer.id, { exportedAt: EXPORTED_AT }));
    for (const trace of STYLE_TRACES) expect(text, trace).not.toContain(trace);
    const path = join(tempDir('style-geojson'), 'pop.geojson');
    writeFileSync(path, text);
    expect([...fieldTypes(ogrinfo('-ro', '-so', '-al', path)).keys()].sort()).toEqual([...dataFields].sort());
  });

  it('KML: no style element and no style words', () => {
    const text = exportScenarioKml(scenario, layer.id, { exportedAt: EXPORTED_AT });
    for (const trace of STYLE_TRACES) expect(text, trace).not.toContain(trace);
    expect(text).not.toMatch(/<Style|<styleUrl/);
  });

  it('Shapefile: the DBF has the data fields only, and no file mentions the style', async () => {
    const exported = await exportLayerShapefile(scenario, layer, { exportedAt: EXPORTED_AT });
    const { dir, names } = unzipToTemp(exported.zip, 'style-shp');
    const shp = names.find((name) => name.endsWith('.shp'))!;
    expect([...fieldTypes(ogrinfo('-ro', '-so', '-al', join(dir, shp))).keys()].sort()).toEqual([...dataFields].sort());
    for (const name of names.filter((candidate) => /\.(txt|csv|prj|cpg)$/.test(candidate))) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const trace of ['palette', 'Purples', 'fillOpacity', '13579b']) expect(text, `${name}: ${trace}`).not.toContain(trace);
    }
  });
});
