// Exports in the built app: the real downloads Chromium writes when a planner
// uses 导出 (GeoJSON of all layers / one layer, WGS84 or GCJ-02), the attribute
// table's CSV, and the analysis CSV. Each file is read back from disk and
// checked against the scenario the app holds (read from IndexedDB) and the
// shipped data; the GeoJSON goes back in through the app's own import.
// Generous per-test timeouts: the machine is shared (a limit, not an assertion).
import { readFileSync } from 'node:fs';
import { booleanClockwise, distance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import type { Scenario } from '../../src/domain/scenario';
import { dropFile, downloadFile, launchChromium, project, recordPage, screenshot, waitForMap, waitSaved } from './harness';

const bundledTowns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;

/** Every key a plan feature may carry (src/domain/plan.ts PlanFeatureProperties). */
const PLAN_FIELDS = new Set([
  'id', 'name', 'name_en', 'layer', 'kind', 'county', 'source', 'quote', 'accuracy', 'placement', 'parent', 'variant',
  'roles', 'adcode', 'functions', 'industries', 'more_sources', 'note', 'placed_at',
  // Whose wording the name is (plan / official / derived) and the plan's own wording where they differ.
  'name_basis', 'name_plan',
]);
/** Anything that smells of drawing or styling rather than data. */
const STYLING_KEY = /colou?r|style|stroke|fill|opacity|width|radius|symbol|icon|^mode$|^selected$|midPoint|selectionPoint|coordinatePoint|^__/i;

interface ExportedCollection {
  type: string;
  name?: string;
  crs?: unknown;
  metadata: { scenario: { id: string; name: string }; crs: string; caveat_zh: string; exported_at: string };
  features: { type: string; geometry: Geometry | null; properties: Record<string, unknown> }[];
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


async function open(page: Page) {
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
}

/** The current scenario as the app stored it in IndexedDB. */
async function storedScenario(page: Page, id: string): Promise<Scenario> {
  return page.evaluate(async (scenarioId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhumadian-layout-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const scenario = await new Promise<Scenario>((resolve, reject) => {
      const request = db.transaction('scenarios').objectStore('scenarios').get(scenarioId);
      request.onsuccess = () => resolve(request.result as Scenario);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return scenario;
  }, id);
}

/** The planner's local date as the page sees it, YYYY-MM-DD. */
const pageDate = (page: Page) =>
  page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });

/** Clicks and returns the real download with its bytes read from disk, and the page's dates around it. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; dates: string[] }> {
  const before = await pageDate(page);
  const file = await downloadFile(page, click);
  return { ...file, dates: [before, await pageDate(page)] };
}

const expectNameAmong = (name: string, dates: string[], make: (date: string) => string) =>
  expect(dates.map(make)).toContain(name);

function ringsFollowRightHandRule(geometry: Geometry | null): boolean {
  if (geometry === null) return true;
  const polygonOk = (rings: Position[][]) => rings.every((ring, index) => booleanClockwise(ring) === (index > 0));
  if (geometry.type === 'Polygon') return polygonOk(geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.every(polygonOk);
  return true;
}

function sameGeometry(exported: Geometry | null, stored: Geometry | null) {
  if (stored === null) return expect(exported).toBeNull();
  expect(exported?.type).toBe(stored.type);
  if (stored.type === 'Polygon') {
    // Rings may have been rewound: compare the corners as a set, to 7 decimals.
    const corners = (geometry: Geometry) => new Set((geometry as typeof stored).coordinates.flat().map((p) => p.map((v) => v.toFixed(7)).join(',')));
    return expect(corners(exported!)).toEqual(corners(stored));
  }
  const round = (value: unknown): unknown => (Array.isArray(value) ? value.map(round) : typeof value === 'number' ? Number(value.toFixed(7)) : value);
  expect((exported as { coordinates: unknown }).coordinates).toEqual(round((stored as { coordinates: unknown }).coordinates));
}

function expectDataOnly(collection: ExportedCollection) {
  expect(collection.type).toBe('FeatureCollection');
  expect(collection.crs).toBeUndefined();
  for (const feature of collection.features) {
    expect(Object.keys(feature)).toEqual(['type', 'geometry', 'properties']);
    for (const key of Object.keys(feature.properties)) {
      expect(PLAN_FIELDS.has(key), `unexpected key ${key}`).toBe(true);
      expect(key).not.toMatch(STYLING_KEY);
    }
    expect(ringsFollowRightHandRule(feature.geometry)).toBe(true);
  }
}

/** Draws a clockwise polygon (west edge first, going north) with the polygon tool. */
async function drawClockwisePolygon(page: Page) {
  await page.getByRole('button', { name: '画面（G）' }).click();
  const corners: [number, number][] = [
    [114.2, 33.1],
    [114.2, 33.18],
    [114.3, 33.18],
    [114.3, 33.1],
  ];
  for (const corner of corners) {
    const { x, y } = await project(page, corner);
    await page.mouse.click(x, y);
    await page.waitForTimeout(150);
  }
  const first = await project(page, corners[0]!);
  await page.mouse.click(first.x, first.y);
  await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toMatch(/-drawn-/);
  await page.getByRole('button', { name: '浏览（Esc）' }).click();
}

describe('exports', () => {
  it('exports all layers and one layer as RFC 7946 GeoJSON with readable names, and the file imports back', async () => {
    const page = await context.newPage();
    const record = recordPage(page);
    await open(page);
    const scenarioId = await page.getByTestId('scenario-select').inputValue();
    await drawClockwisePolygon(page);
    await waitSaved(page);
    const scenario = await storedScenario(page, scenarioId);
    const storedFeatures = scenario.layers.flatMap((layer) => layer.features);
    const drawn = storedFeatures.find((feature) => feature.geometry?.type === 'Polygon')!;
    expect(drawn).toBeTruthy();

    // The menu: opened from the keyboard, screenshot, Esc closes it and gives the focus back.
    const exportButton = page.getByTestId('export-button');
    await exportButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('dialog', { name: '导出数据' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await exportButton.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-geojson-layer');
    await page.waitForTimeout(200);
    await screenshot(page, 'export-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-button');
    await exportButton.click();

    // All layers, WGS84 (the defaults).
    expect(await page.getByTestId('export-geojson-layer').inputValue()).toBe('');
    const all = await download(page, () => page.getByTestId('export-geojson').click());
    expectNameAmong(all.name, all.dates, (date) => `驻马店-${scenario.name}-全部图层-WGS84-${date}.geojson`);
    const allCollection = JSON.parse(all.bytes.toString('utf8')) as ExportedCollection;
    expectDataOnly(allCollection);
    expect(allCollection.metadata.scenario).toEqual({ id: scenario.id, name: scenario.name });
    expect(allCollection.metadata.crs).toContain('EPSG:4326');
    expect(allCollection.metadata.caveat_zh).toContain('规划示意');
    expect(allCollection.features.map((feature) => feature.properties.id)).toEqual(storedFeatures.map((feature) => feature.properties.id));
    allCollection.features.forEach((feature, index) => {
      const stored = storedFeatures[index]!;
      expect(feature.properties).toEqual(stored.properties);
      sameGeometry(feature.geometry, stored.geometry);
    });
    const exportedDrawn = allCollection.features.find((feature) => feature.properties.id === drawn.properties.id)!;
    expect(booleanClockwise((exportedDrawn.geometry as { coordinates: Position[][] }).coordinates[0]!)).toBe(false);
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain(all.name);

    // One layer: the towns, which the default scenario keeps as shipped.
    await page.getByTestId('export-geojson-layer').selectOption('towns');
    const townsLayer = scenario.layers.find((layer) => layer.id === 'towns')!;
    const towns = await download(page, () => page.getByTestId('export-geojson').click());
    expectNameAmong(towns.name, towns.dates, (date) => `驻马店-${scenario.name}-${townsLayer.title.zh}-WGS84-${date}.geojson`);
    const townsCollection = JSON.parse(towns.bytes.toString('utf8')) as ExportedCollection;
    expectDataOnly(townsCollection);
    expect(townsCollection.features.map((feature) => feature.properties.id)).toEqual(bundledTowns.features.map((feature) => feature.properties.id));
    townsCollection.features.forEach((feature, index) => sameGeometry(feature.geometry, bundledTowns.features[index]!.geometry));
    expect(townsCollection.features.filter((feature) => feature.geometry === null).length).toBe(
      bundledTowns.features.filter((feature) => feature.geometry === null).length,
    );

    // GCJ-02: said in the name, a few hundred metres off.
    await page.getByTestId('export-crs-gcj02').check();
    const gcj = await download(page, () => page.getByTestId('export-geojson').click());
    expectNameAmong(gcj.name, gcj.dates, (date) => `驻马店-${scenario.name}-${townsLayer.title.zh}-GCJ-02-${date}.geojson`);
    const gcjCollection = JSON.parse(gcj.bytes.toString('utf8')) as ExportedCollection;
    expect(gcjCollection.metadata.crs).toContain('GCJ-02');
    gcjCollection.features.forEach((feature, index) => {
      const original = townsCollection.features[index]!.geometry;
      if (!feature.geometry || !original) return;
      const metres = distance((feature.geometry as { coordinates: Position }).coordinates, (original as { coordinates: Position }).coordinates, { units: 'meters' });
      expect(metres).toBeGreaterThan(100);
      expect(metres).toBeLessThan(1000);
    });
    await page.getByTestId('export-crs-wgs84').check();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    // The all-layers file back in through the app's import (drop on the map): every located feature comes in.
    const located = allCollection.features.filter((feature) => feature.geometry !== null).length;
    const unlocated = allCollection.features.length - located;
    await dropFile(page, all.name, all.bytes.toString('utf8'), { type: 'application/geo+json' });
    await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => '')).toContain(`可导入 ${located} 个要素，拒绝 ${unlocated} 行/个`);
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByTestId('toast').innerText().catch(() => '')).toContain(`已导入 ${located} 个要素`);
    await waitSaved(page);
    const after = await storedScenario(page, scenarioId);
    const importedLayer = after.layers.find((layer) => layer.imported)!;
    expect(importedLayer.features).toHaveLength(located);
    expect(importedLayer.features.map((feature) => feature.properties.id)).toEqual(
      allCollection.features.filter((feature) => feature.geometry !== null).map((feature) => feature.properties.id),
    );
    // Undo the import and the drawing so the next test starts from the plan.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('exports the attribute table as CSV: UTF-8 with BOM, Chinese intact, formula-like names neutralised', async () => {
    const page = await context.newPage();
    const record = recordPage(page);
    await open(page);
    const scenarioId = await page.getByTestId('scenario-select').inputValue();
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
    const nameInput = page.locator('[data-testid="attribute-table"] tr[data-feature-id="hub-biyang-cold-chain"] input[data-field="name"]');
    await nameInput.fill('=1+2 泌阳冷链');
    await nameInput.press('Enter');
    await waitSaved(page);
    const scenario = await storedScenario(page, scenarioId);
    const hubs = scenario.layers.find((layer) => layer.id === 'logistics-hubs')!;
    expect(hubs.features.find((feature) => feature.properties.id === 'hub-biyang-cold-chain')!.properties.name).toBe('=1+2 泌阳冷链');

    await screenshot(page, 'export-attribute-table');
    const csv = await download(page, () => page.getByTestId('attr-export-csv').click());
    expectNameAmong(csv.name, csv.dates, (date) => `驻马店-${scenario.name}-${hubs.title.zh}-属性表-${date}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(csv.bytes.subarray(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['编号', '名称', '英文名称']);
    expect(lines).toHaveLength(1 + hubs.features.length);
    const other = hubs.features.find((feature) => feature.properties.id !== 'hub-biyang-cold-chain')!;
    expect(text).toContain(String(other.properties.name));
    expect(text).toContain(`hub-biyang-cold-chain,'=1+2 泌阳冷链,`);
    expect(lines.some((line) => /(^|,)"?=/.test(line))).toBe(false);

    // The same from the export menu, for another layer.
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-csv-layer').selectOption('towns');
    const townsCsv = await download(page, () => page.getByTestId('export-csv').click());
    const townsTitle = scenario.layers.find((layer) => layer.id === 'towns')!.title.zh;
    expectNameAmong(townsCsv.name, townsCsv.dates, (date) => `驻马店-${scenario.name}-${townsTitle}-属性表-${date}.csv`);
    expect([...townsCsv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const townsText = townsCsv.bytes.subarray(3).toString('utf8');
    expect(townsText.trimEnd().split('\r\n')).toHaveLength(1 + bundledTowns.features.length);
    expect(townsText).toContain(bundledTowns.features[0]!.properties.name);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
    await expect.poll(() => nameInput.inputValue()).toBe('泌阳冷链物流片区');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('still exports the analysis result as CSV', async () => {
    const page = await context.newPage();
    const record = recordPage(page);
    await open(page);
    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 30_000 });
    const csv = await download(page, () => page.getByTestId('analysis-panel').getByRole('button', { name: '导出 CSV' }).click());
    expect(csv.name).toMatch(/^驻马店-.+\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.subarray(3).toString('utf8').split('\r\n').length).toBeGreaterThan(2);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
