// Honest plan symbols and names. Nothing stacked out of sight: where several
// plan features share one spot (the city centre, county seats), the map draws a
// count badge, and a click on it lists every feature there. No coined name
// passes for the plan's: a derived label says so, with the plan's own words.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { LAYER_IDS } from '../../src/domain/plan';
import { parsePlanLayer } from '../../src/io/planData';
import { STACK_BADGE_OFFSET_EM, STACK_BADGE_TEXT_SIZE, stackBadges, toDrawnFeatures } from '../../src/map/planLayers';
import { closePagesAfterEach, colorDistance, project, recordPage, screenshot, sharedBrowserContext, waitForMap } from './harness';

const shared = sharedBrowserContext();
const trackPage = closePagesAfterEach();

const features = LAYER_IDS.flatMap((layer) => parsePlanLayer(readFileSync(`data/layers/${layer}.geojson`, 'utf8'), layer).features);

describe('stacked plan symbols', () => {
  it('the fullest spot shows a count badge, and a click on it lists every feature there', async () => {
    const fullest = stackBadges(toDrawnFeatures(features)).sort((a, b) => b.count - a.count)[0]!;
    const page = await shared.context().newPage();
    trackPage(page);
    const record = recordPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    await page.evaluate((center) => window.__zmdMap!.jumpTo({ center, zoom: 11 }), fullest.position as [number, number]);
    await waitForMap(page);
    const spot = await project(page, fullest.position as [number, number]);
    // The badge: dark, at its offset from the spot.
    const badge = { x: spot.x + STACK_BADGE_OFFSET_EM[0] * STACK_BADGE_TEXT_SIZE, y: spot.y + STACK_BADGE_OFFSET_EM[1] * STACK_BADGE_TEXT_SIZE };
    const shot = await screenshot(page, 'plan-symbols-stack-badge');
    const darkest = Math.min(
      ...[-3, 0, 3].flatMap((dx) => [-2, 0, 2].map((dy) => colorDistance(shot.pixel(badge.x + dx, badge.y + dy), [35, 48, 59]))),
    );
    expect(darkest, 'a badge-coloured pixel at the badge').toBeLessThan(60);
    await page.mouse.click(badge.x, badge.y);
    // Every feature of the stack is listed (zone rings around the spot may be listed too: they are under the cursor as well).
    const list = page.getByTestId('features-at-click');
    await list.waitFor();
    const names = new Set(await list.locator('li').allInnerTexts());
    const stackNames = fullest.stackIds.map((id) => features.find((feature) => feature.properties.id === id)!.properties.name);
    for (const name of stackNames) expect(names, name).toContain(name);
    expect(record.consoleErrors).toEqual([]);
  });
});

describe('names the plans do not use', () => {
  it('a derived label says so in the table and the details, with the plan’s own wording', async () => {
    const derived = features.find((feature) => feature.properties.name_basis === 'derived' && feature.properties.layer === 'industrial-parks')!;
    const page = await shared.context().newPage();
    trackPage(page);
    await page.goto(String(inject('baseUrl')));
    await waitForMap(page);
    await page.getByRole('button', { name: '属性表（T）' }).click();
    await page.locator('[data-testid="attr-layer"]').selectOption('industrial-parks');
    const row = page.locator(`[data-testid="attribute-table"] tr[data-feature-id="${derived.properties.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('派生标签（非规划原名）');
    expect(await row.innerText()).not.toMatch(/\bderived\b/);
    await row.click();
    await expect.poll(() => page.getByTestId('feature-name-basis').innerText()).toContain(`规划原文写作“${derived.properties.name_plan}”`);
  });
});
