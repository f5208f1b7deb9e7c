// `npm run analyze -- <command> …`: the analysis engine from the command line,
// on the shipped plan layers or on a planner's own GeoJSON/CSV. Thin on
// purpose: arguments and files here, parsing in src/io, analysis in
// src/analysis (the same code the app's worker runs). One JSON summary goes to
// stdout; a bad input is one line on stderr and a non-zero exit, never a trace.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import {
  DEFAULT_HUFF_EXPONENT,
  DEFAULT_SPEEDS,
  DEFAULT_TRAVEL,
  catchment,
  coverage,
  evaluatePlanTargets,
  facilitiesFromLayer,
  studyAreaFrom,
  targetsFromTowns,
  targetsFromTownships,
  travelTimeCircles,
  type Facility,
  type PlanTargetRecord,
  type StudyArea,
  type Target,
  type TownshipLike,
  type TravelMode,
  type TravelParameters,
} from '../src/analysis/index';
import { LAYER_IDS, type LayerId } from '../src/domain/plan';
import { parseContext, parseCounties, parsePlanLayer } from '../src/io/planData';
import { cityBounds, type CityBounds } from '../src/domain/validation';
import { facilitiesFromImport, studyAreaFromImport, targetsFromImport, type SkippedRow } from '../src/io/analysisInputs';
import { importFile, type ImportError, type ImportFailure, type ImportOptions, type ImportReport, type CrsReport } from '../src/io/import';

const COMMANDS = ['circles', 'catchment', 'coverage', 'targets'] as const;
type Command = (typeof COMMANDS)[number];
const MODES: readonly TravelMode[] = ['walk', 'bike', 'drive'];
const METRICS = ['distance', 'time'] as const;

const USAGE = `usage: npm run analyze -- <circles|catchment|coverage|targets> --facilities <file|layer:<id>[:<kind>,…]> [options]

  --facilities <f>       a data file (GeoJSON/CSV/.zip, as the app imports), or a shipped plan layer: layer:${LAYER_IDS.join(' | layer:')}
                         optionally with kinds, e.g. layer:business-districts:business_district
  --targets <f>          points in a data file (any encoding and CRS the app imports), or layer:towns | layer:townships
  --minutes <n>          travel time budget (default ${DEFAULT_TRAVEL.minutes})
  --mode <m>             walk | bike | drive (default ${DEFAULT_TRAVEL.mode})
  --speed <m/min>        speed of the mode (default walk ${DEFAULT_SPEEDS.walk.toFixed(1)}, bike ${DEFAULT_SPEEDS.bike}, drive ${DEFAULT_SPEEDS.drive.toFixed(1)})
  --detour <factor>      road distance / straight line, ≥ 1 (default ${DEFAULT_TRAVEL.detourFactor})
  --weight <property>    numeric target property used as weight (default 1 per target)
  --metric <m>           catchment: distance | time (default distance)
  --huff-exponent <n>    catchment: run the Huff model with this distance-decay exponent
  --attractiveness <p>   catchment: numeric facility property for the Huff model
  --boundary <file>      GeoJSON polygons to report areas against (default: 驻马店 city outline and counties)
  --out <file.geojson>   also write the full result as GeoJSON
  --json                 JSON summary on stdout (the default)
  -h, --help             this text`;

/** A problem the user can fix; exit 2 for a wrong command line, 1 for bad input. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataPath = (...parts: string[]) => resolve(repoRoot, 'data', ...parts);

// ---------------------------------------------------------------- arguments

interface Options {
  command: Command;
  facilities?: string;
  targets?: string;
  travel: TravelParameters;
  weight?: string;
  metric: (typeof METRICS)[number];
  huffExponent?: number;
  attractiveness?: string;
  boundary?: string;
  out?: string;
}

function positiveNumber(flag: string, raw: string | undefined, minimum = 0, inclusive = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\s*[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) ? Number(raw) : NaN;
  const ok = Number.isFinite(value) && (inclusive ? value >= minimum : value > minimum);
  if (!ok) throw new CliError(`--${flag} must be a number ${inclusive ? '≥' : '>'} ${minimum}, got "${raw}"`, 2);
  return value;
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) throw new CliError(`--${flag} must be one of ${allowed.join(', ')}, got "${raw}"`, 2);
  return raw as T;
}

/** `--minutes -5` → `--minutes=-5`, so a negative number is refused as a number, not taken for an option. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

function parseCommandLine(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        facilities: { type: 'string' },
        targets: { type: 'string' },
        minutes: { type: 'string' },
        mode: { type: 'string' },
        speed: { type: 'string' },
        detour: { type: 'string' },
        weight: { type: 'string' },
        metric: { type: 'string' },
        'huff-exponent': { type: 'string' },
        attractiveness: { type: 'string' },
        boundary: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new CliError(`unknown option ${flag} (see --help)`, 2);
    }
    const missing = /'(--[a-z-]+) <value>' argument missing/.exec(message);
    if (missing) throw new CliError(`${missing[1]} needs a value (see --help)`, 2);
    throw new CliError(`${message.split('. ')[0]} (see --help)`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new CliError(`missing command: one of ${COMMANDS.join(', ')} (see --help)`, 2);
  const [command, ...extra] = positionals;
  if (!COMMANDS.includes(command as Command)) throw new CliError(`unknown command "${command}": use one of ${COMMANDS.join(', ')}`, 2);
  if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0]}" (see --help)`, 2);
  if (!values.facilities && command !== 'targets') throw new CliError('--facilities is required (a file, or layer:<id>, e.g. layer:business-districts)', 2);
  if ((command === 'coverage' || command === 'catchment') && !values.targets)
    throw new CliError(`${command} needs --targets (a file, or layer:towns / layer:townships)`, 2);
  if (values.weight !== undefined && (values.targets === undefined || values.targets.startsWith('layer:')))
    throw new CliError('--weight needs a --targets file: the shipped layers have no weight property', 2);

  const mode = oneOf('mode', values.mode, MODES) ?? DEFAULT_TRAVEL.mode;
  const speed = positiveNumber('speed', values.speed);
  const travel: TravelParameters = {
    minutes: positiveNumber('minutes', values.minutes) ?? DEFAULT_TRAVEL.minutes,
    mode,
    speeds: { ...DEFAULT_SPEEDS, ...(speed !== undefined ? { [mode]: speed } : {}) },
    detourFactor: positiveNumber('detour', values.detour, 1, true) ?? DEFAULT_TRAVEL.detourFactor,
  };
  return {
    command: command as Command,
    facilities: values.facilities,
    targets: values.targets,
    travel,
    weight: values.weight,
    metric: oneOf('metric', values.metric, METRICS) ?? 'distance',
    huffExponent: positiveNumber('huff-exponent', values['huff-exponent']),
    attractiveness: values.attractiveness,
    boundary: values.boundary,
    out: values.out,
  };
}

// ---------------------------------------------------------------- inputs

function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`cannot read ${what} file ${path}: ${why}`);
  }
}

const describeError = (path: string, error: ImportError) => `${path}: ${error.message.en} / ${error.message.zh}`;

/** An import result's value, or the user's one-line error. */
function unwrap<R extends { ok: true }>(path: string, result: R | ImportFailure): R {
  if (!result.ok) throw new CliError(describeError(path, result.error));
  return result;
}

/** The city outline's bounds, as the app checks every imported feature against them (far-away rows are rejected one by one). */
function shippedCityBounds(): CityBounds {
  const focus = parseContext(readFileSync(dataPath('base', 'context.geojson'), 'utf8')).features.find((feature) => feature.properties.role === 'focus');
  if (!focus) throw new Error('data/base/context.geojson has no focus feature');
  return cityBounds(focus as unknown as Feature<Polygon | MultiPolygon>);
}

/** A user's file through the app's import: format, encoding, CRS, WKT, repairs, rejected rows with reasons. */
function importUserFile(path: string, what: 'facilities' | 'targets' | 'boundary', options: ImportOptions = {}): ImportReport {
  return importFile(path, readBytes(path, what), options);
}

/** The coordinate system the import read a file in, for the summary. */
const crsOf = (report: ImportReport): CrsReport | undefined => (report.ok ? report.crs : undefined);

function warnSkipped(source: string, skipped: readonly SkippedRow[]): void {
  if (skipped.length === 0) return;
  const sample = skipped
    .slice(0, 3)
    .map((row) => `row ${row.row}: ${row.reason.en}`)
    .join('; ');
  process.stderr.write(`analyze: warning: ${source}: ${skipped.length} skipped (${sample}${skipped.length > 3 ? '; …' : ''})\n`);
}

interface Loaded<T> {
  source: string;
  items: T[];
  /** Rows of the user's file that could not be used. */
  skipped: SkippedRow[];
  /** Shipped features without a position, left out. */
  unlocated?: number;
  /** The coordinate system the user's file was read in (and converted from). */
  crs?: CrsReport;
}

function loadLayer(id: string): ReturnType<typeof parsePlanLayer> {
  if (!LAYER_IDS.includes(id as LayerId)) throw new CliError(`unknown layer "${id}": use one of ${LAYER_IDS.join(', ')}`, 2);
  return parsePlanLayer(readFileSync(dataPath('layers', `${id}.geojson`), 'utf8'), id as LayerId);
}

function loadFacilities(spec: string, attractiveness: string | undefined): Loaded<Facility> {
  if (spec.startsWith('layer:')) {
    const [id = '', kindList] = spec.slice('layer:'.length).split(':');
    const layer = loadLayer(id);
    const kinds = kindList ? kindList.split(',').filter(Boolean) : undefined;
    const known = [...new Set(layer.features.map((feature) => feature.properties.kind))];
    const unknown = kinds?.find((kind) => !known.includes(kind));
    if (unknown) throw new CliError(`layer ${id} has no kind "${unknown}": its kinds are ${known.join(', ')}`, 2);
    const chosen = layer.features.filter((feature) => !kinds || kinds.includes(feature.properties.kind));
    const facilities = facilitiesFromLayer(layer, { kinds, attractivenessProperty: attractiveness });
    if (facilities.length === 0) throw new CliError(`${spec}: no located features to use as facilities`);
    return { source: spec, items: facilities, skipped: [], unlocated: chosen.length - facilities.length };
  }
  const report = importUserFile(spec, 'facilities', { cityBounds: shippedCityBounds() });
  const { facilities, skipped } = unwrap(spec, facilitiesFromImport(report, attractiveness));
  return { source: spec, items: facilities, skipped, crs: crsOf(report) };
}

function loadTargets(spec: string, weight: string | undefined): Loaded<Target> {
  if (spec === 'layer:towns') return { source: spec, items: targetsFromTowns(loadLayer('towns')), skipped: [] };
  if (spec === 'layer:townships') {
    const rows = Papa.parse<TownshipLike>(readFileSync(dataPath('base', 'townships.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const { targets, skipped } = targetsFromTownships(rows);
    return { source: spec, items: targets, skipped: [], unlocated: skipped };
  }
  if (spec.startsWith('layer:')) throw new CliError(`--targets ${spec}: only layer:towns and layer:townships can be targets`, 2);
  const report = importUserFile(spec, 'targets', { cityBounds: shippedCityBounds() });
  const { targets, skipped } = unwrap(spec, targetsFromImport(report, weight));
  return { source: spec, items: targets, skipped, crs: crsOf(report) };
}

function loadStudyArea(boundary: string | undefined): StudyArea {
  if (boundary === undefined)
    return studyAreaFrom(
      parseCounties(readFileSync(dataPath('base', 'counties.geojson'), 'utf8')),
      parseContext(readFileSync(dataPath('base', 'context.geojson'), 'utf8')),
    );
  // Not checked against the city: a boundary may be any area the planner reports against.
  const parsed = unwrap(boundary, studyAreaFromImport(importUserFile(boundary, 'boundary')));
  warnSkipped(boundary, parsed.skipped);
  return parsed.studyArea;
}

// ---------------------------------------------------------------- commands

type Summary = Record<string, unknown>;
interface Outcome {
  summary: Summary;
  /** The full result for --out; null when the command has no geometry. */
  geojson: FeatureCollection | null;
}

const feature = (geometry: Geometry, properties: Record<string, unknown>): Feature => ({ type: 'Feature', geometry, properties });
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const pointOf = (target: Target) => ({ type: 'Point' as const, coordinates: target.coordinates });

function describeInput<T>(loaded: Loaded<T>) {
  return {
    source: loaded.source,
    count: loaded.items.length,
    skipped: loaded.skipped,
    ...(loaded.unlocated !== undefined ? { unlocated: loaded.unlocated } : {}),
    ...(loaded.crs ? { crs: loaded.crs } : {}),
  };
}

function travelSummary(travel: TravelParameters) {
  return { mode: travel.mode, minutes: travel.minutes, speedMetersPerMinute: travel.speeds[travel.mode], detourFactor: travel.detourFactor };
}

function runCircles(options: Options, facilities: Loaded<Facility>, area: StudyArea): Outcome {
  const result = travelTimeCircles(facilities.items, options.travel, area);
  const names = new Map(facilities.items.map((facility) => [facility.id, facility.name]));
  const circles = result.perFacility.features.map((circle) =>
    feature(circle.geometry, { part: 'circle', ...circle.properties, name: names.get(circle.properties.facilityId) ?? null }),
  );
  const dissolved = result.dissolved ? [feature(result.dissolved.geometry, { part: 'dissolved', radiusMeters: result.radiusMeters })] : [];
  return {
    summary: { radiusMeters: result.radiusMeters, method: result.method, facilities: facilities.items.length, areas: result.areas },
    geojson: collection([...dissolved, ...circles]),
  };
}

function runCoverage(options: Options, facilities: Loaded<Facility>, targets: Loaded<Target>, area: StudyArea): Outcome {
  const result = coverage(facilities.items, targets.items, options.travel, area);
  const summary = {
    radiusMeters: result.radiusMeters,
    method: result.method,
    facilities: facilities.items.length,
    targets: result.targets,
    uncovered: result.uncovered,
    areas: result.areas,
  };
  if (!options.out) return { summary, geojson: null };
  const nearest = new Map(result.uncovered.map((entry) => [entry.targetId, entry.nearestMeters]));
  const dissolved = travelTimeCircles(facilities.items, options.travel, area).dissolved;
  const points = targets.items.map((target) =>
    feature(pointOf(target), {
      part: 'target',
      targetId: target.id,
      name: target.name,
      weight: target.weight,
      covered: !nearest.has(target.id),
      nearestMeters: nearest.get(target.id) ?? null,
    }),
  );
  const circles = dissolved ? [feature(dissolved.geometry, { part: 'dissolved', radiusMeters: result.radiusMeters })] : [];
  return { summary, geojson: collection([...circles, ...points]) };
}

function runCatchment(options: Options, facilities: Loaded<Facility>, targets: Loaded<Target>, area: StudyArea): Outcome {
  const useHuff = options.huffExponent !== undefined || options.attractiveness !== undefined;
  const result = catchment(facilities.items, targets.items, { ...options.travel, metric: options.metric, useHuff, huffExponent: options.huffExponent }, area);
  const names = new Map(facilities.items.map((facility) => [facility.id, facility.name]));
  const perFacility = result.perFacility.map((entry) => ({ ...entry, name: names.get(entry.facilityId) ?? null }));
  const stats = new Map(perFacility.map((entry) => [entry.facilityId, entry]));
  const summary = {
    method: result.method,
    metric: options.metric,
    huffExponent: useHuff ? (result.huff?.exponent ?? options.huffExponent ?? DEFAULT_HUFF_EXPONENT) : null,
    facilities: facilities.items.length,
    targets: { total: targets.items.length, unassigned: result.assignments.filter((a) => a.facilityId === null).length },
    perFacility,
  };
  const cells = result.voronoi.features.map((cell) => feature(cell.geometry, { part: 'cell', ...stats.get(cell.properties.facilityId) }));
  const points = result.assignments.map((assignment, index) => {
    const target = targets.items[index]!;
    return feature(pointOf(target), { part: 'target', name: target.name, weight: target.weight, ...assignment });
  });
  return { summary, geojson: collection([...cells, ...points]) };
}

function runPlanTargets(options: Options, area: StudyArea): Outcome {
  if (options.out) throw new CliError('--out is not available for targets: plan targets have no geometry', 2);
  const records = JSON.parse(readFileSync(dataPath('targets', 'plan-targets.json'), 'utf8')) as PlanTargetRecord[];
  const layers = { 'urban-system': loadLayer('urban-system'), 'industrial-parks': loadLayer('industrial-parks'), towns: loadLayer('towns') };
  const results = evaluatePlanTargets(records, { layers, counties: area.counties, travel: options.travel });
  const counts = { pass: 0, fail: 0, 'not-evaluable': 0 };
  for (const result of results) counts[result.verdict]++;
  return { summary: { counts, results }, geojson: null };
}

function run(options: Options): Outcome {
  const area = loadStudyArea(options.boundary);
  if (options.command === 'targets') return runPlanTargets(options, area);
  const facilities = loadFacilities(options.facilities!, options.attractiveness);
  warnSkipped(facilities.source, facilities.skipped);
  const targets = options.targets === undefined ? undefined : loadTargets(options.targets, options.weight);
  if (targets) warnSkipped(targets.source, targets.skipped);
  const inputs = {
    facilities: describeInput(facilities),
    ...(targets ? { targets: { ...describeInput(targets), weight: options.weight ?? null } } : {}),
    boundary: options.boundary ?? 'default',
  };
  const outcome =
    options.command === 'circles'
      ? runCircles(options, facilities, area)
      : options.command === 'coverage'
        ? runCoverage(options, facilities, targets!, area)
        : runCatchment(options, facilities, targets!, area);
  return { summary: { ...outcome.summary, travel: travelSummary(options.travel), inputs }, geojson: outcome.geojson };
}

function main(argv: string[]): number {
  try {
    const options = parseCommandLine(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const { summary, geojson } = run(options);
    if (options.out && geojson) {
      try {
        writeFileSync(options.out, `${JSON.stringify(geojson)}\n`);
      } catch (error) {
        throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
      }
    }
    process.stdout.write(`${JSON.stringify({ command: options.command, ...summary }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`analyze: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`analyze: internal error: ${message.split('\n')[0]}\n`);
    return 3;
  }
}

process.exitCode = main(process.argv.slice(2));
