// Class breaks for graduated styles: each method's defining property, checked
// on inputs whose answer is known by construction.
import { describe, expect, it } from 'vitest';
import { classBreaks, classIndexOf, type BreakMethod } from '../../../src/domain/classBreaks';
import { seededRandom } from '../scenario/helpers';

const membership = (values: number[], method: BreakMethod, count: number) => {
  const classes = classBreaks(values, method, count);
  const counts = new Array<number>(classes.length).fill(0);
  for (const value of values) counts[classIndexOf(classes, value)]! += 1;
  return { classes, counts };
};

describe('classBreaks', () => {
  it('equal intervals split the range into equal widths', () => {
    const values = [0, 3, 26, 49, 51, 74, 76, 100];
    const classes = classBreaks(values, 'equal-interval', 4);
    expect(classes).toEqual([
      { lower: 0, upper: 25 },
      { lower: 25, upper: 50 },
      { lower: 50, upper: 75 },
      { lower: 75, upper: 100 },
    ]);
  });

  it('quantiles put about the same number of values in each class', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 1000 }, () => Math.round(random() ** 3 * 1_000_000));
    const { classes, counts } = membership(values, 'quantile', 5);
    expect(classes).toHaveLength(5);
    for (const count of counts) expect(Math.abs(count - 200)).toBeLessThanOrEqual(5);
  });

  it('natural breaks find clusters that are plainly there', () => {
    const values = [101, 1, 52, 2, 3, 50, 100, 51];
    expect(classBreaks(values, 'natural-breaks', 3)).toEqual([
      { lower: 1, upper: 3 },
      { lower: 3, upper: 52 },
      { lower: 52, upper: 101 },
    ]);
    const { counts } = membership(values, 'natural-breaks', 3);
    expect(counts).toEqual([3, 3, 2]);
  });

  it('every value falls in exactly one class, for every method (upper bounds inclusive)', () => {
    const random = seededRandom(11);
    for (const method of ['natural-breaks', 'quantile', 'equal-interval'] as const)
      for (let run = 0; run < 20; run += 1) {
        const values = Array.from({ length: 5 + Math.floor(random() * 200) }, () => Math.round(random() * 1000) / 10);
        const count = 2 + Math.floor(random() * 8);
        const { classes, counts } = membership(values, method, count);
        expect(counts.reduce((sum, n) => sum + n, 0)).toBe(values.length);
        expect(classes.length).toBeLessThanOrEqual(count);
        expect(classes[0]!.lower).toBe(Math.min(...values));
        expect(classes.at(-1)!.upper).toBe(Math.max(...values));
        for (let index = 1; index < classes.length; index += 1) expect(classes[index]!.upper).toBeGreaterThan(classes[index - 1]!.upper);
      }
  });

  it('gives fewer classes when the values do not support more, one for a constant field, none for no numbers', () => {
    expect(classBreaks([5, 5, 9, 9, 9], 'natural-breaks', 5)).toHaveLength(2);
    expect(classBreaks([4, 4, 4], 'quantile', 3)).toEqual([{ lower: 4, upper: 4 }]);
    expect(classBreaks([Number.NaN, Number.POSITIVE_INFINITY], 'equal-interval', 3)).toEqual([]);
    // Quantiles on a field where most values repeat fall on the same value: merged, not empty classes.
    const skewed = [0, 0, 0, 0, 0, 0, 0, 12, 60, 320];
    const { classes, counts } = membership(skewed, 'quantile', 5);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(classes.length).toBeLessThan(5);
  });

  it('classIndexOf: bounds inclusive, outside or not a number is -1', () => {
    const classes = [
      { lower: 0, upper: 10 },
      { lower: 10, upper: 20 },
    ];
    expect(classIndexOf(classes, 0)).toBe(0);
    expect(classIndexOf(classes, 10)).toBe(0);
    expect(classIndexOf(classes, 10.5)).toBe(1);
    expect(classIndexOf(classes, 20)).toBe(1);
    expect(classIndexOf(classes, 21)).toBe(-1);
    expect(classIndexOf(classes, -1)).toBe(-1);
    expect(classIndexOf(classes, Number.NaN)).toBe(-1);
  });
});
