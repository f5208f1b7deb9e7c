import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { cityBounds, validateGeometry, validatePatch, type ProblemCode } from '../../../src/domain/validation';
import { cityOutline, point, realScenario } from './helpers';

const city = cityBounds(cityOutline());
const codes = (geometry: Geometry) => {
  const result = validateGeometry(geometry, city);
  return result.ok ? [] : result.problems.map((p) => p.code);
};
// A small square inside the city (驿城区).
const square = [[114.0, 33.0], [114.05, 33.0], [114.05, 33.05], [114.0, 33.05], [114.0, 33.0]];

describe('validateGeometry', () => {
  it.each<[ProblemCode, Geometry, Geometry]>([
    ['non-finite-coordinate', { type: 'Point', coordinates: [Number.NaN, 33] }, { type: 'Point', coordinates: [114, 33] }],
    ['non-finite-coordinate', { type: 'LineString', coordinates: [[114, 33], [Number.POSITIVE_INFINITY, 33]] }, { type: 'LineString', coordinates: [[114, 33], [114.1, 33]] }],
    ['out-of-range', { type: 'Point', coordinates: [190, 33] }, { type: 'Point', coordinates: [114, 33] }],
    ['out-of-range', { type: 'Point', coordinates: [114, -91] }, { type: 'Point', coordinates: [114, 32.5] }],
    ['too-few-vertices', { type: 'LineString', coordinates: [[114, 33], [114, 33]] }, { type: 'LineString', coordinates: [[114, 33], [114, 33.01]] }],
    ['too-few-vertices', { type: 'Polygon', coordinates: [[[114, 33], [114.1, 33], [114, 33]]] }, { type: 'Polygon', coordinates: [[[114, 33], [114.1, 33], [114.1, 33.1], [114, 33]]] }],
    ['unclosed-ring', { type: 'Polygon', coordinates: [square.slice(0, 4)] }, { type: 'Polygon', coordinates: [square] }],
    [
      'self-intersection',
      { type: 'Polygon', coordinates: [[[114, 33], [114.05, 33.05], [114.05, 33], [114, 33.05], [114, 33]]] },
      { type: 'Polygon', coordinates: [square] },
    ],
    ['self-intersection', { type: 'LineString', coordinates: [[114, 33], [114.1, 33.1], [114.1, 33], [114, 33.1]] }, { type: 'LineString', coordinates: [[114, 33], [114.1, 33.1], [114.2, 33]] }],
    ['far-outside-city', { type: 'Point', coordinates: [116.5, 33] }, { type: 'Point', coordinates: [114.6, 32.9] }],
    ['far-outside-city', { type: 'Point', coordinates: [116.4, 39.9] }, { type: 'Point', coordinates: [114.02944, 32.97944] }],
  ])('%s: the bad example fails, the good one passes', (code, bad, good) => {
    expect(codes(bad)).toContain(code);
    expect(validateGeometry(good, city)).toEqual({ ok: true });
  });

  it('gives every problem a message in both languages', () => {
    const result = validateGeometry({ type: 'Polygon', coordinates: [[[114, 33], [114.1, 33]]] }, city);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code).sort()).toEqual(['too-few-vertices', 'unclosed-ring']);
    for (const problem of result.problems) {
      expect(problem.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message.en).toMatch(/[a-z]/);
    }
  });

  it('allows the margin around the city (明港 in 信阳) but not beyond it', () => {
    const [, south] = city.bbox;
    // 明港机场 area: about 30 km south of the city's southern edge.
    expect(validateGeometry({ type: 'Point', coordinates: [114.05, south - 0.27] }, city)).toEqual({ ok: true });
    expect(codes({ type: 'Point', coordinates: [114.05, south - 0.5] })).toEqual(['far-outside-city']);
  });

  it('accepts no geometry (an unlocated feature) and every shipped feature', () => {
    expect(validateGeometry(null, city)).toEqual({ ok: true });
    const scenario = realScenario();
    const put = scenario.layers.flatMap((layer) => layer.features.map((feature) => ({ layer: layer.id, feature })));
    expect(validatePatch({ put }, city)).toEqual({ ok: true });
  });

  it('validatePatch names the feature with the problem', () => {
    const result = validatePatch({ put: [{ layer: 'towns', feature: point('ok', 114, 33) }, { layer: 'towns', feature: point('far', 120, 40) }] }, city);
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'far-outside-city', featureId: 'far' }] });
  });
});
