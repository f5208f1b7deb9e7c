// Every analysis the app, the worker and `npm run analyze` can run, registered
// once. To add one:
//   1. src/analysis/<id>.analysis.ts — its request and result types and an
//      AnalysisDescriptor (title, inputs, parameters, buildRequest, summary
//      for the command line, toGeoJSON for --out, comparison figures), and its
//      engine call in ENGINES (engines.ts, apart so the main thread does not
//      load the engine);
//   2. its id in ANALYSIS_KINDS and any new parameter in SPEC_PARAMETERS
//      (src/domain/analysisSpec.ts: saved slides are checked there);
//   3. one line in ANALYSES below;
//   4. its UI companion in src/ui/analyses/ (map layers, result tables,
//      presenter headline) registered in src/ui/analyses/index.ts;
//   5. a golden fixture tests/fixtures/analysis/<id>-<case>/in/ (npm run fixtures writes out/).
// The request and result unions, the worker protocol, the command line's
// commands and the golden runner all follow from this list; TypeScript
// refuses a kind missing from ANALYSES or from the UI companions.
import type { AnalysisKind } from '../domain/analysisSpec';
import { catchmentAnalysis } from './catchment.analysis';
import { circlesAnalysis } from './circles.analysis';
import { coverageAnalysis } from './coverage.analysis';
import type { AnalysisDescriptor } from './descriptor';
import { networkAnalysis } from './network.analysis';
import { planTargetsAnalysis } from './planTargets.analysis';

export const ANALYSES = {
  circles: circlesAnalysis,
  catchment: catchmentAnalysis,
  coverage: coverageAnalysis,
  targets: planTargetsAnalysis,
  network: networkAnalysis,
} as const satisfies { [Kind in AnalysisKind]: { id: Kind } };

type Analyses = typeof ANALYSES;
export type { AnalysisKind };
export type AnalysisRequest = { [Kind in AnalysisKind]: ReturnType<Analyses[Kind]['buildRequest']> }[AnalysisKind];
export type AnalysisResult = { [Kind in AnalysisKind]: Parameters<Analyses[Kind]['figures']>[0] }[AnalysisKind];
export type AnyAnalysis = AnalysisDescriptor<AnalysisKind, AnalysisRequest, AnalysisResult>;

/**
 * The descriptor for a kind, typed for any request and result: TypeScript
 * cannot tie a request's kind to its descriptor's parameter type, and the
 * registry's keys are checked against the ids above.
 */
export function analysisOf(kind: AnalysisKind): AnyAnalysis {
  return ANALYSES[kind] as AnyAnalysis;
}

/** The analyses in the command line's order (the panel has its own, src/ui/analyses/index.ts). */
export const ANALYSIS_LIST: readonly AnyAnalysis[] = Object.values(ANALYSES) as AnyAnalysis[];
