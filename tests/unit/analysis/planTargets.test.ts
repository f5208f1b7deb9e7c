import { describe, expect, it } from 'vitest';
import { evaluatePlanTargets, type PlanTargetInputs } from '../../../src/analysis/planTargets';
import { counties, loadLayers, loadPlanTargets } from '../../fixtures/analysis/realData';

const records = loadPlanTargets();
const layers = loadLayers();
const baseInputs: PlanTargetInputs = { layers, counties: counties.features.map((c) => c.properties) };
const verdicts = (inputs: PlanTargetInputs) => Object.fromEntries(evaluatePlanTargets(records, inputs).map((r) => [r.id, r]));

describe('plan targets on the real layers', () => {
  it('evaluates the four targets; the 15-minute circle is not evaluable and never passes', () => {
    const results = verdicts(baseInputs);
    expect(Object.keys(results).sort()).toEqual(['t_15min_life_circle', 't_half_hour_cluster', 't_key_towns', 't_one_county_one_zone']);
    expect(results.t_15min_life_circle!.verdict).toBe('not-evaluable');
    // Zones per county are checked; provincial level, land share and industries are not in the layers: never 达标.
    expect(results.t_one_county_one_zone!.verdict).toBe('partial');
    expect(results.t_one_county_one_zone!.explanation.zh).toContain('未核验');
    expect(results.t_half_hour_cluster!.explanation.en).toContain('not a road-network');
    expect(results.t_half_hour_cluster!.details).toHaveLength(5);
    // Table 3 lists 32 central towns (within 30 ± 20 %) and 14 characteristic towns under a title (and text) that says 12:
    // the plan's own inconsistency, reported, not a failure of the layer.
    expect(results.t_key_towns!.details.map((d) => d.value)).toEqual([32, 14, '12 ≠ 14']);
    expect(results.t_key_towns!.verdict).toBe('pass');
  });

  it('the half-hour circle passes at a Class-I highway speed and fails at the urban default', () => {
    expect(verdicts(baseInputs).t_half_hour_cluster!.verdict).toBe('fail'); // 40 km/h
    const fast = verdicts({ ...baseInputs, travel: { speeds: { walk: 1000 / 15, bike: 250, drive: 80_000 / 60 } } });
    expect(fast.t_half_hour_cluster!.verdict).toBe('pass');
  });

  it('flips one-county-one-zone to fail when a county loses its zone', () => {
    const parks = layers['industrial-parks'];
    const withoutXiping = { ...parks, features: parks.features.filter((f) => f.properties.id !== 'zone-xiping') };
    const result = verdicts({ ...baseInputs, layers: { ...layers, 'industrial-parks': withoutXiping } }).t_one_county_one_zone!;
    expect(result.verdict).toBe('fail');
    expect(result.details.find((d) => d.label.zh.startsWith('西平县'))).toMatchObject({ value: 0, pass: false });
  });

  it('key towns pass with 12 characteristic towns and fail outside "about 30"', () => {
    const towns = layers.towns;
    const dropRole = (ids: Set<string>, role: string) => ({
      ...towns,
      features: towns.features.map((f) => (ids.has(f.properties.id) ? { ...f, properties: { ...f.properties, roles: f.properties.roles?.filter((r) => r !== role) } } : f)),
    });
    const twoCharacteristic = new Set(towns.features.filter((f) => f.properties.roles?.includes('characteristic_town')).slice(0, 2).map((f) => f.properties.id));
    expect(verdicts({ ...baseInputs, layers: { ...layers, towns: dropRole(twoCharacteristic, 'characteristic_town') } }).t_key_towns!.verdict).toBe('pass');
    const tenCentral = new Set(towns.features.filter((f) => f.properties.roles?.includes('central_town')).slice(0, 10).map((f) => f.properties.id));
    const fewer = { ...layers, towns: dropRole(new Set([...twoCharacteristic, ...tenCentral]), 'central_town') };
    // 22 central towns < 24 (30 − 20 %)
    expect(verdicts({ ...baseInputs, layers: fewer }).t_key_towns!.details[0]!.pass).toBe(false);
  });
});
