// The compare maps in the built app: a scenario that differs from A by one
// drawn polygon, shown with a swipe divider (A left, B right, proved from
// screenshot pixels), the divider dragged with the mouse and moved with the
// keyboard, then side by side with cameras that follow each other, and Esc.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { closePagesAfterEach, colorDistance, drawnCount, offOriginRequests, project, recordPage, screenshot, sharedBrowserContext, waitForMap, type PageRecord, type Screenshot } from './harness';

const shared = sharedBrowserContext();
// A failed test must not leave three WebGL maps rendering while the next one runs.
const trackPage = closePagesAfterEach();

async function openApp(): Promise<{ page: Page; record: PageRecord }> {
  const page = await shared.context().newPage();
  trackPage(page);
  const record = recordPage(page);
  await page.goto(String(inject('baseUrl')));
  return { page, record };
}

type LngLat = [number, number];
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}


/** Both compare maps loaded, drawn and idle. */
async function waitForCompareMaps(page: Page) {
  for (const side of ['a', 'b'])
    // Two more maps, each generating its own CJK label glyphs: slow on software WebGL.
    await page.waitForSelector(`[data-testid="compare-map-${side}"][data-map-loaded="true"][data-drawn-features]`, { timeout: 90_000 });
  await page.waitForFunction(() => !!window.__zmdCompareMaps);
  await page.evaluate(() =>
    Promise.all(
      Object.values(window.__zmdCompareMaps!).map(
        (map) =>
          new Promise<void>((resolve) => {
            map.triggerRepaint();
            map.once('idle', () => resolve());
          }),
      ),
    ),
  );
  // deck.gl and the label atlas draw on the next frames.
  await page.waitForTimeout(400);
}

/** The polygon's screen rectangle on one compare map (page coordinates). */
async function rectOn(page: Page, side: 'a' | 'b', corners: LngLat[]): Promise<Rect> {
  const points = await page.evaluate(
    ([which, lngLats]) => lngLats.map((lngLat) => window.__zmdCompareMaps![which].project(lngLat)),
    [side, corners] as const,
  );
  const box = (await page.getByTestId(`compare-map-${side}`).boundingBox())!;
  const xs = points.map((point) => box.x + point.x);
  const ys = points.map((point) => box.y + point.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

async function dividerX(page: Page): Promise<number> {
  const root = (await page.getByTestId('compare-maps').boundingBox())!;
  const percent = Number(await page.getByTestId('compare-maps').getAttribute('data-divider-percent'));
  return root.x + (root.width * percent) / 100;
}

/**
 * Where A's and B's renderings differ inside the polygon (B's tint), the split
 * screenshot must look like A left of the divider and like B right of it.
 */
function splitAgreement(split: Screenshot, onlyA: Screenshot, onlyB: Screenshot, rect: Rect, x0: number) {
  const counts = { left: 0, leftLikeA: 0, right: 0, rightLikeB: 0, samples: 0, differing: 0 };
  const inset = 8;
  for (const y of [rect.top + (rect.bottom - rect.top) * 0.2, rect.top + (rect.bottom - rect.top) * 0.8]) {
    for (let x = rect.left + inset; x <= rect.right - inset; x += 3) {
      if (Math.abs(x - x0) < 8) continue;
      counts.samples += 1;
      const a = onlyA.pixel(x, y);
      const b = onlyB.pixel(x, y);
      if (colorDistance(a, b) < 15) continue;
      counts.differing += 1;
      const pixel = split.pixel(x, y);
      const likeA = colorDistance(pixel, a) < colorDistance(pixel, b);
      if (x < x0) {
        counts.left += 1;
        if (likeA) counts.leftLikeA += 1;
      } else {
        counts.right += 1;
        if (!likeA) counts.rightLikeB += 1;
      }
    }
  }
  return counts;
}

async function expectSplitAt(page: Page, name: string, onlyA: Screenshot, onlyB: Screenshot, rect: Rect) {
  await waitForCompareMaps(page);
  const split = await screenshot(page, name);
  const x0 = await dividerX(page);
  const counts = splitAgreement(split, onlyA, onlyB, rect, x0);
  const context = JSON.stringify({ name, counts, rect, x0 });
  // The divider is inside the polygon, so both sides have samples where A and B differ.
  expect(counts.left, context).toBeGreaterThan(10);
  expect(counts.right, context).toBeGreaterThan(10);
  expect(counts.leftLikeA / counts.left, context).toBeGreaterThan(0.9);
  expect(counts.rightLikeB / counts.right, context).toBeGreaterThan(0.9);
  return counts;
}

async function centers(page: Page) {
  return page.evaluate(() => {
    const maps = window.__zmdCompareMaps!;
    return { a: maps.a.getCenter().toArray(), b: maps.b.getCenter().toArray(), zoomA: maps.a.getZoom(), zoomB: maps.b.getZoom() };
  });
}

/** Drags a map with the mouse and waits until both compare maps have settled on one camera. */
async function dragMap(page: Page, testId: string, dx: number, dy: number) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height * 0.3;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) await page.mouse.move(x + (dx * step) / 10, y + (dy * step) / 10);
  await page.mouse.up();
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const maps = window.__zmdCompareMaps!;
        if (!maps.a.isMoving() && !maps.b.isMoving()) resolve();
        else maps.a.once('moveend', () => resolve());
      }),
  );
}

describe('compare maps', () => {
  it('swipes between scenario A and an edited B, drags and keys the divider, syncs side by side, and closes with Esc', async () => {
    const { page, record } = await openApp();
    await waitForMap(page);
    expect(await page.getByTestId('scenario-select').inputValue()).toBe('scenario-variant-a');

    // B: a copy of 方案A with one polygon drawn across the middle of the map.
    await page.getByRole('button', { name: '新建方案' }).click();
    await page.getByRole('dialog', { name: '新方案名称（以当前方案为起点）' }).getByRole('textbox').fill('卷帘测试方案');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await expect.poll(() => page.getByTestId('scenario-select').inputValue()).not.toBe('scenario-variant-a');
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    const corners = await page.evaluate(
      ({ width, height }) =>
        (
          [
            [0.2, 0.4],
            [0.8, 0.4],
            [0.8, 0.6],
            [0.2, 0.6],
          ] as const
        ).map(([fx, fy]) => window.__zmdMap!.unproject([width * fx, height * fy]).toArray() as [number, number]),
      { width: mapBox.width, height: mapBox.height },
    );
    const before = await drawnCount(page, 'map');
    await page.getByRole('button', { name: '画面（G）' }).click();
    for (const corner of [...corners, corners[0]!]) {
      const { x, y } = await project(page, corner);
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    // The rectangle reaches past the city boundary: it is saved once the planner confirms (issue 16, bug 6).
    const ask = page.getByTestId('ask-dialog');
    await ask.waitFor();
    expect(await ask.innerText()).toContain('市界外');
    await ask.getByRole('button', { name: '仍然保存' }).click();
    await expect.poll(() => drawnCount(page, 'map')).toBe(before + 1);
    await page.getByRole('button', { name: '浏览（Esc）' }).click();

    // The compare tab: A = 方案A, B = the current (edited) scenario; one feature differs.
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByTestId('compare-a').selectOption('scenario-variant-a');
    await expect.poll(() => page.getByTestId('compare-summary').getAttribute('data-features-differing')).toBe('1');

    await page.getByRole('button', { name: '卷帘对比' }).click();
    await waitForCompareMaps(page);
    expect(await page.getByTestId('compare-maps').getAttribute('data-mode')).toBe('swipe');
    expect(await page.getByTestId('compare-title-a').innerText()).toBe('A: 方案A：服务业规划的五大商圈');
    expect(await page.getByTestId('compare-title-b').innerText()).toBe('B: 卷帘测试方案');
    expect(await drawnCount(page, 'compare-map-b')).toBe((await drawnCount(page, 'compare-map-a')) + 1);
    // The compare maps open where the main map is.
    const opened = await page.evaluate(() => ({ main: window.__zmdMap!.getCenter().toArray(), a: window.__zmdCompareMaps!.a.getCenter().toArray() }));
    expect(opened.a[0]).toBeCloseTo(opened.main[0], 6);
    expect(opened.a[1]).toBeCloseTo(opened.main[1], 6);

    const divider = page.getByRole('separator', { name: '卷帘分隔线：左侧与右侧方案' });
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    const rect = await rectOn(page, 'a', corners);

    // A alone (divider at the right end) and B alone (at the left end): the references.
    await divider.focus();
    await page.keyboard.press('End');
    expect(await divider.getAttribute('aria-valuenow')).toBe('100');
    await waitForCompareMaps(page);
    const onlyA = await screenshot(page, 'compare-maps-only-a');
    await page.keyboard.press('Home');
    expect(await divider.getAttribute('aria-valuenow')).toBe('0');
    await waitForCompareMaps(page);
    const onlyB = await screenshot(page, 'compare-maps-only-b');
    // The polygon is B's alone: its tint is there in B and not in A.
    const tint = splitAgreement(onlyB, onlyA, onlyB, rect, -1);
    expect(tint.differing / tint.samples).toBeGreaterThan(0.6);

    // Keyboard: 25 steps of 2 % from the left end to the middle.
    for (let step = 0; step < 25; step += 1) await page.keyboard.press('ArrowRight');
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    await expectSplitAt(page, 'compare-maps-swipe-50', onlyA, onlyB, rect);

    // Mouse: drag the divider's knob to 40 % of the width; the clip follows.
    const root = (await page.getByTestId('compare-maps').boundingBox())!;
    const knob = (await divider.boundingBox())!;
    const start = { x: knob.x + knob.width / 2, y: knob.y + knob.height / 2 };
    const target = root.x + root.width * 0.4;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let step = 1; step <= 8; step += 1) await page.mouse.move(start.x + ((target - start.x) * step) / 8, start.y + step * 3);
    await page.mouse.up();
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBe(40);
    const clip = await page.getByTestId('compare-pane-b').evaluate((element) => (element as HTMLElement).style.clipPath);
    expect(Number(/^inset\(.*\s([\d.]+)%\)$/.exec(clip)?.[1])).toBeCloseTo(40, 0);
    expect(Math.abs((await dividerX(page)) - target)).toBeLessThan(2);
    // What lies between 40 % and 50 % showed A before the drag and shows B now.
    await expectSplitAt(page, 'compare-maps-swipe-40', onlyA, onlyB, rect);

    // Keyboard again (the drag left the divider focused): Shift+→ is a big step.
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await divider.getAttribute('aria-valuenow')).toBe('52');
    await expectSplitAt(page, 'compare-maps-swipe-52', onlyA, onlyB, rect);

    // Side by side: two halves with the same camera; the polygon only in B's half.
    await page.getByTestId('compare-maps-side-by-side').click();
    expect(await page.getByTestId('compare-maps').getAttribute('data-mode')).toBe('side-by-side');
    await expect.poll(async () => (await page.getByTestId('compare-map-a').boundingBox())!.width).toBeLessThan(root.width / 2 + 1);
    await waitForCompareMaps(page);
    const sideBySide = await screenshot(page, 'compare-maps-side-by-side');
    const paneA = (await page.getByTestId('compare-map-a').boundingBox())!;
    const paneB = (await page.getByTestId('compare-map-b').boundingBox())!;
    expect(paneB.x).toBeGreaterThanOrEqual(paneA.x + paneA.width);
    const rectA = await rectOn(page, 'a', corners);
    const rectB = await rectOn(page, 'b', corners);
    let inside = 0;
    let insideDiffering = 0;
    let outside = 0;
    let outsideSame = 0;
    for (let fx = 0.05; fx < 0.95; fx += 0.02) {
      const x = paneA.width * fx;
      // Inside the polygon (clear of its label in the middle) and well above it.
      for (const [y, isInside] of [
        [rectA.top - paneA.y + (rectA.bottom - rectA.top) * 0.2, true],
        [rectA.top - paneA.y + (rectA.bottom - rectA.top) * 0.8, true],
        [rectA.top - paneA.y - 40, false],
      ] as const) {
        const within = paneA.x + x > rectA.left + 6 && paneA.x + x < rectA.right - 6;
        if (isInside && !within) continue;
        const a = sideBySide.pixel(paneA.x + x, paneA.y + y);
        const b = sideBySide.pixel(paneB.x + x, paneB.y + y);
        if (isInside) {
          inside += 1;
          if (colorDistance(a, b) > 15) insideDiffering += 1;
        } else {
          outside += 1;
          if (colorDistance(a, b) < 10) outsideSame += 1;
        }
      }
    }
    // Both halves show the same place the same way, except where B has its polygon.
    expect(Math.abs(rectA.left - paneA.x - (rectB.left - paneB.x))).toBeLessThan(1.5);
    expect(inside).toBeGreaterThan(10);
    // Zone symbols drawn over the polygon hide its tint where they overlap it.
    expect(insideDiffering / inside).toBeGreaterThan(0.6);
    expect(outsideSame / outside).toBeGreaterThan(0.8);

    // Panning either map moves the other.
    const initial = await centers(page);
    expect(initial.b).toEqual(initial.a);
    await dragMap(page, 'compare-map-a', 120, 60);
    const afterA = await centers(page);
    expect(afterA.a).not.toEqual(initial.a);
    expect(afterA.b[0]).toBeCloseTo(afterA.a[0], 9);
    expect(afterA.b[1]).toBeCloseTo(afterA.a[1], 9);
    await dragMap(page, 'compare-map-b', -90, -40);
    const afterB = await centers(page);
    expect(afterB.b).not.toEqual(afterA.b);
    expect(afterB.a[0]).toBeCloseTo(afterB.b[0], 9);
    expect(afterB.a[1]).toBeCloseTo(afterB.b[1], 9);
    await page.evaluate(() => window.__zmdCompareMaps!.b.zoomTo(9, { animate: false }));
    expect((await centers(page)).zoomA).toBeCloseTo(9, 9);
    const compareCamera = await page.evaluate(() => {
      const map = window.__zmdCompareMaps!.a;
      return { center: map.getCenter().toArray(), zoom: map.getZoom() };
    });
    await waitForCompareMaps(page);
    await screenshot(page, 'compare-maps-side-by-side-panned');

    // Esc closes; the main map takes the compare camera and keeps working.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-maps').count()).toBe(0);
    expect(await page.evaluate(() => window.__zmdCompareMaps === undefined)).toBe(true);
    const main = await page.evaluate(() => ({ center: window.__zmdMap!.getCenter().toArray(), zoom: window.__zmdMap!.getZoom() }));
    expect(main.center[0]).toBeCloseTo(compareCamera.center[0]!, 6);
    expect(main.center[1]).toBeCloseTo(compareCamera.center[1]!, 6);
    expect(main.zoom).toBeCloseTo(compareCamera.zoom, 6);
    await waitForMap(page);
    const mainBox = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(mainBox.x + mainBox.width / 2, mainBox.y + mainBox.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(mainBox.x + mainBox.width / 2 - step * 10, mainBox.y + mainBox.height / 2);
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => window.__zmdMap!.getCenter().lng)).toBeGreaterThan(main.center[0]!);
    // The editing shortcuts act on the main map again.
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-tool')).toBe('point');
    await page.keyboard.press('Escape');
    await waitForMap(page);
    await screenshot(page, 'compare-maps-closed');
    expect(record.consoleErrors).toEqual([]);
    expect(offOriginRequests(record)).toEqual([]);
  }, 240_000);

  it('opens side by side from the compare tab, switches to the swipe on the same maps, and closes with its button', async () => {
    const { page, record } = await openApp();
    await waitForMap(page);
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByRole('button', { name: '并排对比' }).click();
    await waitForCompareMaps(page);
    expect(await page.getByTestId('compare-maps').getAttribute('data-mode')).toBe('side-by-side');
    expect(await page.getByRole('separator').count()).toBe(0);
    // The toolbar switches to the swipe and back without rebuilding the maps.
    await page.evaluate(() => {
      window.__zmdCompareMaps!.a.getContainer().dataset.marked = 'before-switch';
    });
    await page.getByTestId('compare-maps-swipe').click();
    expect(await page.getByRole('separator').getAttribute('aria-valuenow')).toBe('50');
    // The panel's button follows the mode the toolbar chose (the view store's compareMapsMode).
    expect(await page.getByTestId('open-compare-swipe').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => window.__zmdCompareMaps!.a.getContainer().dataset.marked)).toBe('before-switch');
    await page.getByRole('button', { name: '关闭对比（Esc）' }).click();
    await expect.poll(() => page.getByTestId('compare-maps').count()).toBe(0);
    await waitForMap(page);
    expect(record.consoleErrors).toEqual([]);
  }, 240_000);
});
