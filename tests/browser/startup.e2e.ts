// Start-up: the JavaScript the page needs before its first map, as a size
// budget over the production build (its Vite manifest), and as the page
// really fetched it (PerformanceResourceTiming up to the first-map mark).
// Sizes, not timings, are asserted; the time to the first map is recorded in
// tests/artifacts/startup.json and reported in the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { acceptList } from '../../src/io/import/registry';
import { initialJs, readManifest, sizeOf } from '../../tools/vite/initialJs';
import { ARTIFACTS_DIR, launchChromium, recordPage, startupFigures, waitForMap } from './harness';

/** The main bundle's budget: the entry chunk and its static imports, gzip -9. */
const INITIAL_JS_BUDGET_GZIP = 500 * 1000;

/** Loaded on first use, never on the way to the first map (source paths as the manifest names them). */
const LOADED_ON_FIRST_USE = [
  'src/map/deckModules.ts', // deck.gl and luma.gl
  'src/map/drawController.ts', // terra-draw
  'src/ui/ImportDialog.tsx',
  'src/ui/PngExportDialog.tsx',
  'src/ui/compare/CompareMaps.tsx',
  'src/ui/presenter/PresenterMode.tsx',
  'src/ui/BasemapAddDialog.tsx',
  'src/io/export/shapefileExport.ts',
  'src/io/export/xlsxExport.ts',
  'src/io/export/kmlExport.ts',
];

const distDir = () => inject('distDir');

/** waitForMap with room for a loaded machine: the figures are recorded, not asserted, so a slow start only waits longer. */
async function waitForFirstMap(page: Page) {
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 150_000 });
  await waitForMap(page);
}

function writeFigures(key: string, figures: unknown): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = `${ARTIFACTS_DIR}/startup.json`;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run
  }
  writeFileSync(file, `${JSON.stringify({ ...all, [key]: { ...(figures as object), at: new Date().toISOString() } }, null, 2)}\n`);
}

describe('the start-up JavaScript (production build)', () => {
  it(`stays under ${INITIAL_JS_BUDGET_GZIP / 1000} kB gzipped: the entry chunk and its static imports`, () => {
    const initial = initialJs(distDir());
    console.log(`initial JS: ${(initial.raw / 1000).toFixed(0)} kB raw, ${(initial.gzip / 1000).toFixed(0)} kB gzip -9 in ${initial.chunks.length} files`);
    writeFigures('budget', { rawBytes: initial.raw, gzipBytes: initial.gzip, budgetGzipBytes: INITIAL_JS_BUDGET_GZIP, chunks: initial.chunks });
    expect(initial.chunks.length).toBeGreaterThan(0);
    expect(initial.gzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET_GZIP);
  });

  it('keeps deck.gl, terra-draw, the dialogs, presenter mode, the compare maps and the writers off that path', () => {
    const manifest = readManifest(distDir());
    const initialFiles = new Set(initialJs(distDir()).chunks.map((chunk) => chunk.file));
    for (const source of LOADED_ON_FIRST_USE) {
      const chunk = manifest[source];
      expect(chunk, `${source} is its own chunk`).toBeDefined();
      expect(chunk!.isDynamicEntry, `${source} is imported dynamically`).toBe(true);
      expect(initialFiles.has(chunk!.file), `${source} (${chunk!.file}) is not loaded at start`).toBe(false);
    }
    // deck.gl really is large: the split is worth having (and the check above looked at the right chunk).
    expect(sizeOf(distDir(), manifest['src/map/deckModules.ts']!.file).gzip).toBeGreaterThan(100_000);
    // What index.html loads or preloads is exactly the start-up set: Vite's modulepreload puts no lazy chunk back.
    const html = readFileSync(join(distDir(), 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((file) => !initialFiles.has(file))).toEqual([]);
  });
});

describe('the first map in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the basemap with only the start-up JavaScript; deck.gl and terra-draw follow', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForFirstMap(page);
    const figures = await startupFigures(page);
    const manifest = readManifest(distDir());
    const initial = initialJs(distDir());
    const initialFiles = new Set(initial.chunks.map((chunk) => chunk.file.split('/').pop()!));
    const deckFile = manifest['src/map/deckModules.ts']!.file.split('/').pop()!;
    const drawFile = manifest['src/map/drawController.ts']!.file.split('/').pop()!;
    const scriptFiles = figures.scripts.map((script) => script.file);
    console.log(
      `navigation → basemap drawn: ${figures.navigationToBasemapMs.toFixed(0)} ms; JavaScript fetched before it: ${(figures.decodedBytes / 1000).toFixed(0)} kB in ${scriptFiles.length} files (${(figures.encodedBytes / 1000).toFixed(0)} kB as sent)`,
    );
    writeFigures('browser', { ...figures, initialJsRawBytes: initial.raw, initialJsGzipBytes: initial.gzip });

    // Every start-up chunk was fetched before the map drew, and nothing else but MapLibre's own worker.
    for (const file of initialFiles) expect(scriptFiles, `${file} fetched before the first map`).toContain(file);
    expect(scriptFiles.filter((file) => !initialFiles.has(file) && !file.startsWith('maplibre-gl-worker'))).toEqual([]);
    expect(scriptFiles).not.toContain(deckFile);
    expect(scriptFiles).not.toContain(drawFile);
    // The plan symbols are drawn (waitForMap): deck.gl did load, after the basemap.
    const deckEntry = await page.evaluate(
      (file) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => entry.name.endsWith(file))?.startTime ?? null,
      deckFile,
    );
    expect(deckEntry).not.toBeNull();
    expect(deckEntry!).toBeGreaterThanOrEqual(figures.navigationToBasemapMs);
    // The file inputs still accept what the import registry reads (the list is put in at build time).
    // (The project-file input takes .json project files only; it is not an import input.)
    const accepts = await page.locator('input[type="file"]:not([data-testid="project-file-input"])').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('accept')));
    expect(accepts.length).toBeGreaterThan(0);
    for (const accept of accepts) expect(accept).toBe(acceptList());
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows 正在加载… while a part loads, and a clear message when its code cannot be fetched; the rest keeps working', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const tableFile = readManifest(distDir())['src/ui/AttributeTable.tsx']!.file.split('/').pop()!;
    // The attribute table's chunk is held back, then refused, as after an update while offline.
    let release: (() => void) | null = null;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/${tableFile}`, async (route) => {
      await held;
      await route.abort('internetdisconnected');
    });
    await page.goto(String(inject('baseUrl')));
    await waitForFirstMap(page);
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await expect.poll(() => page.getByTestId('lazy-loading').textContent(), { timeout: 30_000 }).toBe('正在加载…');
    release!();
    const error = page.getByTestId('panel-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('属性表的程序文件未能加载：可能已离线，或本程序刚更新过。请联网后刷新页面');
    expect(await page.getByTestId('lazy-loading').count()).toBe(0);
    // The map and the panels around it are still there and still answer.
    expect(await page.getByTestId('map').getAttribute('data-map-loaded')).toBe('true');
    await page.locator('#tab-analysis').click();
    await expect.poll(() => page.locator('#panel-analysis [data-testid="panel-error"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('#panel-analysis button').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await context.close();
  }, 240_000);
});
