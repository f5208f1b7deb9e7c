// The *.zmdplan.json project file: scenarios and views, versioned. Reading
// returns errors as values (a planner opens files from anywhere), migrates
// older versions step by step, and checks structure deeply enough that a bad
// file is refused here instead of crashing the map later.
import { BASELINE_SCENARIO_ID, type Scenario } from './scenario';
import { keepValidViews, type SavedView } from './views';
import { checkLayerStyle } from './layerStyle';
import type { LocalizedText } from '../i18n/text';

export const PROJECT_FORMAT = 'zmdplan';
export const CURRENT_SCHEMA_VERSION = 1;
export const PROJECT_FILE_EXTENSION = '.zmdplan.json';

export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  /** ISO 8601. */
  savedAt: string;
  /** Never the baseline: that is rebuilt from the shipped data. */
  scenarios: Scenario[];
  /** Slides; their shape is owned by the views module. */
  views: SavedView[];
}

export type ProjectErrorCode = 'not-json' | 'wrong-format' | 'newer-schema' | 'invalid-shape';

export interface ProjectFileError {
  code: ProjectErrorCode;
  message: LocalizedText;
}

/** `ignoredViews`: how many slides were malformed and left out (present only when some were). */
export type ParsedProject = { ok: true; project: ProjectFile; ignoredViews?: number } | { ok: false; error: ProjectFileError };

export function serializeProject(scenarios: readonly Scenario[], views: readonly SavedView[], savedAtISO: string): string {
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    savedAt: savedAtISO,
    scenarios: scenarios.filter((scenario) => scenario.id !== BASELINE_SCENARIO_ID),
    views: [...views],
  };
  return `${JSON.stringify(project, null, 1)}\n`;
}

type Json = Record<string, unknown>;

/**
 * Each function lifts a file from its key's version to the next one. A new
 * schema version adds one entry here and bumps CURRENT_SCHEMA_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {
  // v0 kept a scenario's layers as an object keyed by layer id; v1 uses an
  // array so that layer order (drawing order) is explicit.
  0: (file) => ({
    ...file,
    schemaVersion: 1,
    // Anything not in the expected old shape passes through for the shape check to report.
    scenarios: Array.isArray(file.scenarios)
      ? file.scenarios.map((scenario) => {
          if (!isObject(scenario) || !isObject(scenario.layers)) return scenario;
          // Object key order is insertion order for non-numeric keys, which layer ids are.
          const layers = Object.entries(scenario.layers).map(([id, layer]) => (isObject(layer) ? { id, imported: false, ...layer } : layer));
          return { ...scenario, layers };
        })
      : file.scenarios,
  }),
};

export function parseProjectFile(text: string): ParsedProject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure('not-json', '文件不是有效的 JSON', 'The file is not valid JSON');
  }
  if (!isObject(value) || value.format !== PROJECT_FORMAT)
    return failure('wrong-format', '这不是驻马店规划项目文件（*.zmdplan.json）', 'This is not a Zhumadian plan project file (*.zmdplan.json)');
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return invalid('schemaVersion', '缺少或无效');
  if (version > CURRENT_SCHEMA_VERSION)
    return failure(
      'newer-schema',
      `文件版本 ${version} 比本程序支持的版本 ${CURRENT_SCHEMA_VERSION} 新，请更新程序后再打开`,
      `The file is schema version ${version}, newer than the ${CURRENT_SCHEMA_VERSION} this app supports: update the app to open it`,
    );

  let file: Json = value;
  for (let from = version; from < CURRENT_SCHEMA_VERSION; from += 1) {
    const migrate = MIGRATIONS[from];
    if (!migrate) return invalid('schemaVersion', `无法从版本 ${from} 升级`);
    file = migrate(file);
  }

  const problem = projectShapeProblem(file);
  if (problem) return invalid(problem.path, problem.issue);
  const project = file as unknown as ProjectFile;
  // A damaged slide (or one from before slides had a shape) must not cost the planner the scenarios.
  const { views, problems } = keepValidViews(file.views as unknown[]);
  return {
    ok: true,
    project: { ...project, scenarios: project.scenarios.filter((scenario) => scenario.id !== BASELINE_SCENARIO_ID), views },
    ...(problems.length > 0 ? { ignoredViews: problems.length } : {}),
  };
}

interface ShapeProblem {
  path: string;
  issue: string;
}

function projectShapeProblem(file: Json): ShapeProblem | null {
  if (typeof file.savedAt !== 'string') return { path: 'savedAt', issue: 'not a string' };
  if (!Array.isArray(file.views)) return { path: 'views', issue: 'not an array' };
  if (!Array.isArray(file.scenarios)) return { path: 'scenarios', issue: 'not an array' };
  const ids = new Set<string>();
  for (const [index, scenario] of file.scenarios.entries()) {
    const path = `scenarios[${index}]`;
    const problem = scenarioShapeProblem(scenario, path);
    if (problem) return problem;
    const id = (scenario as Scenario).id;
    if (ids.has(id)) return { path: `${path}.id`, issue: `duplicate scenario id "${id}"` };
    ids.add(id);
  }
  return null;
}

function scenarioShapeProblem(scenario: unknown, path: string): ShapeProblem | null {
  if (!isObject(scenario)) return { path, issue: 'not an object' };
  for (const key of ['id', 'name', 'createdAt', 'updatedAt'] as const)
    if (typeof scenario[key] !== 'string' || (key === 'id' && scenario[key] === '')) return { path: `${path}.${key}`, issue: 'not a string' };
  if (scenario.parentId !== null && typeof scenario.parentId !== 'string') return { path: `${path}.parentId`, issue: 'neither a string nor null' };
  if (!Array.isArray(scenario.layers)) return { path: `${path}.layers`, issue: 'not an array' };
  const layerIds = new Set<string>();
  for (const [index, layer] of scenario.layers.entries()) {
    const layerPath = `${path}.layers[${index}]`;
    if (!isObject(layer)) return { path: layerPath, issue: 'not an object' };
    if (typeof layer.id !== 'string' || layer.id === '') return { path: `${layerPath}.id`, issue: 'not a string' };
    if (layerIds.has(layer.id)) return { path: `${layerPath}.id`, issue: `duplicate layer id "${layer.id}"` };
    layerIds.add(layer.id);
    if (!isObject(layer.title) || typeof layer.title.zh !== 'string' || typeof layer.title.en !== 'string')
      return { path: `${layerPath}.title`, issue: 'needs zh and en strings' };
    if (typeof layer.imported !== 'boolean') return { path: `${layerPath}.imported`, issue: 'not a boolean' };
    if (!Array.isArray(layer.features)) return { path: `${layerPath}.features`, issue: 'not an array' };
    if (layer.style !== undefined) {
      const style = checkLayerStyle(layer.style);
      if (!style.ok) return { path: `${layerPath}.style`, issue: style.problem.en };
      // Keys the file left out take their defaults (the parsed JSON is this reader's own object).
      layer.style = style.style;
    }
    const featureIds = new Set<string>();
    for (const [featureIndex, feature] of layer.features.entries()) {
      const featurePath = `${layerPath}.features[${featureIndex}]`;
      const problem = featureShapeProblem(feature, featurePath);
      if (problem) return problem;
      const id = (feature as { properties: { id: string } }).properties.id;
      // Patches, history and diffs match features by id: duplicates would corrupt them.
      if (featureIds.has(id)) return { path: `${featurePath}.properties.id`, issue: `duplicate feature id "${id}"` };
      featureIds.add(id);
    }
  }
  return null;
}

function featureShapeProblem(feature: unknown, path: string): ShapeProblem | null {
  if (!isObject(feature) || feature.type !== 'Feature') return { path, issue: 'not a GeoJSON Feature' };
  if (!isObject(feature.properties) || typeof feature.properties.id !== 'string' || feature.properties.id === '')
    return { path: `${path}.properties.id`, issue: 'not a string' };
  if (feature.geometry === null) return null;
  return geometryShapeProblem(feature.geometry, `${path}.geometry`);
}

/** How deeply each geometry type nests its numbers (Point: [x, y] is depth 1). */
const COORDINATE_DEPTH: Record<string, number> = {
  Point: 1,
  MultiPoint: 2,
  LineString: 2,
  MultiLineString: 3,
  Polygon: 3,
  MultiPolygon: 4,
};

function geometryShapeProblem(geometry: unknown, path: string): ShapeProblem | null {
  if (!isObject(geometry)) return { path, issue: 'neither a geometry nor null' };
  if (geometry.type === 'GeometryCollection') {
    if (!Array.isArray(geometry.geometries)) return { path: `${path}.geometries`, issue: 'not an array' };
    for (const [index, part] of geometry.geometries.entries()) {
      const problem = geometryShapeProblem(part, `${path}.geometries[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  const depth = typeof geometry.type === 'string' ? COORDINATE_DEPTH[geometry.type] : undefined;
  if (depth === undefined) return { path: `${path}.type`, issue: `unknown geometry type "${String(geometry.type)}"` };
  if (!isNestedPositions(geometry.coordinates, depth)) return { path: `${path}.coordinates`, issue: `not valid ${geometry.type} coordinates` };
  return null;
}

function isNestedPositions(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  if (depth === 1) return value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
  return value.every((child) => isNestedPositions(child, depth - 1));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, issue: string): ParsedProject {
  return failure('invalid-shape', `项目文件内容有误：${path}（${issue}）`, `The project file is malformed at ${path}: ${issue}`);
}

function failure(code: ProjectErrorCode, zh: string, en: string): ParsedProject {
  return { ok: false, error: { code, message: { zh, en } } };
}
