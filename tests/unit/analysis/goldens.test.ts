// Recomputes every golden fixture through the analysis registry; REGEN=true rewrites them.
import { describe, expect, it } from 'vitest';
import { ANALYSIS_LIST } from '../../../src/analysis/registry';
import { fixtureNames, goldenFiles, readGolden, runFixture, writeGolden } from '../../fixtures/analysis/goldens';

describe('analysis goldens (real layers)', () => {
  const names = fixtureNames();
  it('has a fixture for every registered analysis (circles, coverage, catchment, plan targets)', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const kind of ['circles', 'coverage', 'catchment', ...ANALYSIS_LIST.map((analysis) => analysis.id)])
      expect(names.some((n) => n.startsWith(kind))).toBe(true);
  });
  for (const name of names)
    it(name, () => {
      const actual = goldenFiles(runFixture(name));
      if (process.env.REGEN === 'true') writeGolden(name, actual);
      expect(actual).toEqual(readGolden(name));
    });
});
