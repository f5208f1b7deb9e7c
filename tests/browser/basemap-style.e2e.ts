// MapLibre style URLs, GCJ-02 basemaps, and where basemaps show (slides,
// compare maps), in the built app against the basemap tests' tile server on
// the loopback origin the shared build allows (ZMD_TILE_ORIGINS). The server
// also answers this file's style documents. Checked by pixels: the server
// paints every zoom-8 tile one known colour.
import type { Page } from 'playwright-core';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classDefinitionOf } from '../../src/domain/layers';
import { isSchematic, LAYER_IDS } from '../../src/domain/plan';
import { parsePlanLayer } from '../../src/io/planData';
import { toDrawnFeatures } from '../../src/map/planLayers';
import { readFileSync } from 'node:fs';
import { distance } from '@turf/turf';
import { closePagesAfterEach, colorDistance, project, recordPage, screenshot, sharedBrowserContext, waitForMap, type Screenshot } from './harness';
import { colourAt, SERVER_PALETTE, samplesAwayFromTileEdges, startTileServer, type TileServer } from './tileServer';

const shared = sharedBrowserContext();
const tileOrigin = inject('styleTileOrigin');
const port = new URL(tileOrigin).port;
/** The same server under another name: an origin the build does not allow. */
const outsideOrigin = `http://localhost:${port}`;
const KEY = 'STYLEKEY0123456789';
const TEAL: [number, number, number] = [42, 157, 143];
let server: TileServer;

const json = (response: import('node:http').ServerResponse, headers: Record<string, string>, body: unknown) =>
  void response.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

beforeAll(async () => {
  server = await startTileServer(tileOrigin, (url, response, headers) => {
    const keyed = url.searchParams.get('key') === KEY;
    switch (url.pathname) {
      // A raster style through TileJSON, behind a key; its glyphs and sprite must never be asked for.
      case '/styles/grid/style.json':
        if (!keyed) {
          response.writeHead(403, headers).end();
          return true;
        }
        json(response, headers, {
          version: 8,
          name: '测试格网样式',
          glyphs: `${tileOrigin}/fonts/{fontstack}/{range}.pbf`,
          sprite: `${tileOrigin}/sprites/grid`,
          sources: { grid: { type: 'raster', url: 'grid-tiles.json', tileSize: 256 } },
          layers: [
            { id: 'paper', type: 'background', paint: { 'background-color': '#ffffff' } },
            { id: 'grid', type: 'raster', source: 'grid' },
          ],
        });
        return true;
      case '/styles/grid/grid-tiles.json':
        if (!keyed) {
          response.writeHead(403, headers).end();
          return true;
        }
        json(response, headers, { tilejson: '3.0.0', tiles: [`${tileOrigin}/xyz/{z}/{x}/{y}.png?key=${KEY}`], maxzoom: 18, attribution: '<a href="#">© 测试样式服务</a>' });
        return true;
      // A style whose tiles are on a server this deployment does not allow.
      case '/styles/outside/style.json':
        json(response, headers, {
          version: 8,
          sources: { grid: { type: 'raster', tiles: [`${outsideOrigin}/xyz/{z}/{x}/{y}.png`], tileSize: 256 } },
          layers: [{ id: 'grid', type: 'raster', source: 'grid' }],
        });
        return true;
      // One plain colour.
      case '/styles/teal/style.json':
        json(response, headers, { version: 8, name: '青色', sources: {}, layers: [{ id: 'teal', type: 'background', paint: { 'background-color': '#2a9d8f' } }] });
        return true;
      default:
        return false;
    }
  });
});
afterAll(async () => {
  await server?.close();
});

/** Places across the city, away from the edges of the zoom-8 tiles. */
const SAMPLES = samplesAwayFromTileEdges();

// A failed test's page is closed too: an open tab would hold the editing lock for the next one.
const trackPage = closePagesAfterEach();

async function openApp(page: Page, hidePlan = true) {
  trackPage(page);
  // Each test starts from the bundled map alone, whatever an earlier one left in this profile (these pages load once).
  await page.addInitScript(() => localStorage.removeItem('zmd-basemap-sources'));
  await page.goto(String(inject('baseUrl')));
  // The first load can take long on a machine shared with other builds; then the harness's own wait.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
  await waitForMap(page);
  if (hidePlan) for (const checkbox of await page.getByRole('checkbox', { name: /显示或隐藏图层/ }).all()) await checkbox.uncheck();
}

const basemapIds = async (page: Page, testId = 'map') => ((await page.getByTestId(testId).getAttribute('data-basemaps')) ?? '').split(' ');
/** A source's 显示 checkbox (the radio would leave the bundled map, shown beneath, as it is). */
const shownToggle = (page: Page, id: string) => page.getByTestId(`basemap-row-${id}`).getByRole('checkbox', { name: /^显示/ });
const countyOverlayToggle = (page: Page) => page.getByRole('checkbox', { name: '县界与县名置于瓦片底图之上' });

/** Adds a style through the dialog's style tab; returns the new record id. */
async function addStyle(page: Page, url: string): Promise<string> {
  const before = await basemapIds(page);
  await page.getByTestId('basemap-add').click();
  await page.getByRole('tab', { name: 'MapLibre 样式' }).click();
  await page.getByTestId('basemap-style-url').fill(url);
  await page.getByTestId('basemap-add-confirm').click();
  await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached' });
  await expect.poll(async () => (await basemapIds(page)).filter((id) => !before.includes(id) && id !== 'county-overlay').length).toBe(1);
  return (await basemapIds(page)).find((id) => !before.includes(id) && id !== 'county-overlay')!;
}

async function removeSource(page: Page, id: string) {
  await page.getByTestId(`basemap-row-${id}`).getByRole('button', { name: '删除' }).click();
  await expect.poll(() => basemapIds(page)).not.toContain(id);
}

/** Share of the sample places whose pixel has their zoom-8 tile's colour (places under the map's controls left out). */
async function shareOfGrid(page: Page, shot: Screenshot) {
  const map = (await page.getByTestId('map').boundingBox())!;
  const covered = [];
  for (const selector of ['.edit-toolbar', '.maplibregl-ctrl-top-right', '.maplibregl-ctrl-bottom-right', '.schematic-banner', '.datum-note'])
    if ((await page.locator(selector).count()) > 0) covered.push((await page.locator(selector).first().boundingBox())!);
  let counted = 0;
  let matching = 0;
  for (const sample of SAMPLES) {
    const { x, y } = await project(page, sample);
    if (x < map.x + 4 || y < map.y + 4 || x > map.x + map.width - 4 || y > map.y + map.height - 4) continue;
    if (covered.some((box) => x >= box.x - 2 && x <= box.x + box.width + 2 && y >= box.y - 2 && y <= box.y + box.height + 2)) continue;
    counted += 1;
    if (colorDistance(shot.pixel(x, y), colourAt(SERVER_PALETTE, sample)) < 30) matching += 1;
  }
  expect(counted).toBeGreaterThan(20);
  return matching / counted;
}

/** Share of a region's pixels (sampled on a grid) within 30 of a colour. */
function shareOfColour(shot: Screenshot, box: { x: number; y: number; width: number; height: number }, colour: readonly number[]) {
  let counted = 0;
  let matching = 0;
  for (let x = box.x + 20; x < box.x + box.width - 20; x += 17)
    for (let y = box.y + 60; y < box.y + box.height - 60; y += 17) {
      counted += 1;
      if (colorDistance(shot.pixel(x, y), colour) < 30) matching += 1;
    }
  return matching / counted;
}

describe('MapLibre style URL', () => {
  it('draws the style’s tiles in the right place, credited, with the key kept in this browser and no glyph or sprite requested', { timeout: 300_000 }, async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await openApp(page);
    const id = await addStyle(page, `${tileOrigin}/styles/grid/style.json?key=${KEY}`);
    await countyOverlayToggle(page).uncheck();
    await waitForMap(page);
    expect(await shareOfGrid(page, await screenshot(page, 'basemap-style-grid'))).toBeGreaterThan(0.9);
    // Its layers are merged beneath the plan layers, under the record's prefix.
    const order = await page.evaluate(() => window.__zmdMap!.getLayersOrder());
    expect(order.indexOf(`basemap:${id}:grid`)).toBeGreaterThan(-1);
    expect(order.indexOf(`basemap:${id}:grid`)).toBeLessThan(order.indexOf('plan-labels-points'));
    // Credited from the TileJSON's attribution.
    expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('© 测试样式服务');
    // The tiles were asked for with the key; the record (in this browser's list) never holds it, the key store does.
    expect(server.requests.some((path) => path.startsWith('/xyz/') && path.endsWith(`key=${KEY}`))).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('zmd-basemap-sources'))).not.toContain(KEY);
    expect(await page.evaluate(() => localStorage.getItem('zmd-basemap-keys'))).toContain(KEY);
    // Labels use the local font and icons are not drawn: neither address is ever requested.
    expect(server.requests.filter((path) => path.startsWith('/fonts/') || path.startsWith('/sprites/'))).toEqual([]);
    await removeSource(page, id);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('a style that reaches a server outside the deployment’s list is refused, naming the server and the setting; nothing is added', { timeout: 300_000 }, async () => {
    const page = await shared.context().newPage();
    await openApp(page);
    const before = await basemapIds(page);
    const requested = server.requests.length;
    await page.getByTestId('basemap-add').click();
    await page.getByRole('tab', { name: 'MapLibre 样式' }).click();
    await page.getByTestId('basemap-style-url').fill(`${tileOrigin}/styles/outside/style.json`);
    await page.getByTestId('basemap-add-confirm').click();
    const error = page.getByTestId('basemap-add-error');
    await expect.poll(() => error.innerText()).toContain(outsideOrigin);
    expect(await error.innerText()).toContain('ZMD_TILE_ORIGINS');
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await basemapIds(page)).toEqual(before);
    // Only the style document itself was read.
    expect(server.requests.slice(requested)).toEqual(['/styles/outside/style.json']);
    await page.close();
  });
});

describe('GCJ-02 basemaps', () => {
  it('draws the plan shifted onto a GCJ-02 basemap, says which datum it shows, and pauses editing', { timeout: 300_000 }, async () => {
    // A plan point drawn as a solid dot, far from every other symbol (so its pixel is its own).
    const features = LAYER_IDS.flatMap((layer) => parsePlanLayer(readFileSync(`data/layers/${layer}.geojson`, 'utf8'), layer).features);
    const drawn = toDrawnFeatures(features);
    const lonely = drawn.find(
      (item) =>
        item.feature.properties.layer === 'towns' &&
        item.feature.geometry?.type === 'Point' &&
        !isSchematic(item.feature) &&
        drawn.every((other) => other === item || distance(other.position, item.position, { units: 'kilometers' }) > 4 + (other.style.symbol === 'zone' ? other.style.size / 1000 : 0)),
    )!;
    expect(lonely, 'an isolated solid town dot').toBeDefined();
    const wgs84 = lonely.position as [number, number];
    const gcj02 = gcoord.transform(wgs84, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const dotColour = classDefinitionOf(lonely.feature.properties).color;

    const page = await shared.context().newPage();
    await openApp(page, false);
    const before = await basemapIds(page);
    await page.getByTestId('basemap-add').click();
    await page.getByTestId('basemap-template').fill(`${tileOrigin}/xyz/{z}/{x}/{y}.png`);
    await page.getByTestId('basemap-title').fill('测试格网 GCJ-02');
    await page.getByTestId('basemap-crs').selectOption('gcj02');
    await page.getByTestId('basemap-add-confirm').click();
    await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached' });
    await expect.poll(async () => (await basemapIds(page)).filter((id) => !before.includes(id) && id !== 'county-overlay').length).toBe(1);
    const id = (await basemapIds(page)).find((item) => !before.includes(item) && item !== 'county-overlay')!;
    await expect.poll(() => page.getByTestId('map').getAttribute('data-datum')).toBe('gcj02');

    // The datum is said on the map and beside the sources; editing waits, and says why.
    expect(await page.getByTestId('map-datum-note').innerText()).toContain('GCJ-02');
    expect(await page.getByTestId('basemap-chooser').locator('..').innerText()).toContain('本图坐标系：GCJ-02');
    expect(await page.getByTestId('edit-paused').innerText()).toContain('暂停编辑');
    expect(await page.getByRole('button', { name: '画点（P）' }).isDisabled()).toBe(true);

    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 14 }), gcj02);
    await waitForMap(page);
    const shot = await screenshot(page, 'basemap-style-gcj02');
    const shifted = await project(page, gcj02);
    const unshifted = await project(page, wgs84);
    // A few hundred metres: tens of pixels at zoom 14.
    expect(Math.hypot(shifted.x - unshifted.x, shifted.y - unshifted.y)).toBeGreaterThan(20);
    expect(colorDistance(shot.pixel(shifted.x, shifted.y), dotColour), 'the dot at its GCJ-02 position').toBeLessThan(40);
    expect(colorDistance(shot.pixel(unshifted.x, unshifted.y), dotColour), 'no dot at the unshifted position').toBeGreaterThan(60);

    // Back on a WGS84 basemap the dot is where its data says and editing is open again.
    await shownToggle(page, id).uncheck();
    await expect.poll(() => page.getByTestId('map').getAttribute('data-datum')).toBe('wgs84');
    expect(await page.getByTestId('edit-paused').count()).toBe(0);
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 14 }), wgs84);
    await waitForMap(page);
    const after = await screenshot(page, 'basemap-style-wgs84');
    const here = await project(page, wgs84);
    expect(colorDistance(after.pixel(here.x, here.y), dotColour)).toBeLessThan(40);
    await removeSource(page, id);
    await page.close();
  });
});

describe('where basemaps show', () => {
  it('a slide restores the basemap it was saved with; one whose source is gone says so and shows the bundled map', { timeout: 300_000 }, async () => {
    const page = await shared.context().newPage();
    await openApp(page);
    const id = await addStyle(page, `${tileOrigin}/styles/teal/style.json`);
    await countyOverlayToggle(page).uncheck();
    await page.getByTestId(`basemap-row-${id}`).getByRole('checkbox', { name: '灰度' }).check();
    await page.getByTestId('presenter-button').click();
    await page.getByRole('button', { name: '＋ 将当前视图存为幻灯片' }).click();
    // The planner switches to the bundled map; the slide brings the style back, grey setting and all.
    await shownToggle(page, id).uncheck();
    await expect.poll(() => basemapIds(page)).toEqual(['bundled-counties']);
    await page.getByTestId('view-item').first().getByRole('button', { name: '转到' }).click();
    await expect.poll(() => basemapIds(page)).toContain(id);
    expect(await page.getByTestId(`basemap-row-${id}`).getByRole('checkbox', { name: '灰度' }).isChecked()).toBe(true);
    await page.getByTestId('presenter-button').click();
    await waitForMap(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    // Grey teal: the background is drawn (its colour is not a raster, so grey does not change it).
    expect(shareOfColour(await screenshot(page, 'basemap-style-slide'), box, TEAL)).toBeGreaterThan(0.6);

    // The source is removed: presenting the slide says so and shows the bundled map.
    await removeSource(page, id);
    await page.getByTestId('presenter-button').click();
    await page.getByRole('button', { name: '▶ 开始演示' }).click();
    await page.waitForSelector('.app.presenting');
    await expect.poll(() => page.getByTestId('presenter-notice').innerText()).toContain('已不在本浏览器的底图列表中');
    expect(await page.getByTestId('presenter-notice').innerText()).toContain('青色');
    expect(await basemapIds(page)).toEqual(['bundled-counties']);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('the compare maps, swipe and side by side, draw the same basemap as the main map', { timeout: 300_000 }, async () => {
    const page = await shared.context().newPage();
    await openApp(page);
    const id = await addStyle(page, `${tileOrigin}/styles/teal/style.json`);
    await countyOverlayToggle(page).uncheck();
    await page.getByRole('tab', { name: '方案对比' }).click();
    for (const mode of ['swipe', 'side-by-side'] as const) {
      if (mode === 'swipe') await page.getByTestId('open-compare-swipe').click();
      else await page.getByTestId('compare-maps-side-by-side').click();
      for (const pane of ['compare-map-a', 'compare-map-b']) {
        await page.waitForSelector(`[data-testid="${pane}"][data-map-loaded="true"]`, { timeout: 90_000 });
        await expect.poll(() => basemapIds(page, pane)).toContain(id);
      }
      await page.waitForTimeout(800);
      const shot = await screenshot(page, `basemap-style-compare-${mode}`);
      // Each pane's visible part is the style's colour (the swipe shows A left of the divider, B right of it).
      const paneA = (await page.getByTestId('compare-pane-a').boundingBox())!;
      const paneB = (await page.getByTestId('compare-pane-b').boundingBox())!;
      if (mode === 'swipe') {
        const divider = (await page.getByTestId('compare-divider').boundingBox())!;
        expect(shareOfColour(shot, { ...paneA, width: divider.x - paneA.x }, TEAL), 'swipe A').toBeGreaterThan(0.6);
        expect(shareOfColour(shot, { ...paneB, x: divider.x + divider.width, width: paneB.x + paneB.width - divider.x - divider.width }, TEAL), 'swipe B').toBeGreaterThan(0.6);
      } else {
        expect(shareOfColour(shot, paneA, TEAL), 'side by side A').toBeGreaterThan(0.6);
        expect(shareOfColour(shot, paneB, TEAL), 'side by side B').toBeGreaterThan(0.6);
      }
    }
    await page.getByTestId('compare-maps-close').click();
    await removeSource(page, id);
    await page.close();
  });
});
