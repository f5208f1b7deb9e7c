// 地图图片（PNG）in the built app: real exports through the export menu and the
// dialog, real downloaded files read back with pngjs. Sizes and file names,
// known pixels (a located town where Web Mercator puts it, the legend and the
// scale bar drawn), a hostile title drawn as text only, and a golden image.
//
// The golden (tests/fixtures/png/screen-1x.png) is rewritten by `npm run golden`
// (ZMD_UPDATE_GOLDEN=1); review it with an image viewer before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import { pngDpi } from '../../src/io/pngDpi';
import { projectToFrame, type LngLatBounds, type Rect } from '../../src/io/printLayout';
import { ARTIFACTS_DIR, colorDistance, launchChromium, recordPage, waitForMap, type PageRecord } from './harness';

const GOLDEN_DIR = 'tests/fixtures/png';
const GOLDEN = `${GOLDEN_DIR}/screen-1x.png`;
const UPDATE_GOLDEN = process.env.ZMD_UPDATE_GOLDEN === '1';
/** Compared at half size (box filter), so antialiasing noise averages out. */
const GOLDEN_DOWNSCALE = 2;
/** A pixel differs when a channel differs by more than this (of 255). */
const GOLDEN_PIXEL_TOLERANCE = 40;
/** The golden fails when more than this share of pixels differ. */
const GOLDEN_MAX_DIFFERING_SHARE = 0.003;
/** The app's clock for every export: the date is printed on the sheet and in the file name. */
const FIXED_TIME = '2026-11-22T10:00:00';
const GREEN: [number, number, number] = [0, 158, 115];

const towns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;
const townAt = (id: string) => {
  const town = towns.features.find((feature) => feature.properties.id === id);
  if (town?.geometry?.type !== 'Point') throw new Error(`${id} is not a located town`);
  return town.geometry.coordinates as [number, number];
};

interface SheetBoxes {
  frame: Rect;
  legend: Rect;
  scaleBar: Rect;
  northArrow: Rect;
  title: Rect;
  note: Rect | null;
}

interface Exported {
  png: PNG;
  bytes: Buffer;
  fileName: string;
  boxes: SheetBoxes;
  bounds: LngLatBounds;
}

let browser: Browser;
let page: Page;
let record: PageRecord;
const dialogsSeen: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  record = recordPage(page);
  page.on('dialog', (dialog) => {
    dialogsSeen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.clock.setFixedTime(new Date(FIXED_TIME));
  await page.goto(inject('baseUrl'));
  await waitForMap(page);
});

afterAll(async () => {
  await browser?.close();
});

async function exportPng(size: string, title: string | null, artifact: string): Promise<Exported> {
  await page.click('[data-testid="export-button"]');
  await page.click('[data-testid="export-png"]');
  await page.waitForSelector('[data-testid="png-export-dialog"][open]');
  if (title !== null) await page.fill('[data-testid="png-title"]', title);
  await page.check(`[data-testid="png-size-${size}"]`);
  const download = page.waitForEvent('download', { timeout: 570_000 });
  // Clicked from inside the page: a print-size render keeps the main thread busy
  // for a long while, and playwright's click would wait for it as for a navigation.
  await page.$eval('[data-testid="png-export"]', (button) => (button as HTMLButtonElement).click());
  const failed = page
    .waitForSelector('[data-testid="png-status"][data-state="error"]', { timeout: 570_000 })
    .then(async (element) => Promise.reject(new Error(`export failed: ${await element.textContent()}`)));
  failed.catch(() => {});
  const file = await Promise.race([download, failed]);
  const path = await file.path();
  const status = page.locator('[data-testid="png-status"][data-state="done"]');
  await status.waitFor({ timeout: 60_000 });
  const boxes = JSON.parse((await status.getAttribute('data-layout'))!) as SheetBoxes;
  const bounds = (await status.getAttribute('data-bounds'))!.split(',').map(Number) as unknown as LngLatBounds;
  const fileNameShown = await status.getAttribute('data-file-name');
  await page.click('[data-testid="png-close"]');
  await page.waitForSelector('[data-testid="png-export-dialog"]', { state: 'detached' });
  await waitForMap(page);
  const bytes = readFileSync(path);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(`${ARTIFACTS_DIR}/${artifact}.png`, bytes);
  expect(file.suggestedFilename()).toBe(fileNameShown);
  return { png: PNG.sync.read(bytes), bytes, fileName: file.suggestedFilename(), boxes, bounds };
}

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const index = (png.width * Math.round(y) + Math.round(x)) * 4;
  return [png.data[index]!, png.data[index + 1]!, png.data[index + 2]!];
}

/** Share of pixels in `rect` darker than paper (any channel below 200). */
function inkShare(png: PNG, rect: Rect): number {
  let ink = 0;
  let total = 0;
  for (let y = rect.y; y < rect.y + rect.height; y += 1)
    for (let x = rect.x; x < rect.x + rect.width; x += 1) {
      total += 1;
      if (Math.min(...pixel(png, x, y)) < 200) ink += 1;
    }
  return ink / total;
}

function downscale(png: PNG, factor: number): PNG {
  const width = Math.floor(png.width / factor);
  const height = Math.floor(png.height / factor);
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1)
      for (let channel = 0; channel < 4; channel += 1) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy += 1)
          for (let dx = 0; dx < factor; dx += 1) sum += png.data[((y * factor + dy) * png.width + x * factor + dx) * 4 + channel]!;
        out.data[(y * width + x) * 4 + channel] = Math.round(sum / (factor * factor));
      }
  return out;
}

/** Share of pixels (after downscaling) that differ by more than the tolerance; 1 when the sizes differ. */
function differingShare(actual: PNG, golden: PNG): number {
  if (actual.width !== golden.width || actual.height !== golden.height) return 1;
  const a = downscale(actual, GOLDEN_DOWNSCALE);
  const b = downscale(golden, GOLDEN_DOWNSCALE);
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta = Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
    if (delta > GOLDEN_PIXEL_TOLERANCE) differing += 1;
  }
  return differing / (a.width * a.height);
}

/** The town's dot is drawn solid green where Web Mercator puts it in the exported frame. */
function expectTownDrawn(exported: Exported, townId: string) {
  const { x, y } = projectToFrame(exported.bounds, exported.boxes.frame, townAt(townId));
  const frame = exported.boxes.frame;
  expect(x).toBeGreaterThan(frame.x);
  expect(x).toBeLessThan(frame.x + frame.width);
  expect(y).toBeGreaterThan(frame.y);
  expect(y).toBeLessThan(frame.y + frame.height);
  expect(colorDistance(pixel(exported.png, x, y), GREEN), `${townId} at ${Math.round(x)},${Math.round(y)}`).toBeLessThan(40);
}

describe('PNG export', () => {
  it('screen 1×: matches the golden image; with the towns layer hidden it does not', async () => {
    const exported = await exportPng('screen-1x', null, 'png-export-screen-1x');
    expect(exported.fileName).toBe('驻马店-方案A：服务业规划的五大商圈-屏幕1x-2026-11-22.png');
    expect(pngDpi(exported.bytes)).toBe(96);
    expectTownDrawn(exported, 'town-yangce');
    if (UPDATE_GOLDEN) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(GOLDEN, exported.bytes);
    }
    expect(existsSync(GOLDEN), `${GOLDEN} missing: run npm run golden`).toBe(true);
    const golden = PNG.sync.read(readFileSync(GOLDEN));
    const share = differingShare(exported.png, golden);
    console.info(`golden: ${(share * 100).toFixed(3)} % of pixels differ (limit ${GOLDEN_MAX_DIFFERING_SHARE * 100} %)`);
    expect(share).toBeLessThanOrEqual(GOLDEN_MAX_DIFFERING_SHARE);

    // The comparison is not blind: the same export without one layer fails it.
    await page.locator('[data-layer="towns"] .layer-toggle input').uncheck();
    await waitForMap(page);
    const withoutTowns = await exportPng('screen-1x', null, 'png-export-screen-1x-no-towns');
    const hiddenShare = differingShare(withoutTowns.png, golden);
    console.info(`towns hidden: ${(hiddenShare * 100).toFixed(3)} % of pixels differ`);
    expect(hiddenShare).toBeGreaterThan(GOLDEN_MAX_DIFFERING_SHARE);
    expect(colorDistance(pixel(withoutTowns.png, ...Object.values(projectToFrame(withoutTowns.bounds, withoutTowns.boxes.frame, townAt('town-yangce'))) as [number, number]), GREEN)).toBeGreaterThan(60);
    await page.locator('[data-layer="towns"] .layer-toggle input').check();
    await waitForMap(page);
  }, 600_000);

  it('screen 2×: twice the on-screen map; a hostile title is drawn as text, never run as HTML', async () => {
    const mapBox = (await page.locator('[data-testid="map"]').boundingBox())!;
    const hostile = '<img src=x onerror=alert(1)>';
    const exported = await exportPng('screen-2x', hostile, 'png-export-screen-2x');
    const frame = exported.boxes.frame;
    expect([frame.width, frame.height]).toEqual([Math.round(mapBox.width) * 2, Math.round(mapBox.height) * 2]);
    expect(pngDpi(exported.bytes)).toBe(192);
    expectTownDrawn(exported, 'town-yangce');
    expectTownDrawn(exported, 'town-quanzhai');
    // The title's text is on the sheet (ink in the title band's upper half) …
    const title = exported.boxes.title;
    expect(inkShare(exported.png, { x: title.x, y: title.y, width: Math.round(title.width / 2), height: Math.round(title.height * 0.55) })).toBeGreaterThan(0.03);
    // … and nothing ran or was created from it.
    expect(dialogsSeen).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(record.consoleErrors.filter((line) => !line.includes('GL Driver'))).toEqual([]);
  }, 600_000);

  it('A3 300 dpi: exactly 4961 × 3508 px at 300 dpi, a readable Chinese file name, map, legend and scale bar drawn', async () => {
    const exported = await exportPng('A3-300dpi', '驻马店市“十四五”空间布局规划图', 'png-export-a3-300dpi');
    expect([exported.png.width, exported.png.height]).toEqual([4961, 3508]);
    expect(pngDpi(exported.bytes)).toBe(300);
    expect(exported.fileName).toBe('驻马店-方案A：服务业规划的五大商圈-A3-300dpi-2026-11-22.png');
    expectTownDrawn(exported, 'town-yangce');
    expectTownDrawn(exported, 'town-quanzhai');
    // Legend: swatches and labels; scale bar: the black and white bar and its labels.
    expect(inkShare(exported.png, exported.boxes.legend)).toBeGreaterThan(0.02);
    expect(inkShare(exported.png, exported.boxes.scaleBar)).toBeGreaterThan(0.02);
    expect(inkShare(exported.png, exported.boxes.northArrow)).toBeGreaterThan(0.02);
    expect(exported.boxes.note).not.toBeNull();
    // Outside the boxes the side panel is paper.
    const side = exported.boxes.legend;
    expect(pixel(exported.png, side.x + side.width - 3, side.y + side.height - 3)).toEqual([255, 255, 255]);
    // After the export the live map is back at its size and pixel ratio.
    const canvas = await page.evaluate(() => {
      const map = window.__zmdMap!;
      return { width: map.getCanvas().width, cssWidth: map.getContainer().clientWidth, ratio: map.getPixelRatio() };
    });
    expect(canvas.width).toBe(Math.round(canvas.cssWidth * canvas.ratio));
    expect(canvas.ratio).toBe(1);
  }, 900_000);
});
