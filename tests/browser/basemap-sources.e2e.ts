// Tile services and offline packages in the built app, against a tile server
// this test starts on the loopback origin the shared build allows
// (ZMD_TILE_ORIGINS, see global-setup.ts). Each source is checked by pixels:
// the server paints every zoom-8 tile one known colour, so the colour under a
// known place proves the tiles are drawn, and drawn in the right place.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectToFrame, type LngLatBounds, type Rect } from '../../src/io/printLayout';
import { colorDistance, project, recordPage, screenshot, sharedBrowserContext, waitForMap, type Screenshot } from './harness';
import { colourAt, colourOfTile, SERVER_PALETTE, solidPng, samplesAwayFromTileEdges, startTileServer, type TileServer } from './tileServer';
import { writePmtiles } from '../support/pmtilesWriter';
import { lonLatToTile } from '../support/tiles';

const shared = sharedBrowserContext();
const tileOrigin = inject('tileOrigin');
let server: TileServer;

beforeAll(async () => {
  server = await startTileServer(tileOrigin);
});
afterAll(async () => {
  await server?.close();
});

/** Places across the city, away from the edges of the zoom-8 tiles. */
const SAMPLES = samplesAwayFromTileEdges();

async function openApp(page: Page) {
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
  for (const checkbox of await page.getByRole('checkbox', { name: /显示或隐藏图层/ }).all()) await checkbox.uncheck();
}

const basemapIds = async (page: Page) => ((await page.getByTestId('map').getAttribute('data-basemaps')) ?? '').split(' ');

/** Adds a source through the dialog's tile-URL tab; returns its record id. */
async function addTiles(page: Page, template: string, title: string, attribution: string) {
  const before = await basemapIds(page);
  await page.getByTestId('basemap-add').click();
  await page.getByTestId('basemap-template').fill(template);
  await page.getByTestId('basemap-title').fill(title);
  await page.getByTestId('basemap-attribution').fill(attribution);
  await page.getByTestId('basemap-add-confirm').click();
  await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached' });
  await expect.poll(async () => (await basemapIds(page)).filter((id) => !before.includes(id) && id !== 'county-overlay').length).toBe(1);
  return (await basemapIds(page)).find((id) => !before.includes(id) && id !== 'county-overlay')!;
}

async function removeSource(page: Page, id: string) {
  await page.getByTestId(`basemap-row-${id}`).getByRole('button', { name: '删除' }).click();
  await expect.poll(() => basemapIds(page)).not.toContain(id);
}

/** Share of the sample places whose screen pixel has the palette colour of their zoom-8 tile. */
async function shareDrawn(page: Page, shot: Screenshot, palette: readonly [number, number, number][]) {
  const map = (await page.getByTestId('map').boundingBox())!;
  const covered = (
    await Promise.all(['.edit-toolbar', '.maplibregl-ctrl-top-right', '.maplibregl-ctrl-bottom-right', '.maplibregl-ctrl-bottom-left', '.schematic-banner'].map((selector) => page.locator(selector).first().boundingBox()))
  ).filter((box) => box !== null);
  let counted = 0;
  let matching = 0;
  for (const sample of SAMPLES) {
    const { x, y } = await project(page, sample);
    if (x < map.x + 4 || y < map.y + 4 || x > map.x + map.width - 4 || y > map.y + map.height - 4) continue;
    if (covered.some((box) => x >= box.x - 2 && x <= box.x + box.width + 2 && y >= box.y - 2 && y <= box.y + box.height + 2)) continue;
    counted += 1;
    if (colorDistance(shot.pixel(x, y), colourAt(palette, sample)) < 30) matching += 1;
  }
  expect(counted).toBeGreaterThan(20);
  return matching / counted;
}

async function expectDrawn(page: Page, palette: readonly [number, number, number][], name: string) {
  await waitForMap(page);
  const shot = await screenshot(page, name);
  expect(await shareDrawn(page, shot, palette)).toBeGreaterThan(0.9);
}

const countyOverlayToggle = (page: Page) => page.getByRole('checkbox', { name: '县界与县名置于瓦片底图之上' });

describe('tile services', () => {
  it('XYZ and TMS templates, WMTS (RESTful and KVP) draw their tiles in the right place, credited on the map and in the sources dialog', { timeout: 240_000 }, async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await openApp(page);

    const xyz = await addTiles(page, `${tileOrigin}/xyz/{z}/{x}/{y}.png`, '测试格网 XYZ', '© 测试瓦片服务 XYZ');
    // With a tile source shown, the county lines and names are drawn on top of it.
    const layers = await page.evaluate(() => window.__zmdMap!.getLayersOrder());
    expect(layers.indexOf('basemap:county-overlay:counties-line')).toBeGreaterThan(layers.indexOf(`basemap:${xyz}:raster`));
    await countyOverlayToggle(page).uncheck();
    await expectDrawn(page, SERVER_PALETTE, 'basemap-sources-xyz');
    expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('© 测试瓦片服务 XYZ');
    await page.getByRole('button', { name: '数据来源与版权' }).click();
    await expect.poll(() => page.locator('dialog.attributions').innerText()).toContain('© 测试瓦片服务 XYZ');
    await page.locator('dialog.attributions').getByRole('button', { name: '关闭' }).click();
    // The datum the map shows is said beside the sources.
    await expect.poll(() => page.getByTestId('basemap-chooser').locator('..').innerText()).toContain('本图坐标系：WGS84 / CGCS2000');
    await removeSource(page, xyz);

    const tms = await addTiles(page, `${tileOrigin}/tms/{z}/{x}/{-y}.png`, '测试格网 TMS', '© 测试瓦片服务 TMS');
    await countyOverlayToggle(page).uncheck();
    await expectDrawn(page, SERVER_PALETTE, 'basemap-sources-tms');
    expect(server.requests.some((path) => path.startsWith('/tms/'))).toBe(true);
    await removeSource(page, tms);

    for (const layer of ['grid', 'grid_kvp']) {
      const before = await basemapIds(page);
      await page.getByTestId('basemap-add').click();
      await page.getByRole('tab', { name: 'WMTS' }).click();
      await page.getByTestId('basemap-capabilities').fill(`${tileOrigin}/wmts/capabilities.xml`);
      await page.getByRole('button', { name: '读取图层' }).click();
      await page.getByTestId('basemap-wmts-layer').selectOption(layer);
      await page.getByTestId('basemap-add-confirm').click();
      await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached' });
      await countyOverlayToggle(page).uncheck();
      await expectDrawn(page, SERVER_PALETTE, `basemap-sources-wmts-${layer}`);
      // Credited with the service's own title when the planner gives none.
      expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('测试瓦片服务');
      const added = (await basemapIds(page)).find((id) => !before.includes(id) && id !== 'county-overlay')!;
      await removeSource(page, added);
    }
    expect(server.requests.some((path) => path.startsWith('/wmts/rest/grid/default/GoogleMapsCompatible/'))).toBe(true);
    expect(server.requests.some((path) => path.startsWith('/wmts/kvp?SERVICE=WMTS&REQUEST=GetTile'))).toBe(true);

    // A geographic CGCS2000 set is refused by name; nothing is added.
    await page.getByTestId('basemap-add').click();
    await page.getByRole('tab', { name: 'WMTS' }).click();
    await page.getByTestId('basemap-capabilities').fill(`${tileOrigin}/wmts/capabilities.xml`);
    await page.getByRole('button', { name: '读取图层' }).click();
    await page.getByTestId('basemap-wmts-layer').selectOption('vec_c');
    await page.getByTestId('basemap-add-confirm').click();
    await expect.poll(() => page.getByTestId('basemap-add-error').innerText()).toContain('“c”');
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await basemapIds(page)).toEqual(['bundled-counties']);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('refuses a server outside the deployment’s list with a message naming it and the setting, and requests nothing from it', async () => {
    const outside = await new Promise<{ port: number; hits: number[]; close: () => void }>((resolve) => {
      const hits: number[] = [];
      const other = createServer((socket) => {
        hits.push(1);
        socket.destroy();
      });
      other.listen(0, '127.0.0.1', () => {
        const address = other.address();
        resolve({ port: typeof address === 'object' && address ? address.port : 0, hits, close: () => other.close() });
      });
    });
    const page = await shared.context().newPage();
    await openApp(page);
    await page.getByTestId('basemap-add').click();
    await page.getByTestId('basemap-template').fill(`http://127.0.0.1:${outside.port}/{z}/{x}/{y}.png`);
    await page.getByTestId('basemap-add-confirm').click();
    const message = await page.getByTestId('basemap-add-error').innerText();
    expect(message).toContain(`http://127.0.0.1:${outside.port}`);
    expect(message).toContain('ZMD_TILE_ORIGINS');
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await basemapIds(page)).toEqual(['bundled-counties']);
    // The page's CSP lists the same origins: the allowed one is in it, the other is not.
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!);
    expect(policy).toContain(tileOrigin);
    expect(policy).not.toContain(String(outside.port));
    expect(outside.hits).toEqual([]);
    outside.close();
    await page.close();
  });

  it('天地图: the planner’s key stays in this browser and never reaches a project file', { timeout: 180_000 }, async () => {
    const key = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await openApp(page);
    await page.getByTestId('basemap-add').click();
    await page.getByRole('tab', { name: '天地图' }).click();
    await page.getByTestId('basemap-tianditu-key').fill('not-a-key');
    await page.getByTestId('basemap-add-confirm').click();
    await expect.poll(() => page.getByTestId('basemap-add-error').innerText()).toContain('32 位');
    await page.getByTestId('basemap-tianditu-key').fill(key);
    await page.getByTestId('basemap-add-confirm').click();
    // This test build allows only the test server, so 天地图 is refused by origin — and said so.
    const message = await page.getByTestId('basemap-add-error').innerText();
    expect(message).toContain('https://t0.tianditu.gov.cn');
    expect(message).toContain('ZMD_TILE_ORIGINS');
    await page.getByRole('button', { name: '关闭' }).click();
    // The key is kept in this browser …
    expect(await page.evaluate(() => localStorage.getItem('zmd-basemap-keys'))).toContain(key);
    // … and not in the project file.
    await page.getByRole('button', { name: '项目文件' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出项目' }).click();
    const file = readFileSync(await (await download).path(), 'utf8');
    expect(file.length).toBeGreaterThan(1000);
    expect(file).not.toContain(key);
    expect(record.requests.filter((url) => url.includes('tianditu'))).toEqual([]);
    await page.close();
  });
});

describe('offline packages', () => {
  const PACKAGE_PALETTE: [number, number, number][] = [
    [145, 30, 180],
    [70, 240, 240],
    [240, 50, 230],
    [210, 245, 60],
  ];

  /** Raster tiles over the city at zooms 6–10, each the colour of its zoom-8 tile in the package's own palette. */
  function cityPackage(): Uint8Array {
    const tiles = [];
    for (let z = 6; z <= 10; z += 1) {
      const northWest = lonLatToTile([112.8, 34.2], z);
      const southEast = lonLatToTile([115.6, 31.9], z);
      for (let x = northWest.x; x <= southEast.x; x += 1)
        for (let y = northWest.y; y <= southEast.y; y += 1) tiles.push({ z, x, y, data: new Uint8Array(solidPng(colourOfTile(PACKAGE_PALETTE, z, x, y))) });
    }
    return writePmtiles(tiles, { tileType: 2, bounds: [112.8, 31.9, 115.6, 34.2], metadata: { name: '驻马店测试影像包', attribution: '© 测试影像包' } });
  }

  it('a PMTiles package picked once draws, is named from its metadata, and is there after a reload with the network off', { timeout: 180_000 }, async () => {
    const context = await shared.browser().newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openApp(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByTestId('basemap-add').click();
    await page.getByRole('tab', { name: '离线瓦片包' }).click();
    await page.getByTestId('basemap-package').setInputFiles({ name: '驻马店影像.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(cityPackage()) });
    await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached' });
    await expect.poll(() => page.getByTestId('basemap-chooser').innerText()).toContain('驻马店测试影像包');
    await countyOverlayToggle(page).uncheck();
    await expectDrawn(page, PACKAGE_PALETTE, 'basemap-sources-package');
    expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('© 测试影像包');

    await context.setOffline(true);
    await page.close();
    const offline = await context.newPage();
    const record = recordPage(offline);
    const failed: string[] = [];
    offline.on('requestfailed', (request) => failed.push(request.url()));
    await openApp(offline);
    await expect.poll(() => offline.getByTestId('basemap-chooser').innerText()).toContain('驻马店测试影像包');
    await countyOverlayToggle(offline).uncheck();
    await expectDrawn(offline, PACKAGE_PALETTE, 'basemap-sources-package-offline');
    expect(failed).toEqual([]);
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('exports and other maps', () => {
  it('a server that does not allow cross-origin reads: the source says so, and the PNG dialog offers the export without it', { timeout: 180_000 }, async () => {
    const page = await shared.context().newPage();
    await openApp(page);
    const id = await addTiles(page, `${tileOrigin}/nocors/xyz/{z}/{x}/{y}.png`, '无跨域许可', '© 无跨域许可');
    await expect.poll(() => page.getByTestId(`basemap-failure-${id}`).innerText(), { timeout: 60_000 }).toContain('CORS');
    await page.click('[data-testid="export-button"]');
    await page.click('[data-testid="export-png"]');
    await page.waitForSelector('[data-testid="png-export-dialog"][open]');
    expect(await page.getByTestId('png-basemap-warning').innerText()).toContain('无跨域许可');
    await page.getByTestId('png-without-failing').click();
    await expect.poll(() => page.getByTestId('png-basemap-warning').count()).toBe(0);
    await page.click('[data-testid="png-close"]');
    expect(await basemapIds(page)).toEqual(['bundled-counties']);
    await removeSource(page, id);
    await page.close();
  });

  it('the PNG sheet contains the tiles in the right place; the compare maps draw the source too', { timeout: 300_000 }, async () => {
    const page = await shared.context().newPage();
    await openApp(page);
    const id = await addTiles(page, `${tileOrigin}/xyz/{z}/{x}/{y}.png`, '测试格网', '© 测试瓦片服务 PNG');
    await countyOverlayToggle(page).uncheck();
    await waitForMap(page);
    await page.click('[data-testid="export-button"]');
    await page.click('[data-testid="export-png"]');
    await page.waitForSelector('[data-testid="png-export-dialog"][open]');
    await page.check('[data-testid="png-size-screen-1x"]');
    const download = page.waitForEvent('download', { timeout: 240_000 });
    await page.$eval('[data-testid="png-export"]', (button) => (button as HTMLButtonElement).click());
    const path = await (await download).path();
    const status = page.locator('[data-testid="png-status"][data-state="done"]');
    await status.waitFor({ timeout: 60_000 });
    const frame = (JSON.parse((await status.getAttribute('data-layout'))!) as { frame: Rect }).frame;
    const bounds = (await status.getAttribute('data-bounds'))!.split(',').map(Number) as unknown as LngLatBounds;
    await page.click('[data-testid="png-close"]');
    const png = PNG.sync.read(readFileSync(path));
    let inFrame = 0;
    let matching = 0;
    for (const sample of SAMPLES) {
      const { x, y } = projectToFrame(bounds, frame, sample);
      if (x < frame.x + 40 || y < frame.y + 40 || x > frame.x + frame.width - 40 || y > frame.y + frame.height - 40) continue;
      inFrame += 1;
      const index = (png.width * Math.round(y) + Math.round(x)) * 4;
      if (colorDistance([png.data[index]!, png.data[index + 1]!, png.data[index + 2]!], colourAt(SERVER_PALETTE, sample)) < 30) matching += 1;
    }
    expect(inFrame).toBeGreaterThan(20);
    expect(matching / inFrame).toBeGreaterThan(0.85);
    // The compare maps draw the same basemap.
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByTestId('open-compare-swipe').click();
    await page.waitForSelector('[data-testid="compare-map-a"][data-map-loaded="true"]', { timeout: 90_000 });
    await expect.poll(() => page.getByTestId('compare-map-a').getAttribute('data-basemaps')).toContain(id);
    await page.keyboard.press('Escape');
    await removeSource(page, id);
    await page.close();
  });
});
