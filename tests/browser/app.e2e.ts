// The built app in Debian's Chromium: loads offline with no errors, draws the
// basemap and the plan layers, toggles layers, shows plan quotes, speaks English.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import { BASEMAP_COLORS } from '../../src/map/basemap/kinds/bundledCounties';
import type { ContextCollection, CountyCollection } from '../../src/domain/dataset';
import { gridInside, launchChromium, offOriginRequests, project, recordPage, screenshot, shareOfColour, waitForMap, type PageRecord } from './harness';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const towns = readJson<PlanLayerCollection>('data/layers/towns.geojson');
const counties = readJson<CountyCollection>('data/base/counties.geojson');
const context = readJson<ContextCollection>('data/base/context.geojson');
const urbanSystem = readJson<PlanLayerCollection>('data/layers/urban-system.geojson');
const industrialParks = readJson<PlanLayerCollection>('data/layers/industrial-parks.geojson');
const locatedTowns = towns.features.filter((town) => town.geometry?.type === 'Point');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(query = '', viewport = { width: 1366, height: 768 }): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage({ viewport });
  const record = recordPage(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  await waitForMap(page);
  return { page, record };
}

describe('the built app', () => {
  it('loads with no console errors and no request outside 127.0.0.1', async () => {
    const { page, record } = await openApp();
    await screenshot(page, 'app-zh-1366');
    expect(record.consoleErrors).toEqual([]);
    expect(offOriginRequests(record)).toEqual([]);
    expect(await page.locator('h1').innerText()).toContain('驻马店市空间布局规划工作台');
    await page.close();
  });

  it('draws the county basemap and the neighbours (known pixels)', async () => {
    const { page } = await openApp();
    // Hide every plan layer so only the basemap is sampled.
    for (const checkbox of await page.getByRole('checkbox', { name: /显示或隐藏图层/ }).all()) await checkbox.uncheck();
    await waitForMap(page);
    const shot = await screenshot(page, 'basemap-only');
    const xiping = counties.features.find((county) => county.properties.adcode === '411721')!;
    expect(await shareOfColour(page, shot, gridInside(xiping), BASEMAP_COLORS.countyFill)).toBeGreaterThan(0.7);
    const zhoukou = context.features.find((feature) => feature.properties.name_zh === '周口')!;
    const zhoukouSamples = gridInside(zhoukou).filter(([lng, lat]) => lat < 33.9 && lng < 115.3);
    expect(zhoukouSamples.length).toBeGreaterThan(5);
    expect(await shareOfColour(page, shot, zhoukouSamples, BASEMAP_COLORS.neighbourFill)).toBeGreaterThan(0.7);
    await page.close();
  });

  it('draws the located towns, and turning the towns layer off removes them', async () => {
    expect(locatedTowns.length).toBeGreaterThan(5);
    const { page } = await openApp();
    const before = await screenshot(page, 'towns-on');
    const positions = await Promise.all(locatedTowns.map((town) => project(page, town.geometry!.coordinates as [number, number])));
    const green = (rgb: [number, number, number]) => rgb[1] > rgb[0] + 40 && rgb[1] > rgb[2] + 10;
    const greenBefore = positions.filter(({ x, y }) => green(before.pixel(x, y))).length;
    expect(greenBefore / positions.length).toBeGreaterThan(0.8);

    await page.getByRole('checkbox', { name: '显示或隐藏图层：中心镇与特色小镇' }).uncheck();
    await waitForMap(page);
    const after = await screenshot(page, 'towns-off');
    const greenAfter = positions.filter(({ x, y }) => green(after.pixel(x, y))).length;
    expect(greenAfter).toBe(0);
    await page.close();
  });

  it('clicking a town on the map shows its plan quote and source', async () => {
    const { page } = await openApp();
    const town = locatedTowns[0]!;
    const { x, y } = await project(page, town.geometry!.coordinates as [number, number]);
    await page.mouse.click(x, y);
    const details = page.getByTestId('details');
    await expect.poll(() => details.getAttribute('data-feature-id')).toBe(town.properties.id);
    expect(await page.getByTestId('feature-quote').first().innerText()).toBe(town.properties.quote);
    expect(await details.innerText()).toContain(town.properties.source);
    await screenshot(page, 'town-details');
    await page.close();
  });

  it('lists unlocated towns per county and opens their details from the list', async () => {
    const { page } = await openApp();
    const unlocated = towns.features.filter((town) => town.geometry === null);
    expect(await page.getByTestId('unlocated-total').innerText()).toMatch(/\d+/);
    const first = unlocated[0]!;
    await page.locator(`details[data-county="${first.properties.county ?? ''}"] summary`).click();
    await page.locator(`button[data-feature-id="${first.properties.id}"]`).click();
    expect(await page.getByTestId('feature-accuracy').innerText()).toBe('未定位');
    expect(await page.getByTestId('feature-quote').first().innerText()).toBe(first.properties.quote);
    await page.close();
  });

  it('a click where several features share a county seat lists them all', async () => {
    const pole = urbanSystem.features.find((feature) => feature.properties.kind === 'growth_pole' && feature.properties.county === '411721')!;
    const sameSpot = industrialParks.features.filter(
      (feature) => JSON.stringify(feature.geometry?.coordinates) === JSON.stringify(pole.geometry!.coordinates),
    );
    expect(sameSpot.length).toBeGreaterThan(0);
    const { page } = await openApp();
    const { x, y } = await project(page, pole.geometry!.coordinates as [number, number]);
    await page.mouse.click(x, y);
    const list = page.getByTestId('features-at-click');
    for (const feature of [pole, ...sameSpot]) await expect.poll(() => list.innerText()).toContain(feature.properties.name);
    // Each listed feature opens its own details.
    await list.getByRole('button', { name: pole.properties.name, exact: true }).click();
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBe(pole.properties.id);
    expect(await page.getByTestId('feature-quote').first().innerText()).toBe(pole.properties.quote);
    await screenshot(page, 'shared-county-seat');
    await page.close();
  });

  it('shows the attributions the licences require, and map controls have Chinese names', async () => {
    const { page } = await openApp();
    await page.getByRole('button', { name: '数据来源与版权' }).click();
    const dialog = page.getByRole('dialog', { name: '数据来源与版权声明' });
    expect(await dialog.innerText()).toContain('GeoNames');
    expect(await dialog.innerText()).toContain('CC BY 4.0');
    expect(await dialog.innerText()).toContain('地图审核');
    await dialog.getByRole('button', { name: '关闭' }).click();
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '放大' }).count()).toBe(1);
    await page.close();
  });

  it('?lang=en shows English, and the switch goes back to Chinese', async () => {
    const { page, record } = await openApp('?lang=en', { width: 1920, height: 1080 });
    expect(await page.locator('h1').innerText()).toContain('Zhumadian Layout Planning Studio');
    expect(await page.getByRole('checkbox', { name: 'Show or hide layer: Central and characteristic towns' }).isChecked()).toBe(true);
    await screenshot(page, 'app-en-1920');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    expect(await page.locator('h1').innerText()).toContain('驻马店市空间布局规划工作台');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});
