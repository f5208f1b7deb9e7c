// `npm run bench [-- --json]`: the analysis engine against the naive Turf
// pipeline on the 驻马店 city outline, the edit→refresh time with the
// engine's per-facility cache, 100,000 imported points (coverage against
// the 商圈 15-minute circles, and what the main thread does with them), the
// network analysis, and a million road segments on their way to the worker.
// Seeded, so runs are comparable. A benchmark, not a test: it exits non-zero
// only when the two pipelines disagree.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import {
  CircleCache,
  DEFAULT_TRAVEL,
  coverage,
  coverageColumns,
  studyAreaFrom,
  travelRadiusMeters,
  travelTimeCircles,
  type Facility,
  type StudyArea,
  type Target,
} from '../src/analysis/index';
import { runAnalysis } from '../src/analysis/engines';
import { targetColumns } from '../src/analysis/targetColumns';
import { LAYER_IDS, type LayerId, type PlanLayerCollection } from '../src/domain/plan';
import type { LocalizedText } from '../src/i18n/text';
import { baselineScenario, startingScenarios } from '../src/domain/scenarios';
import { importFile } from '../src/io/import';
import { parseContext, parseCounties, parsePlanLayer } from '../src/io/planData';
import { type PlanDataset } from '../src/domain/dataset';
import { parsePointsFile } from '../src/io/points';
import { buildImportedLayers, drawDataFromFeatures, importedDrawData } from '../src/map/importedLayers';
import { packFeatures, packedTransfer, unpackFeatures } from '../src/io/featureColumns';
import { loadDeck } from '../src/map/deckRuntime';
import { DEFAULT_ANALYSIS_SPEC, type AnalysisSpec } from '../src/domain/analysisSpec';
import { buildRequest, importedTargets } from '../src/state/analysisSpec';
import { pointColumnsOf, pointColumnsTransfer } from '../src/io/pointColumns';
import { packRequest, unpackResult } from '../src/worker/wire';
import { runCoverageColumns } from '../src/worker/wireEngine';
import { datasetOf } from '../src/state/scenarioDataset';
import { buildAnalysisLayers, resultTables } from '../src/ui/analyses';
import type { Translate } from '../src/ui/context';
// deck.gl's own GeoJSON preparation (what a GeoJsonLayer runs whenever its data object changes);
// not exported by the package, so reached by file.
import { getGeojsonFeatures, separateGeojsonFeatures } from '../node_modules/@deck.gl/layers/dist/geojson-layer/geojson.js';
import { seededRandom } from './lib/seededRandom';
import { MILLION_CELLS, networkBench, printNetworkBench, printRoadWireBench, roadWireBench } from './bench-network';

const SEED = 20_250_101;
const FACILITIES = 300;
const TARGETS = 50_000;
const EDIT_FACILITIES = 1_000;
const RUNS = 5;
const EDITS = 7;
/** Dissolved circles near the limit: ours only (the naive union of 1,000 circles alone takes ≈ 8 s). */
const MANY_FACILITIES = 2_000;
const AGREEMENT = 0.001; // 0.1 % of the share, absolute
const SCALE_SEED = 20_250_606;
const SCALE_POINTS = 100_000;
const SCALE_RUNS = 5;
const MILLION = 1_000_000;

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

/** What the app opens on: the plan layers as the first starting scenario (方案A) holds them. */
function startingDataset(): PlanDataset {
  const layers = Object.fromEntries(LAYER_IDS.map((layer) => [layer, parsePlanLayer(read('layers', `${layer}.geojson`), layer)])) as Record<
    LayerId,
    PlanLayerCollection
  >;
  const titles = Object.fromEntries(LAYER_IDS.map((layer) => [layer, { zh: layer, en: layer }])) as Record<LayerId, LocalizedText>;
  const [variantA] = startingScenarios(baselineScenario(layers, titles), '2025-01-01T00:00:00.000Z');
  return datasetOf(variantA, { counties: parseCounties(read('base', 'counties.geojson')), context: parseContext(read('base', 'context.geojson')) });
}

/**
 * 100,000 points inside the city, as a planner's CSV: coverage against the 商圈 15-minute circles
 * the panel selects by default (engine vs naive Turf), and the main thread's share of the app path.
 */
function hundredThousandPoints(area: StudyArea) {
  const random = seededRandom(SCALE_SEED);
  const positions = randomPointsInside(area.outline, SCALE_POINTS, random);
  const csv = ['名称,经度,纬度,人口', ...positions.map(([lng, lat], index) => `点${index + 1},${lng.toFixed(6)},${lat.toFixed(6)},${1 + Math.floor(random() * 1000)}`)].join('\r\n');
  const bytes = () => new TextEncoder().encode(csv);
  const dataset = startingDataset();
  const spec: AnalysisSpec = { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', targetSource: 'imported' };

  // The analysis panel: the io worker parses the file, the main thread builds the request,
  // the analysis worker computes, the main thread turns the result into tables and layers.
  const parsed = timed(() => parsePointsFile('人口点.csv', bytes()));
  if (!parsed.value.ok) throw new Error(`the generated CSV did not parse: ${parsed.value.error.message.en}`);
  const points = parsed.value.points;
  // The io worker hands the points over as transferred columns (built in the worker, marked inside the city).
  const columnsInWorker = timed(() => pointColumnsOf(points, area.outline));
  const pointsToMain = timed(() => structuredClone(columnsInWorker.value, { transfer: pointColumnsTransfer(columnsInWorker.value) }));
  const imported = importedTargets('人口点.csv', pointsToMain.value, 0);
  const request = timed(() => buildRequest({ dataset, townships: [], imported }, spec));
  if (request.value.kind !== 'coverage') throw new Error('expected a coverage request');
  const { facilities, targets, params } = request.value;
  // The request crosses as transferred columns (wire.ts): packing it and posting it.
  const requestToWorker = timed(() => {
    const { wire, transfer } = packRequest(request.value);
    return structuredClone(wire, { transfer });
  });
  if (requestToWorker.value.kind !== 'coverage-columns') throw new Error('expected a columnar coverage request');
  const arrivedColumns = requestToWorker.value.columns;
  // The engine on the columns as the worker receives them (the main thread built them while packing, above).
  // One untimed run first, so the median is of the compiled code, not of the JIT warming up.
  coverageColumns(facilities, arrivedColumns, params, area);
  const engine = medianOf(SCALE_RUNS, () => coverageColumns(facilities, arrivedColumns, params, area));
  // The same including building the columns from the target objects.
  const engineWithColumns = medianOf(SCALE_RUNS, () => coverageColumns(facilities, targetColumns(targets), params, area));
  // The same with the object-shaped result the worker still returns (an entry per uncovered target).
  const engineObjects = medianOf(SCALE_RUNS, () => coverage(facilities, targets, params, area));
  // 1,000,000 points: each of the 100,000 ten times, jittered by up to ±0.001° (≈ 100 m), as columns.
  const millionColumns = (() => {
    const jitter = seededRandom(SCALE_SEED + 1);
    const lng = new Float64Array(MILLION);
    const lat = new Float64Array(MILLION);
    const weight = new Float64Array(MILLION);
    for (let i = 0; i < MILLION; i++) {
      const source = targets[i % targets.length]!;
      lng[i] = source.coordinates[0] + (jitter() - 0.5) * 0.002;
      lat[i] = source.coordinates[1] + (jitter() - 0.5) * 0.002;
      weight[i] = source.weight;
    }
    return { lng, lat, weight };
  })();
  const million = medianOf(SCALE_RUNS, () => coverageColumns(facilities, millionColumns, params, area));
  const workerRun = medianOf(SCALE_RUNS, () => runAnalysis(request.value, { area, planTargets: [], cache: new CircleCache() }));
  // As the app's worker answers: the columnar result (uncovered targets as indices), moved, then unpacked
  // with the names from the targets the main thread kept. The worker's part is not timed here.
  const wireResult = runCoverageColumns(structuredClone(requestToWorker.value), { area, cache: new CircleCache() });
  const resultToMain = timed(() => unpackResult(structuredClone(wireResult.result, { transfer: wireResult.transfer }), request.value));
  const translate = ((key: string) => key) as Translate;
  const tables = timed(() => resultTables(workerRun.value, new Map(), translate, 'zh'));
  const analysisLayers = timed(() => buildAnalysisLayers(workerRun.value));
  const naive = naiveTurf(facilities, targets, area, travelRadiusMeters(params));
  const share = engine.value.targets.share;
  const weightShare = engine.value.targets.weightShare;

  // The same file imported as a layer: the io worker builds the features, the main thread
  // receives them and hands them to deck.gl on every rebuild of the layer list (each edit,
  // each analysis result). Before, a GeoJsonLayer got a new FeatureCollection each time and
  // re-ran its preparation; now the flat positions are built once per feature list.
  const importReport = timed(() => importFile('人口点.csv', bytes()));
  if (!importReport.value.ok) throw new Error(`the generated CSV did not import: ${importReport.value.error.message.en}`);
  const layerToMain = timed(() => structuredClone(importReport.value.ok ? importReport.value.layer : null)!);
  const layer = layerToMain.value;
  // As the app's io worker now posts a layer of simple points: packed into columns there (not timed: the
  // worker's), the buffers moved, and the features rebuilt on the main thread (timed: what the page feels).
  const packedLayer = packFeatures(layer.features)!;
  const layerAsColumns = timed(() => unpackFeatures(structuredClone(packedLayer, { transfer: packedTransfer(packedLayer) })));
  if (JSON.stringify(layerAsColumns.value) !== JSON.stringify(layer.features)) throw new Error('the layer rebuilt from its columns differs from the layer');
  // As CompositeLayer.getSubLayerRow wraps each row.
  const wrap = <T,>(row: T, source: unknown, index: number): T => ({ ...row, __source: { parent: null, object: source, index } });
  const geoJsonPreparation = medianOf(SCALE_RUNS, () => {
    const collection = { type: 'FeatureCollection', features: layer.features.filter((feature) => feature.geometry !== null) } as FeatureCollection;
    return separateGeojsonFeatures(getGeojsonFeatures(collection), wrap).pointFeatures.length;
  });
  // Flat positions walked from the features (a layer that came as objects), and as the app now gets
  // them for a layer that came as columns: the columns' own positions.
  const firstBuild = timed(() => drawDataFromFeatures(layer.features));
  const fromColumns = timed(() => importedDrawData(layerAsColumns.value));
  const rebuild = medianOf(SCALE_RUNS, () => buildImportedLayers([{ ...layer, features: layerAsColumns.value }]));
  return {
    setup: { seed: SCALE_SEED, points: SCALE_POINTS, facilities: facilities.length, radiusMeters: travelRadiusMeters(params), mode: params.mode, minutes: params.minutes, csvBytes: bytes().length },
    coverage: {
      engineMs: engine.ms,
      engineIncludingColumnsMs: engineWithColumns.ms,
      engineObjectResultMs: engineObjects.ms,
      million: { points: MILLION, ms: million.ms, covered: million.value.targets.covered, share: million.value.targets.share },
      workerRunMs: workerRun.ms,
      runs: SCALE_RUNS,
      naiveMs: naive.coverageMs,
      naive: { bufferUnionMs: naive.bufferUnionMs, pointsWithinMs: naive.pointsWithinMs, intersectAreaMs: naive.intersectAreaMs },
      speedup: naive.coverageMs / engine.ms,
      covered: engine.value.targets.covered,
      share,
      weightShare,
      naiveShare: naive.share,
      naiveWeightShare: naive.weightShare,
      agree: Math.abs(share - naive.share) <= AGREEMENT && Math.abs(weightShare - naive.weightShare) <= AGREEMENT,
    },
    analysisPanel: {
      workerParseMs: parsed.ms,
      columnsInWorkerMs: columnsInWorker.ms,
      pointsToMainCloneMs: pointsToMain.ms,
      buildRequestMs: request.ms,
      requestToWorkerCloneMs: requestToWorker.ms,
      resultToMainCloneMs: resultToMain.ms,
      resultTablesMs: tables.ms,
      resultTableRows: tables.value.reduce((sum, table) => sum + table.rows.length, 0),
      analysisLayersMs: analysisLayers.ms,
    },
    importedLayer: {
      workerImportMs: importReport.ms,
      layerToMainCloneMs: layerToMain.ms,
      layerToMainColumnsMs: layerAsColumns.ms,
      features: layer.features.length,
      geoJsonLayerPreparationMs: geoJsonPreparation.ms,
      flatPositionsFirstBuildMs: firstBuild.ms,
      flatPositionsFromColumnsMs: fromColumns.ms,
      layerListRebuildMs: rebuild.ms,
      speedupFirst: geoJsonPreparation.ms / firstBuild.ms,
    },
  };
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  // `--roads [--cells N]`: only a million road segments on their way to the worker (tools/bench-network.ts; 999 cells: two million, the limit).
  if (process.argv.includes('--roads')) {
    const cells = process.argv.includes('--cells') ? Number(process.argv[process.argv.indexOf('--cells') + 1]) : MILLION_CELLS;
    const roadWire = await roadWireBench(studyArea(), cells);
    if (json) process.stdout.write(`${JSON.stringify({ roadWire }, null, 2)}\n`);
    else printRoadWireBench(roadWire);
    return 0;
  }
  // `--network`: only the network part (below, and tools/bench-network.ts).
  if (process.argv.includes('--network')) {
    const network = networkBench(studyArea());
    if (json) process.stdout.write(`${JSON.stringify({ network }, null, 2)}\n`);
    else printNetworkBench(network);
    return network.agree ? 0 : 1;
  }
  // `--scale`: only the 100,000-point part.
  if (process.argv.includes('--scale')) {
    const scale = hundredThousandPoints(studyArea());
    if (json) process.stdout.write(`${JSON.stringify({ scale }, null, 2)}\n`);
    else printScale(scale, (value) => `${Math.round(value).toLocaleString('en')} ms`, (value) => `${(value * 100).toFixed(2)} %`);
    return scale.coverage.agree ? 0 : 1;
  }
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

  // One untimed run of each first (as the 100,000-point part does), so the medians are of compiled code:
  // a 100 ms run's first call is mostly the JIT warming up; the naive pipeline's single 4-second run is not.
  coverage(facilities, targets, DEFAULT_TRAVEL, area);
  const oursCoverage = medianOf(RUNS, () => coverage(facilities, targets, DEFAULT_TRAVEL, area));
  travelTimeCircles(facilities, DEFAULT_TRAVEL, area);
  const oursCircles = medianOf(RUNS, () => travelTimeCircles(facilities, DEFAULT_TRAVEL, area));
  // Its own seed, so the edit benchmark below draws the same positions as before.
  const manyFacilities = randomPointsInside(area.outline, MANY_FACILITIES, seededRandom(SEED + 1)).map(facilityAt);
  const manyCircles = medianOf(3, () => travelTimeCircles(manyFacilities, DEFAULT_TRAVEL, area));
  const naive = naiveTurf(facilities, targets, area, radiusMeters);
  const edit = editRefresh(area, targets, random);
  const scale = hundredThousandPoints(area);

  const ours = oursCoverage.value.targets;
  const oursKm2 = oursCoverage.value.areas[0]?.coveredKm2 ?? 0;
  const shareDiff = Math.abs(ours.share - naive.share);
  const weightShareDiff = Math.abs(ours.weightShare - naive.weightShare);
  const agree = shareDiff <= AGREEMENT && weightShareDiff <= AGREEMENT && scale.coverage.agree;
  const result = {
    setup: { seed: SEED, facilities: FACILITIES, targets: TARGETS, radiusMeters, mode: DEFAULT_TRAVEL.mode, minutes: DEFAULT_TRAVEL.minutes },
    ours: {
      coverageMs: oursCoverage.ms,
      circlesMs: oursCircles.ms,
      circles2000: { facilities: MANY_FACILITIES, ms: manyCircles.ms, runs: manyCircles.runs, coveredKm2: manyCircles.value.areas[0]?.coveredKm2 ?? 0 },
      runs: RUNS,
      share: ours.share,
      weightShare: ours.weightShare,
      coveredKm2: oursKm2,
    },
    naive: { ...naive, runs: 1 },
    speedup: { coverage: naive.coverageMs / oursCoverage.ms, circles: naive.circlesMs / oursCircles.ms },
    agreement: { shareDiff, weightShareDiff, coveredKm2Diff: Math.abs(oursKm2 - naive.coveredKm2), tolerance: AGREEMENT, agree },
    edit,
    scale,
    network: networkBench(area),
    roadWire: await roadWireBench(area),
  };

  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const pct = (value: number) => `${(value * 100).toFixed(3)} %`;
    const radius = Math.round(radiusMeters);
    console.log(`驻马店 outline · ${FACILITIES} facilities · ${TARGETS.toLocaleString('en')} weighted targets · walk ${DEFAULT_TRAVEL.minutes} min = ${radius} m · seed ${SEED}`);
    console.log('ours: median of ' + RUNS + ' runs after one warm-up run, cold cache · naive Turf: 1 run\n');
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
    console.log(`circles, dissolved + areas, ${MANY_FACILITIES.toLocaleString('en')} facilities (ours, median of 3, cold cache): ${ms(manyCircles.ms)}`);
    console.log(`\nedit → refreshed result, 1 of ${edit.facilities} facilities moved, same cache (median of ${edit.edits} edits):`);
    console.log(`  circles  ${ms(edit.circles.editMs)} (cold ${ms(edit.circles.coldMs)})`);
    console.log(`  coverage ${ms(edit.coverage.editMs)} (cold ${ms(edit.coverage.coldMs)}, ${TARGETS.toLocaleString('en')} targets)`);
    printScale(scale, ms, pct);
    printNetworkBench(result.network);
    printRoadWireBench(result.roadWire);
    console.log(agree ? '\nanswers agree within 0.1 %' : `\nANSWERS DISAGREE (share Δ ${pct(shareDiff)}, weighted Δ ${pct(weightShareDiff)})`);
  }
  return agree && result.network.agree ? 0 : 1;
}

function printScale(scale: ReturnType<typeof hundredThousandPoints>, ms: (value: number) => string, pct: (value: number) => string) {
  const { setup, coverage: cov, analysisPanel: panel, importedLayer: imported } = scale;
  console.log(
    `\n100,000 points · seed ${setup.seed} · ${setup.points.toLocaleString('en')} random points in the outline, a ${(setup.csvBytes / 1024 / 1024).toFixed(1)} MB CSV · ` +
      `商圈 15-minute circles as the panel selects them in 方案A: ${setup.facilities} facilities, ${setup.mode} ${setup.minutes} min = ${Math.round(setup.radiusMeters)} m`,
  );
  console.log(`ours: median of ${cov.runs} runs, cold cache · naive Turf: 1 run\n`);
  console.table({
    'coverage: shares + areas': { ours: ms(cov.engineMs), naive: ms(cov.naiveMs), 'naive / ours': `${cov.speedup.toFixed(1)}×` },
    'the same, building the columns from target objects': { ours: ms(cov.engineIncludingColumnsMs), naive: '', 'naive / ours': '' },
    'coverage, object-shaped result (an entry per uncovered target)': { ours: ms(cov.engineObjectResultMs), naive: '', 'naive / ours': '' },
    [`coverage of ${cov.million.points.toLocaleString('en')} points (columns)`]: { ours: ms(cov.million.ms), naive: '', 'naive / ours': '' },
    'worker run (circles drawn + coverage)': { ours: ms(cov.workerRunMs), naive: '', 'naive / ours': '' },
    'covered share': { ours: pct(cov.share), naive: pct(cov.naiveShare), 'naive / ours': `Δ ${pct(Math.abs(cov.share - cov.naiveShare))}` },
    'weighted share': { ours: pct(cov.weightShare), naive: pct(cov.naiveWeightShare), 'naive / ours': `Δ ${pct(Math.abs(cov.weightShare - cov.naiveWeightShare))}` },
  });
  console.log(`naive steps: buffer+union ${ms(cov.naive.bufferUnionMs)}, pointsWithinPolygon ${ms(cov.naive.pointsWithinMs)}, intersect+area ${ms(cov.naive.intersectAreaMs)}`);
  console.log('\nas analysis targets (structuredClone stands for a postMessage: serialise on one side, read on the other):');
  console.log(`  io worker    parse the CSV                   ${ms(panel.workerParseMs)}`);
  console.log(`  io worker    points → columns (+ in the city) ${ms(panel.columnsInWorkerMs)}`);
  console.log(`  main thread  receive the points (columns)    ${ms(panel.pointsToMainCloneMs)}`);
  console.log(`  main thread  build the request (targets)     ${ms(panel.buildRequestMs)}`);
  console.log(`  main thread  send the request                ${ms(panel.requestToWorkerCloneMs)}`);
  console.log(`  main thread  receive the result (columns, unpacked) ${ms(panel.resultToMainCloneMs)}`);
  console.log(`  main thread  result tables (${panel.resultTableRows.toLocaleString('en')} rows, before React) ${ms(panel.resultTablesMs)}`);
  console.log(`  main thread  analysis layers (construct)     ${ms(panel.analysisLayersMs)}`);
  console.log(`\nas an imported layer (${imported.features.toLocaleString('en')} features):`);
  console.log(`  io worker    import the CSV                  ${ms(imported.workerImportMs)}`);
  console.log(`  main thread  receive the layer as objects (before) ${ms(imported.layerToMainCloneMs)} · as columns, rebuilt ${ms(imported.layerToMainColumnsMs)}`);
  console.log(
    `  main thread  deck.gl GeoJsonLayer preparation ${ms(imported.geoJsonLayerPreparationMs)} (before: on every layer-list rebuild) · ` +
      `flat positions ${ms(imported.flatPositionsFirstBuildMs)} once (${imported.speedupFirst.toFixed(1)}×; from the columns ${ms(imported.flatPositionsFromColumnsMs)}), then a rebuild ${imported.layerListRebuildMs.toFixed(2)} ms`,
  );
}

// The layer builders take deck.gl from deckRuntime, which the app loads after its first map.
await loadDeck();
process.exitCode = await main();
