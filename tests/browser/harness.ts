// Shared pieces of the browser tests: Debian's Chromium through playwright-core
// (never a downloaded browser), the app's readiness, and reading pixels from
// real screenshots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
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
