// Analysis results as data, in the built app: the planner runs an analysis,
// presses 导出 GeoJSON / Shapefile / CSV / Excel, and Chromium writes real
// files. Each is read back from disk — the GeoJSON and the Shapefile by GDAL's
// ogrinfo — and must carry the features, the parameters the result was
// computed with and the schematic (示意) caveat, under a name that says the
// scenario, the analysis, the minutes and the date.
// Generous per-test timeouts: the machine is shared (a limit, not an assertion).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ogrinfo, tempDir, unzipToTemp } from '../unit/export/ogr';
import { launchChromium, recordPage, screenshot, waitForMap } from './harness';

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function openAnalysis(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(String(inject('baseUrl')));
  // A longer first limit than the harness's: this machine is shared and a page can load slowly.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 90_000 });
  await waitForMap(page);
  await page.getByRole('tab', { name: '空间分析' }).click();
  return page;
}

/** Waits until the result shown is the one of the panel's parameters (not stale, exports enabled). */
async function waitForFreshResult(page: Page) {
  await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="analysis-result"][data-stale="false"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="analysis-export-geojson"]:not([disabled]), [data-testid="analysis-export-csv"]:not([disabled])', { timeout: 60_000 });
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [Download, void];
  const path = await file.path();
  expect(path).toBeTruthy();
  return { name: file.suggestedFilename(), bytes: readFileSync(path!) };
}

async function downloads(page: Page, testId: string, count: number): Promise<{ name: string; bytes: Buffer }[]> {
  const files: Download[] = [];
  const seen = new Promise<void>((resolve) => {
    const on = (file: Download) => {
      files.push(file);
      if (files.length === count) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await page.getByTestId(testId).click();
  await seen;
  return Promise.all(files.map(async (file) => ({ name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) })));
}

const DATE = /\d{4}-\d{2}-\d{2}/.source;

interface ExportedResult {
  name: string;
  analysis: { kind: string; summary_zh: string; parameters: Record<string, { zh: string; en: string }>; caveat_zh: string; schematic: boolean };
  features: { geometry: { type: string }; properties: Record<string, unknown> }[];
}

describe('analysis results as data', () => {
  it('exports the 15-minute circles and their union as GeoJSON and Shapefile with their parameters', async () => {
    const page = await openAnalysis();
    const record = recordPage(page);
    await waitForFreshResult(page);

    const geojson = await download(page, 'analysis-export-geojson');
    expect(geojson.name).toMatch(new RegExp(`^驻马店-.+-一刻钟生活圈-15分钟-${DATE}\\.geojson$`));
    const collection = JSON.parse(geojson.bytes.toString('utf8')) as ExportedResult;
    expect(collection.analysis.kind).toBe('circles');
    expect(collection.analysis.schematic).toBe(true);
    expect(collection.analysis.caveat_zh).toContain('示意');
    expect(collection.analysis.parameters.minutes!.zh).toBe('15 分钟');
    expect(collection.analysis.parameters.mode!.zh).toBe('步行');
    expect(collection.analysis.parameters.detour!.zh).toContain('不适用');
    expect(collection.analysis.parameters.facilities!.zh).toMatch(/商圈.*\d+ 个/);
    const circles = collection.features.filter((feature) => feature.properties.part === 'circle');
    const unions = collection.features.filter((feature) => feature.properties.part === 'union');
    expect(circles.length).toBeGreaterThan(0);
    expect(unions).toHaveLength(1);
    expect(circles.every((circle) => typeof circle.properties.facility === 'string' && circle.properties.radius_m === 1000)).toBe(true);
    // GDAL opens the downloaded file as it is.
    const dir = tempDir('browser-analysis-geojson');
    const file = join(dir, 'result.geojson');
    writeFileSync(file, geojson.bytes);
    expect(ogrinfo('-so', '-al', file)).toContain(`Feature Count: ${circles.length + 1}`);

    const shapefile = await download(page, 'analysis-export-shapefile');
    expect(shapefile.name).toMatch(new RegExp(`^驻马店-.+-一刻钟生活圈-15分钟-${DATE}-Shapefile\\.zip$`));
    const unpacked = unzipToTemp(new Uint8Array(shapefile.bytes), 'browser-analysis-shp');
    expect(unpacked.names).toEqual(expect.arrayContaining(['circles.shp', 'circles.dbf', 'circles.prj', 'union.shp', 'README.txt', 'fields.csv']));
    expect(ogrinfo('-so', join(unpacked.dir, 'circles.shp'), 'circles')).toContain(`Feature Count: ${circles.length}`);
    expect(ogrinfo('-so', join(unpacked.dir, 'union.shp'), 'union')).toContain('Feature Count: 1');
    const readme = readFileSync(join(unpacked.dir, 'README.txt'), 'utf8');
    for (const text of ['时间: 15 分钟', '出行方式: 步行', '速度: 4 千米/小时', '示意', 'Schematic']) expect(readme).toContain(text);

    const kml = await download(page, 'analysis-export-kml');
    expect(kml.name).toMatch(new RegExp(`^驻马店-.+-一刻钟生活圈-15分钟-${DATE}\\.kml$`));
    const kmlFile = join(dir, 'result.kml');
    writeFileSync(kmlFile, kml.bytes);
    expect(ogrinfo('-so', '-al', kmlFile)).toContain(`Feature Count: ${circles.length}`);
    expect(kml.bytes.toString('utf8')).toContain('出行方式');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('exports coverage with covered targets, the summary in the CSV header and a targets sheet in Excel', async () => {
    const page = await openAnalysis();
    const record = recordPage(page);
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await waitForFreshResult(page);
    const summary = await page.getByTestId('coverage-summary').innerText();
    const [, covered, total] = /(\d+) \/ (\d+)/.exec(summary)!;

    const geojson = JSON.parse((await download(page, 'analysis-export-geojson')).bytes.toString('utf8')) as ExportedResult;
    const targets = geojson.features.filter((feature) => feature.properties.part === 'target');
    expect(targets).toHaveLength(Number(total));
    expect(targets.filter((target) => target.properties.covered === true)).toHaveLength(Number(covered));
    expect(geojson.analysis.summary_zh).toContain(`已覆盖 ${covered} / ${total}`);
    expect(geojson.analysis.parameters.targets!.zh).toContain(`${total} 个`);

    // One CSV per table (coverage by county, uncovered targets), each with the header block.
    const csvs = await downloads(page, 'analysis-export-csv', 2);
    const names = csvs.map((csv) => csv.name);
    expect(names.some((name) => new RegExp(`^驻马店-.+-覆盖率-15分钟-未覆盖对象-${DATE}\\.csv$`).test(name)), names.join()).toBe(true);
    expect(names.some((name) => new RegExp(`^驻马店-.+-覆盖率-15分钟-各区县覆盖面积-${DATE}\\.csv$`).test(name)), names.join()).toBe(true);
    for (const csv of csvs) {
      const text = csv.bytes.toString('utf8');
      expect(text.startsWith('\uFEFF结果,')).toBe(true);
      expect(text).toContain(`已覆盖 ${covered} / ${total}`);
      for (const label of ['分析类型,覆盖率', '时间,15 分钟', '出行方式,步行', '绕行系数', '服务对象', '计算时间', '示意说明']) expect(text).toContain(label);
    }

    const xlsx = unzipSync(new Uint8Array((await download(page, 'analysis-export-xlsx')).bytes));
    expect(strFromU8(xlsx['xl/workbook.xml']!)).toContain('服务对象');
    expect(strFromU8(xlsx['xl/sharedStrings.xml']!)).toContain(`已覆盖 ${covered} / ${total}`);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('exports the catchment cells with their colours, which the panel’s legend names', async () => {
    const page = await openAnalysis();
    const record = recordPage(page);
    await page.getByRole('radio', { name: '服务范围' }).check();
    await page.getByLabel('设施图层').selectOption('logistics-hubs');
    await page.getByRole('checkbox', { name: '区域物流枢纽片区', exact: true }).check();
    await page.getByRole('checkbox', { name: /Huff/ }).check();
    await waitForFreshResult(page);
    await page.waitForSelector('[data-testid="result-catchment"] th:has-text("Huff")', { timeout: 60_000 });

    const legend = page.getByTestId('catchment-legend');
    const entries = await legend.locator('li').evaluateAll((items) => items.map((item) => ({ name: item.textContent ?? '', color: item.getAttribute('data-color') ?? '' })));
    expect(entries.length).toBeGreaterThan(1);
    await legend.scrollIntoViewIfNeeded();
    await screenshot(page, 'analysis-catchment-legend');

    const geojson = JSON.parse((await download(page, 'analysis-export-geojson')).bytes.toString('utf8')) as ExportedResult;
    const cells = geojson.features.filter((feature) => feature.properties.part === 'cell');
    expect(cells.length).toBeGreaterThan(0);
    // Every cell's colour is the legend's colour for its facility.
    const legendColor = new Map(entries.map((entry) => [entry.name, entry.color]));
    for (const cell of cells) expect(legendColor.get(String(cell.properties.facility)), String(cell.properties.facility)).toBe(cell.properties.color);
    const targets = geojson.features.filter((feature) => feature.properties.part === 'target');
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((target) => typeof target.properties.facility === 'string' && typeof target.properties.huff_best_share === 'number')).toBe(true);
    expect(geojson.analysis.parameters.huff!.zh).toContain('Huff');

    const unpacked = unzipToTemp(new Uint8Array((await download(page, 'analysis-export-shapefile')).bytes), 'browser-catchment-shp');
    expect(ogrinfo('-so', join(unpacked.dir, 'cells.shp'), 'cells')).toContain(`Feature Count: ${cells.length}`);
    expect(ogrinfo('-so', join(unpacked.dir, 'targets.shp'), 'targets')).toContain(`Feature Count: ${targets.length}`);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
