// Comparing two scenarios' network reach: a second bridge (scenario B) newly
// reaches the village across the river — its people are gained, nothing is
// lost, and the gained area lies across the river; the other way round the
// same figures are lost. The counts are the main thread's (networkGains), the
// areas the worker's (bandDifference on the two outer bands).
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEEDS } from '../../../../src/domain/analysisSpec';
import { networkTravel } from '../../../../src/analysis/network/analysis';
import type { NetworkOutcome } from '../../../../src/analysis/network.analysis';
import { bandDifference } from '../../../../src/analysis/network/bandDifference';
import { networkGains, networkReachOf, type NetworkReach } from '../../../../src/state/compareFigures';
import { pointFacility, squareStudyArea, target } from '../helpers';
import { at, riverGrid } from './roads';

const [minLon, minLat] = at(-1000, -1000);
const [maxLon, maxLat] = at(3000, 3000);
const facilities = [pointFacility('school', ...at(1000, 1000))];
const targets = [target('village', ...at(1000, 1200), 800), target('same-bank', ...at(1000, 800), 50)];

function outcome(bridges: number[]): NetworkOutcome {
  const core = networkTravel({
    roads: riverGrid(20, 100, 10, bridges),
    facilities,
    targets,
    params: { minutes: 15, mode: 'walk', speeds: DEFAULT_SPEEDS, detourFactor: 1.3 },
    options: { accessMeters: 500 },
    area: squareStudyArea(minLon, minLat, maxLon, maxLat),
  });
  return { ...core, kind: 'network', targets, facilities, minutes: 15 };
}

/** What the compare panel ends up showing: the counts, then the areas. */
const gainsOf = (a: NetworkReach, b: NetworkReach) => ({ ...networkGains(a, b), ...bandDifference(a.band, b.band) });

describe('network reach gained and lost between two scenarios', () => {
  const a = networkReachOf(outcome([0]))!;
  const b = networkReachOf(outcome([0, 10]))!;

  it('counts the village and its people as gained, nothing lost', () => {
    const gains = gainsOf(a, b);
    expect(gains).toMatchObject({ targetsGained: 1, targetsLost: 0, peopleGained: 800, peopleLost: 0 });
    expect(gains.gainedKm2).toBeGreaterThan(0.1);
    expect(gains.lostKm2).toBe(0);
    expect(booleanPointInPolygon(at(1000, 1200), { type: 'Feature', properties: {}, geometry: gains.gained! })).toBe(true);
    expect(booleanPointInPolygon(at(1000, 800), { type: 'Feature', properties: {}, geometry: gains.gained! })).toBe(false);
  });

  it('turns gains into losses when the sides swap', () => {
    const gains = gainsOf(b, a);
    expect(gains).toMatchObject({ targetsGained: 0, targetsLost: 1, peopleGained: 0, peopleLost: 800 });
    expect(gains.lostKm2).toBeCloseTo(gainsOf(a, b).gainedKm2, 2);
  });
});
