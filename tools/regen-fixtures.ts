// Rewrites every analysis golden (tests/fixtures/analysis/*/out.json) after an
// intended change: `npx tsx tools/regen-fixtures.ts`. Review the diff before committing.
import { fixtureNames, readSpec, runFixture, writeGolden } from '../tests/fixtures/analysis/goldens';

for (const name of fixtureNames()) {
  writeGolden(name, runFixture(readSpec(name)));
  console.log(`regenerated ${name}`);
}
