import { describe, expect, it } from 'vitest';
import { CircleCache } from '../../../src/analysis/cache';
import { travelTimeCircles } from '../../../src/analysis/circles';
import { coverage } from '../../../src/analysis/coverage';
import { pointFacility, squareStudyArea, target } from './helpers';

describe('per-facility cache', () => {
  const studyArea = squareStudyArea(113.5, 32.5, 114.5, 33.5, 114.0);
  const grid = Array.from({ length: 100 }, (_, i) => pointFacility(`f${i}`, 113.55 + (i % 10) * 0.09, 32.55 + Math.floor(i / 10) * 0.09));

  it('recomputes only the moved facility after an edit, with the same result as a cold run', () => {
    const cache = new CircleCache();
    travelTimeCircles(grid, { mode: 'walk' }, studyArea, undefined, cache);
    expect(cache.counters.circle).toEqual({ hits: 0, misses: 100 });
    cache.resetCounters();

    const edited = grid.map((f, i) => (i === 42 ? pointFacility(f.id, 113.7, 32.9) : f));
    const warm = travelTimeCircles(edited, { mode: 'walk' }, studyArea, undefined, cache);
    expect(cache.counters.circle).toEqual({ hits: 99, misses: 1 });
    expect(cache.counters.areas.misses).toBeLessThanOrEqual(2); // the moved facility's cluster (and one it joined)
    expect(cache.counters.areas.hits).toBeGreaterThanOrEqual(98);

    const cold = travelTimeCircles(edited, { mode: 'walk' }, studyArea);
    expect(warm.areas).toEqual(cold.areas);
    expect(warm.dissolved).toEqual(cold.dissolved);
  });

  it('misses when the radius changes, and coverage shares the cached circles', () => {
    const cache = new CircleCache();
    travelTimeCircles(grid, { mode: 'walk' }, studyArea, undefined, cache);
    cache.resetCounters();
    coverage(grid, [target('t', 113.55, 32.55)], { mode: 'walk' }, studyArea, undefined, cache);
    expect(cache.counters.circle).toEqual({ hits: 100, misses: 0 });
    travelTimeCircles(grid, { mode: 'walk', minutes: 10 }, studyArea, undefined, cache);
    expect(cache.counters.circle.misses).toBe(100);
  });
});
