// Nothing lost: autosave survives a reload mid-edit, a tab closed during a
// save and a killed browser; two tabs never overwrite each other; a full disk
// is reported with the project-file export offered, and what was saved stays
// intact; a failing panel shows a message, not a blank page.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium, recordPage, screenshot, waitForMap, waitSaved } from './harness';

const HUB_ID = 'hub-biyang-cold-chain';
const SCENARIO_ID = 'scenario-variant-a';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(page: Page, query = '') {
  await page.goto(`${inject('baseUrl')}${query}`);
  await waitForMap(page);
}

const hubNameInput = (page: Page) => page.locator(`[data-testid="attribute-table"] tr[data-feature-id="${HUB_ID}"] input[data-field="name"]`);

/** Renames the 泌阳 cold-chain hub in the attribute table: one undoable edit. */
/** SIGKILL to a detached child's whole process group (the browser and every process it started). */
function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is gone already: at least the main process
  }
}

async function renameHub(page: Page, name: string) {
  if (!(await page.getByTestId('attribute-table').isVisible().catch(() => false))) await page.getByRole('button', { name: '属性表（T）' }).click();
  await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
  await hubNameInput(page).fill(name);
  await hubNameInput(page).press('Enter');
}

/** The hub's name as stored in IndexedDB (what a restart would load), read with the raw API. */
function savedHubName(page: Page): Promise<string | null> {
  return page.evaluate(
    ([scenarioId, hubId]) =>
      new Promise<string | null>((resolve, reject) => {
        const request = indexedDB.open('zhumadian-layout-studio');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction('scenarios').objectStore('scenarios').get(scenarioId!);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const scenario = get.result as { layers: { id: string; features: { properties: { id: string; name: string } }[] }[] } | undefined;
            const layer = scenario?.layers.find((candidate) => candidate.id === 'logistics-hubs');
            resolve(layer?.features.find((feature) => feature.properties.id === hubId)?.properties.name ?? null);
          };
        };
      }),
    [SCENARIO_ID, HUB_ID],
  );
}

const shownHubName = (page: Page) => hubNameInput(page).inputValue();

describe('autosave', { timeout: 120_000 }, () => {
  it('keeps an edit made just before a reload, and one made just before the tab closed', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const record = recordPage(page);
    await open(page);
    await renameHub(page, '重载前的编辑');
    // No wait for the debounced save: the reload comes at once.
    await page.reload();
    await waitForMap(page);
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
    expect(await shownHubName(page)).toBe('重载前的编辑');

    await renameHub(page, '关闭前的编辑');
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await open(again);
    expect(await savedHubName(again)).toBe('关闭前的编辑');
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });

  it('has the last acknowledged edit after the browser process is killed', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'zmd-profile-'));
    const start = async (): Promise<{ process: ChildProcess; browser: Browser }> => {
      // Its own process group, so that a kill takes every Chromium process (renderers,
      // GPU, crash handler) at once, as a crash or power cut would: none lives on to
      // write into the profile after the browser is gone.
      const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      const endpoint = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stderr!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`chromium exited with ${code}: ${output}`)));
      });
      return { process: child, browser: await chromium.connectOverCDP(endpoint) };
    };
    try {
      const first = await start();
      const page = await first.browser.contexts()[0]!.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await open(page);
      for (const name of ['第一次编辑', '第二次编辑', '最后确认的编辑']) {
        await renameHub(page, name);
        await waitSaved(page); // the app's acknowledgement: 已保存
        expect(await page.getByTestId('save-status').innerText()).toBe('已保存');
      }
      const exited = new Promise((resolve) => first.process.once('exit', resolve));
      killGroup(first.process);
      await exited;

      const second = await start();
      const restarted = await second.browser.contexts()[0]!.newPage();
      await restarted.setViewportSize({ width: 1366, height: 768 });
      await open(restarted);
      expect(await savedHubName(restarted)).toBe('最后确认的编辑');
      await restarted.getByRole('button', { name: '属性表（T）' }).click();
      await restarted.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
      expect(await shownHubName(restarted)).toBe('最后确认的编辑');
      await second.browser.close();
      const secondExited = new Promise((resolve) => second.process.once('exit', resolve));
      killGroup(second.process);
      await secondExited;
    } finally {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
});

/**
 * The current scenario as stored: each layer's feature count, whether it is stored apart, and how
 * (a layer of simple points as columns, `{ packed }`; other layers, and layers stored by earlier versions, as a feature array).
 */
function storedLayers(page: Page): Promise<{ id: string; inline: number; apart: number | null; packed?: boolean }[]> {
  return page.evaluate(
    (scenarioId) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('zhumadian-layout-studio');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const transaction = db.transaction(['scenarios', 'layerFeatures']);
          const get = transaction.objectStore('scenarios').get(scenarioId);
          get.onsuccess = () => {
            const scenario = get.result as { layers: { id: string; features: unknown[]; featuresStoredApart?: boolean }[] };
            const rows: { id: string; inline: number; apart: number | null; packed?: boolean }[] = [];
            let waiting = scenario.layers.length;
            for (const layer of scenario.layers) {
              const row = { id: layer.id, inline: layer.features.length, apart: null as number | null };
              rows.push(row);
              if (!layer.featuresStoredApart) {
                waiting -= 1;
                continue;
              }
              const apart = transaction.objectStore('layerFeatures').get(`${scenarioId}\u0000${layer.id}`);
              apart.onsuccess = () => {
                const stored = apart.result as unknown[] | { packed: { count: number } } | undefined;
                row.apart = Array.isArray(stored) ? stored.length : (stored?.packed.count ?? -1);
                (row as { packed?: boolean }).packed = !!stored && !Array.isArray(stored);
                if (--waiting === 0) resolve(rows);
              };
            }
            transaction.oncomplete = () => {
              db.close();
              resolve(rows);
            };
          };
        };
      }),
    SCENARIO_ID,
  );
}

describe('a big imported layer', { timeout: 180_000 }, () => {
  it('is stored apart from its scenario, comes back whole, and an edit elsewhere does not rewrite it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const record = recordPage(page);
    await open(page);
    const rows = ['名称,经度,纬度'];
    for (let index = 0; index < 6_000; index++) rows.push(`点${index},${(113.6 + (index % 100) * 0.01).toFixed(4)},${(32.6 + Math.floor(index / 100) * 0.01).toFixed(4)}`);
    await dropFile(page, '六千点.csv', rows.join('\r\n'), { type: 'text/csv' });
    await expect.poll(() => page.getByTestId('import-summary').innerText().catch(() => ''), { timeout: 60_000 }).toContain('可导入 6000 个要素');
    await page.getByRole('button', { name: '确认导入' }).click();
    await waitSaved(page);
    const imported = (await storedLayers(page)).find((layer) => layer.apart !== null);
    expect(imported).toMatchObject({ inline: 0, apart: 6_000, packed: true });

    await page.reload();
    await waitForMap(page);
    // Count the writes to the stored-apart layers from now on.
    await page.evaluate(() => {
      const counter = { puts: 0 };
      (window as unknown as { __apartPuts: typeof counter }).__apartPuts = counter;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function countedPut(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'layerFeatures') counter.puts += 1;
        return put.apply(this, args);
      };
    });
    await renameHub(page, '大图层旁的编辑');
    await waitSaved(page);
    expect(await savedHubName(page)).toBe('大图层旁的编辑');
    expect(await page.evaluate(() => (window as unknown as { __apartPuts: { puts: number } }).__apartPuts.puts)).toBe(0);
    // Loaded whole: had the reload brought the layer back empty, this write would have stored it empty.
    expect((await storedLayers(page)).find((layer) => layer.id === imported!.id)).toMatchObject({ inline: 0, apart: 6_000, packed: true });
    const counts = page.getByTestId('imported-layer-count');
    expect((await counts.allInnerTexts()).join(' ').replace(/,/g, '')).toContain('6000');

    // A layer stored apart by an earlier version (a feature array) is still read: replace the record by one.
    await page.evaluate(
      ([key, total]) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('zhumadian-layout-studio');
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction('layerFeatures', 'readwrite');
            const features = Array.from({ length: total }, (_, index) => ({
              type: 'Feature',
              geometry: { type: 'LineString', coordinates: [[114, 33 + index * 1e-4], [114.01, 33 + index * 1e-4]] },
              properties: { id: `legacy-${index}`, 名称: `旧线${index}` },
            }));
            transaction.objectStore('layerFeatures').put(features, key);
            transaction.oncomplete = () => (db.close(), resolve());
            transaction.onerror = () => reject(transaction.error);
          };
          request.onerror = () => reject(request.error);
        }),
      [`${SCENARIO_ID}\u0000${imported!.id}`, 5_432] as const,
    );
    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await counts.allInnerTexts()).join(' ').replace(/,/g, '')).toContain('5432');
    expect(record.consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('two tabs on one project', { timeout: 120_000 }, () => {
  it('opens the second tab read-only, keeps it up to date, hands editing over on request, and back when the editing tab closes', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const first = await context.newPage();
    const firstRecord = recordPage(first);
    await open(first);
    expect(await first.getByTestId('tab-notice').count()).toBe(0);
    await waitSaved(first);

    const second = await context.newPage();
    const secondRecord = recordPage(second);
    await open(second);
    await expect.poll(() => second.getByTestId('tab-notice').innerText()).toContain('此页只读');
    await screenshot(second, 'durability-second-tab');
    // An edit in the read-only tab is refused and said so at the cell (the typed text
    // stays there, not lost, until Esc), and nothing is written.
    await renameHub(second, '只读页的编辑');
    await expect.poll(() => hubNameInput(second).getAttribute('aria-invalid')).toBe('true');
    expect(await second.locator('[data-testid="attribute-table"]').innerText()).toContain('此页只读');
    expect(await savedHubName(second)).not.toBe('只读页的编辑');
    await hubNameInput(second).press('Escape');

    // The editing tab's saves reach the read-only tab.
    await renameHub(first, '第一页的编辑');
    await waitSaved(first);
    await expect.poll(() => shownHubName(second)).toBe('第一页的编辑');

    // Taking over: the first tab writes what it has, turns read-only and says why.
    await renameHub(first, '交接前最后一笔');
    await second.getByRole('button', { name: '改在此页编辑' }).click();
    await expect.poll(() => second.getByTestId('tab-notice').count()).toBe(0);
    await expect.poll(() => first.getByTestId('tab-notice').getAttribute('data-reason')).toBe('handed-over');
    expect(await shownHubName(second)).toBe('交接前最后一笔');
    await renameHub(second, '第二页接管后的编辑');
    await waitSaved(second);
    expect(await savedHubName(second)).toBe('第二页接管后的编辑');
    await expect.poll(() => shownHubName(first)).toBe('第二页接管后的编辑');
    await renameHub(first, '交出后不应写入');
    await expect.poll(() => hubNameInput(first).getAttribute('aria-invalid')).toBe('true');
    expect(await savedHubName(first)).toBe('第二页接管后的编辑');
    await hubNameInput(first).press('Escape');

    // The editing tab closes: the read-only one becomes the editor by itself, with what was saved last.
    await renameHub(second, '关闭前最后一笔');
    await waitSaved(second);
    expect(secondRecord.consoleErrors).toEqual([]);
    await second.close();
    await expect.poll(() => first.getByTestId('tab-notice').count(), { timeout: 30_000 }).toBe(0);
    expect(await shownHubName(first)).toBe('关闭前最后一笔');
    await renameHub(first, '另一页关闭后的编辑');
    await waitSaved(first);
    expect(await savedHubName(first)).toBe('另一页关闭后的编辑');
    expect(firstRecord.consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('storage full', { timeout: 120_000 }, () => {
  it('says so, offers the project file with the unsaved edit, and leaves what was saved intact', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    await open(page);
    await renameHub(page, '已保存的名称');
    await waitSaved(page);
    // The disk fills up: from now on the browser refuses writes to the scenarios the way it does
    // when the quota is exceeded (a QuotaExceededError DOMException from IndexedDB). Chromium's
    // DevTools quota override does not reach this browser context, so the refusal is simulated
    // at IndexedDB's put, the one call every scenario write goes through.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      (window as unknown as { __restorePut: () => void }).__restorePut = () => {
        IDBObjectStore.prototype.put = put;
      };
      IDBObjectStore.prototype.put = function fullDisk(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'scenarios') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await renameHub(page, '超出配额的编辑');
    const problem = page.getByTestId('save-problem');
    await expect.poll(() => problem.innerText().catch(() => ''), { timeout: 20_000 }).toContain('浏览器存储空间已满');
    await screenshot(page, 'durability-quota');
    const download = page.waitForEvent('download');
    await problem.getByRole('button', { name: '导出项目' }).click();
    const file = await (await download).path();
    const project = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { id: string; layers: { id: string; features: { properties: { id: string; name: string } }[] }[] }[] };
    const hub = project.scenarios
      .find((scenario) => scenario.id === SCENARIO_ID)!
      .layers.find((layer) => layer.id === 'logistics-hubs')!
      .features.find((feature) => feature.properties.id === HUB_ID)!;
    expect(hub.properties.name.startsWith('超出配额的编辑')).toBe(true);

    // What was saved before is still there and whole: every scenario loads.
    await page.evaluate(() => (window as unknown as { __restorePut: () => void }).__restorePut());
    expect(await savedHubName(page)).toBe('已保存的名称');
    const fresh = await context.newPage();
    await open(fresh);
    expect(await fresh.getByTestId('scenario-select').locator('option').count()).toBeGreaterThanOrEqual(3);
    await context.close();
  });
});

describe('a failing panel', { timeout: 120_000 }, () => {
  it('shows a message with the project export, and the rest of the app keeps working', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const record = recordPage(page);
    await open(page);
    await page.getByRole('button', { name: '属性表（T）' }).click();
    // Make the attribute table fail: it alone calls CSS.escape, to keep the selected row in view.
    await page.evaluate(() => {
      CSS.escape = () => {
        throw new Error('panel failure injected by the test');
      };
    });
    await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
    await page.locator(`[data-testid="attribute-table"] tr[data-feature-id="${HUB_ID}"]`).click();
    await expect.poll(() => page.getByTestId('panel-error').first().innerText().catch(() => '')).toContain('出错了');
    await screenshot(page, 'durability-panel-error');
    // The map, the layer panel and the top bar still work.
    await page.getByRole('checkbox', { name: /中心镇与特色小镇/ }).first().uncheck();
    expect(await page.getByTestId('map').getAttribute('data-drawn-features')).not.toBeNull();
    expect(record.consoleErrors.some((text) => text.includes('panel failure injected by the test'))).toBe(true);
    await page.close();
  });
});
