// The built app's security and offline promises, in Debian's Chromium:
// the Content-Security-Policy (no eval, no inline script) holds while the
// map, both workers and an import run under it, and after one visit the app
// opens and draws with the network gone (service worker).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, launchChromium, offOriginRequests, recordPage, screenshot, waitForMap } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects CSP violations as the page reports them (init scripts run outside the page's CSP). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

describe('security and offline', () => {
  it('serves a CSP without eval or inline script; the map, workers, import, exports, presenter and compare run under it and stay on the origin', { timeout: 300_000 }, async () => {
    const html = await (await fetch(String(inject('baseUrl')))).text();
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain("script-src 'self'");
    // 'wasm-unsafe-eval' lets the MBTiles worker compile SQLite's WebAssembly; JavaScript eval stays refused.
    expect(policy).not.toMatch(/'unsafe-eval'/);
    expect(policy).not.toContain('unsafe-inline');
    // No inline script in the built page: every <script> has a src.
    expect([...html.matchAll(/<script\b([^>]*)>/g)].every((match) => /\bsrc=/.test(match[1]!))).toBe(true);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const record = recordPage(page);
    await watchCsp(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    // The analysis worker: the default analysis runs when the panel opens.
    await page.getByRole('tab', { name: '分析' }).click();
    await expect.poll(() => page.getByTestId('analysis-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    // The import worker.
    await dropFile(page, '点.csv', '名称,经度,纬度\r\n甲,114.10,33.00\r\n', { type: 'text/csv' });
    await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => '')).toContain('1');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    // Exports: GeoJSON and a PNG sheet (screen size), real downloads.
    await page.getByTestId('export-button').click();
    const geojson = page.waitForEvent('download');
    await page.getByTestId('export-geojson').click();
    expect((await geojson).suggestedFilename()).toMatch(/\.geojson$/);
    // Saved to the end before the next one: Chromium lets a page start one download, and a further one
    // only after a user interaction that comes after it (its automatic-downloads limit); the click on
    // 导出 PNG below must come after the GeoJSON download has been counted.
    expect(await (await geojson).path()).toBeTruthy();
    await page.getByTestId('export-png').click();
    await page.waitForSelector('[data-testid="png-export-dialog"][open]');
    const png = page.waitForEvent('download', { timeout: 120_000 });
    await page.$eval('[data-testid="png-export"]', (button) => (button as HTMLButtonElement).click());
    expect((await png).suggestedFilename()).toMatch(/\.png$/);
    await page.click('[data-testid="png-close"]');
    // Presenter mode: a slide, presenting, leaving.
    await page.getByTestId('presenter-button').click();
    await page.getByRole('button', { name: '＋ 将当前视图存为幻灯片' }).click();
    await page.getByRole('button', { name: '▶ 开始演示' }).click();
    await page.waitForSelector('[data-testid="presenter-bar"]');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('presenter-bar').count()).toBe(0);
    // The swipe comparison: two more maps.
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByTestId('open-compare-swipe').click();
    await page.waitForSelector('[data-testid="compare-maps"]');
    await expect.poll(() => page.locator('[data-testid^="compare-map-"][data-map-loaded="true"]').count(), { timeout: 90_000 }).toBe(2);
    await page.keyboard.press('Escape');
    await screenshot(page, 'offline-csp');
    expect(await cspViolations(page)).toEqual([]);
    expect(record.consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    expect(record.consoleErrors).toEqual([]);
    expect(offOriginRequests(record)).toEqual([]);
    // The policy really is enforced: an inline script injected now is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations(page)).toContainEqual(expect.stringContaining('script-src'));
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    await page.close();
  });

  it('opens and draws the map with the network gone after one visit', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    // The service worker has installed (precached every built file) and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    // A fresh page, as after a restart: nothing from the network, everything from the cache.
    await page.close();
    const offline = await context.newPage();
    const record = recordPage(offline);
    const failed: string[] = [];
    offline.on('requestfailed', (request) => failed.push(request.url()));
    await offline.goto(String(inject('baseUrl')));
    await waitForMap(offline);
    expect(Number(await offline.getByTestId('map').getAttribute('data-drawn-features'))).toBeGreaterThan(50);
    // Both workers load from the cache too.
    await offline.getByRole('tab', { name: '分析' }).click();
    await expect.poll(() => offline.getByTestId('analysis-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await screenshot(offline, 'offline-no-network');
    expect(failed).toEqual([]);
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });
});
