// Recomputes every golden fixture from real Zhumadian layers; REGEN=true rewrites them.
import { describe, expect, it } from 'vitest';
import { fixtureNames, readGolden, readSpec, runFixture, writeGolden } from '../../fixtures/analysis/goldens';

describe('analysis goldens (real layers)', () => {
  const names = fixtureNames();
  it('has the circles, coverage and catchment fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const kind of ['circles', 'coverage', 'catchment']) expect(names.some((n) => n.startsWith(kind))).toBe(true);
  });
  for (const name of names)
    it(name, () => {
      const actual = runFixture(readSpec(name));
      if (process.env.REGEN === 'true') writeGolden(name, actual);
      expect(actual).toEqual(readGolden(name));
    });
});
