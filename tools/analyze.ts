// `npm run analyze -- <command> …`: the analysis engine from the command line,
// on the shipped plan layers or on a planner's own GeoJSON/CSV. Thin on
// purpose: arguments and files here, parsing in src/io, analysis in
// src/analysis (the same code the app's worker runs). One JSON summary goes to
// stdout; a bad input is one line on stderr and a non-zero exit, never a trace.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  DEFAULT_SPEEDS,
  DEFAULT_TRAVEL,
  facilitiesFromLayer,
  studyAreaFrom,
  targetsFromTowns,
  targetsFromTownships,
  type Facility,
  type PlanTargetRecord,
  type StudyArea,
  type Target,
  type TownshipLike,
  type TravelParameters,
} from '../src/analysis/index';
import type { InputSource } from '../src/analysis/descriptor';
import { runAnalysis } from '../src/analysis/engines';
import { analysisOf, ANALYSIS_LIST, type AnalysisKind } from '../src/analysis/registry';
import { networkSummaryAs } from '../src/analysis/network.analysis';
import { NetworkInputError } from '../src/analysis/network/errors';
import { requireRoadLines } from '../src/analysis/network/lines';
import { namedPointsOf, type NamedPoint } from '../src/analysis/lifeCircle';
import { displayName } from '../src/io/import/fields';
import { CATCHMENT_METRICS, DEFAULT_ANALYSIS_SPEC, TRAVEL_MODES, type AnalysisSpec } from '../src/domain/analysisSpec';
import { LAYER_IDS, type LayerId, type PlanLayerCollection } from '../src/domain/plan';
import { parseContext, parseCounties, parsePlanLayer } from '../src/io/planData';
import { cityBounds, type CityBounds } from '../src/domain/validation';
import { facilitiesFromImport, studyAreaFromImport, targetsFromImport, type SkippedRow } from '../src/io/analysisInputs';
import { importFiles, type ImportError, type ImportFailure, type ImportOptions, type ImportReport, type CrsReport } from '../src/io/import';

/**
 * One command per registered analysis, named by its id; the network analysis
 * is reached as `circles|coverage|catchment --network <roads>` and prints
 * the keys of the command it stands in for.
 */
const COMMANDS: readonly AnalysisKind[] = ANALYSIS_LIST.map((analysis) => analysis.id).filter((id) => id !== 'network');
type Command = AnalysisKind;
/** The commands `--network` turns into the network analysis (targets keeps its own kind and checks its half-hour circle on the roads). */
type NetworkCommand = 'circles' | 'coverage' | 'catchment';

const USAGE = `usage: npm run analyze -- <${COMMANDS.join('|')}> --facilities <file|layer:<id>[:<kind>,…]> [options]

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
  --network <file>       circles | coverage | catchment by travel time on this road line layer (any file the app
                         imports) instead of straight-line distance; circles then gives the isochrone areas;
                         targets checks the half-hour circle by drive time on it
  --class-field <f>      network: road class field (default: guessed from highway, fclass, 等级, …)
  --speed-field <f>      network: car speed field in km/h (default: class speeds)
  --oneway-field <f>     network: one-way field (default: guessed from oneway, 单行, …)
  --connect-crossings    network: join lines that cross without a shared vertex (default: not, they may be overpasses)
  --snap <m>             network: join line ends this close to another road (default 1)
  --access <m>           network: longest walk between a point and the road (default 500)
  --communities <file>   targets: urban communities (points or polygons, any file the app imports) for
                         t_15min_life_circle; needs --services
  --services <file>      targets: community service points (便利店, 菜市场 …); each community must be within a
                         15-minute walk of one (straight-line radius, or along --network when given)
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
  metric: AnalysisSpec['metric'];
  huffExponent?: number;
  attractiveness?: string;
  boundary?: string;
  out?: string;
  network?: NetworkFlags;
  /** targets: the communities and service points t_15min_life_circle checks. */
  lifeCircle?: { communities: string; services: string };
}

interface NetworkFlags {
  file: string;
  classField?: string;
  speedField?: string;
  oneWayField?: string;
  connectCrossings: boolean;
  snapMeters?: number;
  accessMeters?: number;
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
        network: { type: 'string' },
        'class-field': { type: 'string' },
        'speed-field': { type: 'string' },
        'oneway-field': { type: 'string' },
        'connect-crossings': { type: 'boolean' },
        snap: { type: 'string' },
        access: { type: 'string' },
        communities: { type: 'string' },
        services: { type: 'string' },
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
  const networkOnly = (['class-field', 'speed-field', 'oneway-field', 'connect-crossings', 'snap', 'access'] as const).find((flag) => values[flag] !== undefined);
  if (networkOnly && values.network === undefined) throw new CliError(`--${networkOnly} needs --network <roads file>`, 2);
  if (values['class-field'] !== undefined && values['speed-field'] !== undefined)
    throw new CliError('use --class-field or --speed-field, not both', 2);
  if ((values.communities === undefined) !== (values.services === undefined))
    throw new CliError(values.communities === undefined ? '--services needs --communities <file>' : '--communities needs --services <file>', 2);
  if (values.communities !== undefined && command !== 'targets') throw new CliError('--communities and --services are for the targets command', 2);
  const analysis = analysisOf(command as Command);
  if (!values.facilities && analysis.inputs.includes('facilities')) throw new CliError('--facilities is required (a file, or layer:<id>, e.g. layer:business-districts)', 2);
  if (analysis.inputs.includes('targets') && !values.targets)
    throw new CliError(`${command} needs --targets (a file, or layer:towns / layer:townships)`, 2);
  if (values.weight !== undefined && (values.targets === undefined || values.targets.startsWith('layer:')))
    throw new CliError('--weight needs a --targets file: the shipped layers have no weight property', 2);

  const mode = oneOf('mode', values.mode, TRAVEL_MODES) ?? DEFAULT_TRAVEL.mode;
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
    metric: oneOf('metric', values.metric, CATCHMENT_METRICS) ?? 'distance',
    huffExponent: positiveNumber('huff-exponent', values['huff-exponent']),
    attractiveness: values.attractiveness,
    boundary: values.boundary,
    out: values.out,
    ...(values.communities !== undefined && values.services !== undefined ? { lifeCircle: { communities: values.communities, services: values.services } } : {}),
    ...(values.network !== undefined
      ? {
          network: {
            file: values.network,
            classField: values['class-field'],
            speedField: values['speed-field'],
            oneWayField: values['oneway-field'],
            connectCrossings: values['connect-crossings'] ?? false,
            snapMeters: positiveNumber('snap', values.snap, 0, true),
            accessMeters: positiveNumber('access', values.access),
          },
        }
      : {}),
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
function importUserFile(path: string, what: 'facilities' | 'targets' | 'boundary' | 'network', options: ImportOptions = {}): ImportReport {
  const main = { name: path, bytes: readBytes(path, what) };
  // A Shapefile named by its .shp: its .dbf/.shx/.prj/.cpg beside it come along, as when they are chosen together in the app.
  if (!/\.shp$/i.test(path)) return importFiles([main], options);
  const base = basename(path).replace(/\.shp$/i, '').toLowerCase();
  const siblings = readdirSync(dirname(path))
    .filter((name) => name.toLowerCase().startsWith(`${base}.`) && !/\.shp$/i.test(name) && name.slice(base.length + 1).indexOf('.') === -1)
    .map((name) => ({ name, bytes: readBytes(join(dirname(path), name), what) }));
  return importFiles([main, ...siblings], options);
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

/** Communities or service points from a file: points as they are, polygons by a point inside them (lines are skipped and counted). */
function loadNamedPoints(path: string): Loaded<NamedPoint> {
  const report = importUserFile(path, 'targets', { cityBounds: shippedCityBounds() });
  if (!report.ok) throw new CliError(describeError(path, report.error));
  const isLine = (type: string | undefined) => type === 'LineString' || type === 'MultiLineString';
  const skipped: SkippedRow[] = [...report.rejected];
  report.layer.features.forEach((feature, index) => {
    if (isLine(feature.geometry?.type)) skipped.push({ row: report.rows[index] ?? index + 1, reason: { zh: '线不是社区或服务网点', en: 'a line is not a community or service point' } });
  });
  const items = namedPointsOf(report.layer.features, (properties, index) => displayName(properties, String(properties.id ?? index + 1)));
  if (items.length === 0) throw new CliError(`${path}: no points or polygons to use / 没有可用的点或面`);
  warnSkipped(path, skipped);
  return { source: path, items, skipped, crs: report.crs };
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

/** The command line's options as the spec the app's panel would hold. */
function specOf(options: Options): AnalysisSpec {
  // --attractiveness only matters to the Huff model, so it turns the model on too.
  const huffEnabled = options.huffExponent !== undefined || options.attractiveness !== undefined;
  return {
    ...DEFAULT_ANALYSIS_SPEC,
    ...options.travel,
    kind: options.command,
    metric: options.metric,
    huffEnabled,
    huffExponent: options.huffExponent ?? DEFAULT_ANALYSIS_SPEC.huffExponent,
  };
}

function loadPlanLayers(): Record<LayerId, PlanLayerCollection> {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, loadLayer(id)])) as Record<LayerId, PlanLayerCollection>;
}

const readPlanTargets = () => JSON.parse(readFileSync(dataPath('targets', 'plan-targets.json'), 'utf8')) as PlanTargetRecord[];

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function run(options: Options): Outcome {
  const area = loadStudyArea(options.boundary);
  const analysis = analysisOf(options.command);
  if (options.out && !analysis.toGeoJSON)
    throw new CliError(`--out is not available for ${options.command}: ${lowerFirst(analysis.title.en)} have no geometry`, 2);
  const planTargets = analysis.inputs.includes('planLayers') ? readPlanTargets() : [];
  // An analysis of the shipped plan itself reads no files: its summary is its own figures.
  if (!analysis.inputs.includes('facilities')) {
    // targets --network: the half-hour circle by drive time on these roads.
    const roads = options.network && loadRoads(options.network.file);
    const spec = options.network ? networkSpecOf(options, options.network) : specOf(options);
    // targets --communities --services: t_15min_life_circle on the planner's files.
    const pointLayers = new Map(options.lifeCircle ? [options.lifeCircle.communities, options.lifeCircle.services].map((path) => [path, loadNamedPoints(path)]) : []);
    const source: InputSource = {
      facilities: () => [],
      targets: () => [],
      layers: loadPlanLayers,
      ...(roads ? { roads: () => roads.lines } : {}),
      layerPoints: (path) => ({ title: basename(path), points: pointLayers.get(path)!.items }),
    };
    const request = analysis.buildRequest({ ...spec, kind: options.command, communityLayer: options.lifeCircle?.communities ?? null, serviceLayer: options.lifeCircle?.services ?? null }, source);
    const summary = analysis.summary(runAnalysis(request, { area, planTargets }), request);
    const lifeCircle = options.lifeCircle && {
      communities: describeInput(pointLayers.get(options.lifeCircle.communities)!),
      services: describeInput(pointLayers.get(options.lifeCircle.services)!),
    };
    return {
      summary: { ...summary, ...(roads ? { network: { file: roads.source, lines: roads.lines.length } } : {}), ...(lifeCircle ? { lifeCircle } : {}) },
      geojson: null,
    };
  }
  const facilities = loadFacilities(options.facilities!, options.attractiveness);
  warnSkipped(facilities.source, facilities.skipped);
  const targets = options.targets === undefined ? undefined : loadTargets(options.targets, options.weight);
  if (targets) warnSkipped(targets.source, targets.skipped);
  const inputs = {
    facilities: describeInput(facilities),
    ...(targets ? { targets: { ...describeInput(targets), weight: options.weight ?? null } } : {}),
    boundary: options.boundary ?? 'default',
  };
  if (options.network) return runNetworkCommand(options, options.network, { area, facilities, targets, inputs });
  const source: InputSource = { facilities: () => facilities.items, targets: () => targets?.items ?? [], layers: loadPlanLayers };
  const request = analysis.buildRequest(specOf(options), source);
  const result = runAnalysis(request, { area, planTargets });
  return {
    summary: { ...analysis.summary(result, request), travel: travelSummary(options.travel), inputs },
    geojson: options.out && analysis.toGeoJSON ? analysis.toGeoJSON(result, request) : null,
  };
}

/** Road lines from any file the app imports (not checked against the city: a network may reach beyond it). */
function loadRoads(path: string) {
  const report = importUserFile(path, 'network');
  if (!report.ok) throw new CliError(describeError(path, report.error));
  try {
    const lines = requireRoadLines(report.layer.features, path);
    return { source: path, lines, features: report.layer.features.length, skipped: report.rejectedCount, crs: report.crs };
  } catch (error) {
    if (error instanceof NetworkInputError) throw new CliError(error.message);
    throw error;
  }
}

/** The spec with the road file as the chosen network and the flags' way of reading it. */
function networkSpecOf(options: Options, flags: NetworkFlags): AnalysisSpec {
  return {
    ...specOf(options),
    networkLayer: flags.file,
    networkClassField: flags.classField ?? null,
    networkSpeedField: flags.speedField ?? null,
    networkConnectCrossings: flags.connectCrossings,
    networkSnapMeters: flags.snapMeters ?? DEFAULT_ANALYSIS_SPEC.networkSnapMeters,
    networkAccessMeters: flags.accessMeters ?? DEFAULT_ANALYSIS_SPEC.networkAccessMeters,
  };
}

/** `circles|coverage|catchment --network`: the network analysis, summarised with the keys of the command it stands in for. */
function runNetworkCommand(
  options: Options,
  flags: NetworkFlags,
  loaded: { area: StudyArea; facilities: Loaded<Facility>; targets: Loaded<Target> | undefined; inputs: Record<string, unknown> },
): Outcome {
  const roads = loadRoads(flags.file);
  const spec: AnalysisSpec = { ...networkSpecOf(options, flags), kind: 'network' };
  const source: InputSource = {
    facilities: () => loaded.facilities.items,
    targets: () => loaded.targets?.items ?? [],
    layers: loadPlanLayers,
    roads: () => roads.lines,
  };
  const network = analysisOf('network');
  let request;
  let result;
  try {
    request = network.buildRequest(spec, source);
    // The one-way field is not a panel parameter (it is guessed there); the command line can name it.
    if (request.kind === 'network' && flags.oneWayField) request.options.oneWayField = flags.oneWayField;
    result = runAnalysis(request, { area: loaded.area, planTargets: [] });
  } catch (error) {
    if (error instanceof NetworkInputError) throw new CliError(error.message);
    throw error;
  }
  if (result.kind !== 'network') throw new Error('network analysis returned another kind');
  const command = options.command as NetworkCommand;
  const inputs = { ...loaded.inputs, network: { source: roads.source, features: roads.features, lines: roads.lines.length, skipped: roads.skipped, crs: roads.crs } };
  return {
    summary: { ...networkSummaryAs(command, result), travel: travelSummary(options.travel), inputs },
    geojson: options.out && network.toGeoJSON ? network.toGeoJSON(result, request) : null,
  };
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
