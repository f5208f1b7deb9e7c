// Imported data as first-class layers, through the real UI: a GDAL-made UTF-8
// Shapefile (CGCS2000 GK zone 38, zipped; tools/fixtures/make-layer-fixtures.sh)
// dropped on the map becomes a layer in the layers panel, is styled graduated
// by its 人口 field (legend classes checked against simple-statistics' own
// Ckmeans, map pixels against the legend colours), labelled, renamed,
// reordered, toggled, deleted and restored by undo; the style survives a
// reload and a project-file round trip and never reaches an exported GeoJSON;
// the presenter legend lists the imported layer and the analysis and keeps
// clear of the city at 1366×768 and 1920×1080.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Download, Page } from 'playwright-core';
import { ckmeans } from 'simple-statistics';
import { describe, expect, inject, it } from 'vitest';
import { dropFile, colorDistance, gridInside, offOriginRequests, project, recordPage, screenshot, sharedBrowserContext, shippedDataset, waitForMap, waitSaved } from './harness';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const POPULATION_ZIP = readFileSync(join(FIXTURES, 'layers/township-population-4526.zip'));
const POINTS_ZIP = readFileSync(join(FIXTURES, 'formats/zip/points-utf8-4526.zip'));
const SOURCE = JSON.parse(readFileSync(join(FIXTURES, 'layers/source/township-population.geojson'), 'utf8')) as FeatureCollection<Polygon, { 名称: string; 类型: string; 人口: number }>;
const CLASS_COUNT = 3;

/** The legend the graduated style must show: Ckmeans classes of the source's 人口 values, computed here independently. */
function expectedClasses(): string[] {
  const values = SOURCE.features.map((feature) => feature.properties.人口).sort((a, b) => a - b);
  const clusters = ckmeans(values, CLASS_COUNT);
  const format = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
  return clusters.map((cluster, index) => `${format(index === 0 ? cluster[0]! : clusters[index - 1]!.at(-1)!)} – ${format(cluster.at(-1)!)}`);
}

const { dataset } = shippedDataset();
const CITY = dataset.context.features.find((feature) => feature.properties.role === 'focus')!;

const shared = sharedBrowserContext();

/** A page for one test, closed even when the test fails (an open tab would make the next one read-only). */
async function withPage(body: (page: Page, record: ReturnType<typeof recordPage>) => Promise<void>) {
  const page = await shared.context().newPage();
  const record = recordPage(page);
  try {
    await body(page, record);
  } finally {
    await page.close();
  }
}

async function open(page: Page) {
  await page.goto(String(inject('baseUrl')));
  // The first load of a page with styled, labelled imported layers can take longer than waitForMap's
  // own 30 s when the machine is shared by several browser runs.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
  await waitForMap(page);
}

async function importAsNewLayer(page: Page, name: string, bytes: Uint8Array, count: number) {
  const before = await importedIds(page);
  await dropFile(page, name, bytes);
  await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => ''), { timeout: 60_000 }).toContain(`可导入 ${count} 个要素`);
  await page.getByRole('button', { name: '确认导入', exact: true }).click();
  await expect.poll(async () => (await importedIds(page)).length).toBe(before.length + 1);
  return (await importedIds(page)).find((id) => !before.includes(id))!;
}

/** Imported layer ids as the layers panel lists them, top (drawn last) first. */
const importedIds = (page: Page) =>
  page.locator('[data-testid="imported-layers"] [data-imported-layer]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-imported-layer')!));
const row = (page: Page, id: string) => page.locator(`[data-imported-layer="${id}"]`);
const legendEntries = (page: Page, id: string) =>
  page.getByTestId(`imported-legend-${id}`).locator('li[data-legend-entry]').evaluateAll((items) => items.map((item) => item.getAttribute('data-legend-entry')!));
const legendColors = (page: Page, id: string) =>
  page
    .getByTestId(`imported-legend-${id}`)
    .locator('li[data-legend-entry] svg')
    .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-color')!.split(',').map(Number)));
/** The deck.gl layers the main map draws beneath the plan, in drawing order. */
const underlay = async (page: Page) => ((await page.getByTestId('map').getAttribute('data-underlay-layers')) ?? '').split(' ').filter(Boolean);
const undoKey = (page: Page) => page.keyboard.press('Control+z');

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return readFileSync((await file.path())!);
}

/** Share of grid points inside `feature` whose screen pixel has `color`. */
async function shareOf(page: Page, feature: Feature<Polygon>, color: number[]): Promise<number> {
  const shot = await screenshot(page, 'imported-layers-graduated');
  const samples = gridInside(feature, 0.015);
  let matching = 0;
  for (const sample of samples) {
    const { x, y } = await project(page, sample);
    if (colorDistance(shot.pixel(x, y), color) < 12) matching += 1;
  }
  return matching / samples.length;
}

let populationId = '';

/** The largest longitude of a feature's geometry (found by 名称) as autosave stored it in IndexedDB, across scenarios. */
async function storedEastEdge(page: Page, layerId: string, name: string): Promise<number> {
  return page.evaluate(
    async ([layer, featureName]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhumadian-layout-studio');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = await new Promise<{ layers: { id: string; features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[] }[] }[]>((resolve, reject) => {
        const request = db.transaction('scenarios').objectStore('scenarios').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      const longitudes = all
        .flatMap((scenario) => scenario.layers.filter((candidate) => candidate.id === layer))
        .flatMap((candidate) => candidate.features.filter((feature) => feature.properties['名称'] === featureName))
        .flatMap((feature) => feature.geometry.coordinates.flat().map((position) => position[0]!));
      return Math.max(...longitudes);
    },
    [layerId, name] as const,
  );
}

describe('imported layers', () => {
  it('an imported Shapefile is a layer in the panel, styled graduated by 人口: legend classes, map colours, labels', { timeout: 480_000 }, async () => {
    await withPage(async (page, record) => {
      await open(page);
      expect(await page.getByTestId('imported-layers').innerText()).toContain('尚无导入图层');
      populationId = await importAsNewLayer(page, '乡镇人口-4526.zip', POPULATION_ZIP, 6);
      const layerRow = row(page, populationId);
      expect(await layerRow.getByTestId('imported-layer-count').innerText()).toBe('6 项');

      // Plan layers off: the pixels under the test areas are the imported layer's or the basemap's.
      for (const toggle of await page.locator('li.layer[data-layer] > label.layer-toggle input').all()) await toggle.uncheck();
      await layerRow.getByRole('button', { name: '样式' }).click();
      const style = page.getByTestId(`imported-style-${populationId}`);
      await style.getByLabel('着色方式').selectOption('graduated');
      expect(await style.getByLabel('字段', { exact: true }).inputValue()).toBe('人口');
      expect(await style.getByLabel('分级方法').inputValue()).toBe('natural-breaks');
      await style.getByLabel('级数').selectOption(String(CLASS_COUNT));
      await style.getByLabel('面填充不透明度').selectOption('1');
      await expect.poll(() => legendEntries(page, populationId)).toEqual(expectedClasses());
      const colors = await legendColors(page, populationId);
      expect(colors).toHaveLength(CLASS_COUNT);
      expect(colorDistance(colors[0]!, colors[CLASS_COUNT - 1]!)).toBeGreaterThan(100);

      // The most and the least populous areas are drawn in their classes' legend colours.
      await waitForMap(page);
      const byPopulation = [...SOURCE.features].sort((a, b) => a.properties.人口 - b.properties.人口);
      expect(await shareOf(page, byPopulation.at(-1)!, colors.at(-1)!)).toBeGreaterThan(0.7);
      expect(await shareOf(page, byPopulation[0]!, colors[0]!)).toBeGreaterThan(0.7);

      // Labels from 名称, drawn by MapLibre with the local font (the page requests nothing off its origin).
      await style.getByLabel('标注字段').selectOption('名称');
      await expect.poll(() => page.getByTestId('map').getAttribute('data-imported-labels')).toBe('6');
      await waitForMap(page);
      const rendered = await page.evaluate(() =>
        window.__zmdMap!.queryRenderedFeatures({ layers: ['imported-labels'] }).map((feature) => String(feature.properties.text)),
      );
      const names = SOURCE.features.map((feature) => feature.properties.名称);
      expect(new Set(rendered).size).toBeGreaterThanOrEqual(4);
      for (const text of rendered) expect(names).toContain(text);
      await screenshot(page, 'imported-layers-labels');
      expect(record.consoleErrors).toEqual([]);
      expect(offOriginRequests(record)).toEqual([]);
    });
  });

  it('rename, reorder, toggle and delete are undoable; the map follows', { timeout: 480_000 }, async () => {
    await withPage(async (page, record) => {
      await open(page);
      const pointsId = await importAsNewLayer(page, '设施点-4526.zip', POINTS_ZIP, 6);
      // The newest layer is on top of the list and drawn last.
      expect(await importedIds(page)).toEqual([pointsId, populationId]);
      const drawOrder = async () => (await underlay(page)).filter((id) => id.startsWith('imported-')).map((id) => (id.includes(pointsId) ? 'points' : 'population'));
      await expect.poll(drawOrder).toEqual(['population', 'points']);

      // Reorder: ↓ on the top layer puts the population areas above the points, on the list and on the map; undo puts it back.
      await row(page, pointsId).getByRole('button', { name: '下移（绘于下层）' }).click();
      expect(await importedIds(page)).toEqual([populationId, pointsId]);
      await expect.poll(drawOrder).toEqual(['points', 'population']);
      expect(await row(page, populationId).getByRole('button', { name: '上移（绘于上层）' }).isDisabled()).toBe(true);
      await undoKey(page);
      await expect.poll(() => importedIds(page)).toEqual([pointsId, populationId]);
      await expect.poll(drawOrder).toEqual(['population', 'points']);

      // Rename in place; undo and redo.
      const population = row(page, populationId);
      const oldName = await population.getAttribute('data-layer-name');
      await population.getByRole('button', { name: '重命名' }).click();
      await population.getByLabel('图层名称（回车确定，Esc 取消）').fill('乡镇人口（2020）');
      await population.getByLabel('图层名称（回车确定，Esc 取消）').press('Enter');
      await expect.poll(() => population.getAttribute('data-layer-name')).toBe('乡镇人口（2020）');
      await undoKey(page);
      await expect.poll(() => population.getAttribute('data-layer-name')).toBe(oldName);
      await page.keyboard.press('Control+y');
      await expect.poll(() => population.getAttribute('data-layer-name')).toBe('乡镇人口（2020）');

      // Toggle: off leaves the map (and its labels), on brings it back.
      await population.getByRole('checkbox').uncheck();
      await expect.poll(async () => (await underlay(page)).some((id) => id.includes(populationId))).toBe(false);
      expect(await page.getByTestId('map').getAttribute('data-imported-labels')).toBe('0');
      await population.getByRole('checkbox').check();
      await expect.poll(async () => (await underlay(page)).some((id) => id.includes(populationId))).toBe(true);

      // Delete and undo: the layer comes back in its place with its features and its style.
      const legendBefore = await legendEntries(page, populationId);
      await population.getByRole('button', { name: '删除', exact: true }).click();
      await expect.poll(() => importedIds(page)).toEqual([pointsId]);
      await expect.poll(async () => (await underlay(page)).some((id) => id.includes(populationId))).toBe(false);
      await undoKey(page);
      await expect.poll(() => importedIds(page)).toEqual([pointsId, populationId]);
      expect(await row(page, populationId).getByTestId('imported-layer-count').innerText()).toBe('6 项');
      expect(await legendEntries(page, populationId)).toEqual(legendBefore);
      expect(legendBefore).toEqual(expectedClasses());

      // Imported features are reshaped with the select tool like plan features: a click picks one and terra-draw edits it.
      await row(page, pointsId).getByRole('button', { name: '删除', exact: true }).click();
      await expect.poll(() => importedIds(page)).toEqual([populationId]);
      await page.keyboard.press('v');
      const area = SOURCE.features.find((feature) => feature.properties.人口 === 960000)!;
      const [west, south, east, north] = bbox(area);
      const inside = await project(page, [west + (east - west) * 0.3, south + (north - south) * 0.3]);
      await page.mouse.click(inside.x, inside.y);
      await expect.poll(() => page.getByTestId('details').locator('h2').innerText().catch(() => '')).toBe('测试片区六');
      // terra-draw has the polygon under edit (its selection handles are drawn).
      await expect
        .poll(() =>
          page.evaluate(() => {
            const map = window.__zmdMap!;
            const drawLayers = map.getStyle().layers.filter((layer) => layer.id.startsWith('zmd-draw')).map((layer) => layer.id);
            return drawLayers.length ? map.queryRenderedFeatures({ layers: drawLayers }).length : 0;
          }),
        )
        .toBeGreaterThan(0);
      await waitForMap(page);
      const corner = await project(page, [east, north]);
      await page.mouse.move(corner.x, corner.y);
      await page.mouse.down();
      await page.mouse.move(corner.x + 40, corner.y - 30, { steps: 8 });
      await page.mouse.up();
      // One undoable move of that feature, saved with the dragged corner further east.
      await expect.poll(() => page.getByRole('button', { name: /^撤销/ }).first().getAttribute('title')).toBe('撤销：移动“测试片区六”');
      await waitSaved(page);
      const stored = await storedEastEdge(page, populationId, '测试片区六');
      expect(stored).toBeGreaterThan(east + 0.005);
      await page.keyboard.press('Escape');
      expect(record.consoleErrors).toEqual([]);
    });
  });

  it('the style survives a reload and a project file round trip, and never reaches an exported GeoJSON', { timeout: 480_000 }, async () => {
    await withPage(async (page, record) => {
      await open(page);
      await expect.poll(() => legendEntries(page, populationId)).toEqual(expectedClasses());
      await waitSaved(page);
      await page.reload();
      await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
      await waitForMap(page);
      await expect.poll(() => legendEntries(page, populationId)).toEqual(expectedClasses());
      expect(await page.getByTestId('map').getAttribute('data-imported-labels')).toBe('6');

      // The project file holds the style with the layer.
      await page.getByRole('button', { name: '项目文件' }).click();
      const projectBytes = await download(page, () => page.getByRole('menuitem', { name: '导出项目' }).click());
      const project = JSON.parse(projectBytes.toString('utf8')) as { scenarios: { layers: { id: string; style?: Record<string, unknown> }[] }[] };
      const saved = project.scenarios.flatMap((scenario) => scenario.layers).find((layer) => layer.id === populationId)!;
      expect(saved.style).toMatchObject({ mode: 'graduated', field: '人口', method: 'natural-breaks', classCount: CLASS_COUNT, fillOpacity: 1, labelField: '名称' });

      // Deleted, then the project file opened again: the layer is back with its style.
      await row(page, populationId).getByRole('button', { name: '删除', exact: true }).click();
      await expect.poll(() => importedIds(page)).toEqual([]);
      await page.getByTestId('project-file-input').setInputFiles({ name: 'round-trip.zmdplan.json', mimeType: 'application/json', buffer: projectBytes });
      await page.getByRole('button', { name: '替换', exact: true }).click();
      await expect.poll(() => importedIds(page)).toEqual([populationId]);
      await expect.poll(() => legendEntries(page, populationId)).toEqual(expectedClasses());

      // The GeoJSON export of the layer: the features' data, no style.
      await page.getByRole('button', { name: '导出', exact: true }).click();
      await page.getByTestId('export-geojson-layer').selectOption(populationId);
      const geojson = (await download(page, () => page.getByRole('button', { name: '下载 GeoJSON' }).click())).toString('utf8');
      const exported = JSON.parse(geojson) as FeatureCollection<Polygon, Record<string, unknown>>;
      expect(exported.features).toHaveLength(6);
      for (const feature of exported.features) expect(Object.keys(feature.properties).sort()).toEqual(['id', '人口', '名称', '类型'].sort());
      for (const trace of ['"style"', 'graduated', 'natural-breaks', 'fillOpacity', 'labelField', 'palette']) expect(geojson).not.toContain(trace);
      expect(record.consoleErrors).toEqual([]);
    });
  });

  it('presenter legend: lists the imported layer and the analysis, and keeps clear of the city at 1366×768 and 1920×1080', { timeout: 480_000 }, async () => {
    await withPage(async (page, record) => {
      await open(page);
      await page.getByRole('tab', { name: '空间分析' }).click();
      await page.getByRole('button', { name: '全市范围' }).click();
      await page.waitForTimeout(800);
      await page.getByTestId('presenter-button').click();
      await page.getByRole('button', { name: '＋ 将当前视图存为幻灯片' }).click();
      await page.getByRole('button', { name: '▶ 开始演示' }).click();
      await page.waitForSelector('.app.presenting');
      const legend = page.getByTestId('presenter-legend');
      // The presenter's code loads on first use: its legend can take seconds on a busy machine.
      await expect.poll(() => legend.locator(`[data-imported-layer="${populationId}"] li[data-legend-entry]`).count(), { timeout: 30_000 }).toBe(CLASS_COUNT);
      await expect.poll(() => legend.locator('[data-legend-group="analysis"] li').count(), { timeout: 30_000 }).toBeGreaterThan(0);

      const [west, south, east, north] = bbox(CITY);
      for (const size of [
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize(size);
        await expect.poll(() => page.evaluate(() => !window.__zmdMap!.isMoving()), { timeout: 15_000 }).toBe(true);
        await waitForMap(page);
        const corners = await Promise.all(([[west, south], [east, north]] as [number, number][]).map((corner) => project(page, corner)));
        const city = { left: corners[0]!.x, bottom: corners[0]!.y, right: corners[1]!.x, top: corners[1]!.y };
        const box = (await legend.boundingBox())!;
        const overlaps = box.x < city.right && box.x + box.width > city.left && box.y < city.bottom && box.y + box.height > city.top;
        expect(overlaps, `legend ${JSON.stringify(box)} vs city ${JSON.stringify(city)} at ${size.width}×${size.height}`).toBe(false);
        // The whole city is on screen, so "not over the city" is not just "off screen".
        expect(city.left).toBeGreaterThanOrEqual(0);
        expect(city.right).toBeLessThanOrEqual(size.width);
        await screenshot(page, `imported-layers-presenter-${size.width}`);
      }
      await page.keyboard.press('Escape');
      expect(record.consoleErrors).toEqual([]);
    });
  });
});
