// Network travel time in the built app: a small road file dropped on the map
// is imported as a layer, chosen under 路网 in 路网通达, and the covered count
// follows the roads (the same engine in Node gives the expected figures), not
// the straight-line circles' count; the bands are listed and drawn.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/engines';
import { haversineMeters } from '../../src/analysis/geodesy';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../../src/domain/analysisSpec';
import { buildRequest, selectFacilities, selectTargets, studyAreaOf } from '../../src/state/analysisSpec';
import { launchChromium, recordPage, screenshot, shippedDataset, waitForMap } from './harness';

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
    const roads = {
      type: 'FeatureCollection',
      features: towns.map(({ town }, index) => ({
        type: 'Feature',
        properties: { name: `路${index + 1}`, 等级: '县道' },
        geometry: { type: 'LineString', coordinates: [origin, town.coordinates] },
      })),
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
    await page.getByTestId('map-area').evaluate((element, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'roads.geojson', { type: 'application/geo+json' }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, JSON.stringify(roads));
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
    await expect
      .poll(() => page.getByTestId('network-coverage').innerText().catch(() => ''), { timeout: 60_000 })
      .toContain(`${expected.coverage.covered} / ${expected.coverage.total}`);
    expect(await page.getByTestId('network-facts').innerText()).toContain(`${expected.network.nodes} 个节点`);
    expect(await page.getByTestId('network-bands').innerText()).toContain(expected.bands.map((band) => band.properties.minutes).reverse().join(' / '));
    await screenshot(page, 'network-analysis');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});
