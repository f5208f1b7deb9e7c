// Bug 6 (issue 16): a bow-tie polygon must never become a triangle silently,
// and a point 20–40 km outside the city (in 平顶山, 信阳) must not be taken as
// a plan feature without the planner's say. The checks against the real city
// outline and its neighbours (data/base/context.geojson).
import { readFileSync } from 'node:fs';
import { area, booleanValid, kinks } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ContextCollection } from '../../../src/domain/dataset';
import { addFeatures } from '../../../src/domain/drawnEdits';
import { importOutsideCityMessage, outsideCityMessage, selfIntersection, selfIntersectionMessage } from '../../../src/domain/drawnGeometry';
import { importOutsideCity, outsideCity } from '../../../src/analysis/outsideCity';
import { point } from './helpers';

const context = JSON.parse(readFileSync('data/base/context.geojson', 'utf8')) as ContextCollection;

// A bow-tie inside the city (驿城区): corners clicked in crossing order.
const bowTie: Polygon = { type: 'Polygon', coordinates: [[[114.2, 33.1], [114.3, 33.18], [114.3, 33.1], [114.2, 33.18], [114.2, 33.1]]] };

describe('a polygon that crosses itself', () => {
  it('is found, with where it crosses, and splits into two valid parts covering the same area', () => {
    const found = selfIntersection(bowTie)!;
    expect(found.at[0]).toBeCloseTo(114.25, 6);
    expect(found.at[1]).toBeCloseTo(33.14, 6);
    expect(found.parts).toHaveLength(2);
    for (const part of found.parts) {
      expect(booleanValid(part)).toBe(true);
      expect(kinks(part).features).toHaveLength(0);
    }
    // The two triangles of the bow-tie: each about half of the drawn extent's triangles, together the whole.
    const areas = found.parts.map((part) => area(part));
    expect(areas[0]! / areas[1]!).toBeCloseTo(1, 1);
    const message = selfIntersectionMessage(found);
    expect(message.zh).toContain('自相交');
    expect(message.zh).toContain('拆成 2 个');
    expect(message.en).toContain('114.25000, 33.14000');
  });

  it('leaves simple shapes alone', () => {
    expect(selfIntersection({ type: 'Polygon', coordinates: [[[114.2, 33.1], [114.3, 33.1], [114.3, 33.18], [114.2, 33.18], [114.2, 33.1]]] })).toBeNull();
    expect(selfIntersection({ type: 'Point', coordinates: [114.2, 33.1] })).toBeNull();
  });

  it('is added as one undoable edit of its parts, the split said in the undo label', () => {
    const parts = selfIntersection(bowTie)!.parts;
    const features = parts.map((geometry, index) => ({ type: 'Feature' as const, geometry, properties: { id: `p${index}`, name: '新绘要素' } }));
    const edit = addFeatures('business-districts', features, { parts: 2 });
    expect(edit.patch.put).toHaveLength(2);
    expect(edit.label.zh).toContain('拆成 2 个面');
    expect(edit.label.en).toContain('split into 2 polygons');
  });
});

describe('a position outside the city boundary', () => {
  it('in 平顶山 and 信阳, 15–40 km out, is found with its distance and neighbour', () => {
    // In 平顶山 (叶县/舞钢, west of 驻马店) and in 信阳 (south).
    const pingdingshan = outsideCity({ type: 'Point', coordinates: [113.4, 33.35] }, context)!;
    expect(pingdingshan.neighbour?.zh).toBe('平顶山');
    expect(pingdingshan.km).toBeGreaterThan(15);
    expect(pingdingshan.km).toBeLessThan(40);
    const xinyang = outsideCity({ type: 'Point', coordinates: [114.2, 32.2] }, context)!;
    expect(xinyang.neighbour?.zh).toBe('信阳');
    expect(xinyang.km).toBeGreaterThan(15);
    expect(xinyang.km).toBeLessThan(40);
    const message = outsideCityMessage(xinyang, { zh: '“远郊商圈”', en: '“Far district”' });
    expect(message.zh).toMatch(/“远郊商圈”位于驻马店市界外约 \d+ 公里（在信阳境内）/);
    expect(message.en).toMatch(/lies about \d+ km outside the Zhumadian city boundary \(in Xinyang\)/);
  });

  it('is null inside the city (驿城区)', () => {
    expect(outsideCity({ type: 'Point', coordinates: [114.03, 32.98] }, context)).toBeNull();
    expect(outsideCity(bowTie, context)).toBeNull();
  });

  it('counts the features of an import outside the city, by id', () => {
    const origin: [number, number] = [114.03, 32.98];
    const far: [number, number] = [114.2, 32.2];
    const features = [point('a', ...origin), point('b', ...far), point('c', 113.4, 33.35), { type: 'Feature' as const, geometry: null, properties: { id: 'd' } }];
    const found = importOutsideCity(features, context);
    expect([...found.ids].sort()).toEqual(['b', 'c']);
    expect(found.neighbours.map((name) => name.zh).sort()).toEqual(['信阳', '平顶山'].sort());
    const message = importOutsideCityMessage(found, features.length);
    expect(message.zh).toMatch(/^4 个要素中有 2 个位于驻马店市界外（最远约 \d+ 公里，在.+境内）。$/);
  });
});
