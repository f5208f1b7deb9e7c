import { describe, expect, it } from 'vitest';
import { DataError, parsePlanLayer } from '../../src/io/planData';

const feature = (properties: Record<string, unknown>, geometry: unknown = null) => ({ type: 'Feature', geometry, properties });
const valid = {
  id: 'town-a',
  name: '甲镇',
  name_en: 'Jia',
  layer: 'towns',
  kind: 'town',
  county: null,
  source: '001_8723eed086ececd3.txt',
  quote: '甲',
  accuracy: 'unlocated',
  placement: '未定位',
};
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('parsePlanLayer', () => {
  it('accepts a well-formed layer', () => {
    expect(parsePlanLayer(collection(feature(valid)), 'towns').features).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not a collection', '{"type":"Feature"}', /not a GeoJSON FeatureCollection/],
    ['missing quote', collection(feature({ ...valid, quote: '' })), /"quote" missing/],
    ['wrong layer', collection(feature({ ...valid, layer: 'urban-system' })), /expected "towns"/],
    ['unknown accuracy', collection(feature({ ...valid, accuracy: 'surveyed' })), /unknown accuracy/],
    ['unlocated with a point', collection(feature(valid, { type: 'Point', coordinates: [114, 33] })), /exactly when it is unlocated/],
    ['located without geometry', collection(feature({ ...valid, accuracy: 'geonames' })), /exactly when it is unlocated/],
  ])('rejects %s with a clear message', (_case, text, message) => {
    expect(() => parsePlanLayer(text, 'towns')).toThrow(DataError);
    expect(() => parsePlanLayer(text, 'towns')).toThrow(message);
  });
});
