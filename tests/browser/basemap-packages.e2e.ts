// Offline tile packages in the built app: MBTiles made by GDAL (raster and
// vector, tools/fixtures/make-basemap-fixtures.sh) read by SQLite's
// WebAssembly build in a worker from OPFS, and a vector PMTiles package this
// test writes from GDAL's own vector tiles. Each is checked by pixels: the
// raster package is red west of 114°E and blue east of it, the vector package
// fills a known rectangle; and the MBTiles package is there after a reload with
// the network off, and gone from storage once removed.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tmsRow } from '../../src/io/basemap/mbtiles';
import { TILE_PACKAGE_CASES } from '../badInput/cases';
import { BASEMAP_FIXTURES, readMbtiles } from '../support/mbtilesFixtures';
import { writePmtiles } from '../support/pmtilesWriter';
import { colorDistance, launchChromium, project, recordPage, screenshot, waitForMap, type Screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const baseUrl = () => String(inject('baseUrl'));
/** Each test its own context: its own OPFS and IndexedDB, so no package is left from another test. */
const newContext = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 1366, height: 768 } });

async function openApp(page: Page) {
  await page.goto(baseUrl());
  // The first load after a build can take longer than waitForMap allows on a loaded machine.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 90_000 });
  await waitForMap(page);
  for (const checkbox of await page.getByRole('checkbox', { name: /显示或隐藏图层/ }).all()) await checkbox.uncheck();
}

const basemapIds = async (page: Page) => ((await page.getByTestId('map').getAttribute('data-basemaps')) ?? '').split(' ');
const countyOverlayToggle = (page: Page) => page.getByRole('checkbox', { name: '县界与县名置于瓦片底图之上' });

type PackageFile = string | { name: string; mimeType: string; buffer: Buffer };

/** Drops a file on the dialog's package area, as a planner drags it from the file manager. */
async function dropPackage(page: Page, path: string) {
  const bytes = [...readFileSync(path)];
  const name = path.split('/').pop()!;
  await page.getByTestId('basemap-package-drop').evaluate(
    (element, [fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(content as number[])], fileName as string, { type: 'application/octet-stream' }));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    [name, bytes] as const,
  );
}

/** Picks (or drops) a package in the dialog's 离线瓦片包 tab; returns its record id. */
async function addPackage(page: Page, file: PackageFile, title: string, how: 'pick' | 'drop' = 'pick'): Promise<string> {
  const before = await basemapIds(page);
  await page.getByTestId('basemap-add').click();
  await page.getByRole('tab', { name: '离线瓦片包' }).click();
  if (how === 'drop' && typeof file === 'string') await dropPackage(page, file);
  else await page.getByTestId('basemap-package').setInputFiles(file);
  await page.waitForSelector('[data-testid="basemap-add-dialog"]', { state: 'detached', timeout: 60_000 });
  await expect.poll(() => page.getByTestId('basemap-chooser').innerText()).toContain(title);
  await countyOverlayToggle(page).uncheck();
  return (await basemapIds(page)).find((id) => !before.includes(id) && id !== 'county-overlay')!;
}

/** Places on a grid inside a box, on screen and clear of the map's controls. */
async function visibleSamples(page: Page, [west, south, east, north]: [number, number, number, number], step: number) {
  const map = (await page.getByTestId('map').boundingBox())!;
  const covered = (
    await Promise.all(['.edit-toolbar', '.maplibregl-ctrl-top-right', '.maplibregl-ctrl-bottom-right', '.maplibregl-ctrl-bottom-left', '.schematic-banner'].map((selector) => page.locator(selector).first().boundingBox()))
  ).filter((box) => box !== null);
  const points: { x: number; y: number }[] = [];
  for (let lng = west; lng <= east + 1e-9; lng += step)
    for (let lat = south; lat <= north + 1e-9; lat += step) {
      const { x, y } = await project(page, [lng, lat]);
      if (x < map.x + 4 || y < map.y + 4 || x > map.x + map.width - 4 || y > map.y + map.height - 4) continue;
      if (covered.some((box) => x >= box.x - 2 && x <= box.x + box.width + 2 && y >= box.y - 2 && y <= box.y + box.height + 2)) continue;
      points.push({ x, y });
    }
  return points;
}

/** Share of the places in a box whose pixel has the colour. */
async function shareOfColour(page: Page, shot: Screenshot, box: [number, number, number, number], colour: [number, number, number], step = 0.1) {
  const points = await visibleSamples(page, box, step);
  expect(points.length).toBeGreaterThan(8);
  return points.filter(({ x, y }) => colorDistance(shot.pixel(x, y), colour) < 30).length / points.length;
}

// The raster package: red (200,40,40) west of 114°E, blue (30,60,200) east of it, 113–115°E × 32–34°N.
const RED: [number, number, number] = [200, 40, 40];
const BLUE: [number, number, number] = [30, 60, 200];
const WEST_HALF: [number, number, number, number] = [113.15, 32.45, 113.85, 33.75];
const EAST_HALF: [number, number, number, number] = [114.15, 32.45, 114.85, 33.75];

async function expectHalvesDrawn(page: Page, name: string) {
  await waitForMap(page);
  const shot = await screenshot(page, name);
  expect(await shareOfColour(page, shot, WEST_HALF, RED)).toBeGreaterThan(0.9);
  expect(await shareOfColour(page, shot, EAST_HALF, BLUE)).toBeGreaterThan(0.9);
}

// The vector package, in the OpenMapTiles schema: a `water` polygon over 113.6–114.4°E × 32.8–33.3°N and a
// `place` point 驻马店市. The ready style paints water #a9c9e8 over its land background #f2efe9.
const WATER: [number, number, number] = [169, 201, 232];
const LAND: [number, number, number] = [242, 239, 233];
const INSIDE: [number, number, number, number] = [113.65, 32.85, 114.35, 33.25];
const OUTSIDE_EAST: [number, number, number, number] = [114.6, 32.5, 114.9, 33.6];

async function expectWaterDrawn(page: Page, name: string) {
  await waitForMap(page);
  const shot = await screenshot(page, name);
  // The label 驻马店市 covers a few of the places inside.
  expect(await shareOfColour(page, shot, INSIDE, WATER, 0.05)).toBeGreaterThan(0.85);
  expect(await shareOfColour(page, shot, OUTSIDE_EAST, LAND)).toBeGreaterThan(0.85);
}

/** The package names the SQLite pool holds, read from its files in OPFS (the pool writes each file's name in its first 512 bytes). Run on a page of the origin where the app is not running (the pool's worker holds the files exclusively). */
async function poolFileNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names: string[] = [];
    const walk = async (directory: FileSystemDirectoryHandle) => {
      for await (const handle of (directory as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle);
        else {
          const head = new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).slice(0, 512).arrayBuffer());
          const end = head.indexOf(0);
          if (end > 0) names.push(new TextDecoder().decode(head.subarray(0, end)));
        }
      }
    };
    const root = await navigator.storage.getDirectory();
    try {
      await walk(await root.getDirectoryHandle('.zmd-mbtiles-packages'));
    } catch (error) {
      if ((error as DOMException).name !== 'NotFoundError') throw error;
    }
    return names;
  });
}

/** How many package records the app keeps in IndexedDB (0 when it never opened its database: opening it here must not create it). */
const packageRecords = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('zhumadian-basemap-packages');
        let absent = false;
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction!.abort();
        };
        open.onerror = () => (absent ? resolve(0) : reject(open.error));
        open.onsuccess = () => {
          const count = open.result.transaction('packages').objectStore('packages').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );

describe('MBTiles packages', () => {
  it('a raster MBTiles made by GDAL draws its two halves in place, is named and credited from its metadata, is there after a reload with the network off, and leaves storage when removed', { timeout: 480_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const record = recordPage(page);
    await openApp(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const id = await addPackage(page, `${BASEMAP_FIXTURES}/zhumadian-halves.mbtiles`, '驻马店双色测试影像');
    await expect.poll(() => page.getByTestId(`basemap-row-${id}`).innerText()).toContain('7–9');
    await expectHalvesDrawn(page, 'basemap-packages-mbtiles-raster');
    expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('© 双色测试影像（GDAL 生成）');
    expect(record.consoleErrors).toEqual([]);

    // The network goes; a fresh page of the app (served by its service worker) draws the package from OPFS.
    await context.setOffline(true);
    await page.close();
    const offline = await context.newPage();
    const offlineRecord = recordPage(offline);
    const failed: string[] = [];
    offline.on('requestfailed', (request) => failed.push(request.url()));
    await openApp(offline);
    await expect.poll(() => offline.getByTestId('basemap-chooser').innerText()).toContain('驻马店双色测试影像');
    await countyOverlayToggle(offline).uncheck();
    await expectHalvesDrawn(offline, 'basemap-packages-mbtiles-raster-offline');
    expect(failed).toEqual([]);
    expect(offlineRecord.consoleErrors).toEqual([]);

    // The file is in the SQLite pool in OPFS (read from a page of the origin where the app is not running) …
    await context.setOffline(false);
    await offline.goto(`${baseUrl()}manifest.webmanifest`);
    expect(await poolFileNames(offline)).toEqual([`/${id}.mbtiles`]);
    expect(await packageRecords(offline)).toBe(1);
    // … and removing the source removes it, and its record.
    await openApp(offline);
    await offline.getByTestId(`basemap-row-${id}`).getByRole('button', { name: '删除' }).click();
    await expect.poll(() => basemapIds(offline)).not.toContain(id);
    await expect.poll(() => packageRecords(offline)).toBe(0);
    await offline.close();
    const after = await context.newPage();
    await after.goto(`${baseUrl()}manifest.webmanifest`);
    await expect.poll(() => poolFileNames(after)).toEqual([]);
    await context.close();
  });

  it('a vector MBTiles made by GDAL (gzipped MVT, OpenMapTiles layers), dropped on the dialog, draws with the ready style and local labels, requesting nothing off the origin', { timeout: 180_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const record = recordPage(page);
    await openApp(page);
    // Dropped on the dialog rather than picked.
    const id = await addPackage(page, `${BASEMAP_FIXTURES}/zhumadian-places.mbtiles`, '驻马店矢量测试', 'drop');
    const layers = await page.evaluate(() => window.__zmdMap!.getLayersOrder());
    expect(layers).toContain(`basemap:${id}:water`);
    await expectWaterDrawn(page, 'basemap-packages-mbtiles-vector');
    // The labels come from the package's tiles and are drawn with the local font (the style has no glyph server).
    const labels = await page.evaluate((sourceId) => window.__zmdMap!.querySourceFeatures(`basemap:${sourceId}:tiles`, { sourceLayer: 'place' }).map((feature) => feature.properties.name as string), id);
    expect(labels).toContain('驻马店市');
    expect(await page.evaluate(() => window.__zmdMap!.getStyle().glyphs)).toBeUndefined();
    expect(record.requests.filter((url) => !url.startsWith(baseUrl()) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });

  it('the same tiles in the map/images layout (tiles is a view) draw too', { timeout: 180_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openApp(page);
    await addPackage(page, `${BASEMAP_FIXTURES}/zhumadian-halves-mapimages.mbtiles`, '驻马店双色测试影像（map/images）');
    await expectHalvesDrawn(page, 'basemap-packages-mbtiles-mapimages');
    await context.close();
  });

  it('bad packages are refused with a message saying what was found and what is needed; nothing is added and the map keeps working', { timeout: 300_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const record = recordPage(page);
    await openApp(page);
    const before = await basemapIds(page);
    for (const testCase of TILE_PACKAGE_CASES) {
      await page.getByTestId('basemap-add').click();
      await page.getByRole('tab', { name: '离线瓦片包' }).click();
      await page.getByTestId('basemap-package').setInputFiles({ name: testCase.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(testCase.bytes()) });
      await expect.poll(() => page.getByTestId('basemap-add-error').innerText().catch(() => ''), { timeout: 30_000 }).toContain(testCase.zh[0]!);
      const message = await page.getByTestId('basemap-add-error').innerText();
      for (const fragment of testCase.zh) expect(message, testCase.name).toContain(fragment);
      await page.getByRole('button', { name: '关闭' }).click();
      expect(await basemapIds(page)).toEqual(before);
    }
    expect(await packageRecords(page)).toBe(0);
    // A good package is still accepted after them all.
    await addPackage(page, `${BASEMAP_FIXTURES}/zhumadian-halves.mbtiles`, '驻马店双色测试影像');
    await expectHalvesDrawn(page, 'basemap-packages-after-bad-input');
    expect(record.consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
    await context.close();
  });
});

describe('vector PMTiles', () => {
  it('a vector PMTiles package (GDAL’s vector tiles, gzipped, written into PMTiles by the test) draws with the ready style', { timeout: 180_000 }, async () => {
    const gdal = await readMbtiles('zhumadian-places.mbtiles');
    const json = JSON.parse(gdal.metadata.find(([name]) => name === 'json')![1]) as { vector_layers: unknown[] };
    const pmtiles = writePmtiles(
      gdal.tiles.map((tile) => ({ z: tile.z, x: tile.column, y: tmsRow(tile.z, tile.row), data: tile.data })),
      { tileType: 1, tileCompression: 2, bounds: [113.6, 32.8, 114.4, 33.3], metadata: { name: '驻马店矢量测试（PMTiles）', attribution: '© 矢量测试 PMTiles', vector_layers: json.vector_layers } },
    );
    const context = await newContext();
    const page = await context.newPage();
    const record = recordPage(page);
    await openApp(page);
    const id = await addPackage(page, { name: '驻马店矢量.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(pmtiles) }, '驻马店矢量测试（PMTiles）');
    expect(await page.evaluate(() => window.__zmdMap!.getLayersOrder())).toContain(`basemap:${id}:water`);
    await expectWaterDrawn(page, 'basemap-packages-pmtiles-vector');
    expect(await page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText()).toContain('© 矢量测试 PMTiles');
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });
});
