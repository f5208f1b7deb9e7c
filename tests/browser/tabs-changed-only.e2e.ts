// Two tabs: the read-only tab follows a save by re-reading only the scenarios
// the save names (the broadcast carries their ids), never every scenario. The
// reads are watched at IndexedDB itself (IDBObjectStore get/getAll) in the
// read-only tab, so the test fails if an unchanged scenario is read again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, recordPage, waitForMap, waitSaved } from './harness';

const HUB_ID = 'hub-biyang-cold-chain';
const SCENARIO_ID = 'scenario-variant-a';

/** The first load on a machine shared with other jobs can take longer than waitForMap's own 30 s. */
async function loadedMap(page: Page) {
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
  await waitForMap(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(page: Page) {
  await page.goto(String(inject('baseUrl')));
  await loadedMap(page);
}

const hubNameInput = (page: Page) => page.locator(`[data-testid="attribute-table"] tr[data-feature-id="${HUB_ID}"] input[data-field="name"]`);

async function showHubs(page: Page) {
  if (!(await page.getByTestId('attribute-table').isVisible().catch(() => false))) await page.getByRole('button', { name: '属性表（T）' }).click();
  await page.locator('[data-testid="attr-layer"]').selectOption('logistics-hubs');
}

async function renameHub(page: Page, name: string) {
  await showHubs(page);
  await hubNameInput(page).fill(name);
  await hubNameInput(page).press('Enter');
}

/** The scenario ids stored in IndexedDB, read with the raw API. */
const storedScenarioIds = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('zhumadian-layout-studio');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const keys = request.result.transaction('scenarios').objectStore('scenarios').getAllKeys();
          keys.onsuccess = () => resolve(keys.result as string[]);
          keys.onerror = () => reject(keys.error);
        };
      }),
  );

describe('two tabs: the read-only tab re-reads only what changed', { timeout: 300_000 }, () => {
  it('reads the edited scenario again and no other', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const editor = await context.newPage();
    const editorRecord = recordPage(editor);
    await open(editor);
    await waitSaved(editor);
    const reader = await context.newPage();
    const readerRecord = recordPage(reader);
    await open(reader);
    await expect.poll(() => reader.getByTestId('tab-notice').innerText()).toContain('此页只读');
    const stored = await storedScenarioIds(reader);
    // More than one scenario is saved, so "only the changed one" means something.
    expect(stored).toContain(SCENARIO_ID);
    expect(stored.length).toBeGreaterThan(1);

    await showHubs(reader);
    // From now on the read-only tab records every scenario read it makes.
    await reader.evaluate(() => {
      const reads: string[] = [];
      (window as unknown as { __scenarioReads: string[] }).__scenarioReads = reads;
      const get = IDBObjectStore.prototype.get;
      const getAll = IDBObjectStore.prototype.getAll;
      IDBObjectStore.prototype.get = function recordGet(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
        if (this.name === 'scenarios') reads.push(String(args[0]));
        return get.apply(this, args);
      };
      IDBObjectStore.prototype.getAll = function recordGetAll(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
        if (this.name === 'scenarios') reads.push('*all*');
        return getAll.apply(this, args);
      };
    });

    await renameHub(editor, '只改方案A');
    await waitSaved(editor);
    await expect.poll(() => hubNameInput(reader).inputValue(), { timeout: 30_000 }).toBe('只改方案A');
    const reads = await reader.evaluate(() => (window as unknown as { __scenarioReads: string[] }).__scenarioReads);
    console.log(`read-only tab re-read after the save: ${JSON.stringify(reads)} of ${stored.length} stored scenarios`);
    expect(reads).toEqual([SCENARIO_ID]);
    expect(editorRecord.consoleErrors).toEqual([]);
    expect(readerRecord.consoleErrors).toEqual([]);
    await context.close();
  });
});
