// Network travel time in the built app: a small road file dropped on the map
// is imported as a layer, chosen under 路网 in 路网通达, and the covered count
// follows the roads (the same engine in Node gives the expected figures), not
// the straight-line circles' count; the bands are listed and drawn.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/engines';
import { haversineMeters } from '../../src/analysis/geodesy';
import { evaluateLifeCircle, namedPointsOf } from '../../src/analysis/lifeCircle';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../src/domain/analysisSpec';
import { buildRequest, selectFacilities, selectTargets, studyAreaOf } from '../../src/state/analysisSpec';
import { dropFile, launchChromium, recordPage, screenshot, shippedDataset, waitForMap } from './harness';

const { dataset, townships } = shippedDataset();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('network analysis in the app', { timeout: 300_000 }, () => {
  it('imports a road file, uses it as the network, and covers what the roads reach', async () => {
    const spec: AnalysisSpec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', mode: 'drive', minutes: 20 };
    // Roads: a star from the first 商圈 to its four nearest towns, straight lines (drive default 60 km/h = 1 km/min).
    const facility = selectFacilities(dataset, spec)[0]!;
    const origin = facility.geometry.coordinates as [number, number];
    const towns = selectTargets({ dataset, townships, imported: null }, spec)
      .map((town) => ({ town, meters: haversineMeters(origin[0], origin[1], town.coordinates[0], town.coordinates[1]) }))
      .sort((a, b) => a.meters - b.meters)
      .slice(0, 4);
    // And a 国道 from the central city to each located cluster, for the plan targets' half-hour check.
    const urban = dataset.layers['urban-system'].features;
    const centre = urban.find((feature) => feature.properties.kind === 'centre' && feature.geometry?.type === 'Point')!.geometry!.coordinates;
    const clusters = urban.filter((feature) => feature.properties.kind === 'cluster' && feature.geometry?.type === 'Point');
    const roads = {
      type: 'FeatureCollection',
      features: [
        ...towns.map(({ town }, index) => ({
          type: 'Feature',
          properties: { name: `路${index + 1}`, 等级: '县道' },
          geometry: { type: 'LineString', coordinates: [origin, town.coordinates] },
        })),
        ...clusters.map((cluster) => ({
          type: 'Feature',
          properties: { name: `${cluster.properties.name}连接线`, 等级: '国道' },
          geometry: { type: 'LineString', coordinates: [centre, cluster.geometry!.coordinates] },
        })),
      ],
    };
    const importedDataset = {
      ...dataset,
      imported: [{ id: 'roads', title: { zh: 'roads', en: 'roads' }, imported: true, features: roads.features as never }],
    };
    const networkSpec: AnalysisSpec = { ...spec, kind: 'network', networkLayer: 'roads' };
    const expected = runAnalysis(buildRequest({ dataset: importedDataset, townships, imported: null }, networkSpec), { area: studyAreaOf(dataset), planTargets: [] });
    if (expected.kind !== 'network') throw new Error('expected a network result');
    const straight = runAnalysis(buildRequest({ dataset, townships, imported: null }, spec), { area: studyAreaOf(dataset), planTargets: [] });
    if (straight.kind !== 'coverage') throw new Error('expected a coverage result');
    expect(expected.coverage.covered).toBeGreaterThan(0);
    expect(expected.coverage.covered).not.toBe(straight.coverage.targets.covered);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    await dropFile(page, 'roads.geojson', JSON.stringify(roads), { type: 'application/geo+json' });
    await expect.poll(() => page.getByTestId('import-summary').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByTestId('import-dialog').count()).toBe(0);

    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await page.getByLabel('出行方式').selectOption('drive');
    await page.getByLabel('时间（分钟）').fill('20');
    await expect
      .poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 60_000 })
      .toContain(`${straight.coverage.targets.covered} / ${straight.coverage.targets.total}`);

    await page.getByRole('radio', { name: '路网通达' }).check();
    const layerChoice = page.getByTestId('network-layer');
    await expect.poll(() => layerChoice.locator('option').count()).toBe(2);
    await layerChoice.selectOption({ index: 1 });
    const chosenLayer = await layerChoice.inputValue();
    await expect
      .poll(() => page.getByTestId('network-coverage').innerText().catch(() => ''), { timeout: 60_000 })
      .toContain(`${expected.coverage.covered} / ${expected.coverage.total}`);
    expect(await page.getByTestId('network-facts').innerText()).toContain(`${expected.network.nodes} 个节点`);
    expect(await page.getByTestId('network-bands').innerText()).toContain(expected.bands.map((band) => band.properties.minutes).reverse().join(' / '));
    // The result names the road layer it was computed on, by its title.
    expect(await page.getByTestId('computed-with').innerText()).toContain('路网：roads');
    await screenshot(page, 'network-analysis');

    // The plan targets' half-hour circle on the same roads: drive time along them, as the engine gives it in Node.
    const targetsSpec: AnalysisSpec = { ...networkSpec, kind: 'targets' };
    const planTargets = JSON.parse(readFileSync('data/targets/plan-targets.json', 'utf8'));
    const expectedTargets = runAnalysis(buildRequest({ dataset: importedDataset, townships, imported: null }, targetsSpec), { area: studyAreaOf(dataset), planTargets });
    if (expectedTargets.kind !== 'targets') throw new Error('expected a targets result');
    const halfHour = expectedTargets.targets.find((target) => target.id === 't_half_hour_cluster')!;
    expect(halfHour.explanation.zh).toContain('路网行车时间');
    const minutes = halfHour.details.map((detail) => detail.value);
    expect(minutes.every((value) => typeof value === 'number')).toBe(true);
    await page.getByRole('radio', { name: '规划目标核验' }).check();
    // The road layer chosen for 路网通达 is the one the targets use.
    await expect.poll(() => page.getByTestId('targets-network').getByTestId('network-layer').inputValue()).toBe(chosenLayer);
    const item = page.getByTestId('target-t_half_hour_cluster');
    await expect.poll(() => item.innerText().catch(() => ''), { timeout: 60_000 }).toContain('路网行车时间');
    const shown = await item.locator('.target-details li').allInnerTexts();
    expect(shown.map((text) => Number(/([\d.]+)\s*分钟/.exec(text)?.[1]))).toEqual(minutes);
    expect(await item.getAttribute('data-verdict')).toBe(halfHour.verdict);
    // Without a network the same check is the straight-line estimate again, and says so.
    await page.getByTestId('targets-network').getByTestId('network-layer').selectOption('');
    // (Changing a network parameter once broke the panel: the changed parameter had no name to show.)
    await expect.poll(() => item.innerText().catch(() => ''), { timeout: 60_000 }).toContain('直线距离');
    await screenshot(page, 'network-plan-targets');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('checks the 15-minute life circle on imported communities (polygons and points) and service points from a spreadsheet', async () => {
    // Around the central city's point: a service point on it; communities 500 m east and 800 m south
    // (covered at 1,000 m), 3 km north and 2 km west (not).
    const urban = dataset.layers['urban-system'].features;
    const centre = urban.find((feature) => feature.properties.kind === 'centre' && feature.geometry?.type === 'Point')!.geometry!.coordinates as [number, number];
    const at = (east: number, north: number): [number, number] => [centre[0] + east / (111_320 * Math.cos((centre[1] * Math.PI) / 180)), centre[1] + north / 110_950];
    const square = (east: number, north: number) => [[at(east - 100, north - 100), at(east + 100, north - 100), at(east + 100, north + 100), at(east - 100, north + 100), at(east - 100, north - 100)]];
    const communities = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '东苑社区' }, geometry: { type: 'Polygon', coordinates: square(500, 0) } },
        { type: 'Feature', properties: { 名称: '北湖社区' }, geometry: { type: 'Polygon', coordinates: square(0, 3000) } },
        { type: 'Feature', properties: { 名称: '南关社区' }, geometry: { type: 'Point', coordinates: at(0, -800) } },
        { type: 'Feature', properties: { 名称: '西园社区' }, geometry: { type: 'Point', coordinates: at(-2000, 0) } },
      ],
    };
    const services = `名称,经度,纬度\r\n中心便利店,${centre[0]},${centre[1]}\r\n`;
    const expected = evaluateLifeCircle(
      {
        communityLayer: '社区范围',
        serviceLayer: '便民网点',
        communities: namedPointsOf(communities.features as never, (properties) => String(properties.名称)),
        services: [{ id: 's', name: '中心便利店', coordinates: centre }],
      },
      undefined,
      null,
    );
    expect(expected.verdict).toBe('fail');
    const expectedShown = expected.details.map((detail) => String(detail.value));

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    for (const [name, content, type] of [
      ['社区范围.geojson', JSON.stringify(communities), 'application/geo+json'],
      ['便民网点.csv', services, 'text/csv'],
    ] as const) {
      await dropFile(page, name, content, { type });
      await expect.poll(() => page.getByTestId('import-summary').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.getByRole('button', { name: '确认导入', exact: true }).click();
      await expect.poll(() => page.getByTestId('import-dialog').count(), { timeout: 30_000 }).toBe(0);
    }

    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.getByRole('radio', { name: '规划目标核验' }).check();
    const item = page.getByTestId('target-t_15min_life_circle');
    await expect.poll(() => item.innerText().catch(() => ''), { timeout: 60_000 }).toContain('导入这两类数据');
    const choice = page.getByTestId('targets-life-circle');
    const valueOf = async (select: 'community-layer' | 'service-layer', text: string) =>
      (await choice.getByTestId(select).locator('option', { hasText: text }).getAttribute('value'))!;
    // Polygons and points are offered as communities; only point layers as service points.
    expect(await choice.getByTestId('community-layer').locator('option', { hasText: '社区范围' }).innerText()).toContain('2 个点，2 个面');
    await choice.getByTestId('community-layer').selectOption(await valueOf('community-layer', '社区范围'));
    await choice.getByTestId('service-layer').selectOption(await valueOf('service-layer', '便民网点'));
    await expect.poll(() => item.getAttribute('data-verdict'), { timeout: 60_000 }).toBe(expected.verdict);
    expect(await item.innerText()).toContain('直线半径 1000 米');
    const shown = await item.locator('.target-details li').allInnerTexts();
    expect(shown.map((text) => text.split('：')[1]!.replace(/\s*(个|%|分钟)$/, ''))).toEqual(expectedShown);
    expect(shown.join('\n')).toContain('北湖社区');
    expect(await page.getByTestId('computed-with').innerText()).toContain('社区：社区范围');
    await screenshot(page, 'network-life-circle');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});
