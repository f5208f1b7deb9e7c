// Switching the basemap in the built app while the planner is mid-work: an
// analysis shown, a town selected, a polygon half drawn. Only the basemap's
// own sources and layers change: terra-draw's sources and deck.gl's layer group
// stay in the style, the plan symbols keep drawing, the polygon can still be
// finished, and the attributions (map, dialog) and zoom limits follow the
// active records. The compare maps draw the same basemap.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import type { ContextCollection } from '../../src/domain/dataset';
import { BASEMAP_COLORS } from '../../src/map/basemap/kinds/bundledCounties';
import { BLANK_BACKGROUND_COLOR } from '../../src/map/basemap/kinds/blank';
import { PLAN_LABEL_LAYER_ID } from '../../src/map/planLayers';
import { drawnCount, gridInside, offOriginRequests, project, recordPage, screenshot, shareOfColour, sharedBrowserContext, waitForMap, type Screenshot } from './harness';

const shared = sharedBrowserContext();

const DECK_LAYER_GROUP_ID = `deck-maplibre-layer-group-before:${PLAN_LABEL_LAYER_ID}`;
const towns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;
const locatedTowns = towns.features.filter((town) => town.geometry?.type === 'Point');
const context = JSON.parse(readFileSync('data/base/context.geojson', 'utf8')) as ContextCollection;
// A neighbouring prefecture: basemap only, no plan symbol or analysis drawn there.
const zhoukou = context.features.find((feature) => feature.properties.name_zh === '周口')!;
const zhoukouSamples = gridInside(zhoukou).filter(([lng, lat]) => lat < 33.9 && lng < 115.3);

/** What the map's style holds: terra-draw's sources, the layer order, the zoom limits. */
async function styleFacts(page: Page, which: 'main' | 'compare-a' = 'main') {
  return page.evaluate((which) => {
    const map = which === 'main' ? window.__zmdMap! : window.__zmdCompareMaps!.a;
    return {
      sources: Object.keys(map.getStyle().sources),
      // The style's own order, custom layers (deck.gl's group) included: getStyle() leaves those out.
      layers: map.getLayersOrder(),
      minZoom: map.getMinZoom(),
      maxZoom: map.getMaxZoom(),
    };
  }, which);
}

const attributionOnMap = (page: Page) => page.getByTestId('map').locator('.maplibregl-ctrl-attrib-inner').innerText();

/** Located towns whose plan symbol (green) is drawn in the screenshot. */
async function greenTowns(page: Page, shot: Screenshot) {
  const green = (rgb: [number, number, number]) => rgb[1] > rgb[0] + 40 && rgb[1] > rgb[2] + 10;
  const positions = await Promise.all(locatedTowns.map((town) => project(page, town.geometry!.coordinates as [number, number])));
  return positions.filter(({ x, y }) => green(shot.pixel(x, y))).length;
}

describe('switching the basemap', () => {
  it('keeps drawing, selection, analysis and plan symbols; attributions and zoom follow the records', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);

    // An analysis on the map.
    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('analysis-');
    // A town selected.
    const town = locatedTowns[0]!;
    const townPoint = await project(page, town.geometry!.coordinates as [number, number]);
    await page.mouse.click(townPoint.x, townPoint.y);
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBe(town.properties.id);
    // A polygon half drawn: two corners placed, the tool still active.
    const corners: [number, number][] = [
      [114.2, 33.1],
      [114.3, 33.1],
      [114.3, 33.18],
    ];
    const featuresBefore = await drawnCount(page);
    await page.getByRole('button', { name: '画面（G）' }).click();
    for (const corner of corners.slice(0, 2)) {
      const { x, y } = await project(page, corner);
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await waitForMap(page);

    const before = await styleFacts(page);
    const drawSources = before.sources.filter((id) => id.startsWith('zmd-draw-'));
    expect(drawSources.length).toBeGreaterThan(0);
    expect(before.layers).toContain(DECK_LAYER_GROUP_ID);
    expect(before.layers.some((id) => id.startsWith('basemap:bundled-counties:'))).toBe(true);
    expect(before.maxZoom).toBe(14);
    expect(await attributionOnMap(page)).toContain('边界 © 高德');
    const shotBefore = await screenshot(page, 'basemap-bundled-mid-work');
    expect(await shareOfColour(page, shotBefore, zhoukouSamples, BASEMAP_COLORS.neighbourFill)).toBeGreaterThan(0.7);
    const greenBefore = await greenTowns(page, shotBefore);
    expect(greenBefore / locatedTowns.length).toBeGreaterThan(0.6);

    /** Chooses a basemap; the drawing tools' sources and deck.gl's layer group must still be in the style after it. */
    const switchTo = async (title: string, id: string) => {
      await page.getByRole('radio', { name: title }).check();
      await expect.poll(() => page.getByTestId('map').getAttribute('data-basemaps')).toBe(id);
      await waitForMap(page);
      const facts = await styleFacts(page);
      for (const source of drawSources) expect(facts.sources).toContain(source);
      expect(facts.layers).toContain(DECK_LAYER_GROUP_ID);
      return facts;
    };

    // Switch to the blank background.
    const after = await switchTo('空白底图', 'blank');
    expect(after.layers.some((id) => id.startsWith('basemap:bundled-counties:'))).toBe(false);
    expect(after.sources.some((id) => id.startsWith('basemap:bundled-counties:'))).toBe(false);
    // The blank background sits beneath deck.gl's plan layers, the app's own layers unchanged around it.
    expect(after.layers.indexOf('basemap:blank:background')).toBeLessThan(after.layers.indexOf(DECK_LAYER_GROUP_ID));
    const appLayers = (layers: string[]) => layers.filter((id) => !id.startsWith('basemap:'));
    expect(appLayers(after.layers)).toEqual(appLayers(before.layers));
    expect(after.maxZoom).toBe(16);
    expect(await page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('analysis-');
    expect(await page.getByTestId('details').getAttribute('data-feature-id')).toBe(town.properties.id);
    const shotAfter = await screenshot(page, 'basemap-blank-mid-work');
    expect(await shareOfColour(page, shotAfter, zhoukouSamples, BLANK_BACKGROUND_COLOR)).toBeGreaterThan(0.7);
    expect(await greenTowns(page, shotAfter)).toBeGreaterThanOrEqual(Math.floor(greenBefore * 0.9));
    // Credits follow the active records: no boundary credit without the county basemap.
    const blankCredit = await attributionOnMap(page);
    expect(blankCredit).toContain('地名 © GeoNames (CC BY 4.0) · 规划示意图');
    expect(blankCredit).not.toContain('高德');
    await page.getByRole('button', { name: '数据来源与版权' }).click();
    const dialog = page.getByRole('dialog', { name: '数据来源与版权声明' });
    expect(await dialog.innerText()).toContain('GeoNames');
    expect(await dialog.innerText()).not.toContain('高德');
    await dialog.getByRole('button', { name: '关闭' }).click();

    // The half-drawn polygon is still terra-draw's: it can be finished.
    for (const corner of [corners[2]!, corners[0]!]) {
      const { x, y } = await project(page, corner);
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => drawnCount(page)).toBe(featuresBefore + 1);
    await page.getByRole('button', { name: '浏览（Esc）' }).click();

    // The compare maps draw the active basemap too.
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByTestId('open-compare-side-by-side').click();
    for (const side of ['a', 'b'])
      await page.waitForSelector(`[data-testid="compare-map-${side}"][data-map-loaded="true"][data-basemaps="blank"]`, { timeout: 90_000 });
    await page.waitForFunction(() => !!window.__zmdCompareMaps);
    const compareLayers = await styleFacts(page, 'compare-a');
    expect(compareLayers.layers).toContain('basemap:blank:background');
    expect(compareLayers.layers.some((id) => id.startsWith('basemap:bundled-counties:'))).toBe(false);
    await page.getByTestId('compare-maps-close').click();

    // And back: the county basemap, its credit and its zoom limit return; the drawing tools' sources are still there.
    const back = await switchTo('县区底图', 'bundled-counties');
    expect(back.layers.filter((id) => id.startsWith('basemap:'))).toEqual(before.layers.filter((id) => id.startsWith('basemap:')));
    expect(back.maxZoom).toBe(14);
    expect(await attributionOnMap(page)).toContain('边界 © 高德');
    expect(await shareOfColour(page, await screenshot(page, 'basemap-bundled-again'), zhoukouSamples, BASEMAP_COLORS.neighbourFill)).toBeGreaterThan(0.7);

    expect(record.consoleErrors).toEqual([]);
    expect(offOriginRequests(record)).toEqual([]);
    await page.close();
    // Two compare maps on software WebGL, beside other work on the machine: slow.
  }, 240_000);

  it('names the basemaps in English', async () => {
    const page = await shared.context().newPage();
    await page.goto(`${String(inject('baseUrl'))}?lang=en`);
    await waitForMap(page);
    await page.getByRole('radio', { name: 'Blank background' }).check();
    await expect.poll(() => page.getByTestId('map').getAttribute('data-basemaps')).toBe('blank');
    expect(await attributionOnMap(page)).toContain('Places © GeoNames (CC BY 4.0) · schematic plan map');
    expect(await page.getByRole('radio', { name: 'County basemap' }).isChecked()).toBe(false);
    await page.close();
  });
});
