// Shared pieces of the browser tests: Debian's Chromium through playwright-core
// (never a downloaded browser), the app's readiness, and reading pixels from
// real screenshots.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { LAYER_IDS, type PlanLayerCollection } from '../../src/domain/plan';
import { parseContext, parseCounties, parsePlanLayer } from '../../src/io/planData';
import { type PlanDataset, type TownshipRow } from '../../src/domain/dataset';
import { PNG } from 'pngjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = 'tests/artifacts';

/** Software WebGL (SwiftShader) and no background traffic: the same on every machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Everything a page did that a test may want to assert on. */
export interface PageRecord {
  consoleErrors: string[];
  requests: string[];
}

export function recordPage(page: Page): PageRecord {
  const record: PageRecord = { consoleErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => record.requests.push(request.url()));
  return record;
}

/** Requests that left the machine: anything not on 127.0.0.1 and not an inline data/blob URL. */
export function offOriginRequests(record: PageRecord): string[] {
  return record.requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).hostname !== '127.0.0.1';
  });
}

/** Waits until the basemap has loaded, deck.gl has drawn and MapLibre is idle. */
export async function waitForMap(page: Page) {
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 30_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__zmdMap!;
        map.triggerRepaint();
        map.once('idle', () => resolve());
      }),
  );
  // deck.gl and the label atlas draw on the next frames.
  await page.waitForTimeout(400);
  // A page opened just after another page of the context closed starts read-only until the browser frees
  // the closed page's editor lock, then becomes the editor by itself: give it a moment. A page meant to be
  // read-only (another tab edits) stays so, and the wait just ends.
  await page.waitForFunction(() => !document.querySelector('[data-testid="tab-notice"]'), undefined, { timeout: 5_000 }).catch(() => undefined);
}

/**
 * Waits until this tab is the project's editor: a page opened right after another page of the
 * same context closed may start read-only for a moment, until the browser frees the closed page's lock.
 */
export async function waitForEditor(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="tab-notice"]'), undefined, { timeout: 30_000 });
}

export async function project(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(([lng, lat]) => window.__zmdMap!.project([lng, lat]), lngLat);
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

export interface Screenshot {
  png: PNG;
  pixel(x: number, y: number): [number, number, number];
}

export async function screenshot(page: Page, name: string): Promise<Screenshot> {
  const buffer = await page.screenshot();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(`${ARTIFACTS_DIR}/${name}.png`, buffer);
  const png = PNG.sync.read(buffer);
  return {
    png,
    pixel(x, y) {
      const index = (png.width * Math.round(y) + Math.round(x)) * 4;
      return [png.data[index]!, png.data[index + 1]!, png.data[index + 2]!];
    },
  };
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function colorDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/**
 * Share of sampled screen points whose colour is `expected`. Points under the
 * map's own controls (the editing toolbar, zoom buttons) are not map pixels and are left out.
 */
export async function shareOfColour(page: Page, shot: Screenshot, samples: [number, number][], expected: string) {
  const target = hexToRgb(expected);
  const overlays = (
    await Promise.all(
      ['.edit-toolbar', '.maplibregl-ctrl-top-right', '.maplibregl-ctrl-bottom-right', '.schematic-banner'].map((selector) =>
        page.locator(selector).first().boundingBox(),
      ),
    )
  ).filter((box) => box !== null);
  const mapBox = await page.getByTestId('map').boundingBox();
  // Overlays cast a shadow a few pixels wide; the map's own edge is antialiased.
  const SHADOW = 6;
  const inside = (box: { x: number; y: number; width: number; height: number }, x: number, y: number, margin: number) =>
    x >= box.x - margin && x <= box.x + box.width + margin && y >= box.y - margin && y <= box.y + box.height + margin;
  let matching = 0;
  let counted = 0;
  for (const sample of samples) {
    const { x, y } = await project(page, sample);
    // Only what the map itself shows: not the header or panels beside it, not a toolbar above it.
    if (mapBox && !inside(mapBox, x, y, -2)) continue;
    if (overlays.some((box) => inside(box, x, y, SHADOW))) continue;
    counted += 1;
    if (colorDistance(shot.pixel(x, y), target) < 12) matching += 1;
  }
  expect(counted).toBeGreaterThan(5);
  return matching / counted;
}

/** A grid of lon/lat points inside a polygon feature. */
export function gridInside(feature: Feature<Polygon | MultiPolygon>, step = 0.03): [number, number][] {
  const [lng, lat] = pointOnFeature(feature).geometry.coordinates as [number, number];
  const samples: [number, number][] = [];
  for (let dx = -5; dx <= 5; dx += 1)
    for (let dy = -5; dy <= 5; dy += 1) {
      const candidate: [number, number] = [lng + dx * step, lat + dy * step];
      if (booleanPointInPolygon(candidate, feature)) samples.push(candidate);
    }
  return samples;
}

/**
 * One browser and one context for a test file: IndexedDB persists across
 * reloads within it, as in a real browser profile. Call at the top level.
 */
export function sharedBrowserContext(): { browser: () => Browser; context: () => BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  });
  // A test that fails before closing its page would leave it holding the project's editor lock, and
  // every later page of the context would open read-only: each test's pages are closed after it.
  afterEach(async () => {
    for (const page of context?.pages() ?? []) await page.close();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return { browser: () => browser!, context: () => context! };
}

/**
 * Drops a file on the map area (or the element with `testId`), as a planner
 * drags it from the desktop: text is handed over as text, bytes as bytes.
 */
export async function dropFile(page: Page, name: string, content: string | Uint8Array, options: { type?: string; testId?: string } = {}) {
  const body = typeof content === 'string' ? { text: content, bytes: null } : { text: null, bytes: [...content] };
  await page.getByTestId(options.testId ?? 'map-area').evaluate(
    (element, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text ?? new Uint8Array(file.bytes!)], file.name, file.type ? { type: file.type } : {}));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, type: options.type ?? '', ...body },
  );
}

/**
 * Pages a test file opens, closed after each test even when it failed (an
 * open tab would hold the editing lock for the next test): call once per
 * file, then pass each new page through the returned function.
 */
export function closePagesAfterEach(): (page: Page) => Page {
  const open: Page[] = [];
  afterEach(async () => {
    for (const page of open.splice(0)) if (!page.isClosed()) await page.close();
  });
  return (page) => {
    open.push(page);
    return page;
  };
}

/** Resolves once the top bar says 已保存: the app's acknowledgement that the edit is on disk. */
export const waitSaved = (page: Page) => page.waitForSelector('[data-testid="save-status"][data-state="saved"]');

/** How many plan features a map (by test id) draws. */
export const drawnCount = async (page: Page, testId = 'map') => Number(await page.getByTestId(testId).getAttribute('data-drawn-features'));

/** The shipped plan data and townships, read as the app reads them: for running the engine in Node beside the browser. */
export function shippedDataset(): { dataset: PlanDataset; townships: TownshipRow[] } {
  const dataset: PlanDataset = {
    layers: Object.fromEntries(
      LAYER_IDS.map((layer) => [layer, parsePlanLayer(readFileSync(`data/layers/${layer}.geojson`, 'utf8'), layer)]),
    ) as Record<(typeof LAYER_IDS)[number], PlanLayerCollection>,
    counties: parseCounties(readFileSync('data/base/counties.geojson', 'utf8')),
    context: parseContext(readFileSync('data/base/context.geojson', 'utf8')),
  };
  const townships = Papa.parse<TownshipRow>(readFileSync('data/base/townships.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
  return { dataset, townships };
}

/** A real download: clicks, waits for the browser's download, reads the saved file. */
export async function downloadFile(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await file.path();
  expect(path).toBeTruthy();
  return { name: file.suggestedFilename(), bytes: readFileSync(path!) };
}

/** What a page fetched and when, from navigation to its first drawn map (page clock: ms since navigation). */
export interface StartupFigures {
  /** Navigation → the main map's basemap drawn (MapView's 'zmd:first-map' mark). */
  navigationToBasemapMs: number;
  /** JavaScript files whose download finished before the basemap was drawn, with their sizes as sent and as read. */
  scripts: { file: string; transferBytes: number; encodedBytes: number; decodedBytes: number }[];
  /** Those files together. */
  encodedBytes: number;
  decodedBytes: number;
}

/** Reads the start-up figures of a page that has drawn its map (PerformanceResourceTiming and the first-map mark). */
export async function startupFigures(page: Page): Promise<StartupFigures> {
  await page.waitForFunction(() => performance.getEntriesByName('zmd:first-map', 'mark').length > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const firstMap = performance.getEntriesByName('zmd:first-map', 'mark')[0]!.startTime;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => /\.m?js($|\?)/.test(new URL(entry.name).pathname) && entry.responseEnd <= firstMap)
      .map((entry) => ({
        file: new URL(entry.name).pathname.split('/').pop()!,
        transferBytes: entry.transferSize,
        encodedBytes: entry.encodedBodySize,
        decodedBytes: entry.decodedBodySize,
      }));
    return {
      navigationToBasemapMs: firstMap,
      scripts,
      encodedBytes: scripts.reduce((sum, script) => sum + script.encodedBytes, 0),
      decodedBytes: scripts.reduce((sum, script) => sum + script.decodedBytes, 0),
    };
  });
}

/** A main-thread task of the page over 50 ms, from a Chromium trace. */
export interface TracedTask {
  durationMs: number;
  /**
   * Time the task spent waiting for the GPU process: here software WebGL (SwiftShader) draws there,
   * and the compositor's commit reads the frame back, so drawing 100,000 symbols shows up as a
   * main-thread task of seconds. On a machine with a graphics card this part is a few milliseconds.
   */
  gpuWaitMs: number;
  /** The rest: the page's own work (script, style, layout, paint, serialising). */
  ownMs: number;
}

export interface TracedTasks {
  tasks: TracedTask[];
  longestMs: number;
  /** The most own work in one task: the freeze the app itself causes, whatever the GPU. */
  longestOwnMs: number;
  gpuWaitMs: number;
}

/** Runs `work` while Chromium traces the page, and returns the page's main-thread tasks over 50 ms in that time. */
export async function traceMainThreadTasks<T>(browser: Browser, page: Page, work: () => Promise<T>): Promise<{ value: T; traced: TracedTasks }> {
  await browser.startTracing(page, { categories: ['toplevel', 'gpu', 'devtools.timeline'] });
  let value: T;
  let buffer: Buffer;
  try {
    value = await work();
  } finally {
    buffer = await browser.stopTracing();
  }
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string } };
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  const onMain = events.filter((event) => event.ph === 'X' && event.dur !== undefined && mainThreads.has(`${event.pid}:${event.tid}`));
  const waits = onMain.filter((event) => event.name.startsWith('CommandBufferProxyImpl::Wait'));
  const tasks = onMain
    .filter((event) => event.name === 'ThreadControllerImpl::RunTask' && event.dur! > 50_000)
    .map((task): TracedTask => {
      const end = task.ts + task.dur!;
      const gpuWait = waits.filter((wait) => wait.pid === task.pid && wait.tid === task.tid && wait.ts >= task.ts && wait.ts + wait.dur! <= end).reduce((sum, wait) => sum + wait.dur!, 0);
      return { durationMs: task.dur! / 1000, gpuWaitMs: gpuWait / 1000, ownMs: (task.dur! - gpuWait) / 1000 };
    });
  return {
    value: value!,
    traced: {
      tasks,
      longestMs: Math.max(0, ...tasks.map((task) => task.durationMs)),
      longestOwnMs: Math.max(0, ...tasks.map((task) => task.ownMs)),
      gpuWaitMs: tasks.reduce((sum, task) => sum + task.gpuWaitMs, 0),
    },
  };
}

/**
 * Puts a CSV into the page as a File, then (separately, so a test can time the app alone) gives it to
 * the file input labelled `label` as if the planner had picked it. Carrying megabytes into the page
 * (Playwright decodes setInputFiles' buffers on the main thread) is the test's doing, not the app's.
 */
export async function putCsvInPage(page: Page, text: string, name: string): Promise<void> {
  await page.evaluate(([content, fileName]) => {
    (window as unknown as { __pickedFile: File }).__pickedFile = new File([content!], fileName!, { type: 'text/csv' });
  }, [text, name]);
}

export async function pickPutFile(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).evaluate((input: HTMLInputElement) => {
    const picked = new DataTransfer();
    picked.items.add((window as unknown as { __pickedFile: File }).__pickedFile);
    input.files = picked.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
