// The plans' quantitative targets, shipped for the analysis engine's pass/fail
// checks. Source: the committed plan-targets.json beside this folder (read out
// of the seeds); every quote is re-verified against the seed plans on build.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const SHIPPED_FIELDS = [
  'id', 'indicator_zh', 'indicator_en', 'target', 'target_year', 'map_checkable',
  'spatial_check', 'source_file', 'quote', 'conflict',
];

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
    shipped.push(Object.fromEntries(SHIPPED_FIELDS.filter((field) => field in target).map((field) => [field, target[field]])));
  }
  await mkdir(outDir, { recursive: true });
  const body = shipped.map((target) => JSON.stringify(target)).join(',\n');
  await writeFile(join(outDir, 'plan-targets.json'), `[\n${body}\n]\n`, 'utf8');
}
