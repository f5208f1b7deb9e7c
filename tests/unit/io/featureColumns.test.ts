// Imported point layers cross from the io worker as columns
// (src/io/featureColumns.ts): what the main thread rebuilds must be the very
// features the import made, key order included; anything the columns cannot
// hold must cross as objects instead (packFeatures → null).
import { describe, expect, it } from 'vitest';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { packFeatures, packedTransfer, unpackFeatures } from '../../../src/io/featureColumns';
import { importFile } from '../../../src/io/import';

const point = (id: string, coordinates: [number, number] | null, extra: Record<string, unknown> = {}): ScenarioFeature => ({
  type: 'Feature',
  geometry: coordinates && { type: 'Point', coordinates },
  properties: { id, ...extra },
});

/** Packed, moved as the worker posts it (buffers transferred), and rebuilt. */
function crossed(features: ScenarioFeature[]): ScenarioFeature[] {
  const packed = packFeatures(features)!;
  expect(packed).not.toBeNull();
  const transfer = packedTransfer(packed);
  const received = structuredClone(packed, { transfer });
  expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true);
  return unpackFeatures(received);
}

describe('imported points as columns', () => {
  it('rebuild the same features: numbers, strings (empty, Chinese, emoji), booleans, null, no geometry, key order', () => {
    const features = [
      point('a', [114.03, 32.98], { 名称: '驿城区商圈', 人口: 12000, 备注: '', 启用: true, 等级: null }),
      point('b', null, { 名称: '😀 未定位', 人口: -0, 备注: 'x', 启用: false, 等级: 3.25 }),
      point('c', [113.999999, 33.000001], { 名称: 'c', 人口: 1e-9, 备注: '甲乙丙', 启用: true, 等级: 'A' }),
    ];
    const back = crossed(features);
    expect(back).toEqual(features);
    expect(JSON.stringify(back)).toBe(JSON.stringify(features));
    expect(Object.is(back[1]!.properties['人口'], -0)).toBe(true);
  });

  it('a CSV of 5,000 points read by the import comes back equal', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `点${i + 1},${(114 + i * 1e-4).toFixed(6)},${(32.9 + i * 1e-5).toFixed(6)},${i % 7 === 0 ? '' : i * 3},类别${i % 5}`);
    const report = importFile('人口点.csv', new TextEncoder().encode(['名称,经度,纬度,人口,类别', ...rows].join('\r\n')));
    if (!report.ok) throw new Error(report.error.message.en);
    expect(report.layer.features).toHaveLength(5000);
    const back = crossed(report.layer.features);
    expect(JSON.stringify(back)).toBe(JSON.stringify(report.layer.features));
  });

  it('are not used for what columns cannot hold: the features then cross as objects', () => {
    const line: ScenarioFeature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[114, 33], [114.1, 33]] }, properties: { id: 'l' } };
    const cases: ScenarioFeature[][] = [
      [],
      [point('a', [114, 33]), line],
      [point('a', [114, 33], { x: 1, y: 2 }), point('b', [114, 33], { y: 2, x: 1 })],
      [point('a', [114, 33], { x: 1 }), point('b', [114, 33])],
      [point('a', [114, 33], { nested: { deep: 1 } })],
      [point('a', [114, 33], { missing: undefined })],
      [point('a', [114, 33], { count: Number.NaN })],
      [point('a', [114, 33], { count: Infinity })],
      [{ ...point('a', [114, 33]), id: 7 } as ScenarioFeature],
      [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114, 33, 80] }, properties: { id: 'z' } }],
      [{ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[114, 33]] }, properties: { id: 'm' } }],
    ];
    for (const features of cases) expect(packFeatures(features)).toBeNull();
  });
});
