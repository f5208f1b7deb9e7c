// A million imported points (issue 14): read in the io worker, handed over as
// columns, stored as columns, drawn from one array and picked. The map is
// zoomed in before the import: software WebGL (SwiftShader) here draws a
// million dots over the whole city in tens of seconds a frame, which is this
// machine's renderer, not the app; on a graphics card it is one draw call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, project, recordPage, screenshot, waitForMap } from './harness';

const SIDE = 1000;
const POINTS = SIDE * SIDE;
const counties = JSON.parse(readFileSync('data/base/counties.geojson', 'utf8')) as Parameters<typeof turf.bbox>[0];
const [west, south, east, north] = turf.bbox(counties);
/** Grid point (i, j) as the CSV writes it: 点{j·1000 + i + 1}. */
const gridPoint = (i: number, j: number): [number, number] => [
  Number((west + ((i + 0.5) * (east - west)) / SIDE).toFixed(6)),
  Number((south + ((j + 0.5) * (north - south)) / SIDE).toFixed(6)),
];

let browser: Browser;
let folder: string;
beforeAll(async () => {
  browser = await launchChromium();
  folder = mkdtempSync(join(tmpdir(), 'zmd-million-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

const withoutSeparators = (text: string) => text.replace(/[,，]/g, '');

it('1,000,000 imported points are imported, drawn and picked', { timeout: 900_000 }, async () => {
  const started = Date.now();
  const step = (what: string) => console.log(`[million ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
  const rows = ['名称,经度,纬度'];
  for (let j = 0; j < SIDE; j++) for (let i = 0; i < SIDE; i++) rows.push(`点${j * SIDE + i + 1},${gridPoint(i, j).map((value) => value.toFixed(6)).join(',')}`);
  const path = join(folder, '百万点.csv');
  writeFileSync(path, rows.join('\r\n'));

  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const record = recordPage(page);
  await page.goto(String(inject('baseUrl')));
  await waitForMap(page);
  const [ci, cj] = [SIDE / 2, SIDE / 2];
  await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 15 }), gridPoint(ci, cj));
  await waitForMap(page);
  await page.locator('.top-actions label.file-button').first().locator('input[type=file]').setInputFiles(path);
  await expect
    .poll(async () => withoutSeparators(await page.getByTestId('import-summary').innerText().catch(() => '')), { timeout: 600_000, interval: 1000 })
    .toContain(`可导入 ${POINTS} 个要素`);
  step('import dialog ready');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect
    .poll(async () => withoutSeparators(await page.getByTestId('toast').innerText().catch(() => '')), { timeout: 300_000, interval: 1000 })
    .toContain(`已导入 ${POINTS} 个要素`);
  await expect.poll(() => page.getByTestId('map').getAttribute('data-underlay-layers'), { timeout: 300_000 }).toContain('imported-');
  expect(withoutSeparators((await page.getByTestId('imported-layer-count').allInnerTexts()).join(' '))).toContain(String(POINTS));
  step('layer on the map');
  await waitForMap(page);
  const shot = await screenshot(page, 'million-zoomed');
  step('screenshot');

  // Drawn: the grid points in view show the imported layer's purple dot.
  const bounds = (await page.evaluate(() => window.__zmdMap!.getBounds().toArray())) as [[number, number], [number, number]];
  const inView: { name: string; position: [number, number] }[] = [];
  for (let j = cj - 3; j <= cj + 3; j++)
    for (let i = ci - 3; i <= ci + 3; i++) {
      const position = gridPoint(i, j);
      const inside = position[0] > bounds[0][0] && position[0] < bounds[1][0] && position[1] > bounds[0][1] && position[1] < bounds[1][1];
      if (inside) inView.push({ name: `点${j * SIDE + i + 1}`, position });
    }
  expect(inView.length).toBeGreaterThan(3);
  const purple = ([r, g, b]: [number, number, number]) => b > g + 50 && r > g + 15;
  const drawn: { name: string; at: { x: number; y: number } }[] = [];
  for (const { name, position } of inView) {
    const at = await project(page, position);
    if ([[0, 0], [2, 0], [-2, 0], [0, 2], [0, -2]].filter(([dx, dy]) => purple(shot.pixel(at.x + dx!, at.y + dy!))).length >= 4) drawn.push({ name, at });
  }
  console.log(`${drawn.length} of ${inView.length} grid points in view show the purple dot`);
  expect(drawn.length).toBe(inView.length);

  // Picked: a click on a dot shows that very point (the grid is ~100 m apart, several dots' widths at zoom 15).
  const target = drawn[Math.floor(drawn.length / 2)]!;
  await page.mouse.click(target.at.x, target.at.y);
  await expect.poll(() => page.getByTestId('details').locator('h2').innerText().catch(() => ''), { timeout: 300_000 }).toBe(target.name);
  step(`picked ${target.name}`);
  expect(record.consoleErrors).toEqual([]);
  await page.close();
});
