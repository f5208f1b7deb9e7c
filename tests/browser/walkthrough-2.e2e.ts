// The second walkthrough (issue 16, item 9): layout findings that need a real
// browser at the planners' screen sizes, and the toast's close button.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, recordPage, screenshot, waitForMap } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function openAt(viewport: { width: number; height: number }, query = ''): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  recordPage(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  await waitForMap(page);
  return { page, close: () => context.close() };
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
  const problems: string[] = [];
  const collect = async (where: string) => problems.push(...(await truncatedSelects(page)).map((problem) => `${where} — ${problem}`));
  await collect('main');
  await page.getByRole('button', { name: '属性表（T）' }).click();
  await page.getByTestId('attribute-table').waitFor();
  await collect('attribute table');
  await page.getByRole('button', { name: '属性表（T）' }).click();
  for (const tab of ['空间分析', '方案对比']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(300);
    await collect(tab);
  }
  return problems;
}

describe('dropdowns show their options in full', () => {
  for (const screen of SCREENS)
    it(`no <select> cuts an option at ${screen.width}×${screen.height}, in zh and en`, async () => {
      for (const query of ['', '?lang=en']) {
        const { page, close } = await openAt(screen, query);
        try {
          const problems = await visitEverySelect(page);
          await screenshot(page, `walkthrough2-selects-${screen.width}${query ? '-en' : ''}`);
          expect(problems, query || 'zh').toEqual([]);
        } finally {
          await close();
        }
      }
    }, 180_000);
});

describe('the 示意 note and the attribution line', () => {
  for (const screen of SCREENS)
    it(`do not overlap at ${screen.width}×${screen.height}, in zh and en`, async () => {
      for (const query of ['', '?lang=en']) {
        const { page, close } = await openAt(screen, query);
        try {
          const boxes = await page.evaluate(() => {
            const rect = (selector: string) => {
              const element = document.querySelector(`[data-testid="map-area"] ${selector}`) ?? document.querySelector(selector);
              const box = element?.getBoundingClientRect();
              return box ? { left: box.left, right: box.right, top: box.top, bottom: box.bottom } : null;
            };
            return { note: rect('.schematic-banner'), attribution: rect('.maplibregl-ctrl-attrib'), scale: rect('.maplibregl-ctrl-scale') };
          });
          expect(boxes.note, 'the note is shown').not.toBeNull();
          expect(boxes.attribution, 'the attribution is shown').not.toBeNull();
          const apart = (a: NonNullable<typeof boxes.note>, b: NonNullable<typeof boxes.note>) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          await screenshot(page, `walkthrough2-note-${screen.width}${query ? '-en' : ''}`);
          expect(apart(boxes.note!, boxes.attribution!), `${query || 'zh'}: ${JSON.stringify(boxes)}`).toBe(true);
          if (boxes.scale) expect(apart(boxes.note!, boxes.scale), `${query || 'zh'} scale: ${JSON.stringify(boxes)}`).toBe(true);
        } finally {
          await close();
        }
      }
    }, 180_000);
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
  }, 120_000);
});
