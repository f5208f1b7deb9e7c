// What a planner's walkthrough of the built app found (the "tried as a planner
// would" issue), one test per finding: each failed before its fix.
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { CountyCollection } from '../../src/domain/dataset';
import type { PlanLayerCollection } from '../../src/domain/plan';
import { TOAST_MS } from '../../src/ui/Toast';
import { closePagesAfterEach, project, recordPage, screenshot, sharedBrowserContext, waitForMap } from './harness';

const shared = sharedBrowserContext();
const trackPage = closePagesAfterEach();

async function openApp(query = ''): Promise<Page> {
  const page = await shared.context().newPage();
  trackPage(page);
  recordPage(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  await waitForMap(page);
  return page;
}

const towns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;

describe('counts that add up', () => {
  it('the towns layer says how many towns are both 中心镇 and 特色小镇, so 32 + 14 beside 40 adds up', async () => {
    const inBoth = towns.features.filter((town) => (town.properties.roles ?? []).length > 1).length;
    expect(inBoth).toBeGreaterThan(0);
    const page = await openApp();
    const towns_ = page.locator('li.layer[data-layer="towns"]');
    const classCounts = (await towns_.locator('.class-list .count').allTextContents()).map(Number);
    const total = Number(/\d+/.exec((await towns_.locator('.layer-toggle .count').textContent()) ?? '')?.[0]);
    expect(classCounts.reduce((sum, count) => sum + count, 0) - total).toBe(inBoth);
    await expect.poll(() => page.getByTestId('class-overlap-towns').textContent()).toContain(`其中 ${inBoth} 项同时属于两类`);
    await page.goto(`${inject('baseUrl')}?lang=en`);
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('class-overlap-towns').textContent()).toContain(`${inBoth} of them belong to two classes`);
  });
});

describe('messages that go away', () => {
  it('a toast dismisses itself, but not while the pointer is on it', async () => {
    const page = await openApp();
    const showToast = () =>
      page.getByTestId('project-file-input').setInputFiles({ name: 'broken.zmdplan.json', mimeType: 'application/json', buffer: Buffer.from('not a project') });
    await showToast();
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    await page.waitForTimeout(TOAST_MS + 1500);
    expect(await toast.count()).toBe(0);

    await showToast();
    await toast.hover();
    await page.waitForTimeout(TOAST_MS + 1500);
    expect(await toast.count(), 'held while hovered').toBe(1);
    await page.mouse.move(5, 5);
    await toast.waitFor({ state: 'detached', timeout: TOAST_MS + 5000 });
  });
});

describe('a moved town is where it is now', () => {
  it('dragging a town into another county changes its 县区, and the details say so; undo restores it', async () => {
    const page = await openApp();
    const town = towns.features.find((feature) => feature.properties.id === 'town-yangce')!;
    const counties = JSON.parse(readFileSync('data/base/counties.geojson', 'utf8')) as CountyCollection;
    const biyang = counties.features.find((county) => county.properties.adcode === town.properties.county)!.properties;
    const acrossTheLine: [number, number] = [113.62, 32.93]; // east of 羊册, over 泌阳县's line
    const destination = counties.features.find((county) => booleanPointInPolygon(acrossTheLine, county))!.properties;
    expect(destination.adcode).not.toBe(biyang.adcode);
    const [lng, lat] = town.geometry!.coordinates as [number, number];
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 9.5 }), [(lng + acrossTheLine[0]) / 2, (lat + acrossTheLine[1]) / 2] as [number, number]);
    await waitForMap(page);
    await page.keyboard.press('v');
    const from = await project(page, [lng, lat]);
    await page.mouse.click(from.x, from.y);
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBe('town-yangce');
    expect(await page.getByTestId('feature-county').innerText()).toBe(biyang.name_zh);
    await page.waitForTimeout(300);
    const to = await project(page, acrossTheLine);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(from.x + ((to.x - from.x) * step) / 10, from.y + ((to.y - from.y) * step) / 10);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('feature-county').innerText()).toBe(destination.name_zh);
    expect(await page.getByTestId('feature-placement').innerText()).toContain(`所属县区按新位置改为${destination.name_zh}（原为${biyang.name_zh}）`);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('feature-county').innerText()).toBe(biyang.name_zh);
  });
});

describe('words that do not clash', () => {
  it('the compare slots are 左侧/右侧, not 方案 A/B beside scenarios named 方案A/方案B', async () => {
    const page = await openApp();
    await page.getByRole('tab', { name: '方案对比' }).click();
    // The compare panel's code loads on first use.
    await page.getByTestId('compare-a').waitFor();
    const slotLabels = await page.locator('label.field:has([data-testid^="compare-"]) > span').allInnerTexts();
    expect(slotLabels).toEqual(['左侧', '右侧']);
    const scenarioNames = await page.getByTestId('compare-a').locator('option').allInnerTexts();
    expect(scenarioNames.some((name) => /方案A/.test(name)), 'the starting scenarios are named 方案A/方案B').toBe(true);
    for (const label of slotLabels) expect(label).not.toMatch(/方案\s*[AB]/);
  });
});

describe('the PNG dialog starts where the planner left it', () => {
  it('offers screen 2× first, then remembers the last size across a reload', async () => {
    const page = await openApp();
    const openDialog = async () => {
      await page.click('[data-testid="export-button"]');
      await page.click('[data-testid="export-png"]');
      await page.waitForSelector('[data-testid="png-export-dialog"][open]');
    };
    const checked = () => page.locator('[data-testid^="png-size-"]:checked').getAttribute('data-testid');
    await page.evaluate(() => localStorage.removeItem('zmd.pngPreset'));
    await openDialog();
    expect(await checked()).toBe('png-size-screen-2x');
    await page.check('[data-testid="png-size-A4-150dpi"]');
    await page.click('[data-testid="png-close"]');
    await openDialog();
    expect(await checked()).toBe('png-size-A4-150dpi');
    await page.reload();
    await waitForMap(page);
    await openDialog();
    expect(await checked()).toBe('png-size-A4-150dpi');
  }, 150_000); // two map loads on software WebGL
});

describe('a row being edited stays in view', () => {
  it('renaming a row so that it no longer matches the table filter keeps it listed until the filter changes', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
    // The English name is the one column that says "cold-chain" in English: renaming it takes the row out of the filter.
    await page.getByTestId('attr-filter').fill('Biyang cold-chain');
    const row = page.locator('[data-testid="attribute-table"] tr[data-feature-id="hub-biyang-cold-chain"]');
    await row.waitFor();
    const nameInput = row.locator('input[data-field="name_en"]');
    await nameInput.fill('Cold store zone (renamed)');
    await nameInput.press('Enter');
    await page.waitForTimeout(500);
    expect(await row.count(), 'the renamed row is still listed').toBe(1);
    expect(await nameInput.inputValue()).toBe('Cold store zone (renamed)');
    await page.getByTestId('attr-filter').fill('不在任何一行');
    await expect.poll(() => row.count(), { message: 'a new filter applies to it again' }).toBe(0);
  });
});

async function openAnalysisPanel(page: Page) {
  await page.getByRole('tab', { name: '空间分析' }).click();
  await page.waitForSelector('[data-testid="analysis-status"][data-status="done"]', { timeout: 30_000 });
}

describe('a result says what it was computed with', () => {
  it('changing minutes while the analysis is hidden marks the 20-minute result stale, blocks its CSV, and a re-run clears it', async () => {
    const page = await openApp();
    await openAnalysisPanel(page);
    const minutes = page.getByLabel('时间（分钟）');
    await minutes.fill('20');
    await expect.poll(() => page.getByTestId('computed-with').textContent(), { timeout: 30_000 }).toContain('20 分钟');
    const radius20 = await page.getByTestId('analysis-result').textContent();
    expect(await page.getByTestId('analysis-result').getAttribute('data-stale')).toBe('false');

    await page.getByRole('checkbox', { name: '在地图上显示分析结果' }).uncheck();
    await minutes.fill('40');
    await expect.poll(() => page.getByTestId('stale-result').textContent()).toContain('时间已改变');
    expect(await page.getByTestId('analysis-result').getAttribute('data-stale')).toBe('true');
    expect(await page.getByTestId('computed-with').textContent(), 'still names the parameters of the result shown').toContain('20 分钟');
    expect(await page.getByTestId('analysis-result').textContent(), 'the 20-minute figures, not a silent mix').toBe(radius20);
    expect(await page.getByRole('button', { name: '导出 CSV' }).isDisabled()).toBe(true);

    await page.getByRole('checkbox', { name: '在地图上显示分析结果' }).check();
    await expect.poll(() => page.getByTestId('computed-with').textContent(), { timeout: 30_000 }).toContain('40 分钟');
    expect(await page.getByTestId('stale-result').count()).toBe(0);
    expect(await page.getByRole('button', { name: '导出 CSV' }).isDisabled()).toBe(false);
  });
});

describe('one definition of the detour factor', () => {
  it('circles and coverage do not offer a detour factor they ignore; catchment does; speeds are in km/h', async () => {
    const page = await openApp();
    await openAnalysisPanel(page);
    expect(await page.getByLabel('绕行系数', { exact: true }).count(), 'circles: radius = speed × time').toBe(0);
    expect(await page.getByTestId('radius-rule').textContent()).toContain('不乘绕行系数');
    const speed = page.getByLabel(/速度（千米\/小时/);
    expect(Number(await speed.inputValue())).toBeCloseTo(4, 5); // 1,000 m in 15 min
    await speed.fill('5');
    // 5 km/h × 15 min = 1,250 m
    await expect.poll(() => page.getByTestId('analysis-result').textContent(), { timeout: 30_000 }).toContain('半径 1250 米');
    expect(await page.getByTestId('computed-with').textContent()).toContain('5 千米/小时（83 米/分钟）');

    await page.getByRole('radio', { name: '覆盖率' }).check();
    expect(await page.getByLabel('绕行系数', { exact: true }).count()).toBe(0);
    await page.getByRole('radio', { name: '服务范围' }).check();
    expect(await page.getByLabel('绕行系数', { exact: true }).count(), 'catchment turns distance into minutes with it').toBe(1);
  });
});

async function importOnePoint(page: Page, site: [number, number], name: string) {
  const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: name }, geometry: { type: 'Point', coordinates: site } }] };
  await page.locator('.top-actions label.file-button').first().locator('input[type=file]').setInputFiles({ name: '地块.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
  await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => '')).toContain('可导入 1 个要素');
  await page.getByRole('button', { name: '确认导入', exact: true }).click();
  await expect.poll(() => page.getByTestId('import-dialog').count()).toBe(0);
  await waitForMap(page);
}

describe('a click picks what is under it', () => {
  it('on a touch screen, a tap on an imported point after a tap at the city centre selects the point', async () => {
    const context = await shared.browser().newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(String(inject('baseUrl')));
      await waitForMap(page);
      const site: [number, number] = [114.22, 32.86];
      await importOnePoint(page, site, '触屏地块');
      const centre = await project(page, [114.02944, 32.97944]);
      const target = await project(page, site);
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.touchscreen.tap(centre.x, centre.y);
        await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBeTruthy();
        const before = await page.getByTestId('details').getAttribute('data-feature-id');
        await page.waitForTimeout(400); // not a double tap
        await page.touchscreen.tap(target.x, target.y);
        await expect.poll(() => page.getByTestId('details').textContent(), { message: `try ${attempt + 1}` }).toContain('触屏地块');
        expect(await page.getByTestId('details').getAttribute('data-feature-id')).not.toBe(before);
        await page.waitForTimeout(400);
      }
    } finally {
      await context.close();
    }
  });

  it('after hovering and clicking the symbols at the city centre, a tap on an imported point 28 km away selects that point', async () => {
    const page = await openApp();
    const site: [number, number] = [114.22, 32.86];
    await importOnePoint(page, site, '测试地块');
    const centre = await project(page, [114.02944, 32.97944]);
    const target = await project(page, site);
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.mouse.move(centre.x, centre.y, { steps: 4 });
      await page.waitForTimeout(300);
      await page.mouse.click(centre.x, centre.y);
      // The city centre holds a stack of plan features; one of them is now selected.
      await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBeTruthy();
      const hovered = await page.getByTestId('details').getAttribute('data-feature-id');
      await page.mouse.move(centre.x + 2, centre.y + 1);
      await page.waitForTimeout(300);
      // A tap: no pointer travel between the hover and the click.
      await page.mouse.click(target.x, target.y);
      await expect.poll(() => page.getByTestId('details').textContent(), { message: `try ${attempt + 1}` }).toContain('测试地块');
      expect(await page.getByTestId('details').getAttribute('data-feature-id')).not.toBe(hovered);
    }
  });
});

describe('results over the plan targets say where those are located', () => {
  it('coverage of the towns names the counties it does not describe, in the panel and in the CSV notes', async () => {
    const page = await openApp();
    await openAnalysisPanel(page);
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await expect.poll(() => page.getByTestId('computed-with').textContent(), { timeout: 30_000 }).toContain('覆盖率');
    const note = (await page.getByTestId('target-gaps').textContent()) ?? '';
    expect(note).toMatch(/^目标只在.+有定位（\d+ \/ 40 个/);
    expect(note).toContain('结果不描述');
    await screenshot(page, 'walkthrough-target-gaps');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analysis-panel').getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const [notes, table] = csv.replace(/^\uFEFF/, '').split('\r\n\r\n');
    // The header block names the result and each parameter on its own line (src/io/export/analysisResults.ts).
    expect(notes).toContain('分析类型,覆盖率');
    expect(notes).toContain(`服务对象说明,${note}`);
    expect(notes).toContain('示意说明,');
    expect(table!.split('\r\n').length).toBeGreaterThan(1);
  });
});
