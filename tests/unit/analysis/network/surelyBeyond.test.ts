// The isochrone tiles' painting skips the square root of a cell's squared
// distance when surelyBeyond says the distance is past the limit the exact
// tests use (the allowance, or the distance held + the tie margin). The
// tiles stay the same only if it never says so wrongly: checked against the
// exact test (Math.sqrt(squared) > limit) at and around the boundary, for
// limits as the painting forms them (float32 distances + 1e-3) and others.
import { describe, expect, it } from 'vitest';
import { surelyBeyond } from '../../../../src/analysis/network/grid';
import { seededRandom } from '../../../../tools/lib/seededRandom';

/** The next double above or below x > 0. */
function step(x: number, up: boolean): number {
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] = bits[0]! + (up ? 1n : -1n);
  return new Float64Array(bits.buffer)[0]!;
}

describe('surelyBeyond', () => {
  it('is true only when the square root is past the limit, at and around the boundary', () => {
    const random = seededRandom(31);
    const held = new Float32Array(1);
    let skipped = 0;
    let wrong = 0;
    let useless = 0;
    for (let trial = 0; trial < 2000; trial++) {
      held[0] = 10 ** (random() * 7 - 3); // 1 mm … 10 km, kept as float32 like a tile's distances
      const limits = [held[0]! + 1e-3, 500, 10 ** (random() * 8 - 4)];
      for (const limit of limits) {
        const square = limit * limit;
        const candidates = [square, limit * limit * (1 + 1e-12), (limit * (1 + 1e-12)) ** 2, (limit + 1e-9) ** 2, square * (1 + random() * 1e-11)];
        for (const base of [...candidates]) {
          let up = base;
          let down = base;
          for (let k = 0; k < 8; k++) candidates.push((up = step(up, true)), (down = step(down, false)));
        }
        for (const squared of candidates) {
          if (!surelyBeyond(squared, limit)) continue;
          skipped++;
          if (!(Math.sqrt(squared) > limit)) wrong++;
        }
        // Clearly past the limit, it skips (or it would save nothing).
        if (!surelyBeyond(square * (1 + 1e-10), limit)) useless++;
      }
    }
    expect(wrong).toBe(0);
    expect(useless).toBe(0);
    expect(skipped).toBeGreaterThan(20_000);
  });
});
