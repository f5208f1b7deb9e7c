// Nothing stacked out of sight: every spot where two or more plan symbols are
// drawn carries one count badge, and its pick lists every feature there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../../src/domain/plan';
import { parsePlanLayer } from '../../../src/io/planData';
import { stackBadges, toDrawnFeatures } from '../../../src/map/planLayers';
import { stacksOf } from '../../../src/map/stacks';

const features = LAYER_IDS.flatMap((layer) => parsePlanLayer(readFileSync(`data/layers/${layer}.geojson`, 'utf8'), layer).features);

describe('stacked symbols', () => {
  it('groups items on one spot (within about a metre) and leaves single items alone', () => {
    const items = [
      { id: 'a', at: [114, 33] },
      { id: 'b', at: [114.000001, 33.000001] },
      { id: 'c', at: [114.01, 33] },
      { id: 'd', at: null },
    ];
    const stacks = stacksOf(items, (item) => item.at);
    expect(stacks.map((stack) => stack.items.map((item) => item.id))).toEqual([['a', 'b']]);
  });

  it('every spot of the shipped plan where point symbols coincide has exactly one badge with the full count', () => {
    const drawn = toDrawnFeatures(features);
    const points = drawn.filter((item) => item.feature.geometry?.type === 'Point');
    const bySpot = new Map<string, string[]>();
    for (const item of points) {
      const key = item.position.map((value) => value.toFixed(5)).join(',');
      bySpot.set(key, [...(bySpot.get(key) ?? []), item.feature.properties.id]);
    }
    const shared = [...bySpot.values()].filter((ids) => ids.length > 1);
    expect(shared.length).toBeGreaterThan(5);
    const badges = stackBadges(drawn);
    expect(badges.map((badge) => [...badge.stackIds].sort())).toEqual(expect.arrayContaining(shared.map((ids) => [...ids].sort())));
    expect(badges).toHaveLength(shared.length);
    for (const badge of badges) expect(badge.count).toBe(badge.stackIds.length);
    // The city centre carries the most: the centre, its 商圈, the core growth pole and the central-city zones and parks.
    expect(Math.max(...badges.map((badge) => badge.count))).toBeGreaterThanOrEqual(10);
  });
});
