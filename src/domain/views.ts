// Saved views (slides): what a presenter shows at a meeting, in order. A view
// remembers the camera, which layers and classes are visible, the scenario,
// the analysis on the map and the comparison setting, with a title and the
// presenter's notes. Pure: the operations return new arrays, and a parsed
// value (IndexedDB, a project file) is checked here before the app uses it.
import { specProblem, type AnalysisSpec } from './analysisSpec';
import type { ShownBasemap } from './basemap';

export interface ViewCamera {
  /** [longitude, latitude]. */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
  /**
   * [west, south, east, north] the slide framed. A slide is shown by fitting
   * this extent, so one made at 1366 px frames the same area on a 1920 px
   * projector; zoom is what older slides (without it) fall back to.
   */
  bounds?: [number, number, number, number];
}

export type CompareMapsMode = 'swipe' | 'side-by-side';

export interface SavedViewCompare {
  mode: CompareMapsMode | null;
  /** Compare store ids (null = its default side). */
  aId: string | null;
  bId: string | null;
}

export interface SavedViewAnalysis {
  enabled: boolean;
  spec: AnalysisSpec;
}

/** The basemap a slide was saved with: its records shown, bottom to top, and whether the county lines were drawn over tiles. */
export interface SavedViewBasemap {
  shown: ShownBasemap[];
  countyOverlay: boolean;
}

export interface SavedView {
  id: string;
  title: string;
  notes: string;
  scenarioId: string;
  camera: ViewCamera;
  hiddenLayers: string[];
  /** `${layerId}/${classKey}`, as in the view store. */
  hiddenClasses: string[];
  analysis: SavedViewAnalysis | null;
  compare: SavedViewCompare | null;
  /** Absent in slides saved before slides kept their basemap: those leave the basemap as it is. */
  basemap?: SavedViewBasemap;
}

/** What the planner may change on a slide after capturing it. */
export type ViewChange = Partial<Omit<SavedView, 'id'>>;

export function newViewId(nowMs: number, random: number): string {
  return `view-${nowMs.toString(36)}-${Math.floor(random * 36 ** 6).toString(36).padStart(6, '0')}`;
}

export function addView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((existing) => existing.id !== view.id), view];
}

export function updateView(views: readonly SavedView[], id: string, change: ViewChange): SavedView[] {
  return views.map((view) => (view.id === id ? { ...view, ...change, id } : view));
}

/** Moves a view one place up (-1) or down (+1); at either end nothing changes. */
export function moveView(views: readonly SavedView[], id: string, step: -1 | 1): SavedView[] {
  const from = views.findIndex((view) => view.id === id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= views.length) return [...views];
  const next = [...views];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function removeView(views: readonly SavedView[], id: string): SavedView[] {
  return views.filter((view) => view.id !== id);
}

/** The slide index after a step, kept within the slides. */
export function stepIndex(index: number, step: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(count - 1, Math.max(0, index + step));
}

// ---------------------------------------------------------------- reading

export interface ViewShapeProblem {
  path: string;
  issue: string;
}

/**
 * The well-formed views of a list, and what was wrong with the others: a
 * project file keeps its scenarios even when a slide in it is damaged or was
 * written before slides had a shape.
 */
export function keepValidViews(value: readonly unknown[]): { views: SavedView[]; problems: ViewShapeProblem[] } {
  const views: SavedView[] = [];
  const problems: ViewShapeProblem[] = [];
  const ids = new Set<string>();
  for (const [index, view] of value.entries()) {
    const problem = viewShapeProblem(view, `views[${index}]`) ?? (ids.has((view as SavedView).id) ? { path: `views[${index}].id`, issue: 'duplicate view id' } : null);
    if (problem) problems.push(problem);
    else {
      views.push(view as SavedView);
      ids.add((view as SavedView).id);
    }
  }
  return { views, problems };
}

const COMPARE_MODES = ['swipe', 'side-by-side', null];

export function viewShapeProblem(view: unknown, path: string): ViewShapeProblem | null {
  if (!isObject(view)) return { path, issue: 'not an object' };
  if (typeof view.id !== 'string' || view.id === '') return { path: `${path}.id`, issue: 'not a string' };
  for (const key of ['title', 'notes', 'scenarioId'] as const)
    if (typeof view[key] !== 'string') return { path: `${path}.${key}`, issue: 'not a string' };
  const camera = view.camera;
  if (!isObject(camera)) return { path: `${path}.camera`, issue: 'not an object' };
  const center = camera.center;
  if (!Array.isArray(center) || center.length !== 2 || !center.every(isFiniteNumber))
    return { path: `${path}.camera.center`, issue: 'not [longitude, latitude]' };
  if (Math.abs(center[0] as number) > 180 || Math.abs(center[1] as number) > 90) return { path: `${path}.camera.center`, issue: 'out of range' };
  for (const key of ['zoom', 'bearing', 'pitch'] as const)
    if (!isFiniteNumber(camera[key])) return { path: `${path}.camera.${key}`, issue: 'not a number' };
  if (camera.bounds !== undefined) {
    const bounds = camera.bounds;
    if (!Array.isArray(bounds) || bounds.length !== 4 || !bounds.every(isFiniteNumber))
      return { path: `${path}.camera.bounds`, issue: 'not [west, south, east, north]' };
    const [west, south, east, north] = bounds as number[];
    if (!(west! < east! && south! < north!) || Math.abs(south!) > 90 || Math.abs(north!) > 90)
      return { path: `${path}.camera.bounds`, issue: 'out of range' };
  }
  for (const key of ['hiddenLayers', 'hiddenClasses'] as const)
    if (!isStringArray(view[key])) return { path: `${path}.${key}`, issue: 'not an array of strings' };
  if (view.analysis !== null) {
    const problem = analysisShapeProblem(view.analysis, `${path}.analysis`);
    if (problem) return problem;
  }
  if (view.compare !== null) {
    const compare = view.compare;
    if (!isObject(compare)) return { path: `${path}.compare`, issue: 'neither an object nor null' };
    if (!COMPARE_MODES.includes(compare.mode as string | null)) return { path: `${path}.compare.mode`, issue: 'not swipe, side-by-side or null' };
    for (const key of ['aId', 'bId'] as const)
      if (compare[key] !== null && typeof compare[key] !== 'string') return { path: `${path}.compare.${key}`, issue: 'neither a string nor null' };
  }
  if (view.basemap !== undefined) {
    const problem = basemapShapeProblem(view.basemap, `${path}.basemap`);
    if (problem) return problem;
  }
  return null;
}

function basemapShapeProblem(basemap: unknown, path: string): ViewShapeProblem | null {
  if (!isObject(basemap)) return { path, issue: 'not an object' };
  if (typeof basemap.countyOverlay !== 'boolean') return { path: `${path}.countyOverlay`, issue: 'not a boolean' };
  if (!Array.isArray(basemap.shown)) return { path: `${path}.shown`, issue: 'not an array' };
  for (const [index, item] of basemap.shown.entries()) {
    const at = `${path}.shown[${index}]`;
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '') return { path: `${at}.id`, issue: 'not a string' };
    if (!isObject(item.title) || typeof item.title.zh !== 'string' || typeof item.title.en !== 'string') return { path: `${at}.title`, issue: 'not {zh, en}' };
    if (item.opacity !== undefined && !(typeof item.opacity === 'number' && item.opacity >= 0 && item.opacity <= 1)) return { path: `${at}.opacity`, issue: 'not within 0–1' };
    if (item.muted !== undefined && typeof item.muted !== 'boolean') return { path: `${at}.muted`, issue: 'not a boolean' };
  }
  return null;
}

/** The spec is checked by its parameters' own checks (domain/analysisSpec.ts). */
function analysisShapeProblem(analysis: unknown, path: string): ViewShapeProblem | null {
  if (!isObject(analysis)) return { path, issue: 'neither an object nor null' };
  if (typeof analysis.enabled !== 'boolean') return { path: `${path}.enabled`, issue: 'not a boolean' };
  const spec = analysis.spec;
  if (!isObject(spec)) return { path: `${path}.spec`, issue: 'not an object' };
  const found = specProblem(spec);
  return found && { path: `${path}.spec.${found.field}`, issue: found.problem.en };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
