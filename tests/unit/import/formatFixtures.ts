// Reading the committed format fixtures (tools/fixtures/make-format-fixtures.sh)
// and comparing what a reader made of them with their source GeoJSON.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { coordAll } from '@turf/turf';
import type { ImportReport, InputFile } from '../../../src/io/import/index';

export const FORMAT_FIXTURES = join(import.meta.dirname, '../../fixtures/formats');

/** Every file of a fixture folder, as chosen together. */
export function folderFiles(folder: string): InputFile[] {
  const dir = join(FORMAT_FIXTURES, folder);
  return readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

export function fixtureFile(path: string): InputFile {
  return { name: path.split('/').pop() ?? path, bytes: new Uint8Array(readFileSync(join(FORMAT_FIXTURES, path))) };
}

export function sourceFeatures(name: string): Feature[] {
  return (JSON.parse(readFileSync(join(FORMAT_FIXTURES, 'source', `${name}.geojson`), 'utf8')) as FeatureCollection).features;
}

export function ok(report: ImportReport) {
  if (!report.ok) throw new Error(`expected ok, got ${report.error.code}: ${report.error.message.en}`);
  return report;
}

/** Ground distance in metres between two lon/lat positions (equirectangular: exact enough at centimetres). */
export function metresApart(a: Position, b: Position): number {
  const [lonA = NaN, latA = NaN] = a;
  const [lonB = NaN, latB = NaN] = b;
  const metresPerDegree = 111_320;
  const dx = (lonA - lonB) * metresPerDegree * Math.cos((((latA + latB) / 2) * Math.PI) / 180);
  const dy = (latA - latB) * metresPerDegree;
  return Math.hypot(dx, dy);
}

/** The largest distance between corresponding positions of two geometries (every vertex, in order, rings as written). */
export function largestOffset(read: Geometry, source: Geometry): number {
  const got = coordAll(read);
  const want = coordAll(source);
  if (got.length !== want.length) return Infinity;
  return Math.max(...got.map((position, index) => metresApart(position, want[index] ?? [])));
}

/** The largest offset of any vertex of `read` from the nearest source vertex (for readers that may rewind rings). */
export function largestOffsetUnordered(read: Geometry, source: Geometry): number {
  const want = coordAll(source);
  return Math.max(...coordAll(read).map((position) => Math.min(...want.map((each) => metresApart(position, each)))));
}
