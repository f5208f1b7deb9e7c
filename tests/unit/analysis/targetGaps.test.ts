import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { targetGapNote, townshipTargetGaps, townTargetGaps, type CountyTargets } from '../../../src/analysis/targetGaps';
import type { CountyCollection } from '../../../src/domain/dataset';
import { isLocated, type PlanLayerCollection } from '../../../src/domain/plan';

const towns = JSON.parse(readFileSync('data/layers/towns.geojson', 'utf8')) as PlanLayerCollection;
const counties = JSON.parse(readFileSync('data/base/counties.geojson', 'utf8')) as CountyCollection;
const townships = Papa.parse<{ county_code: string; county: string; lng: string; lat: string }>(readFileSync('data/base/townships.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
const names = new Map(counties.features.map((county) => [county.properties.adcode, { zh: county.properties.name_zh, en: county.properties.name_en }]));
const countyName = (county: CountyTargets) => names.get(county.adcode) ?? { zh: county.name!, en: county.name! };

describe('where the plan targets are located', () => {
  it('counts the towns located per county, and the note names the counties a result over them does not describe', () => {
    const gaps = townTargetGaps(towns);
    expect(gaps.total).toBe(towns.features.length);
    expect(gaps.located).toBe(towns.features.filter((town) => isLocated(town) && town.geometry?.type === 'Point').length);
    expect(gaps.located).toBeLessThan(gaps.total);
    const withoutAny = gaps.counties.filter((county) => county.located === 0);
    expect(withoutAny.length).toBeGreaterThan(0);
    const note = targetGapNote(gaps, countyName)!;
    expect(note.zh).toContain(`${gaps.located} / ${gaps.total} 个`);
    for (const county of withoutAny) {
      expect(note.zh.split('结果不描述')[1]).toContain(countyName(county).zh);
      expect(note.en.split('does not describe')[1]).toContain(countyName(county).en);
    }
    for (const county of gaps.counties.filter((each) => each.located > 0)) expect(note.zh.split('结果不描述')[0]).toContain(countyName(county).zh);
  });

  it('does the same for the townships, and says nothing once every target is located', () => {
    const gaps = townshipTargetGaps(townships);
    expect(gaps.total).toBe(townships.length);
    expect(gaps.located).toBeGreaterThan(0);
    expect(targetGapNote(gaps, countyName)).not.toBeNull();
    const allLocated = townshipTargetGaps(townships.map((row) => ({ ...row, lng: '114.0', lat: '33.0' })));
    expect(targetGapNote(allLocated, countyName)).toBeNull();
    const noneLocated = townshipTargetGaps(townships.map((row) => ({ ...row, lng: '', lat: '' })));
    expect(targetGapNote(noneLocated, countyName)!.zh).toContain('目标均未定位');
  });
});
