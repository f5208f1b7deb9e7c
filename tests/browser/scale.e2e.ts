// 100,000 points in the built app: as analysis targets (coverage against the
// 商圈 15-minute circles, computed in the worker while the page keeps
// drawing frames) and as an imported layer (drawn by deck.gl, panned with the
// mouse, clickable). Frame rates and gaps are logged, never asserted: speed
// belongs in `npm run bench`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SHOWN_RESULT_ROWS } from '../../src/ui/analysisTables';
import * as turf from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { coverage } from '../../src/analysis';
import { LAYER_IDS, type LayerId, type PlanLayerCollection } from '../../src/domain/plan';
import type { LocalizedText } from '../../src/i18n/text';
import { baselineScenario, startingScenarios } from '../../src/domain/scenarios';
import { parseContext, parseCounties, parsePlanLayer } from '../../src/io/planData';
import { type PlanDataset } from '../../src/domain/dataset';
import { parsePointsFile } from '../../src/io/points';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../src/domain/analysisSpec';
import { buildRequest, importedTargets, studyAreaOf } from '../../src/state/analysisSpec';
import { pointColumnsOf } from '../../src/io/pointColumns';
import { datasetOf } from '../../src/state/scenarioDataset';
import { percent } from '../../src/ui/analysisTables';
import { seededRandom } from '../../tools/lib/seededRandom';
import { pickPutFile, putCsvInPage, traceMainThreadTasks, ARTIFACTS_DIR, launchChromium, project, recordPage, screenshot, startupFigures, waitForMap, type PageRecord } from './harness';

const POINTS = 100_000;
const SEED = 20_250_607;
const FILE_NAME = '十万点.csv';

/** The plan as the app opens it: the first starting scenario (方案A, whose 商圈 are variants A and C). */
function startingDataset(): PlanDataset {
  const layers = Object.fromEntries(
    LAYER_IDS.map((layer) => [layer, parsePlanLayer(readFileSync(`data/layers/${layer}.geojson`, 'utf8'), layer)]),
  ) as Record<LayerId, PlanLayerCollection>;
  const titles = Object.fromEntries(LAYER_IDS.map((layer) => [layer, { zh: layer, en: layer }])) as Record<LayerId, LocalizedText>;
  const [variantA] = startingScenarios(baselineScenario(layers, titles), new Date().toISOString());
  return datasetOf(variantA, {
    counties: parseCounties(readFileSync('data/base/counties.geojson', 'utf8')),
    context: parseContext(readFileSync('data/base/context.geojson', 'utf8')),
  });
}
const dataset = startingDataset();
const studyArea = studyAreaOf(dataset);

/** Seeded points inside the city outline, as a planner's CSV (名称 = 点1 … 点100000). */
function generatePoints(): { positions: [number, number][]; csv: Buffer } {
  const random = seededRandom(SEED);
  const [west, south, east, north] = turf.bbox(studyArea.outline);
  const positions: [number, number][] = [];
  while (positions.length < POINTS) {
    // Rounded as the CSV writes them, so Node and the browser read the same numbers.
    const position: [number, number] = [
      Number((west + random() * (east - west)).toFixed(6)),
      Number((south + random() * (north - south)).toFixed(6)),
    ];
    if (turf.booleanPointInPolygon(position, studyArea.outline)) positions.push(position);
  }
  const rows = positions.map(([lng, lat], index) => `点${index + 1},${lng.toFixed(6)},${lat.toFixed(6)}`);
  return { positions, csv: Buffer.from(['名称,经度,纬度', ...rows].join('\r\n'), 'utf8') };
}

const { positions, csv } = generatePoints();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The page records the time of every animation frame from the start, so frames can be counted over any window. */
async function openRecordingFrames(): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const record = recordPage(page);
  await page.addInitScript(() => {
    const frames: number[] = [];
    (window as unknown as { __frames: number[] }).__frames = frames;
    const w = window as unknown as { __firstMapAt?: number };
    const tick = (time: number) => {
      frames.push(time);
      // Navigation → first frame with the map loaded and the plan features drawn (page clock starts at navigation).
      if (w.__firstMapAt === undefined && document.querySelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]'))
        w.__firstMapAt = time;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // Every main-thread task over 50 ms (Chromium's Long Tasks API): what a planner feels as a freeze.
    const longTasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof longTasks }).__longTasks = longTasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
  const firstMapMs = await page.evaluate(() => (window as unknown as { __firstMapAt?: number }).__firstMapAt ?? NaN);
  // The basemap draws first (MapView's 'zmd:first-map' mark), the plan symbols when deck.gl has followed;
  // the JavaScript the page fetched before the basemap drew is the start-up bundle (startup.e2e.ts budgets it).
  const startup = await startupFigures(page);
  console.log(
    `navigation → basemap drawn: ${startup.navigationToBasemapMs.toFixed(0)} ms, → plan drawn: ${firstMapMs.toFixed(0)} ms; ` +
      `JavaScript before the first map: ${(startup.decodedBytes / 1000).toFixed(0)} kB (${(startup.encodedBytes / 1000).toFixed(0)} kB as sent)`,
  );
  writeFigures('firstMap', {
    navigationToFirstMapMs: firstMapMs,
    navigationToBasemapMs: startup.navigationToBasemapMs,
    jsBeforeFirstMapBytes: startup.decodedBytes,
    jsBeforeFirstMapEncodedBytes: startup.encodedBytes,
    jsBeforeFirstMap: startup.scripts,
  });
  return { page, record };
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** Frames drawn within [from, to] and the longest time in that window without a frame (ms, page clock). */
async function framesBetween(page: Page, from: number, to: number): Promise<{ count: number; longestGapMs: number }> {
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const inside = frames.filter((time) => time >= from && time <= to);
  const edges = [from, ...inside, to];
  const longestGapMs = Math.max(0, ...edges.slice(1).map((time, index) => time - edges[index]!));
  return { count: inside.length, longestGapMs };
}

/** Main-thread long tasks that started within [from, to]: how many, and the longest (ms). */
async function longTasksBetween(page: Page, from: number, to: number): Promise<{ count: number; longestMs: number; totalMs: number }> {
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const inside = tasks.filter((task) => task.start >= from && task.start <= to);
  return {
    count: inside.length,
    longestMs: Math.max(0, ...inside.map((task) => task.duration)),
    totalMs: inside.reduce((sum, task) => sum + task.duration, 0),
  };
}

/** Figures a run measured, kept in tests/artifacts/scale-longtasks.json (one key per test). */
function writeFigures(key: string, figures: unknown): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = `${ARTIFACTS_DIR}/scale-longtasks.json`;
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...all, [key]: { ...(figures as object), at: new Date().toISOString() } }, null, 2)}\n`);
}

const withoutSeparators = (text: string) => text.replace(/[,，]/g, '');

describe('100,000 points', () => {
  it('as analysis targets: coverage by the 商圈 15-minute circles matches the engine in Node, and the page keeps drawing', async () => {
    const parsed = parsePointsFile(FILE_NAME, new Uint8Array(csv));
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    expect(parsed.points).toHaveLength(POINTS);
    const spec: AnalysisSpec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', targetSource: 'imported' };
    const request = buildRequest({ dataset, townships: [], imported: importedTargets(FILE_NAME, pointColumnsOf(parsed.points, studyArea.outline), 0) }, spec);
    if (request.kind !== 'coverage') throw new Error('expected a coverage request');
    expect(request.facilities.length).toBeGreaterThan(0);
    const expected = coverage(request.facilities, request.targets, request.params, studyArea);
    expect(expected.targets.total).toBe(POINTS);
    expect(expected.targets.covered).toBeGreaterThan(0);

    const { page, record } = await openRecordingFrames();
    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    // The same facilities as in Node: the scenario the app opened on.
    expect(await page.getByTestId('facility-count').innerText()).toContain(String(request.facilities.length));
    await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 30_000 });
    // The file is put into the page first, as a File the planner could pick: carrying 3.3 MB into the
    // page (Playwright's setInputFiles decodes it from base64 on the main thread, 1.8 s under load) is
    // the test's doing, not the app's, and must not count as the app's freeze.
    await putCsvInPage(page, csv.toString('utf8'), FILE_NAME);
    await page.waitForTimeout(500);
    const summary = `${expected.targets.covered} / ${expected.targets.total}`;
    const { value: chosenAt, traced } = await traceMainThreadTasks(browser, page, async () => {
      const at = await now(page);
      await pickPutFile(page, '导入点位文件（CSV / GeoJSON）…');
      await expect
        .poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 180_000, interval: 500 })
        .toContain(summary);
      return at;
    });
    expect(await page.getByTestId('coverage-summary').innerText()).toContain(`（${percent(expected.targets.share)}）`);
    expect(await page.getByLabel('服务对象').inputValue()).toBe('imported');
    const shownAt = await now(page);

    const status = page.getByTestId('analysis-status');
    const runStart = Number(await status.getAttribute('data-run-started-at'));
    const runEnd = Number(await status.getAttribute('data-run-finished-at'));
    expect(runStart).toBeGreaterThan(chosenAt);
    const computing = await framesBetween(page, runStart, runEnd);
    const whole = await framesBetween(page, chosenAt, shownAt);
    console.log(
      `100,000 targets: file chosen → coverage shown ${(shownAt - chosenAt).toFixed(0)} ms, ${whole.count} frames, longest frame gap ${whole.longestGapMs.toFixed(0)} ms; ` +
        `while the worker computed (${(runEnd - runStart).toFixed(0)} ms): ${computing.count} frames, longest gap ${computing.longestGapMs.toFixed(0)} ms`,
    );
    // Responsive while the worker computes: the main thread went on drawing frames.
    expect(computing.count).toBeGreaterThan(0);
    const longTasks = await longTasksBetween(page, chosenAt, shownAt);
    console.log(
      `main-thread long tasks, file chosen → coverage shown: ${longTasks.count}, longest ${longTasks.longestMs.toFixed(0)} ms, together ${longTasks.totalMs.toFixed(0)} ms`,
    );
    console.log(
      `traced: ${traced.tasks.length} tasks over 50 ms, the longest ${traced.longestMs.toFixed(0)} ms; waiting for software WebGL ${traced.gpuWaitMs.toFixed(0)} ms in all; ` +
        `the most own work in one task ${traced.longestOwnMs.toFixed(0)} ms (${traced.tasks.map((task) => `${task.durationMs.toFixed(0)}=${task.gpuWaitMs.toFixed(0)} GPU+${task.ownMs.toFixed(0)}`).join(', ')})`,
    );
    writeFigures('coverage', { chosenToShownMs: shownAt - chosenAt, workerMs: runEnd - runStart, longTasks, traced });
    // The Long Tasks API exists in this Chromium, so a count of 0 above means no freeze, not a missing observer.
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))).toBe(true);
    // Every uncovered target is in the result (and its CSV), but only the first rows are on screen.
    const uncovered = page.getByTestId('result-uncovered');
    expect(Number(await uncovered.getAttribute('data-rows'))).toBe(expected.targets.total - expected.targets.covered);
    expect(await uncovered.locator('tbody tr').count()).toBe(SHOWN_RESULT_ROWS + 1);
    expect(await uncovered.locator('tr.more-rows').innerText()).toContain(`另有 ${expected.targets.total - expected.targets.covered - SHOWN_RESULT_ROWS} 行`);
    await screenshot(page, 'scale-coverage');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 300_000);

  it('as an imported layer: drawn, panned with the mouse, clickable', async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
    const { page, record } = await openRecordingFrames();
    // The file is put into the page first (carrying 3.3 MB in is the test's doing), then dropped on the map.
    await page.evaluate(([text, name]) => {
      (window as unknown as { __droppedFile: File }).__droppedFile = new File([text!], name!, { type: 'text/csv' });
    }, [csv.toString('utf8'), '十万点.csv']);
    await page.waitForTimeout(500);
    // Traced by Chromium from the drop to the layer on the map, so that each long task can be split into
    // the wait for software WebGL and the app's own work (harness.ts traceMainThreadTasks).
    const { value: times, traced } = await traceMainThreadTasks(browser, page, async () => {
      const droppedAt = await now(page);
      await page.getByTestId('map-area').evaluate((element) => {
        const transfer = new DataTransfer();
        transfer.items.add((window as unknown as { __droppedFile: File }).__droppedFile);
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      await expect
        .poll(async () => withoutSeparators(await page.getByTestId('import-summary').innerText().catch(() => '')), { timeout: 180_000, interval: 500 })
        .toContain(`可导入 ${POINTS} 个要素`);
      const confirmedAt = await now(page);
      await page.getByRole('button', { name: '确认导入' }).click();
      step('import dialog ready');
      await expect
        .poll(async () => withoutSeparators(await page.getByTestId('toast').innerText().catch(() => '')), { timeout: 120_000, interval: 500 })
        .toContain(`已导入 ${POINTS} 个要素`);
      await expect.poll(() => page.getByTestId('map').getAttribute('data-underlay-layers'), { timeout: 30_000 }).toContain('imported-');
      return { droppedAt, confirmedAt, shownAt: await now(page) };
    });
    step('imported layer on the map');
    const readLongTasks = await longTasksBetween(page, times.droppedAt, times.confirmedAt);
    const importLongTasks = await longTasksBetween(page, times.confirmedAt, times.shownAt);
    console.log(
      `main-thread long tasks, file dropped → import dialog ready: ${readLongTasks.count}, longest ${readLongTasks.longestMs.toFixed(0)} ms; ` +
        `import confirmed → layer on the map: ${importLongTasks.count}, longest ${importLongTasks.longestMs.toFixed(0)} ms`,
    );
    console.log(
      `traced, file dropped → layer on the map: ${traced.tasks.length} tasks over 50 ms, the longest ${traced.longestMs.toFixed(0)} ms; ` +
        `waiting for software WebGL ${traced.gpuWaitMs.toFixed(0)} ms in all; the most own work in one task ${traced.longestOwnMs.toFixed(0)} ms ` +
        `(${traced.tasks.map((task) => `${task.durationMs.toFixed(0)}=${task.gpuWaitMs.toFixed(0)} GPU+${task.ownMs.toFixed(0)}`).join(', ')})`,
    );
    writeFigures('import', { readLongTasks, longTasks: importLongTasks, traced });
    await waitForMap(page);
    await screenshot(page, 'scale-imported-city');
    step('city screenshot');

    // Pan with the mouse, counting the frames drawn meanwhile: at least eight moves and two seconds, and on
    // until a handful of frames were drawn (software WebGL draws 100,000 points at a few
    // frames per second, or fewer on a loaded machine), but never longer than three minutes.
    const box = (await page.getByTestId('map').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    step('mouse at the centre');
    await page.mouse.down();
    step('mouse down');
    const panStart = await now(page);
    const framesSince = async (from: number) => (await framesBetween(page, from, await now(page))).count;
    const panUntil = Date.now() + 180_000;
    let moves = 0;
    while (Date.now() < panUntil) {
      moves += 1;
      const angle = (moves / 16) * 2 * Math.PI;
      await page.mouse.move(centre.x + 150 * Math.sin(angle), centre.y + 80 * (1 - Math.cos(angle)));
      await page.waitForTimeout(50);
      if (moves >= 8 && (await now(page)) - panStart >= 2000 && (await framesSince(panStart)) > 5) break;
    }
    await page.mouse.up();
    step(`mouse up after ${moves} moves`);
    const panEnd = await now(page);
    const pan = await framesBetween(page, panStart, panEnd);
    console.log(
      `panning over 100,000 imported points: ${pan.count} frames in ${(panEnd - panStart).toFixed(0)} ms = ${((pan.count * 1000) / (panEnd - panStart)).toFixed(2)} fps, longest frame gap ${pan.longestGapMs.toFixed(0)} ms (software WebGL)`,
    );
    expect(pan.count).toBeGreaterThan(5);
    await waitForMap(page);
    await screenshot(page, 'scale-imported-panned');
    step('panned screenshot');

    // Close up, the points are separate purple dots (the imported layers' default style: an opaque
    // 5 px dot with a white rim; until the layers got styles they were see-through rings).
    const [lng, lat] = positions[0]!;
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 13 }), [lng, lat] as [number, number]);
    await waitForMap(page);
    const shot = await screenshot(page, 'scale-imported-zoomed');
    step('zoomed screenshot');
    const bounds = await page.evaluate(() => window.__zmdMap!.getBounds().toArray());
    const margin = 0.1;
    const [[west, south], [east, north]] = bounds as [[number, number], [number, number]];
    const inView = positions
      .map((position, index) => ({ position, name: `点${index + 1}` }))
      .filter(({ position: [x, y] }) => x > west + (east - west) * margin && x < east - (east - west) * margin && y > south + (north - south) * margin && y < north - (north - south) * margin)
      .slice(0, 12);
    expect(inView.length).toBeGreaterThan(3);
    const purple = ([r, g, b]: [number, number, number]) => b > g + 50 && r > g + 15;
    const drawn: { name: string; at: { x: number; y: number } }[] = [];
    for (const { position, name } of inView) {
      const at = await project(page, position);
      // Inside the dot, within the white rim at 5 px.
      const dot = [[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].filter(([dx, dy]) => purple(shot.pixel(at.x + dx!, at.y + dy!))).length;
      if (dot >= 4) drawn.push({ name, at });
    }
    console.log(`${drawn.length} of ${inView.length} points in view show the imported layer's purple dot`);
    expect(drawn.length).toBeGreaterThanOrEqual(Math.ceil(inView.length / 2));

    // A click on a point shows that point's details (a neighbour within the pick radius would do as well).
    const target = drawn[0]!;
    await page.mouse.click(target.at.x, target.at.y);
    await expect.poll(() => page.getByTestId('details').locator('h2').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/^点\d+$/);
    console.log(`clicked ${target.name}, details show ${await page.getByTestId('details').locator('h2').innerText()}`);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  }, 600_000);
});
