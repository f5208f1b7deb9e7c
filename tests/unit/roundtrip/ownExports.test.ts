// Our exports read back by our own import, as a planner does when a colleague
// sends back the file we gave them: the Shapefile .zip and the KML, in each
// coordinate system and encoding offered, come back with the same features,
// the same Chinese names and positions within 1 cm.
import { distance } from '@turf/turf';
import { unzipSync, zipSync } from 'fflate';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { exportLayerShapefile } from '../../../src/io/export/shapefileExport';
import { exportScenarioKml } from '../../../src/io/export/kmlExport';
import { importFiles } from '../../../src/io/import';
import { realScenario } from '../scenario/helpers';

const EXPORTED_AT = new Date(2026, 11, 7, 9, 30);
const scenario = realScenario();
const towns = scenario.layers.find((layer) => layer.id === 'towns')!;
const located = towns.features.filter((feature) => feature.geometry !== null);

function positions(geometry: Geometry | null): Position[] {
  if (geometry === null) return [];
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positions);
  const flat = (value: unknown): Position[] => (typeof (value as unknown[])[0] === 'number' ? [value as Position] : (value as unknown[]).flatMap(flat));
  return flat(geometry.coordinates);
}

function expectSameTowns(features: readonly { geometry: Geometry | null; properties: Record<string, unknown> }[]) {
  const byName = new Map(features.map((feature) => [String(feature.properties.name), feature]));
  for (const town of located) {
    const name = String(town.properties.name);
    const back = byName.get(name);
    expect(back, name).toBeDefined();
    const [a] = positions(back!.geometry);
    const [b] = positions(town.geometry);
    expect(distance(a!, b!, { units: 'meters' })).toBeLessThan(0.01);
  }
}

describe('our exports through our own import', () => {
  for (const [crs, encoding] of [
    ['wgs84', 'UTF-8'],
    ['cgcs2000', 'UTF-8'],
    ['cgcs2000-gk3-38', 'GBK'],
  ] as const)
    it(`the Shapefile .zip in ${crs}, ${encoding}: every located town back with its Chinese name within 1 cm`, async () => {
      const { zip } = await exportLayerShapefile(scenario, towns, { crs, encoding, exportedAt: EXPORTED_AT });
      const report = importFiles([{ name: 'towns.zip', bytes: zip }]);
      if (!report.ok) throw new Error(report.error.message.en);
      expect(report.format).toBe('shapefile');
      // The export's README.txt and fields.csv are documentation, left aside and said, not a second dataset.
      const notes = report.notes.map((note) => note.en).join(' ');
      expect(notes).toMatch(/documentation in the archive was not read as data: .*README\.txt/);
      expect(notes).toContain('fields.csv');
      // Read in the encoding the .cpg names (a 254-byte field's length byte is not text to judge).
      expect(notes).not.toContain('mixed encodings');
      expect(notes).toContain(`attribute encoding: ${encoding === 'GBK' ? 'GBK' : 'UTF-8'}`);
      expect(report.layer.features.filter((feature) => feature.geometry !== null)).toHaveLength(located.length);
      expectSameTowns(report.layer.features);
    });

  it('a GeoJSON beside the Shapefile in an archive is a second dataset, not documentation', async () => {
    const { zip } = await exportLayerShapefile(scenario, towns, { crs: 'wgs84', encoding: 'UTF-8', exportedAt: EXPORTED_AT });
    const members = unzipSync(zip);
    members['extra.json'] = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    const report = importFiles([{ name: 'towns.zip', bytes: zipSync(members) }]);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.error.code).toBe('several-datasets');
  });

  it('the KML: every located town back with its name, folder and position within 1 cm', () => {
    const kml = exportScenarioKml(scenario, 'towns', { exportedAt: EXPORTED_AT });
    const report = importFiles([{ name: 'towns.kml', bytes: new TextEncoder().encode(kml) }]);
    if (!report.ok) throw new Error(report.error.message.en);
    expect(report.layer.features.filter((feature) => feature.geometry !== null)).toHaveLength(located.length);
    expectSameTowns(report.layer.features);
  });
});
