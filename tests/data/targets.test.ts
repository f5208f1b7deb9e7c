// The plan's stated and listed counts shipped with the targets (data/targets):
// the evaluators report the plans' own discrepancies from these figures.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = resolve(process.env.ZMD_SEEDS_DIR ?? join(root, '../shared/seeds'));
type Figure = { value: number; kind: 'stated' | 'listed'; about?: boolean; source_file: string; quote: string };
type Count = { class: string; layer: string; figures: Figure[]; note_zh: string; note_en: string };
const targets = JSON.parse(readFileSync(join(root, 'data/targets/plan-targets.json'), 'utf8')) as { id: string; counts?: Count[] }[];
const countsOf = (id: string) => targets.find((t) => t.id === id)!.counts!;
const layerFeatures = (layer: string) =>
  (JSON.parse(readFileSync(join(root, 'data/layers', `${layer}.geojson`), 'utf8')) as { features: { properties: any }[] }).features;
const figures = (c: Count, kind: Figure['kind']) => c.figures.filter((f) => f.kind === kind).map((f) => `${f.source_file.slice(0, 3)}:${f.value}`).sort();

describe('plan targets: stated and listed counts', () => {
  it("t_key_towns: 12 特色小镇 stated (text and table title), 14 listed — the plan's discrepancy; the layer follows the list", () => {
    const [characteristic, central] = ['characteristic_town', 'central_town'].map((k) => countsOf('t_key_towns').find((c) => c.class === k)!);
    expect(figures(characteristic!, 'stated')).toEqual(['001:12', '001:12']);
    expect(figures(characteristic!, 'listed')).toEqual(['001:14']);
    expect(figures(central!, 'stated')).toEqual(['001:30']);
    expect(figures(central!, 'listed')).toEqual(['001:32']);
    const towns = layerFeatures('towns');
    expect(towns.filter((t) => t.properties.roles.includes('characteristic_town')).length).toBe(14);
    expect(towns.filter((t) => t.properties.roles.includes('central_town')).length).toBe(32);
    expect(characteristic!.note_zh).toMatch(/规划自身的不一致/);
  });

  it('t_one_county_one_zone: which plan says 11 and which 12', () => {
    const [zone] = countsOf('t_one_county_one_zone');
    expect(zone!.class).toBe('zone');
    expect(zone!.figures.map((f) => `${f.source_file.slice(0, 3)}:${f.value}`).sort()).toEqual(['000:12', '001:11', '001:12', '002:11', '004:11']);
    expect(layerFeatures('industrial-parks').filter((f) => f.properties.kind === 'zone').length).toBe(12);
  });

  it.skipIf(!existsSync(seedsDir))('every count quote is an exact substring of its seed', () => {
    for (const t of targets)
      for (const c of t.counts ?? []) for (const f of c.figures) expect(readFileSync(join(seedsDir, f.source_file), 'utf8')).toContain(f.quote);
  });
});
