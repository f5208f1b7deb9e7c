// Presenter mode in the built app: slides made from the UI survive a reload
// (IndexedDB), clicker keys step through them (title, counter, camera and
// visibility follow), Esc brings the editing chrome back, and a live what-if
// (dragging a town with the analysis shown) is discarded or saved.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { catchment } from '../../src/analysis';
import { LAYER_IDS } from '../../src/domain/plan';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../src/domain/analysisSpec';
import { buildRequest, studyAreaOf } from '../../src/state/analysisSpec';
import { drawnCount, project, recordPage, screenshot, sharedBrowserContext, shippedDataset, waitForMap, waitSaved } from './harness';

const { dataset, townships } = shippedDataset();

// The analysis on slide 3: which town serves which township (catchment of the towns over the townships).
const CATCHMENT_SPEC: AnalysisSpec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'catchment', facilityLayer: 'towns', targetSource: 'townships' };

/**
 * The town to drag: the one serving the most townships (so moving it must
 * change the figures), alone on the map (so a click picks it, not a county
 * seat drawn on the same spot).
 */
function townToDrag(): { id: string; lngLat: [number, number] } {
  const request = buildRequest({ dataset, townships, imported: null }, CATCHMENT_SPEC);
  if (request.kind !== 'catchment') throw new Error('expected a catchment request');
  const result = catchment(request.facilities, request.targets, { ...request.params, metric: 'distance', useHuff: false, huffExponent: 2 }, studyAreaOf(dataset));
  const points = LAYER_IDS.flatMap((layer) => dataset.layers[layer].features)
    .filter((feature) => feature.geometry?.type === 'Point')
    .map((feature) => ({ id: feature.properties.id, coordinates: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates }));
  const alone = (id: string, [lng, lat]: [number, number]) =>
    points.every((other) => other.id === id || Math.hypot(other.coordinates[0] - lng, other.coordinates[1] - lat) > 0.03);
  const ranked = [...result.perFacility].sort((a, b) => b.targets - a.targets);
  for (const row of ranked) {
    const town = dataset.layers.towns.features.find((feature) => feature.properties.id === row.facilityId);
    if (row.targets === 0 || town?.geometry?.type !== 'Point') continue;
    const lngLat = town.geometry.coordinates as [number, number];
    if (alone(town.properties.id, lngLat)) return { id: town.properties.id, lngLat };
  }
  throw new Error('no town serves a township on its own');
}
const TOWN = townToDrag();

const SLIDES = [
  { title: '全市格局', camera: { center: [114.1, 33.0] as [number, number], zoom: 8.6 } },
  { title: '交通走廊（不含城镇）', notes: '强调京港澳走廊', camera: { center: [114.35, 33.05] as [number, number], zoom: 9.8 } },
  { title: '城镇服务范围', camera: { center: TOWN.lngLat, zoom: 11 } },
];
const TOWNS_TOGGLE = '显示或隐藏图层：中心镇与特色小镇';

const shared = sharedBrowserContext();

const counter = (page: Page) => page.getByTestId('presenter-counter').innerText();

async function open(page: Page) {
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
}

/** Sets the camera at once (a slide captures the camera, not what is drawn). */
async function jumpTo(page: Page, camera: { center: [number, number]; zoom: number }) {
  await page.evaluate((target) => window.__zmdMap!.jumpTo(target), camera);
}

type Extent = [number, number, number, number];
/** What each slide framed when it was captured (by title): a slide is shown by fitting this extent. */
const capturedExtents = new Map<string, Extent>();

/** The camera once the flight has ended (null while the map still moves). */
async function restingCamera(page: Page): Promise<{ lng: number; lat: number; bounds: Extent } | null> {
  return page.evaluate(() => {
    const map = window.__zmdMap!;
    if (map.isMoving()) return null;
    const { lng, lat } = map.getCenter();
    const bounds = map.getBounds();
    return { lng: Number(lng.toFixed(4)), lat: Number(lat.toFixed(4)), bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] as Extent };
  });
}

/**
 * The slide is shown as captured: the same centre, and its whole extent in view and filling
 * the map in width or height (the presenter's map is wider than the editing one, so the
 * zoom may differ; the framed area may not).
 */
async function expectCamera(page: Page, slide: { title: string; camera: { center: [number, number] } }) {
  const extent = capturedExtents.get(slide.title)!;
  expect(extent, `extent of ${slide.title} captured`).toBeDefined();
  await expect
    .poll(
      async () => {
        const camera = await restingCamera(page);
        if (!camera) return 'moving';
        const [west, south, east, north] = camera.bounds;
        const margin = 1e-6;
        const contains = west <= extent[0] + margin && south <= extent[1] + margin && east >= extent[2] - margin && north >= extent[3] - margin;
        const fillsWidth = Math.abs((east - west) / (extent[2] - extent[0]) - 1) < 0.01;
        const fillsHeight = Math.abs((north - south) / (extent[3] - extent[1]) - 1) < 0.01;
        return { lng: camera.lng, lat: camera.lat, contains, tight: fillsWidth || fillsHeight };
      },
      { timeout: 15_000 },
    )
    .toEqual({ lng: Number(slide.camera.center[0].toFixed(4)), lat: Number(slide.camera.center[1].toFixed(4)), contains: true, tight: true });
}

async function captureSlide(page: Page, n: number, title: string, notes?: string) {
  const camera = await restingCamera(page);
  capturedExtents.set(title, camera!.bounds);
  await page.getByRole('button', { name: '＋ 将当前视图存为幻灯片' }).click();
  await page.getByLabel(`幻灯片 ${n} 标题`).fill(title);
  if (notes) await page.getByTestId('view-item').nth(n - 1).getByRole('textbox', { name: /演讲备注/ }).fill(notes);
}

async function startPresenting(page: Page) {
  if (!(await page.getByTestId('views-panel').isVisible())) await page.getByTestId('presenter-button').click();
  await page.getByRole('button', { name: '▶ 开始演示' }).click();
  await page.waitForSelector('.app.presenting');
  await page.getByTestId('presenter-bar').waitFor();
}

/** The analysis figure in the presenter bar, once the latest run is done. */
async function analysisValue(page: Page): Promise<number | null> {
  const headline = page.getByTestId('presenter-analysis');
  if ((await headline.getAttribute('data-status')) !== 'done') return null;
  const value = await headline.getAttribute('data-value');
  return value === null ? null : Number(value);
}

async function analysisMovedFrom(page: Page, unmoved: number): Promise<boolean> {
  const value = await analysisValue(page);
  return value !== null && value !== unmoved;
}

/** Selects the town with the select tool (a click) and drags it 80 px right, 40 px down. */
async function dragTown(page: Page) {
  const from = await project(page, TOWN.lngLat);
  await page.mouse.click(from.x, from.y);
  await page.waitForTimeout(300);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step += 1) await page.mouse.move(from.x + step * 10, from.y + step * 5);
  await page.mouse.up();
}

async function savedScenarios(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhumadian-layout-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<{ id: string; name: string; parentId: string; layers: { id: string; features: { geometry: { coordinates: number[] } | null; properties: { id: string } }[] }[] }[]>(
      (resolve, reject) => {
        const request = db.transaction('scenarios').objectStore('scenarios').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      },
    );
    db.close();
    return all;
  });
}

function townCoordinates(scenario: Awaited<ReturnType<typeof savedScenarios>>[number]): number[] {
  const town = scenario.layers.find((layer) => layer.id === 'towns')!.features.find((feature) => feature.properties.id === TOWN.id)!;
  return town.geometry!.coordinates;
}

describe('presenter mode', () => {
  const drawn: number[] = [];

  it('makes three slides from the UI and keeps them across a reload', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    await page.getByTestId('presenter-button').click();
    await expect.poll(() => page.getByTestId('views-panel').isVisible()).toBe(true);

    await jumpTo(page, SLIDES[0]!.camera);
    drawn.push(await drawnCount(page));
    await captureSlide(page, 1, SLIDES[0]!.title);

    await page.getByRole('checkbox', { name: TOWNS_TOGGLE }).uncheck();
    await jumpTo(page, SLIDES[1]!.camera);
    drawn.push(await drawnCount(page));
    await captureSlide(page, 2, SLIDES[1]!.title, SLIDES[1]!.notes);

    await page.getByRole('checkbox', { name: TOWNS_TOGGLE }).check();
    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.getByRole('radio', { name: '服务范围' }).check();
    await page.getByLabel('设施图层').selectOption('towns');
    await page.getByLabel('服务对象').selectOption('townships');
    await jumpTo(page, SLIDES[2]!.camera);
    drawn.push(await drawnCount(page));
    await captureSlide(page, 3, SLIDES[2]!.title);
    expect(drawn[1]).toBeLessThan(drawn[0]!);
    expect(drawn[2]).toBe(drawn[0]);
    await screenshot(page, 'presenter-slides-panel');

    await waitSaved(page);
    await page.reload();
    await waitForMap(page);
    await page.getByTestId('presenter-button').click();
    const items = page.getByTestId('view-item');
    await expect.poll(() => items.count()).toBe(3);
    for (const [index, slide] of SLIDES.entries()) expect(await page.getByLabel(`幻灯片 ${index + 1} 标题`).inputValue()).toBe(slide.title);
    expect(await items.nth(1).getByRole('textbox', { name: /演讲备注/ }).inputValue()).toBe(SLIDES[1]!.notes);
    expect(await items.nth(2).innerText()).toContain('分析：服务范围');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('presents: clicker keys step through the slides; camera, visibility and title follow; Esc brings the chrome back', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    await startPresenting(page);
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.locator('.left-panel').isVisible()).toBe(false);
    expect(await page.locator('.right-panel').isVisible()).toBe(false);
    expect(await page.locator('.edit-toolbar').isVisible()).toBe(false);
    // The map takes the whole width under the presenter bar.
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    expect(mapBox.width).toBe(1366);

    const expectSlide = async (index: number) => {
      await expect.poll(() => counter(page)).toBe(`${index + 1} / 3`);
      expect(await page.getByTestId('presenter-title').innerText()).toBe(SLIDES[index]!.title);
      await expectCamera(page, SLIDES[index]!);
      await expect.poll(() => drawnCount(page)).toBe(drawn[index]);
      const legendLayers = await page.getByTestId('presenter-legend').locator('[data-layer]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-layer')));
      expect(legendLayers.includes('towns')).toBe(index !== 1);
    };
    await expectSlide(0);
    await page.keyboard.press('ArrowRight');
    await expectSlide(1);
    // The notes are the presenter's: hidden until N.
    expect(await page.getByTestId('presenter-notes').count()).toBe(0);
    await page.keyboard.press('n');
    expect(await page.getByTestId('presenter-notes').innerText()).toBe(SLIDES[1]!.notes);
    await screenshot(page, 'presenter-notes');
    await page.keyboard.press('n');
    expect(await page.getByTestId('presenter-notes').count()).toBe(0);
    await page.keyboard.press('PageDown');
    await expectSlide(2);
    await expect.poll(() => analysisValue(page), { timeout: 30_000 }).not.toBeNull();
    expect(await page.getByTestId('presenter-analysis').innerText()).toMatch(/服务范围：到最近设施平均 [\d.]+ km/);
    await waitForMap(page);
    await screenshot(page, 'presenter-mode-1366');
    await page.keyboard.press('ArrowRight'); // past the last slide: stays
    await expect.poll(() => counter(page)).toBe('3 / 3');
    await page.keyboard.press('ArrowLeft');
    await expectSlide(1);
    await page.keyboard.press('PageUp');
    await expectSlide(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.app.presenting').count()).toBe(0);
    expect(await page.locator('.top-bar').isVisible()).toBe(true);
    expect(await page.locator('.left-panel').isVisible()).toBe(true);
    expect(await page.locator('.edit-toolbar').isVisible()).toBe(true);
    expect(await page.getByTestId('presenter-bar').count()).toBe(0);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('what-if: dragging a town moves the analysis; discard restores the scenario, save as new keeps it across a reload', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    const before = await savedScenarios(page);
    const original = before.find((scenario) => scenario.id === 'scenario-variant-a')!;
    expect(townCoordinates(original)).toEqual(TOWN.lngLat);

    const goToAnalysisSlide = async () => {
      await startPresenting(page);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expectCamera(page, SLIDES[2]!);
      await waitForMap(page);
    };
    await goToAnalysisSlide();
    await expect.poll(() => analysisValue(page), { timeout: 30_000 }).not.toBeNull();
    const unmoved = (await analysisValue(page))!;

    await page.getByTestId('what-if-start').click();
    expect(await page.getByTestId('presenter-scenario').innerText()).toContain('（推演）');
    await dragTown(page);
    await expect.poll(() => analysisMovedFrom(page, unmoved), { timeout: 30_000 }).toBe(true);
    // Slides hold still while the what-if is open.
    await page.keyboard.press('ArrowLeft');
    expect(await counter(page)).toBe('3 / 3');
    await waitForMap(page);
    await screenshot(page, 'presenter-what-if');

    await page.getByTestId('what-if-discard').click();
    await expect.poll(() => page.getByTestId('what-if-bar').count()).toBe(0);
    expect(await page.getByTestId('presenter-scenario').innerText()).toBe(original.name);
    await expect.poll(() => analysisValue(page), { timeout: 30_000 }).toBe(unmoved);
    // The town is back where the scenario has it: out of presenter mode, a click there finds it, unmoved.
    await page.keyboard.press('Escape');
    await waitForMap(page);
    const at = await project(page, TOWN.lngLat);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBe(TOWN.id);
    expect(await page.getByTestId('feature-accuracy').innerText()).toBe('GeoNames 地名坐标');
    expect((await savedScenarios(page)).map((scenario) => scenario.id).sort()).toEqual(before.map((scenario) => scenario.id).sort());

    await goToAnalysisSlide();
    await page.getByTestId('what-if-start').click();
    await dragTown(page);
    await expect.poll(() => analysisMovedFrom(page, unmoved), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('what-if-save').click();
    await page.getByTestId('what-if-name').fill('会上推演方案');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByTestId('what-if-bar').count()).toBe(0);
    expect(await page.getByTestId('presenter-scenario').innerText()).toBe('会上推演方案');
    await page.keyboard.press('Escape');
    await waitSaved(page);

    await page.reload();
    await waitForMap(page);
    expect(await page.getByTestId('scenario-select').locator('option', { hasText: '会上推演方案' }).count()).toBe(1);
    const kept = (await savedScenarios(page)).find((scenario) => scenario.name === '会上推演方案')!;
    expect(kept.parentId).toBe('scenario-variant-a');
    const moved = townCoordinates(kept);
    expect(Math.hypot(moved[0]! - TOWN.lngLat[0], moved[1]! - TOWN.lngLat[1])).toBeGreaterThan(0.005);
    const originalNow = (await savedScenarios(page)).find((scenario) => scenario.id === 'scenario-variant-a')!;
    expect(townCoordinates(originalNow)).toEqual(TOWN.lngLat);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 240_000);
});
