// Analyses in the built app: the real Web Worker computes, deck.gl draws, and
// the numbers match the same engine run in Node.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catchment, coverage, travelTimeCircles } from '../../src/analysis';
import { gaussKrugerProj } from '../../src/io/import/crs';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../src/domain/analysisSpec';
import { buildRequest, studyAreaOf } from '../../src/state/analysisSpec';
import { launchChromium, project, recordPage, screenshot, shippedDataset, waitForMap, type PageRecord } from './harness';

const { dataset, townships } = shippedDataset();
const studyArea = studyAreaOf(dataset);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openAnalysis(): Promise<{ page: Page; record: PageRecord; analysisStartedAt: number }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const record = recordPage(page);
  // Long tasks on the main thread, recorded from the start so none is missed.
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
  const analysisStartedAt = await page.evaluate(() => performance.now());
  await page.getByRole('tab', { name: '空间分析' }).click();
  return { page, record, analysisStartedAt };
}

async function waitForRun(page: Page) {
  await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 30_000 });
}

describe('analysis in the browser', () => {
  it('draws the 商圈 15-minute circles computed in the worker', async () => {
    const { page, record, analysisStartedAt } = await openAnalysis();
    await waitForRun(page);
    await page.waitForTimeout(500); // let the result draw
    // Reported, not asserted (speed belongs in the benchmark): the longest main-thread task
    // while the worker computed, and after the panel opened (which includes drawing the result;
    // on this machine's software WebGL one map frame alone takes 100–300 ms).
    const status = page.getByTestId('analysis-status');
    const runStart = Number(await status.getAttribute('data-run-started-at'));
    const runEnd = Number(await status.getAttribute('data-run-finished-at'));
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const longestOverlapping = (from: number, to: number) =>
      Math.max(0, ...tasks.filter((task) => task.start < to && task.start + task.duration > from).map((task) => task.duration));
    const whileComputing = longestOverlapping(runStart, runEnd);
    const withDrawing = longestOverlapping(analysisStartedAt, Number.POSITIVE_INFINITY);
    console.log(`longest main-thread task while the worker computed: ${whileComputing.toFixed(0)} ms; including drawing the result: ${withDrawing.toFixed(0)} ms (target < 50 ms)`);
    writeFileSync('tests/artifacts/analysis-long-task.json', JSON.stringify({ whileComputingMs: whileComputing, includingDrawingMs: withDrawing, computeMs: runEnd - runStart }));
    const expected = travelTimeCircles(buildRequestFacilities(DEFAULT_ANALYSIS_SPEC), buildRequestParams(DEFAULT_ANALYSIS_SPEC), studyArea);
    const cityRow = page.getByTestId('result-areas').locator('tbody tr').first();
    expect(await cityRow.locator('td').nth(2).innerText()).toBe(String(Number(expected.areas[0]!.coveredKm2.toFixed(2))));
    expect(await page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('analysis-circles');

    // Zoom to one 商圈 and compare a pixel inside its circle with the analysis shown and hidden.
    const facility = buildRequestFacilities(DEFAULT_ANALYSIS_SPEC)[0]!;
    if (facility.geometry.type !== 'Point') throw new Error('expected a point facility');
    const [lng = 0, lat = 0] = facility.geometry.coordinates;
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 13 }), [lng, lat] as [number, number]);
    await waitForMap(page);
    const inside = await project(page, [lng + 0.006, lat + 0.004]); // ≈ 750 m from the centre
    const withCircles = await screenshot(page, 'analysis-circles-zoomed');
    await page.getByRole('checkbox', { name: '在地图上显示分析结果' }).uncheck();
    await waitForMap(page);
    const without = await screenshot(page, 'analysis-circles-hidden');
    const [r1, g1, b1] = withCircles.pixel(inside.x, inside.y);
    const [r0, g0, b0] = without.pixel(inside.x, inside.y);
    expect(b1 - r1).toBeGreaterThan(b0 - r0); // the translucent blue fill tints the basemap
    expect(Math.abs(r1 - r0) + Math.abs(g1 - g0) + Math.abs(b1 - b0)).toBeGreaterThan(10);

    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('coverage of the towns by the growth poles matches the engine in Node', async () => {
    const { page, record } = await openAnalysis();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await page.getByLabel('设施图层').selectOption('urban-system');
    await page.getByRole('checkbox', { name: '六极（增长极）', exact: true }).check();
    await page.getByLabel('出行方式').selectOption('drive');
    await page.getByLabel('时间（分钟）').fill('20');
    const spec: AnalysisSpec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', facilityLayer: 'urban-system', facilityClasses: ['growth_pole'], mode: 'drive', minutes: 20 };
    const request = buildRequest({ dataset, townships, imported: null }, spec);
    if (request.kind !== 'coverage') throw new Error('expected a coverage request');
    const expected = coverage(request.facilities, request.targets, request.params, studyArea);
    // Earlier settings' runs show other numbers first; the last edit's run must show these.
    await expect
      .poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 30_000 })
      .toContain(`${expected.targets.covered} / ${expected.targets.total}`);
    expect(expected.targets.covered).toBeGreaterThan(0);
    // Uncovered targets are ringed red on the map.
    await waitForMap(page);
    const shot = await screenshot(page, 'analysis-coverage');
    const uncovered = expected.uncovered[0]!;
    const at = await project(page, uncovered.coordinates);
    const reddish = [-1, 0, 1].some((dy) => {
      const [r, g, b] = shot.pixel(at.x + 9, at.y + dy);
      return r > 150 && r > g + 80 && r > b + 80;
    });
    expect(reddish).toBe(true);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('imports a GBK CSV of weighted points as targets, off the main thread', async () => {
    // 名称,经度,纬度,人口 / 驿城点 next to the 老城区 商圈 / 远郊点 far away but inside the city (targets outside it are left out, issue 16 bug 5) / one bad row, in GBK.
    const gbkCsv = Buffer.from(
      'c3fbb3c62cbeadb6c82cceb3b6c82cc8cbbfda0d0ae6e4b3c7b5e32c3131342e30332c33322e39382c353030300d0a' +
        'd4b6bdbcb5e32c3131332e36302c33322e38302c3230300d0abbb5d0d02c6162632c33322e392c31300d0a',
      'hex',
    );
    expect(new TextDecoder('gb18030').decode(gbkCsv)).toContain('驿城点');
    const { page, record } = await openAnalysis();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await page.getByLabel('导入点位文件（CSV / GeoJSON）…').setInputFiles({ name: '人口点.csv', mimeType: 'text/csv', buffer: gbkCsv });
    expect(await page.getByTestId('import-message').innerText()).toContain('1 行无法使用');
    expect(await page.getByLabel('服务对象').inputValue()).toBe('imported');
    await page.getByLabel('权重字段').selectOption('人口');
    await expect.poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 30_000 }).toContain('1 / 2');
    await expect.poll(() => page.getByTestId('coverage-summary').innerText()).toContain('96.2%'); // 5000 of 5200
    expect(await page.getByTestId('result-uncovered').innerText()).toContain('远郊点');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('imports targets in CGCS2000 Gauss–Krüger metres (zone 38), says the CRS it read, and covers them as in lon/lat', async () => {
    // The GBK test's two points, projected to zone 38 with the zone prefix, as a surveyor's CSV gives them.
    const toGk = proj4('WGS84', gaussKrugerProj(114, 38_500_000));
    const rows = ([['驿城点', 114.03, 32.98, 5000], ['远郊点', 113.6, 32.8, 200]] as const).map(([name, lon, lat, population]) => {
      const [x, y] = toGk.forward([lon, lat]);
      return `${name},${x.toFixed(3)},${y.toFixed(3)},${population}`;
    });
    const { page, record } = await openAnalysis();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    const csv = Buffer.from(['名称,X坐标,Y坐标,人口', ...rows].join('\n'));
    await page.getByLabel('导入点位文件（CSV / GeoJSON）…').setInputFiles({ name: '测绘点.csv', mimeType: 'text/csv', buffer: csv });
    await expect.poll(() => page.getByTestId('import-crs').innerText().catch(() => '')).toContain('带号 38');
    expect(await page.getByLabel('服务对象').inputValue()).toBe('imported');
    await page.getByLabel('权重字段').selectOption('人口');
    await expect.poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 30_000 }).toContain('1 / 2');
    await expect.poll(() => page.getByTestId('coverage-summary').innerText()).toContain('96.2%'); // 5000 of 5200
    expect(await page.getByTestId('result-uncovered').innerText()).toContain('远郊点');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('catchment of the hub zones over the towns, with the Huff model', async () => {
    const { page, record } = await openAnalysis();
    await page.getByRole('radio', { name: '服务范围' }).check();
    await page.getByLabel('设施图层').selectOption('logistics-hubs');
    await page.getByRole('checkbox', { name: '区域物流枢纽片区', exact: true }).check();
    await page.getByRole('checkbox', { name: /Huff/ }).check();
    const spec: AnalysisSpec = {
      ...DEFAULT_ANALYSIS_SPEC,
      kind: 'catchment',
      facilityLayer: 'logistics-hubs',
      facilityClasses: ['hub_zone'],
      huffEnabled: true,
    };
    const request = buildRequest({ dataset, townships, imported: null }, spec);
    if (request.kind !== 'catchment') throw new Error('expected a catchment request');
    const expected = catchment(request.facilities, request.targets, { ...request.params, metric: 'distance', useHuff: true, huffExponent: 2 }, studyArea);
    const table = page.getByTestId('result-catchment');
    await expect.poll(() => table.locator('th').allInnerTexts().catch(() => []), { timeout: 30_000 }).toContain('Huff 份额');
    expect(await table.locator('tbody tr').count()).toBe(expected.perFacility.length);
    const firstRow = expected.perFacility[0]!;
    expect(await table.locator('tbody tr').first().locator('td').nth(1).innerText()).toBe(String(firstRow.targets));
    expect(await page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('analysis-voronoi');
    await waitForMap(page);
    await screenshot(page, 'analysis-catchment');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('evaluates plan targets and never passes one the data cannot evaluate', async () => {
    const { page } = await openAnalysis();
    await page.getByRole('radio', { name: '规划目标核验' }).check();
    await waitForRun(page);
    expect(await page.getByTestId('target-t_15min_life_circle').getAttribute('data-verdict')).toBe('not-evaluable');
    expect(await page.getByTestId('target-t_half_hour_cluster').getAttribute('data-verdict')).toMatch(/^(pass|fail)$/);
    expect(await page.getByTestId('target-t_one_county_one_zone').innerText()).toContain('一县一省级开发区');
    await screenshot(page, 'analysis-targets');
    await page.close();
  });
});

function buildRequestFacilities(spec: AnalysisSpec) {
  const request = buildRequest({ dataset, townships, imported: null }, spec);
  if (request.kind === 'targets') throw new Error('no facilities in a targets request');
  return request.facilities;
}

function buildRequestParams(spec: AnalysisSpec) {
  return buildRequest({ dataset, townships, imported: null }, spec).params;
}
