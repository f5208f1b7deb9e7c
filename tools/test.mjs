// `npm test`: typecheck, lint (folder boundaries), unit/data tests, then the browser tests in Debian's
// Chromium; ends with one plain line "N passed, N failed" over all suites.
// With ZMD_GEODATA_CHECK=1 (CI) it also proves data/ regenerates byte for byte.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const REPORTS = 'tests/artifacts/reports';
mkdirSync(REPORTS, { recursive: true });
const suites = [];

function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0;
}

function hasCjkFont() {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Debian's Chromium and CJK fonts (browser tests) and GDAL (exports read back by ogrinfo, fixtures by ogr2ogr). */
function ensureTestTools() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium) && hasCjkFont() && hasCommand('ogrinfo')) return true;
  const install = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk gdal-bin';
  if (process.getuid?.() !== 0) {
    console.error(`Chromium, the CJK fonts or GDAL are missing. Install them once, then run npm test again:\n  sudo sh -c '${install}'`);
    return false;
  }
  console.log('Installing Debian Chromium, CJK fonts and GDAL for the tests…');
  return run('sh', ['-c', install]);
}

/** Counts from a vitest JSON report; a suite that produced none counts as one failure. */
function vitestSuite(name, config) {
  const report = `${REPORTS}/${name}.json`;
  const ok = run(process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', '--config', config,
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) return { name, passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
  return { name, passed: json.numPassedTests, failed };
}

function commandSuite(name, command, args, options) {
  const ok = run(command, args, options);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

const toolsReady = ensureTestTools();
suites.push(commandSuite('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']));
// Folder boundaries: imports point down the layers and the pure folders use no DOM (eslint.config.js, tsconfig.pure.json).
suites.push(commandSuite('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', 'src']));
suites.push(commandSuite('pure-typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.pure.json']));
suites.push(vitestSuite('unit', 'vitest.config.ts'));
if (toolsReady) suites.push(vitestSuite('browser', 'vitest.browser.config.ts'));
else suites.push({ name: 'browser', passed: 0, failed: 1 });
if (process.env.ZMD_GEODATA_CHECK === '1') {
  const geodata = { cwd: 'tools/geodata' };
  suites.push(
    run('npm', ['ci', '--no-audit', '--no-fund'], geodata)
      ? commandSuite('geodata', 'npm', ['run', 'check'], geodata)
      : { name: 'geodata', passed: 0, failed: 1 },
  );
}

const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log('\n' + suites.map((suite) => `${suite.name}: ${suite.passed} passed, ${suite.failed} failed`).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
