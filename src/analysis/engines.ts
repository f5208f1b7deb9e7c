// How each analysis runs: the engine calls behind the descriptors. Kept apart
// from the descriptors (registry.ts) so that the main thread, which builds
// requests, names analyses and reads their results, never loads the engine
// (Turf's buffer with JSTS, Voronoi, polygon clipping): only the analysis
// worker, the command line, the benchmark and the tests import this file.
import { catchment } from './catchment';
import { travelTimeCircles } from './circles';
import { coverage } from './coverage';
import type { RunContext } from './descriptor';
import { networkTravel } from './network/analysis';
import { evaluatePlanTargets } from './planTargets';
import type { AnalysisKind, AnalysisRequest, AnalysisResult } from './registry';

type RequestOf<Kind extends AnalysisKind> = Extract<AnalysisRequest, { kind: Kind }>;
type ResultOf<Kind extends AnalysisKind> = Extract<AnalysisResult, { kind: Kind }>;

/** One engine call per analysis; TypeScript refuses a kind without one. */
export const ENGINES: { [Kind in AnalysisKind]: (request: RequestOf<Kind>, context: RunContext) => ResultOf<Kind> } = {
  circles: (request, { area, control, cache }) => ({
    kind: 'circles',
    circles: travelTimeCircles(request.facilities, request.params, area, control, cache),
  }),
  coverage: (request, { area, control, cache }) => ({
    kind: 'coverage',
    circles: travelTimeCircles(request.facilities, request.params, area, control, cache),
    coverage: coverage(request.facilities, request.targets, request.params, area, control, cache),
    targets: request.targets,
  }),
  catchment: (request, { area, control }) => ({
    kind: 'catchment',
    catchment: catchment(
      request.facilities,
      request.targets,
      { ...request.params, metric: request.metric, useHuff: request.huff.enabled, huffExponent: request.huff.exponent },
      area,
      control,
    ),
    facilities: request.facilities,
    targets: request.targets,
  }),
  network: (request, { area, control }) => ({
    kind: 'network',
    ...networkTravel({ ...request, area }, control),
    targets: request.targets,
    facilities: request.facilities,
    minutes: request.params.minutes,
  }),
  targets: (request, { area, planTargets }) => ({
    kind: 'targets',
    targets: evaluatePlanTargets([...planTargets], { layers: request.layers, counties: area.counties, travel: request.params, network: request.network, lifeCircle: request.lifeCircle }),
  }),
};

/** Runs one request; `context.cache` is kept by the caller between runs so edits recompute only what changed. */
export function runAnalysis(request: AnalysisRequest, context: RunContext): AnalysisResult {
  // TypeScript cannot tie a request's kind to its engine's parameter type; ENGINES's keys are checked above.
  const engine = ENGINES[request.kind] as (request: AnalysisRequest, context: RunContext) => AnalysisResult;
  return engine(request, context);
}
