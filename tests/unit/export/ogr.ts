// The real-client check for exports: GDAL's own readers (ogrinfo, ogr2ogr) on
// the bytes the app writes, in a temporary folder. CI installs gdal-bin.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { FeatureCollection, Geometry } from 'geojson';

export function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export const ogrinfo = (...args: string[]) => run('ogrinfo', args);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `zmd-${prefix}-`));
}

/** Unpacks a zip into a fresh temp folder; returns the folder and the entry names. */
export function unzipToTemp(zip: Uint8Array, prefix: string): { dir: string; names: string[] } {
  const dir = tempDir(prefix);
  const entries = unzipSync(zip);
  for (const [name, bytes] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return { dir, names: Object.keys(entries).sort() };
}

/** The file as GeoJSON through GDAL, reprojected to WGS84 lon/lat (EPSG:4326) as GDAL/PROJ do it. */
export function ogrToWgs84(file: string, layer?: string): FeatureCollection<Geometry | null, Record<string, unknown>> {
  const args = ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=10', '/vsistdout/', file];
  if (layer) args.push(layer);
  return JSON.parse(run('ogr2ogr', args)) as FeatureCollection<Geometry | null, Record<string, unknown>>;
}

/** Field name → OGR type (`String (254.0)`, `Real (12.3)` …) from `ogrinfo -so`. */
export function fieldTypes(summary: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of summary.matchAll(/^(\S[^:\n]*): (String|Real|Integer|Integer64|Date|DateTime|Time)(\S*) \(([^)]*)\)$/gm)) fields.set(match[1]!, `${match[2]}${match[3]} (${match[4]})`);
  return fields;
}
