// Scenario editing in the built app: drawing with the mouse, undo/redo,
// autosave across a reload, placing an unlocated town, importing by drag and drop.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { PlanLayerCollection } from '../../src/domain/plan';
import { dropFile, drawnCount, project, recordPage, screenshot, sharedBrowserContext, waitForMap, waitSaved } from './harness';

const towns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;

const shared = sharedBrowserContext();


async function open(page: Page) {
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
}

describe('editing scenarios', () => {
  it('draws a polygon with the mouse, undoes and redoes it, and keeps it across a reload', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    expect(await page.getByTestId('scenario-select').inputValue()).toBe('scenario-variant-a');
    const before = await drawnCount(page);

    await page.getByRole('button', { name: '画面（G）' }).click();
    const corners: [number, number][] = [
      [114.2, 33.1],
      [114.3, 33.1],
      [114.3, 33.18],
      [114.2, 33.18],
    ];
    for (const corner of corners) {
      const { x, y } = await project(page, corner);
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    const first = await project(page, corners[0]!);
    await page.mouse.click(first.x, first.y); // closing click on the first vertex
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toMatch(/^business-districts-drawn-/);
    await screenshot(page, 'editing-polygon-drawn');

    await page.getByRole('button', { name: '浏览（Esc）' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => drawnCount(page), { timeout: 30_000 }).toBe(before + 1);

    await waitSaved(page);
    await page.reload();
    await waitForMap(page);
    expect(await page.getByTestId('scenario-select').inputValue()).toBe('scenario-variant-a');
    expect(await drawnCount(page)).toBe(before + 1);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('snaps a new line to a vertex of an existing feature', async () => {
    const page = await shared.context().newPage();
    await open(page);
    // The polygon drawn in the first test has a corner at [114.3, 33.1]; click 5 px beside it.
    const corner = await project(page, [114.3, 33.1]);
    const end = await project(page, [114.45, 33.0]);
    await page.keyboard.press('l');
    await page.mouse.move(corner.x + 4, corner.y + 3);
    await page.mouse.click(corner.x + 4, corner.y + 3);
    await page.mouse.move(end.x, end.y, { steps: 5 });
    await page.mouse.click(end.x, end.y);
    await page.mouse.click(end.x, end.y); // clicking the last point again finishes the line
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toMatch(/-drawn-/);
    const lineId = await page.getByTestId('details').getAttribute('data-feature-id');
    await waitSaved(page);
    // Read what was saved, straight from IndexedDB.
    const coordinates = await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhumadian-layout-studio');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const scenario = await new Promise<{ layers: { features: { geometry: { coordinates: number[][] }; properties: { id: string } }[] }[] }>(
        (resolve, reject) => {
          const request = db.transaction('scenarios').objectStore('scenarios').get('scenario-variant-a');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        },
      );
      db.close();
      return scenario.layers.flatMap((layer) => layer.features).find((feature) => feature.properties.id === id)!.geometry.coordinates;
    }, lineId);
    expect(coordinates[0]![0]).toBeCloseTo(114.3, 6);
    expect(coordinates[0]![1]).toBeCloseTo(33.1, 6);
    await page.close();
  });

  it('moves a town with the select tool; its accuracy becomes "placed"', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    const town = towns.features.find((feature) => feature.geometry?.type === 'Point')!;
    const [lng, lat] = town.geometry!.coordinates as [number, number];
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 11 }), [lng, lat] as [number, number]);
    await waitForMap(page);
    await page.keyboard.press('v');
    const from = await project(page, [lng, lat]);
    await page.mouse.click(from.x, from.y);
    await expect.poll(() => page.getByTestId('details').getAttribute('data-feature-id')).toBe(town.properties.id);
    await page.waitForTimeout(300);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 8; step += 1) await page.mouse.move(from.x + step * 10, from.y + step * 5);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('feature-accuracy').innerText()).toBe('规划人员放置');
    await screenshot(page, 'editing-moved-town');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('feature-accuracy').innerText()).toBe('GeoNames 地名坐标');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('refuses to edit the read-only baseline, with a message', async () => {
    const page = await shared.context().newPage();
    await open(page);
    await page.getByTestId('scenario-select').selectOption('baseline');
    await page.getByRole('button', { name: '画点（P）' }).click();
    const { x, y } = await project(page, [114.1, 33.0]);
    await page.mouse.click(x, y);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '只读' }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('scenario-select').selectOption('scenario-variant-a');
    await waitSaved(page);
    await page.close();
  });

  it('places an unlocated town with a click, undoably', async () => {
    const page = await shared.context().newPage();
    await open(page);
    const town = towns.features.find((feature) => feature.geometry === null)!;
    const total = async () => Number((await page.getByTestId('unlocated-total').innerText()).match(/\d+/)![0]);
    const unlocatedBefore = await total();
    await page.locator(`details[data-county="${town.properties.county ?? ''}"] summary`).click();
    await page.getByRole('button', { name: `在地图上放置“${town.properties.name}”` }).click();
    const { x, y } = await project(page, [114.5, 33.05]);
    await page.mouse.click(x, y);
    await expect.poll(total).toBe(unlocatedBefore - 1);
    expect(await page.getByTestId('feature-accuracy').innerText()).toBe('规划人员放置');
    await page.keyboard.press('Control+z');
    await expect.poll(total).toBe(unlocatedBefore);
    await page.close();
  });

  it('edits an attribute in the table; the map and the table share one undo history', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
    const nameInput = page.locator('[data-testid="attribute-table"] tr[data-feature-id="hub-biyang-cold-chain"] input[data-field="name"]');
    expect(await nameInput.inputValue()).toBe('泌阳冷链物流片区');
    await nameInput.fill('泌阳冷链物流片区（调整）');
    await nameInput.press('Enter');
    await page.locator('[data-testid="attribute-table"] tr[data-feature-id="hub-biyang-cold-chain"]').click();
    await expect.poll(() => page.getByTestId('details').locator('h2').innerText()).toBe('泌阳冷链物流片区（调整）');
    await screenshot(page, 'editing-attribute-table');
    await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
    await expect.poll(() => nameInput.inputValue()).toBe('泌阳冷链物流片区');
    await page.getByRole('button', { name: '重做（Ctrl+Shift+Z / Ctrl+Y）' }).click();
    await expect.poll(() => nameInput.inputValue()).toBe('泌阳冷链物流片区（调整）');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('compares the baseline with the urbanisation-plan scenario and draws the difference', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByTestId('compare-a').selectOption('baseline');
    await page.getByTestId('compare-b').selectOption('scenario-variant-b');
    // Variant B drops the five 商圈 of the service-industry plan (variant A).
    await expect.poll(() => page.getByTestId('compare-group-only-a').getAttribute('data-count')).toBe('5');
    expect(await page.getByTestId('compare-group-only-b').getAttribute('data-count')).toBe('0');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('diff-');
    await expect.poll(() => page.getByTestId('compare-figures-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await screenshot(page, 'editing-compare');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('creates, renames and deletes a scenario through in-app dialogs; a hostile name stays text', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    let nativeDialogs = 0;
    page.on('dialog', (dialog) => {
      nativeDialogs += 1;
      void dialog.dismiss();
    });
    await open(page);
    const select = page.getByTestId('scenario-select');
    const before = await select.locator('option').count();
    const hostile = '<img src=x onerror="window.__pwned=1">方案';

    await page.getByRole('button', { name: '新建方案' }).click();
    const ask = page.getByRole('dialog', { name: '新方案名称（以当前方案为起点）' });
    await ask.getByRole('textbox').fill('不会建立');
    await page.keyboard.press('Escape'); // cancel: nothing created
    await expect.poll(() => page.getByTestId('ask-dialog').count()).toBe(0);
    expect(await select.locator('option').count()).toBe(before);

    await page.getByRole('button', { name: '新建方案' }).click();
    await ask.getByRole('textbox').fill(hostile);
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await expect.poll(() => select.locator('option').count()).toBe(before + 1);
    expect(await select.locator('option:checked').innerText()).toContain(hostile);

    await page.getByRole('button', { name: '更多方案操作（重命名、删除）' }).click();
    await page.getByRole('menuitem', { name: '重命名' }).click();
    const rename = page.getByRole('dialog', { name: '方案名称' });
    expect(await rename.getByRole('textbox').inputValue()).toBe(hostile);
    await rename.getByRole('textbox').fill('改名后的方案');
    await page.getByRole('button', { name: '重命名', exact: true }).click();
    await expect.poll(() => select.locator('option:checked').innerText()).toContain('改名后的方案');

    await page.getByRole('button', { name: '更多方案操作（重命名、删除）' }).click();
    await page.getByRole('menuitem', { name: '删除方案' }).click();
    expect(await page.getByTestId('ask-dialog').locator('h2').innerText()).toContain('改名后的方案');
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => select.locator('option').count()).toBe(before);
    expect(nativeDialogs).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await waitSaved(page);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('imports a CSV dropped on the map, and reports the rejected row', async () => {
    const page = await shared.context().newPage();
    const record = recordPage(page);
    await open(page);
    const csv = '名称,经度,纬度\r\n测试点甲,114.10,33.00\r\n测试点乙,114.20,32.90\r\n坏点,abc,32.9\r\n';
    await dropFile(page, '测试点.csv', csv, { type: 'text/csv' });
    await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => '')).toContain('可导入 2 个要素');
    expect(await page.getByTestId('import-rejected').innerText()).toContain('第 4 行');
    await screenshot(page, 'editing-import-dialog');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByTestId('toast').innerText().catch(() => '')).toContain('已导入 2 个要素');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-underlay-layers')).toContain('imported-');
    // An imported point opens its own details (its properties, as text).
    await waitForMap(page);
    const point = await project(page, [114.1, 33.0]);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.getByTestId('details').locator('h2').innerText().catch(() => '')).toBe('测试点甲');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});
