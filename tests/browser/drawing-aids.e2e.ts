// Drawing aids planners expect from QGIS/ArcGIS (issue 16): length and area
// while drawing and afterwards, a measure tool that saves nothing, a name
// asked for after drawing, points placed by typed coordinates, and undo
// history that survives a reload.
import { area, length, polygon } from '@turf/turf';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { closePagesAfterEach, drawnCount, project, recordPage, screenshot, sharedBrowserContext, waitForMap, waitSaved } from './harness';

const shared = sharedBrowserContext();
const trackPage = closePagesAfterEach();

async function openApp(query = ''): Promise<Page> {
  const page = await shared.context().newPage();
  trackPage(page);
  recordPage(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  // A first load on software WebGL on a busy machine can take longer than waitForMap's own 30 s.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
  await waitForMap(page);
  return page;
}

/** A stored feature of the current scenario, straight from IndexedDB. */
async function storedFeature(page: Page, id: string) {
  return page.evaluate(async (featureId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhumadian-layout-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const scenario = await new Promise<{ layers: { features: { geometry: { coordinates: unknown }; properties: Record<string, unknown> }[] }[] }>((resolve, reject) => {
      const request = db.transaction('scenarios').objectStore('scenarios').get('scenario-variant-a');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return scenario.layers.flatMap((layer) => layer.features).find((feature) => feature.properties.id === featureId) ?? null;
  }, id);
}

/** The numbers in a formatted area: km² (or m²), 亩, 公顷. */
function areaFigures(text: string): { km2: number; mu: number; ha: number } {
  const number = (pattern: RegExp) => Number((pattern.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
  return { km2: number(/([\d,.]+) 平方千米/), mu: number(/([\d,.]+) 亩/), ha: number(/([\d,.]+) 公顷/) };
}

/** Shapes terra-draw holds (drawn, being drawn, measured), read from its map sources. */
async function terraDrawShapes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const map = window.__zmdMap!;
    const ids = Object.keys(map.getStyle().sources).filter((id) => id.startsWith('zmd-draw'));
    let count = 0;
    for (const id of ids) {
      const source = map.getSource(id) as unknown as { getData?: () => Promise<{ features?: { geometry: { type: string } }[] }> };
      const data = await source.getData?.();
      count += (data?.features ?? []).filter((feature) => feature.geometry.type !== 'Point').length;
    }
    return count;
  });
}

/** Zoomed in so that the test's vertices lie far more than terra-draw's 40 px finishing distance apart. */
async function zoomTo(page: Page, center: [number, number], zoom = 10) {
  await page.evaluate(([lng, lat, z]) => window.__zmdMap!.jumpTo({ center: [lng!, lat!], zoom: z! }), [...center, zoom]);
  await waitForMap(page);
}

const square: [number, number][] = [
  [114.2, 33.1],
  [114.3, 33.1],
  [114.3, 33.18],
  [114.2, 33.18],
];

describe('length and area while drawing and after', () => {
  it('shows the area live while a polygon is drawn, then in the details and the table (km², 亩, 公顷); the name asked for is one undoable edit', async () => {
    const page = await openApp();
    const before = await drawnCount(page);
    await zoomTo(page, [114.25, 33.14]);
    await page.getByRole('button', { name: '画面（G）' }).click();
    for (const corner of square.slice(0, 3)) {
      const { x, y } = await project(page, corner);
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    // The pointer on the fourth corner, not yet clicked: the readout already counts it.
    const fourth = await project(page, square[3]!);
    await page.mouse.move(fourth.x, fourth.y, { steps: 4 });
    const readout = page.getByTestId('draw-readout');
    const expectedKm2 = area(polygon([[...square, square[0]!]])) / 1e6;
    // The readout follows the pointer: the four corners' area, within 2 % (pixel clicks).
    await expect.poll(async () => areaFigures((await readout.textContent()) ?? '').km2 / expectedKm2).toBeGreaterThan(0.98);
    expect(areaFigures((await readout.textContent()) ?? '').km2 / expectedKm2).toBeLessThan(1.02);
    expect(await readout.getAttribute('data-kind')).toBe('area');
    await screenshot(page, 'drawing-aids-live-area');
    await page.mouse.click(fourth.x, fourth.y);
    await page.waitForTimeout(150);
    const first = await project(page, square[0]!);
    await page.mouse.click(first.x, first.y);
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    const details = page.getByTestId('details');
    await expect.poll(() => details.getAttribute('data-feature-id')).toMatch(/-drawn-/);
    const id = (await details.getAttribute('data-feature-id'))!;

    // Details: km² with 亩 (× 1500 per km²) and 公顷 (× 100 per km²), computed on the sphere.
    const size = areaFigures(await page.getByTestId('feature-size').innerText());
    expect(size.km2 / expectedKm2).toBeGreaterThan(0.98);
    expect(size.km2 / expectedKm2).toBeLessThan(1.02);
    expect(size.mu / (size.km2 * 1500)).toBeCloseTo(1, 2);
    expect(size.ha / (size.km2 * 100)).toBeCloseTo(1, 2);
    expect(await page.getByTestId('feature-size').innerText()).toMatch(/周长 [\d.]+ 千米/);

    // The name prompt has the keyboard; a name is one more undoable step.
    const prompt = page.getByTestId('name-prompt');
    await prompt.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="name-prompt"]') !== null)).toBe(true);
    await page.keyboard.type('城东物流片区');
    await page.keyboard.press('Enter');
    await expect.poll(() => details.locator('h2').innerText()).toBe('城东物流片区');
    expect(await prompt.count()).toBe(0);

    // The attribute table shows the same area for the row.
    await page.getByRole('button', { name: '属性表（T）' }).click();
    const cell = page.getByTestId(`attr-size-${id}`);
    await cell.waitFor();
    expect(areaFigures(await cell.innerText()).km2).toBe(size.km2);
    await page.getByRole('button', { name: '属性表（T）' }).click();

    await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
    await expect.poll(() => details.locator('h2').innerText()).toBe('新绘要素');
    expect(await drawnCount(page), 'undoing the name keeps the polygon').toBe(before + 1);
    await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await waitSaved(page);
  }, 150_000);

  it('shows lengths in English too, and a skipped name keeps the default', async () => {
    const page = await openApp('?lang=en');
    const before = await drawnCount(page);
    await zoomTo(page, [114.0, 33.05]);
    await page.keyboard.press('l');
    const start = await project(page, [114.0, 33.0]);
    const end = await project(page, [114.0, 33.1]);
    await page.mouse.click(start.x, start.y);
    await page.mouse.move(end.x, end.y, { steps: 5 });
    const readout = page.getByTestId('draw-readout');
    await expect.poll(() => readout.textContent()).toMatch(/Length [\d.]+ km/);
    await page.mouse.click(end.x, end.y);
    await page.mouse.click(end.x, end.y);
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    await page.getByTestId('name-prompt').getByRole('button', { name: 'Skip' }).click();
    expect(await page.getByTestId('name-prompt').count()).toBe(0);
    // The length shown is the saved line's (its ends may have snapped to nearby features).
    const id = (await page.getByTestId('details').getAttribute('data-feature-id'))!;
    await waitSaved(page);
    const saved = await storedFeature(page, id);
    const savedKm = length({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: saved!.geometry.coordinates as number[][] } });
    const km = Number(/([\d.]+) km/.exec(await page.getByTestId('feature-size').innerText())?.[1]);
    expect(Math.abs(km - savedKm)).toBeLessThan(0.06);
    expect(savedKm, 'about 0.1° of latitude').toBeGreaterThan(10);
    expect(savedKm).toBeLessThan(12.5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await waitSaved(page);
  }, 150_000);
});

describe('the measure tool', () => {
  it('measures a distance and an area without adding a feature, and Esc clears the measurement', async () => {
    const page = await openApp();
    const before = await drawnCount(page);
    await zoomTo(page, [114.05, 33.05]);
    await page.keyboard.press('m');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-tool')).toBe('measure-line');
    const readout = page.getByTestId('draw-readout');
    expect(await readout.textContent()).toContain('量测不保存为要素');
    const a = await project(page, [114.0, 33.0]);
    const b = await project(page, [114.0, 33.1]);
    const c = await project(page, [114.1, 33.1]);
    await page.mouse.move(a.x, a.y, { steps: 3 });
    await page.mouse.click(a.x, a.y);
    await page.mouse.move(b.x, b.y, { steps: 4 });
    await page.mouse.click(b.x, b.y);
    await page.mouse.move(c.x, c.y, { steps: 4 });
    await page.mouse.click(c.x, c.y);
    await page.mouse.click(c.x, c.y); // finishes the measured line
    const expectedKm = length({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[114, 33], [114, 33.1], [114.1, 33.1]] } });
    await expect.poll(async () => Number(/长度 ([\d.]+) 千米/.exec((await readout.textContent()) ?? '')?.[1])).toBeGreaterThan(expectedKm * 0.98);
    expect(Number(/长度 ([\d.]+) 千米/.exec((await readout.textContent()) ?? '')?.[1])).toBeLessThan(expectedKm * 1.02);
    expect(await terraDrawShapes(page), 'the measured line stays on the map').toBe(1);
    await screenshot(page, 'drawing-aids-measure-line');
    expect(await drawnCount(page), 'nothing saved').toBe(before);
    expect(await page.getByTestId('name-prompt').count()).toBe(0);

    // Area: three corners and the closing click.
    await page.getByRole('button', { name: '量面积' }).click();
    expect(await terraDrawShapes(page), 'another tool clears the measured line').toBe(0);
    for (const point of [a, b, c, a]) {
      await page.mouse.move(point.x, point.y, { steps: 3 });
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => readout.getAttribute('data-kind')).toBe('area');
    const expectedKm2 = area(polygon([[[114, 33], [114, 33.1], [114.1, 33.1], [114, 33]]])) / 1e6;
    const measured = areaFigures((await readout.textContent()) ?? '');
    expect(measured.km2 / expectedKm2).toBeGreaterThan(0.97);
    expect(measured.km2 / expectedKm2).toBeLessThan(1.03);
    expect(await drawnCount(page)).toBe(before);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-tool')).toBe('browse');
    await expect.poll(() => terraDrawShapes(page)).toBe(0);
    expect(await readout.count()).toBe(0);
    expect(await drawnCount(page)).toBe(before);
  }, 150_000);
});

describe('typed coordinates', () => {
  it('places a point from Gauss–Krüger metres typed northing first, saying how they were read', async () => {
    const page = await openApp();
    const before = await drawnCount(page);
    await page.getByTestId('coordinate-button').click();
    const input = page.getByTestId('coordinate-input');
    await input.fill('abc');
    expect(await page.getByTestId('coordinate-reading').getAttribute('role')).toBe('alert');
    expect(await page.getByRole('button', { name: '放置' }).isDisabled()).toBe(true);
    // From GDAL: echo "114.02944 32.97944" | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4526 → 38502751.90 3650468.24
    await input.fill('3650468.24, 38502751.90');
    const reading = await page.getByTestId('coordinate-reading').innerText();
    expect(reading).toContain('38 带（含带号）');
    expect(reading).toContain('先写的是北坐标');
    await page.getByRole('button', { name: '放置' }).click();
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    const id = (await page.getByTestId('details').getAttribute('data-feature-id'))!;
    await page.getByTestId('name-prompt').locator('input').fill('坐标放点');
    await page.getByTestId('name-prompt').locator('input').press('Enter');
    await waitSaved(page);
    const stored = await storedFeature(page, id);
    const [lon, lat] = stored!.geometry.coordinates as [number, number];
    expect(lon).toBeCloseTo(114.02944, 6);
    expect(lat).toBeCloseTo(32.97944, 6);
    expect(stored!.properties.name).toBe('坐标放点');

    // 度分秒 in the same box.
    await page.getByTestId('coordinate-button').click();
    await input.fill('东经114度1分46秒 北纬32度58分46秒');
    expect(await page.getByTestId('coordinate-reading').innerText()).toContain('114°01′46.0″E 32°58′46.0″N');
    await input.press('Escape');
    expect(await page.getByTestId('coordinate-entry').count()).toBe(0);

    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await waitSaved(page);
  }, 150_000);
});

describe('undo history across a reload', () => {
  it('keeps the scenario’s undo steps after a reload: the name, then the point, undo in order', async () => {
    const page = await openApp();
    const before = await drawnCount(page);
    await page.keyboard.press('p');
    const spot = await project(page, [114.1, 33.05]);
    await page.mouse.click(spot.x, spot.y);
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    const id = (await page.getByTestId('details').getAttribute('data-feature-id'))!;
    await page.getByTestId('name-prompt').locator('input').fill('重载后可撤销');
    await page.getByTestId('name-prompt').locator('input').press('Enter');
    await waitSaved(page);

    await page.reload();
    await waitForMap(page);
    expect(await drawnCount(page)).toBe(before + 1);
    const undoButton = page.getByRole('button', { name: '撤销（Ctrl+Z）' });
    expect(await undoButton.isDisabled()).toBe(false);
    expect(await undoButton.getAttribute('title')).toContain('名称');
    await undoButton.click();
    await waitSaved(page);
    expect((await storedFeature(page, id))?.properties.name).toBe('新绘要素');
    await undoButton.click();
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await waitSaved(page);
    // Redo survives a reload as well.
    await page.reload();
    await waitForMap(page);
    await page.getByRole('button', { name: '重做（Ctrl+Shift+Z / Ctrl+Y）' }).click();
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await waitSaved(page);
  }, 150_000);
});
