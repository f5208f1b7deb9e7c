// A read-only tab after another tab's save: the scenarios re-read replace
// theirs, deleted ones go, new ones join in creation order, and every other
// scenario stays the very same object (it was not read again).
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/domain/scenario';
import { mergeSavedScenarios } from '../../../src/state/tabSession';

const scenario = (id: string, createdAt: string, name = id) => ({ id, name, createdAt, layers: [] }) as unknown as Scenario;

describe('mergeSavedScenarios', () => {
  it('replaces the re-read, drops the deleted, adds the new and keeps the rest as they were', () => {
    const a = scenario('a', '2026-01-01');
    const b = scenario('b', '2026-01-02');
    const c = scenario('c', '2026-01-03');
    const newA = scenario('a', '2026-01-01', 'a edited');
    const d = scenario('d', '2026-01-04');
    const merged = mergeSavedScenarios([a, b, c], [newA, d], ['c']);
    expect(merged.map((entry) => entry.id)).toEqual(['a', 'b', 'd']);
    expect(merged[0]).toBe(newA);
    expect(merged[1]).toBe(b);
    expect(merged[2]).toBe(d);
  });

  it('changes nothing when a save named no scenario', () => {
    const a = scenario('a', '2026-01-01');
    const merged = mergeSavedScenarios([a], [], []);
    expect(merged).toEqual([a]);
    expect(merged[0]).toBe(a);
  });
});
