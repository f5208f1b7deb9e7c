// Shapefile, KML and Excel exports in the built app, as a planner makes them:
// choose in 导出, click, and Chromium writes a real download. Each file is
// read back from disk by GDAL (ogrinfo / ogr2ogr) — the reader behind QGIS —
// and checked against the scenario the app holds: count, Chinese values, the
// CRS the .prj names, positions back in WGS84 within 1 cm.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { distance } from '@turf/turf';
import { unzipSync } from 'fflate';
import type { Position } from 'geojson';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import { downloadFile, launchChromium, recordPage, screenshot, waitForMap } from './harness';

const bundledTowns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;

function gdal(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout;
}

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const download = downloadFile;

describe('Shapefile, KML and Excel from the export menu', () => {
  it('a GBK Shapefile in CGCS2000 GK zone 38, a KML and an Excel table, read back by GDAL', async () => {
    const page = await context.newPage();
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);

    await page.getByTestId('export-button').click();
    await page.getByTestId('export-shp-layer').selectOption('towns');
    await page.getByTestId('export-shp-crs-cgcs2000-gk3-38').check();
    await page.getByTestId('export-shp-encoding-gbk').check();
    await page.getByTestId('export-shp').scrollIntoViewIfNeeded();
    await screenshot(page, 'export-menu-shapefile');
    const shp = await download(page, () => page.getByTestId('export-shp').click());
    expect(shp.name).toMatch(/^驻马店-.+-Shapefile-CGCS2000-GK3-38-GBK-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain(shp.name);

    const dir = mkdtempSync(join(tmpdir(), 'zmd-e2e-shp-'));
    const entries = unzipSync(new Uint8Array(shp.bytes));
    for (const [name, bytes] of Object.entries(entries)) writeFileSync(join(dir, name), bytes);
    expect(Object.keys(entries).sort()).toEqual(['README.txt', 'fields.csv', 'towns_points.cpg', 'towns_points.dbf', 'towns_points.prj', 'towns_points.shp', 'towns_points.shx']);
    expect(new TextDecoder().decode(entries['towns_points.cpg'])).toBe('GBK');
    const file = join(dir, 'towns_points.shp');
    const summary = gdal('ogrinfo', ['-ro', '-so', file, 'towns_points']);
    expect(summary).toContain(`Feature Count: ${bundledTowns.features.length}`);
    expect(summary).toContain('PROJCRS["CGCS2000 / 3-degree Gauss-Kruger zone 38"');
    expect(summary).toContain('ID["EPSG",4526]]');
    // The .dbf really is GBK: the first town's name is there as GBK bytes, not as UTF-8.
    const dbf = Buffer.from(entries['towns_points.dbf']!);
    const firstName = bundledTowns.features[0]!.properties.name;
    expect(new TextDecoder('gbk').decode(dbf)).toContain(firstName);
    expect(dbf.includes(Buffer.from(firstName, 'utf8'))).toBe(false);
    const back = JSON.parse(gdal('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=10', '/vsistdout/', file])) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: Position } | null }[];
    };
    const byId = new Map(back.features.map((feature) => [feature.properties.id, feature]));
    expect(byId.size).toBe(bundledTowns.features.length);
    for (const town of bundledTowns.features) {
      const read = byId.get(town.properties.id)!;
      expect(read.properties.name).toBe(town.properties.name);
      expect(read.properties.accuracy).toBe(town.properties.accuracy);
      if (town.geometry === null) expect(read.geometry).toBeNull();
      else expect(distance(read.geometry!.coordinates, town.geometry.coordinates as Position, { units: 'meters' })).toBeLessThan(0.01);
    }
    expect(new TextDecoder().decode(entries['README.txt'])).toContain('规划示意');

    // KML of the same layer, WGS84 (default).
    await page.getByTestId('export-kml-layer').selectOption('towns');
    const kml = await download(page, () => page.getByTestId('export-kml').click());
    expect(kml.name).toMatch(/^驻马店-.+-WGS84-\d{4}-\d{2}-\d{2}\.kml$/);
    const kmlPath = join(dir, 'towns.kml');
    writeFileSync(kmlPath, kml.bytes);
    const layers = gdal('ogrinfo', ['-ro', '-q', kmlPath]);
    const townsTitle = await page.getByTestId('export-kml-layer').locator('option:checked').innerText();
    const folderTitle = townsTitle.replace(/（\d+）$/, '');
    expect(layers).toContain(`: ${folderTitle} · 乡镇`);
    const read = JSON.parse(gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', kmlPath, `${folderTitle} · 乡镇`])) as { features: { properties: Record<string, unknown> }[] };
    const located = bundledTowns.features.filter((feature) => feature.geometry !== null);
    expect(read.features.map((feature) => feature.properties.Name)).toEqual(located.map((feature) => feature.properties.name));
    expect(read.features.map((feature) => feature.properties.quote)).toEqual(located.map((feature) => feature.properties.quote));
    expect(kml.bytes.toString('utf8')).toContain('规划示意');

    // Excel of the same layer's attribute table: typed lon/lat, Chinese values, the caveat sheet.
    await page.getByTestId('export-csv-layer').selectOption('towns');
    const xlsx = await download(page, () => page.getByTestId('export-xlsx').click());
    expect(xlsx.name).toMatch(/^驻马店-.+-属性表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsxPath = join(dir, 'towns.xlsx');
    writeFileSync(xlsxPath, xlsx.bytes);
    const sheets = gdal('ogrinfo', ['-ro', '-q', xlsxPath]);
    expect(sheets).toContain('说明（规划示意）');
    const sheet = /^1: (.+?)(?: \(None\))?$/m.exec(sheets)![1]!;
    const sheetSummary = gdal('ogrinfo', ['-ro', '-so', xlsxPath, sheet]);
    expect(sheetSummary).toContain(`Feature Count: ${bundledTowns.features.length}`);
    expect(sheetSummary).toMatch(/^经度（WGS84）: Real/m);
    const rows = JSON.parse(gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', xlsxPath, sheet])) as { features: { properties: Record<string, unknown> }[] };
    expect(rows.features.map((row) => row.properties['名称'])).toEqual(bundledTowns.features.map((feature) => feature.properties.name));

    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
