import { describe, expect, it } from 'vitest';
import { facilitiesFromLayer, targetsFromTowns, targetsFromTownships } from '../../../src/analysis/inputs';
import { loadLayers, studyArea } from '../../fixtures/analysis/realData';

describe('inputs from plan data', () => {
  const layers = loadLayers();
  it('keeps located features of the chosen kinds only', () => {
    const hubs = facilitiesFromLayer(layers['logistics-hubs'], { kinds: ['hub_zone'] });
    expect(hubs.map((h) => h.id)).toEqual(['hub-north-trade', 'hub-south-three-ports', 'hub-biyang-cold-chain', 'hub-pingyu-agri', 'hub-minggang-airport']);
    expect(facilitiesFromLayer(layers['business-districts']).length).toBe(12); // 14 minus 2 unlocated
    expect(targetsFromTowns(layers.towns).every((t) => t.weight === 1)).toBe(true);
  });
  it('skips township rows without coordinates and counts them', () => {
    const { targets, skipped } = targetsFromTownships([
      { code: '1', name: 'a', lng: '114.1', lat: '33.0' },
      { code: '2', name: 'b', lng: '', lat: '' },
      { code: '3', name: 'c', lng: 114.2, lat: 33.1, weight: '2500' },
    ]);
    expect(skipped).toBe(1);
    expect(targets.map((t) => [t.id, t.weight])).toEqual([['1', 1], ['3', 2500]]);
  });
  it('takes the focus feature as the outline and all ten counties', () => {
    expect(studyArea.counties).toHaveLength(10);
    expect((studyArea.outline.properties as { role: string }).role).toBe('focus');
  });
});
