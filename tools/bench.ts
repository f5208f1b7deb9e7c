// `npm run bench [-- --json]`: the analysis engine against the naive Turf
// pipeline on the 驻马店 city outline, and the edit→refresh time with the
// engine's per-facility cache. Seeded, so runs are comparable. A benchmark,
// not a test: it exits non-zero only when the two pipelines disagree.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { CircleCache, DEFAULT_TRAVEL, coverage, studyAreaFrom, travelTimeCircles, type Facility, type StudyArea, type Target } from '../src/analysis/index';
import { parseContext, parseCounties } from '../src/io/planData';
import { seededRandom } from './lib/seededRandom';

const SEED = 20_250_101;
const FACILITIES = 300;
const TARGETS = 50_000;
const EDIT_FACILITIES = 1_000;
const RUNS = 5;
const EDITS = 7;
const AGREEMENT = 0.001; // 0.1 % of the share, absolute

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (...parts: string[]) => readFileSync(resolve(repoRoot, 'data', ...parts), 'utf8');


const studyArea = (): StudyArea => studyAreaFrom(parseCounties(read('base', 'counties.geojson')), parseContext(read('base', 'context.geojson')));

function randomPointsInside(outline: Feature<Polygon | MultiPolygon>, count: number, random: () => number): [number, number][] {
  const [west, south, east, north] = turf.bbox(outline);
  const points: [number, number][] = [];
  while (points.length < count) {
    const position: [number, number] = [west + random() * (east - west), south + random() * (north - south)];
    if (turf.booleanPointInPolygon(position, outline)) points.push(position);
  }
  return points;
}

const facilityAt = (coordinates: [number, number], index: number): Facility => ({
  id: `f${index}`,
  name: `facility ${index}`,
  geometry: { type: 'Point', coordinates },
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

function medianOf<T>(runs: number, work: () => T): { value: T; ms: number; runs: number } {
  const times: number[] = [];
  let value!: T;
  for (let run = 0; run < runs; run++) {
    const result = timed(work);
    value = result.value;
    times.push(result.ms);
  }
  return { value, ms: median(times), runs };
}

/**
 * What a planner would write with Turf alone: buffer each facility, union
 * them, points in the union; the covered area by intersecting with the outline.
 */
function naiveTurf(facilities: Facility[], targets: Target[], area: StudyArea, radiusMeters: number) {
  const points = turf.featureCollection(targets.map((target) => turf.point(target.coordinates, { weight: target.weight })));
  const dissolve = timed(() => turf.union(turf.featureCollection(facilities.map((f) => turf.buffer(f.geometry as Point, radiusMeters, { units: 'meters' })!))));
  const dissolved = dissolve.value;
  const within = timed(() => (dissolved ? turf.pointsWithinPolygon(points, dissolved) : turf.featureCollection<Point>([])));
  const clip = timed(() => {
    const clipped = dissolved ? turf.intersect(turf.featureCollection([dissolved, area.outline])) : null;
    return clipped ? turf.area(clipped) / 1e6 : 0;
  });
  const weightCovered = within.value.features.reduce((sum, feature) => sum + (feature.properties?.weight as number), 0);
  const weightTotal = targets.reduce((sum, target) => sum + target.weight, 0);
  return {
    bufferUnionMs: dissolve.ms,
    pointsWithinMs: within.ms,
    intersectAreaMs: clip.ms,
    coverageMs: dissolve.ms + within.ms + clip.ms,
    circlesMs: dissolve.ms + clip.ms,
    share: within.value.features.length / targets.length,
    weightShare: weightCovered / weightTotal,
    coveredKm2: clip.value,
  };
}

/** One of 1,000 facilities moves; the same cache and study area are passed again, as the worker does. */
function editRefresh(area: StudyArea, targets: Target[], random: () => number) {
  const positions = randomPointsInside(area.outline, EDIT_FACILITIES + 2 * EDITS, random);
  const facilities = positions.slice(0, EDIT_FACILITIES).map(facilityAt);
  const measure = (analysis: (cache: CircleCache) => unknown, firstMove: number) => {
    const cache = new CircleCache();
    const cold = timed(() => analysis(cache)).ms;
    const times: number[] = [];
    for (let edit = 0; edit < EDITS; edit++) {
      const moved = Math.floor(random() * EDIT_FACILITIES);
      facilities[moved] = facilityAt(positions[firstMove + edit]!, moved);
      times.push(timed(() => analysis(cache)).ms);
    }
    return { coldMs: cold, editMs: median(times) };
  };
  const circles = measure((cache) => travelTimeCircles(facilities, DEFAULT_TRAVEL, area, undefined, cache), EDIT_FACILITIES);
  const coverageRun = measure((cache) => coverage(facilities, targets, DEFAULT_TRAVEL, area, undefined, cache), EDIT_FACILITIES + EDITS);
  return { facilities: EDIT_FACILITIES, edits: EDITS, circles, coverage: coverageRun };
}

function main(): number {
  const json = process.argv.includes('--json');
  const random = seededRandom(SEED);
  const area = studyArea();
  const facilities = randomPointsInside(area.outline, FACILITIES, random).map(facilityAt);
  const targets: Target[] = randomPointsInside(area.outline, TARGETS, random).map((coordinates, index) => ({
    id: `t${index}`,
    name: `target ${index}`,
    coordinates,
    weight: 1 + Math.floor(random() * 1000),
  }));
  const radiusMeters = DEFAULT_TRAVEL.speeds[DEFAULT_TRAVEL.mode] * DEFAULT_TRAVEL.minutes;

  const oursCoverage = medianOf(RUNS, () => coverage(facilities, targets, DEFAULT_TRAVEL, area));
  const oursCircles = medianOf(RUNS, () => travelTimeCircles(facilities, DEFAULT_TRAVEL, area));
  const naive = naiveTurf(facilities, targets, area, radiusMeters);
  const edit = editRefresh(area, targets, random);

  const ours = oursCoverage.value.targets;
  const oursKm2 = oursCoverage.value.areas[0]?.coveredKm2 ?? 0;
  const shareDiff = Math.abs(ours.share - naive.share);
  const weightShareDiff = Math.abs(ours.weightShare - naive.weightShare);
  const agree = shareDiff <= AGREEMENT && weightShareDiff <= AGREEMENT;
  const result = {
    setup: { seed: SEED, facilities: FACILITIES, targets: TARGETS, radiusMeters, mode: DEFAULT_TRAVEL.mode, minutes: DEFAULT_TRAVEL.minutes },
    ours: {
      coverageMs: oursCoverage.ms,
      circlesMs: oursCircles.ms,
      runs: RUNS,
      share: ours.share,
      weightShare: ours.weightShare,
      coveredKm2: oursKm2,
    },
    naive: { ...naive, runs: 1 },
    speedup: { coverage: naive.coverageMs / oursCoverage.ms, circles: naive.circlesMs / oursCircles.ms },
    agreement: { shareDiff, weightShareDiff, coveredKm2Diff: Math.abs(oursKm2 - naive.coveredKm2), tolerance: AGREEMENT, agree },
    edit,
  };

  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const pct = (value: number) => `${(value * 100).toFixed(3)} %`;
    const radius = Math.round(radiusMeters);
    console.log(`驻马店 outline · ${FACILITIES} facilities · ${TARGETS.toLocaleString('en')} weighted targets · walk ${DEFAULT_TRAVEL.minutes} min = ${radius} m · seed ${SEED}`);
    console.log('ours: median of ' + RUNS + ' runs, cold cache · naive Turf: 1 run\n');
    console.table({
      'coverage: shares + areas': { ours: ms(oursCoverage.ms), naive: ms(naive.coverageMs), 'naive / ours': `${result.speedup.coverage.toFixed(1)}×` },
      'circles: dissolved + areas': { ours: ms(oursCircles.ms), naive: ms(naive.circlesMs), 'naive / ours': `${result.speedup.circles.toFixed(1)}×` },
      'covered share': { ours: pct(ours.share), naive: pct(naive.share), 'naive / ours': `Δ ${pct(shareDiff)}` },
      'weighted share': { ours: pct(ours.weightShare), naive: pct(naive.weightShare), 'naive / ours': `Δ ${pct(weightShareDiff)}` },
      'covered km² (city)': { ours: oursKm2.toFixed(1), naive: naive.coveredKm2.toFixed(1), 'naive / ours': '' },
    });
    console.log(
      `naive steps: buffer+union ${ms(naive.bufferUnionMs)}, pointsWithinPolygon ${ms(naive.pointsWithinMs)}, intersect+area ${ms(naive.intersectAreaMs)}`,
    );
    console.log(`\nedit → refreshed result, 1 of ${edit.facilities} facilities moved, same cache (median of ${edit.edits} edits):`);
    console.log(`  circles  ${ms(edit.circles.editMs)} (cold ${ms(edit.circles.coldMs)})`);
    console.log(`  coverage ${ms(edit.coverage.editMs)} (cold ${ms(edit.coverage.coldMs)}, ${TARGETS.toLocaleString('en')} targets)`);
    console.log(agree ? '\nanswers agree within 0.1 %' : `\nANSWERS DISAGREE (share Δ ${pct(shareDiff)}, weighted Δ ${pct(weightShareDiff)})`);
  }
  return agree ? 0 : 1;
}

process.exitCode = main();
