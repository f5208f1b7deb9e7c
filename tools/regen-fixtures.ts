// Rewrites every analysis golden (tests/fixtures/analysis/*/out/) after an
// intended change: `npm run fixtures`. Review the diff before committing.
import { fixtureNames, goldenFiles, runFixture, writeGolden } from '../tests/fixtures/analysis/goldens';

for (const name of fixtureNames()) {
  writeGolden(name, goldenFiles(runFixture(name)));
  console.log(`regenerated ${name}`);
}
