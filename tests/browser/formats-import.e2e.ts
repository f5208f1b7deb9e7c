// The planners' GIS files through the real UI: a zipped GBK Shapefile in
// CGCS2000 Gauss–Krüger (CM 114°E, EPSG:4547) dropped on the map is read in the
// worker, the dialog says how many features and which coordinate system it
// read, and the features land where the source GeoJSON puts them with their
// Chinese attributes; an Excel sheet is read as the analysis panel's targets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, launchChromium, project, recordPage, screenshot, waitForMap } from './harness';

const FORMATS = join(import.meta.dirname, '../fixtures/formats');
const fixture = (path: string) => readFileSync(join(FORMATS, path));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
  return page;
}

describe('GIS formats in the app', () => {
  it('a zipped GBK Shapefile in CGCS2000 GK dropped on the map: count and CRS in the dialog, features in place with Chinese attributes', { timeout: 240_000 }, async () => {
    const page = await openApp();
    const record = recordPage(page);
    await dropFile(page, '设施点-4547.zip', fixture('zip/points-gbk-4547.zip'));
    await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => ''), { timeout: 60_000 }).toContain('可导入 6 个要素，拒绝 0 行/个');
    const crs = page.getByTestId('import-crs');
    expect(await crs.getAttribute('data-crs')).toBe('CGCS2000_3_Degree_GK_CM_114E');
    expect(await crs.innerText()).toContain('按 .prj 读取坐标系：CGCS2000_3_Degree_GK_CM_114E');
    expect(await page.getByTestId('import-note').first().innerText()).toContain('属性编码：GBK/GB18030（据 points.cpg）');
    await screenshot(page, 'formats-shapefile-dialog');
    await page.getByRole('button', { name: '确认导入', exact: true }).click();
    await expect.poll(() => page.getByTestId('toast').innerText().catch(() => '')).toContain('已导入 6 个要素');

    // The logistics park the source puts at 114.0132, 33.1458 (clear of the plan's own features): zoomed in on
    // and clicked there, its details are the GBK attributes, intact.
    const place: [number, number] = [114.0132, 33.1458];
    await waitForMap(page);
    for (let step = 0; step < 4; step++) {
      const near = await project(page, place);
      await page.mouse.move(near.x, near.y);
      await page.mouse.wheel(0, -600);
      await page.waitForTimeout(400);
    }
    await waitForMap(page);
    const at = await project(page, place);
    await page.mouse.click(at.x, at.y);
    const details = page.getByTestId('details');
    await expect.poll(() => details.locator('h2').innerText().catch(() => ''), { timeout: 15_000 }).toBe('遂平县物流园');
    expect(await details.innerText()).toContain('嵖岈山方向');
    await screenshot(page, 'formats-shapefile-details');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('an Excel workbook as the analysis targets (first sheet, 经度/纬度 columns)', { timeout: 240_000 }, async () => {
    const page = await openApp();
    const record = recordPage(page);
    await page.getByRole('tab', { name: '空间分析' }).click();
    await page.getByRole('radio', { name: '覆盖率' }).check();
    await page.getByLabel('导入点位文件（CSV / GeoJSON）…').setInputFiles({
      name: '设施点.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fixture('xlsx/facilities.xlsx'),
    });
    await expect.poll(() => page.getByLabel('服务对象').inputValue(), { timeout: 60_000 }).toBe('imported');
    await expect.poll(() => page.getByTestId('import-crs').innerText().catch(() => '')).toContain('经纬度');
    await page.getByLabel('权重字段').selectOption('床位');
    await expect.poll(() => page.getByTestId('coverage-summary').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/\d+ \/ 6/);
    await screenshot(page, 'formats-excel-targets');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});
