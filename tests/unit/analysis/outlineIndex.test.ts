// The banded point-in-outline test gives Turf's booleanPointInPolygon answer
// on the real city outline (a MultiPolygon of thousands of vertices), for
// random points in and around it, and for a polygon with a hole.
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { studyAreaFrom } from '../../../src/analysis/inputs';
import { OutlineIndex } from '../../../src/analysis/outlineIndex';
import { parseContext, parseCounties } from '../../../src/io/planData';
import { seededRandom } from '../../../tools/lib/seededRandom';

const area = studyAreaFrom(parseCounties(readFileSync('data/base/counties.geojson', 'utf8')), parseContext(readFileSync('data/base/context.geojson', 'utf8')));

describe('OutlineIndex', () => {
  it('says inside or outside the city exactly as Turf does, for 20,000 random points around it', () => {
    const index = new OutlineIndex(area.outline);
    const [west, south, east, north] = turf.bbox(area.outline);
    const random = seededRandom(5);
    let inside = 0;
    for (let i = 0; i < 20_000; i++) {
      // A box 20 % larger than the city's, so both answers occur often.
      const lng = west - 0.1 * (east - west) + random() * 1.2 * (east - west);
      const lat = south - 0.1 * (north - south) + random() * 1.2 * (north - south);
      const expected = turf.booleanPointInPolygon([lng, lat], area.outline);
      expect(index.contains(lng, lat), `${lng},${lat}`).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(5_000);
    expect(inside).toBeLessThan(19_000);
    // Far away (the bug's points "far outside the city"), and the columns form.
    expect(index.contains(116.4, 39.9)).toBe(false);
    expect([...index.containsAll(new Float64Array([114.0, 116.4]), new Float64Array([32.98, 39.9]))]).toEqual([
      turf.booleanPointInPolygon([114.0, 32.98], area.outline) ? 1 : 0,
      0,
    ]);
  }, 60_000);

  it('leaves out a polygon’s hole', () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
      ],
    };
    const index = new OutlineIndex(withHole);
    expect(index.contains(2, 2)).toBe(true);
    expect(index.contains(5, 5)).toBe(false);
    expect(index.contains(11, 5)).toBe(false);
  });
});
