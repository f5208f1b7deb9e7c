// Targets read as columns (what the io worker hands over) are the very
// targets the object path gives (toTargets on the imported points), weights
// and skipped rows alike; points outside the study area are left out and counted.
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { studyAreaFrom } from '../../../src/analysis/inputs';
import { parsePointsFile, parsePointsText, toTargets } from '../../../src/io/points';
import { outsideCount, pointColumnsFromImport, pointColumnsOf, pointColumnsTransfer, targetsFromColumns } from '../../../src/io/pointColumns';
import { parseContext, parseCounties } from '../../../src/io/planData';
import { seededRandom } from '../../../tools/lib/seededRandom';

const area = studyAreaFrom(parseCounties(readFileSync('data/base/counties.geojson', 'utf8')), parseContext(readFileSync('data/base/context.geojson', 'utf8')));

function points(csv: string) {
  const parsed = parsePointsText(csv, 'csv');
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return parsed.points;
}

describe('targets as columns', () => {
  // Weights: numbers, "12,000" as text, empty, negative, a word; a column mixing numbers and words.
  const csv = [
    '名称,经度,纬度,人口,混合',
    '甲,114.02,32.98,100,1',
    '乙,114.03,32.99,"12,000",x',
    '丙,114.04,33.00,,2',
    '丁,114.05,33.01,-5,3',
    '戊,114.06,33.02,12.5,y',
  ].join('\n');

  it('give toTargets’ targets, with and without each weight column', () => {
    const objects = points(csv);
    const columns = pointColumnsOf(objects);
    expect(columns.weightChoices).toEqual(['人口']);
    for (const weight of [undefined, '人口', '混合', ' 人口 ']) {
      const slow = toTargets(objects, weight);
      const fast = targetsFromColumns(columns, weight);
      expect(fast.ok).toBe(slow.ok);
      if (slow.ok && fast.ok) expect(fast.targets).toEqual(slow.targets);
    }
    const unknownSlow = toTargets(objects, '面积');
    const unknownFast = targetsFromColumns(columns, '面积');
    expect(unknownFast).toEqual(unknownSlow);
  });

  it('give the same targets as objects for 20,000 generated points with weights, after a transfer', () => {
    const random = seededRandom(3);
    const rows = Array.from({ length: 20_000 }, (_, i) => `点${i + 1},${(113.8 + random() * 0.5).toFixed(6)},${(32.8 + random() * 0.4).toFixed(6)},${Math.floor(random() * 1000)}`);
    const parsed = parsePointsFile('many.csv', new TextEncoder().encode(['名称,经度,纬度,人口', ...rows].join('\n')));
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const result = pointColumnsFromImport(parsed);
    if (!result.ok) throw new Error('expected columns');
    const transfer = pointColumnsTransfer(result.columns);
    const arrived = structuredClone(result, { transfer });
    // Moved, not copied.
    expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true);
    expect(arrived.fileName).toBe('many.csv');
    expect(arrived.skippedCount).toBe(parsed.skippedCount);
    const slow = toTargets(parsed.points, '人口');
    const fast = targetsFromColumns(arrived.columns, '人口');
    if (!slow.ok || !fast.ok) throw new Error('expected targets');
    expect(fast.targets).toEqual(slow.targets);
  }, 60_000);

  it('leave out points outside the study area and count them (issue 16, bug 5)', () => {
    const objects = points(['名称,经度,纬度', '城内,114.02,32.98', '北京,116.40,39.90', '城外,115.9,32.0', '城内二,114.3,32.9'].join('\n'));
    const columns = pointColumnsOf(objects, area.outline);
    const expectedInside = objects.map((point) => turf.booleanPointInPolygon(point.geometry as GeoJSON.Point, area.outline));
    expect([...columns.inside!]).toEqual(expectedInside.map((inside) => (inside ? 1 : 0)));
    expect(outsideCount(columns)).toBe(expectedInside.filter((inside) => !inside).length);
    expect(outsideCount(columns)).toBeGreaterThanOrEqual(2);
    const targets = targetsFromColumns(columns);
    if (!targets.ok) throw new Error('expected targets');
    expect(targets.targets.map((target) => target.name)).toEqual(objects.filter((_, i) => expectedInside[i]).map((point) => point.name));
    // Without a study area every point counts.
    expect(outsideCount(pointColumnsOf(objects))).toBe(0);
  });
});
