// The analysis engine's public API: the same module runs in the UI's Web
// Worker and in the command line (no DOM, no Node built-ins).
export * from './types';
export { CircleCache, type CacheCounters } from './cache';
export { travelTimeCircles } from './circles';
export { coverage, coverageColumns, type CoverageColumnsResult } from './coverage';
export { targetColumns, type TargetColumns } from './targetColumns';
export { catchment, huffProbabilities, DEFAULT_HUFF_EXPONENT } from './catchment';
export { evaluatePlanTargets, EVALUATED_TARGET_IDS, type PlanTargetInputs, type PlanTargetRecord } from './planTargets';
export { facilitiesFromLayer, targetsFromTowns, targetsFromTownships, studyAreaFrom, type FacilityOptions, type TownshipLike } from './inputs';
export { resolveTravel, travelMinutes, travelRadiusMeters } from './travel';
export { haversineMeters } from './geodesy';
export { ANALYSES, ANALYSIS_LIST, analysisOf, type AnalysisKind, type AnalysisRequest, type AnalysisResult } from './registry';
export { ENGINES, runAnalysis } from './engines';
export type { AnalysisDescriptor, AnalysisInput, Figure, FigureMetric, InputSource, RunContext } from './descriptor';
