// The second walkthrough (issue 16, item 9): layout findings that need a real
// browser at the planners' screen sizes, and the toast's close button.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { dropFile, recordPage, screenshot, sharedBrowserContext, waitForMap } from './harness';

const shared = sharedBrowserContext();

const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function openAt(viewport: { width: number; height: number }, query = ''): Promise<{ page: Page; close: () => Promise<void> }> {
  const page = await shared.context().newPage();
  await page.setViewportSize(viewport);
  // Opening the compare tab computes its figures: on a loaded 2-core machine a click can wait past 30 s.
  page.setDefaultTimeout(90_000);
  recordPage(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  // A first load on software WebGL on a busy machine can take longer than waitForMap's own 30 s.
  await page.waitForSelector('[data-testid="map"][data-map-loaded="true"][data-drawn-features]', { timeout: 120_000 });
  await waitForMap(page);
  return { page, close: () => page.close() };
}

/**
 * Every visible <select> whose closed box cannot show one of its options in
 * full: the option's text (in the select's own font) plus the arrow and padding
 * is wider than the box. Also any scrollWidth overflow, as the issue measured it.
 */
async function truncatedSelects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    const found: string[] = [];
    for (const select of document.querySelectorAll('select')) {
      const box = select.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(select).visibility === 'hidden') continue;
      const style = getComputedStyle(select);
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      // Chromium's closed select: the padding, plus about 20 px for the arrow.
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      const name = select.getAttribute('data-testid') ?? select.getAttribute('aria-label') ?? select.closest('label')?.textContent?.slice(0, 20) ?? select.outerHTML.slice(0, 60);
      if (select.scrollWidth > select.clientWidth) found.push(`${name}: scrollWidth ${select.scrollWidth} > clientWidth ${select.clientWidth}`);
      for (const option of select.options) {
        const width = canvas.measureText(option.text).width;
        if (width > room + 0.5) found.push(`${name}: “${option.text}” needs ${Math.ceil(width)} px, has ${Math.floor(room)} px`);
      }
    }
    return found;
  });
}

async function visitEverySelect(page: Page): Promise<string[]> {
  const problems = new Set<string>();
  const collect = async (where: string) => {
    for (const problem of await truncatedSelects(page)) if (![...problems].some((seen) => seen.endsWith(problem))) problems.add(`${where} — ${problem}`);
  };
  await collect('main');
  await page.locator('body').press('t');
  await page.getByTestId('attribute-table').waitFor();
  await collect('attribute table');
  await page.locator('body').press('t');
  const tabs = page.getByRole('tab');
  for (let index = 0; index < (await tabs.count()); index++) {
    await tabs.nth(index).click();
    await page.waitForTimeout(300);
    await collect(`tab ${index + 1}`);
  }
  return [...problems];
}

type Box = { left: number; right: number; top: number; bottom: number };
const apart = (a: Box, b: Box) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

async function noteAndControls(page: Page): Promise<{ note: Box | null; attribution: Box | null; scale: Box | null }> {
  return page.evaluate(() => {
    const rect = (selector: string) => {
      const box = document.querySelector(`[data-testid="map-area"] ${selector}`)?.getBoundingClientRect();
      return box ? { left: box.left, right: box.right, top: box.top, bottom: box.bottom } : null;
    };
    return { note: rect('.schematic-banner'), attribution: rect('.maplibregl-ctrl-attrib'), scale: rect('.maplibregl-ctrl-scale') };
  });
}

describe('layout at the planners’ screen sizes', () => {
  for (const screen of SCREENS)
    it(`at ${screen.width}×${screen.height}, in zh and en: the 示意 note clears the attribution line, and no <select> cuts an option`, async () => {
      for (const query of ['', '?lang=en']) {
        const language = query ? 'en' : 'zh';
        const { page, close } = await openAt(screen, query);
        try {
          const boxes = await noteAndControls(page);
          await screenshot(page, `walkthrough2-${screen.width}-${language}`);
          expect(boxes.note, 'the note is shown').not.toBeNull();
          expect(boxes.attribution, 'the attribution is shown').not.toBeNull();
          expect(apart(boxes.note!, boxes.attribution!), `${language} note/attribution: ${JSON.stringify(boxes)}`).toBe(true);
          if (boxes.scale) expect(apart(boxes.note!, boxes.scale), `${language} note/scale: ${JSON.stringify(boxes)}`).toBe(true);
          const problems = await visitEverySelect(page);
          expect(problems, language).toEqual([]);
        } finally {
          await close();
        }
      }
    }, 420_000);
});

describe('toasts', () => {
  it('the × (named 关闭消息, not 关闭详情) closes a toast at once', async () => {
    const { page, close } = await openAt(SCREENS[0]);
    try {
      await page.getByTestId('project-file-input').setInputFiles({ name: 'broken.zmdplan.json', mimeType: 'application/json', buffer: Buffer.from('not a project') });
      const toast = page.getByTestId('toast');
      await toast.waitFor();
      await toast.getByRole('button', { name: '关闭消息' }).click();
      await expect.poll(() => toast.count(), { timeout: 2000 }).toBe(0);
    } finally {
      await close();
    }
  }, 240_000);
});

describe('the import dialog never sticks (bug 4)', () => {
  it('twelve imports in a row each end with every control working; a re-read as GCJ-02 is possible every time', async () => {
    const { page, close } = await openAt(SCREENS[0]);
    try {
      // Several hundred small polygons in the city, so that the read goes through every phase (geometry check included).
      const features = [];
      for (let i = 0; i < 400; i += 1) {
        const [x, y] = [113.9 + (i % 20) * 0.02, 32.8 + Math.floor(i / 20) * 0.01];
        features.push({ type: 'Feature', properties: { 名称: `地块${i}` }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.005], [x, y + 0.005], [x, y]]] } });
      }
      const text = JSON.stringify({ type: 'FeatureCollection', features });
      const dialog = page.getByTestId('import-dialog');
      const crsChoice = dialog.getByRole('combobox', { name: '坐标系' });
      const reread = dialog.getByRole('button', { name: '重新读取' });
      for (let attempt = 1; attempt <= 12; attempt += 1) {
        await dropFile(page, '地块.geojson', text, { type: 'application/geo+json' });
        await dialog.getByTestId('import-summary').waitFor({ timeout: 60_000 });
        // Read to the end: no progress left standing, the coordinate system and 重新读取 usable.
        expect(await dialog.getByTestId('import-progress').count(), `import ${attempt}`).toBe(0);
        expect(await crsChoice.isEnabled(), `import ${attempt}`).toBe(true);
        expect(await reread.isEnabled(), `import ${attempt}`).toBe(true);
        if (attempt % 4 === 0) {
          // The advised re-read as GCJ-02 runs, and ends usable too.
          await crsChoice.selectOption('gcj02');
          await reread.click();
          await expect.poll(() => dialog.getByTestId('import-crs').getAttribute('data-crs'), { timeout: 60_000 }).toBe('gcj02');
          expect(await dialog.getByTestId('import-progress').count()).toBe(0);
          expect(await reread.isEnabled()).toBe(true);
        }
        await dialog.getByRole('button', { name: '取消', exact: true }).click();
        await expect.poll(() => dialog.count()).toBe(0);
      }
    } finally {
      await close();
    }
  }, 420_000);
});
