// The plans' quantitative targets, shipped for the analysis engine's pass/fail
// checks. Source: the committed plan-targets.json beside this folder (read out
// of the seeds); every quote is re-verified against the seed plans on build.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const SHIPPED_FIELDS = [
  'id', 'indicator_zh', 'indicator_en', 'target', 'target_year', 'map_checkable',
  'spatial_check', 'source_file', 'quote', 'conflict', 'counts',
];
// `counts`: the figures the plans give for a counted class of features, each
// with its own quote — e.g. 12 特色小镇 stated vs 14 listed, or 11 vs 12 zones
// and which plan says which — so an evaluator can report the plan's own
// discrepancy instead of failing the layer for it.

export async function buildTargets({ tablePath, seedsDir, outDir }) {
  const targets = JSON.parse(await readFile(tablePath, 'utf8'));
  const seeds = new Map();
  const seedText = async (file) => {
    if (!seeds.has(file)) seeds.set(file, await readFile(join(seedsDir, file), 'utf8'));
    return seeds.get(file);
  };
  const ids = new Set();
  const shipped = [];
  for (const target of targets) {
    if (ids.has(target.id)) throw new Error(`plan-targets.json: duplicate id ${target.id}`);
    ids.add(target.id);
    if (!(await seedText(target.source_file)).includes(target.quote))
      throw new Error(`plan-targets.json ${target.id}: quote is not an exact substring of ${target.source_file}`);
    for (const count of target.counts ?? []) {
      if (!count.class || !count.layer || !Array.isArray(count.figures) || !count.figures.length || !count.note_zh || !count.note_en)
        throw new Error(`plan-targets.json ${target.id}: a counts entry needs class, layer, figures, note_zh and note_en`);
      for (const f of count.figures) {
        if (!Number.isInteger(f.value) || !['stated', 'listed'].includes(f.kind))
          throw new Error(`plan-targets.json ${target.id}: count figure needs an integer value and kind stated|listed`);
        if (!(await seedText(f.source_file)).includes(f.quote))
          throw new Error(`plan-targets.json ${target.id}: count quote is not an exact substring of ${f.source_file}: ${f.quote}`);
      }
    }
    shipped.push(Object.fromEntries(SHIPPED_FIELDS.filter((field) => field in target).map((field) => [field, target[field]])));
  }
  await mkdir(outDir, { recursive: true });
  const body = shipped.map((target) => JSON.stringify(target)).join(',\n');
  await writeFile(join(outDir, 'plan-targets.json'), `[\n${body}\n]\n`, 'utf8');
}
