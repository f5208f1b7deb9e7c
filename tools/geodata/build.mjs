// Regenerates everything under data/ from npm packages (base geography) and
// the committed plan table (plan layers). `--check` builds into a temporary
// folder and proves the committed files are byte-identical to a fresh build.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBase } from './src/base.mjs';
import { buildLayers } from './src/layers.mjs';
import { buildTargets } from './src/targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const committedDataDir = resolve(here, '../../data');
const seedsDir = resolve(process.env.ZMD_SEEDS_DIR ?? join(here, '../../../shared/seeds'));

async function buildInto(outDir) {
  const baseDir = join(outDir, 'base');
  const layersDir = join(outDir, 'layers');
  mkdirSync(baseDir, { recursive: true });
  mkdirSync(layersDir, { recursive: true });
  await buildBase({ outDir: baseDir });
  await buildLayers({ baseDir, outDir: layersDir, seedsDir, planTablePath: join(here, 'plan-table.tsv') });
  await buildTargets({ tablePath: join(here, 'plan-targets.json'), seedsDir, outDir: join(outDir, 'targets') });
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dir, path))
    .sort();
}

if (process.argv.includes('--check')) {
  const scratch = mkdtempSync(join(tmpdir(), 'zmd-geodata-'));
  try {
    await buildInto(scratch);
    const fresh = listFiles(scratch);
    const committed = listFiles(committedDataDir);
    const problems = [];
    for (const name of new Set([...fresh, ...committed])) {
      if (!fresh.includes(name)) problems.push(`committed but not generated: data/${name}`);
      else if (!committed.includes(name)) problems.push(`generated but not committed: data/${name}`);
      else if (!readFileSync(join(scratch, name)).equals(readFileSync(join(committedDataDir, name))))
        problems.push(`differs from a fresh build: data/${name}`);
    }
    if (problems.length) {
      console.error(problems.join('\n'));
      console.error(`geodata check: ${problems.length} file(s) not reproducible; run "npm run build" in tools/geodata`);
      process.exit(1);
    }
    console.log(`geodata check: ${fresh.length} files in data/ are byte-identical to a fresh build`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} else {
  await buildInto(committedDataDir);
  console.log(`geodata: wrote ${listFiles(committedDataDir).length} files to ${committedDataDir}`);
}
