// The UI companions of the registered analyses, in the panel's order. Each
// analysis the engine registers (src/analysis/registry.ts) has one here; the
// map, the panel, CSV export and the presenter go through these functions.
import type { Layer } from '@deck.gl/core';
import { analysisOf, type AnalysisKind, type AnalysisResult } from '../../analysis/registry';
import type { Language } from '../../i18n/dictionary';
import type { ResultTable } from '../analysisTables';
import type { Translate } from '../context';
import { catchmentView } from './catchment';
import { circlesView } from './circles';
import type { AnalysisCompanion, Wording } from './companion';
import { coverageView } from './coverage';
import { networkView } from './network';
import { planTargetsView } from './planTargets';

const COMPANIONS = {
  circles: circlesView,
  coverage: coverageView,
  catchment: catchmentView,
  targets: planTargetsView,
  network: networkView,
} as const satisfies { [Kind in AnalysisKind]: AnalysisCompanion<Extract<AnalysisResult, { kind: Kind }>> };

/** The analyses in the order the panel offers them. */
export const PANEL_KINDS = Object.keys(COMPANIONS) as AnalysisKind[];

/** A kind's companion, typed for any result (TypeScript cannot tie a result's kind to its companion). */
export function companionOf(kind: AnalysisKind): AnalysisCompanion<AnalysisResult> {
  return COMPANIONS[kind] as AnalysisCompanion<AnalysisResult>;
}

export const analysisTitle = (kind: AnalysisKind, language: Language) => analysisOf(kind).title[language];

const wordingOf = (kind: AnalysisKind, t: Translate, language: Language): Wording => ({ t, language, title: analysisTitle(kind, language) });

export function buildAnalysisLayers(result: AnalysisResult | null): Layer[] {
  return result ? companionOf(result.kind).layers(result) : [];
}

export function resultTables(result: AnalysisResult, names: Map<string, string>, t: Translate, language: Language): ResultTable[] {
  return companionOf(result.kind).tables(result, names, wordingOf(result.kind, t, language));
}

export function analysisHeadline(result: AnalysisResult, t: Translate, language: Language): { text: string; value: number } {
  return companionOf(result.kind).headline(result, wordingOf(result.kind, t, language));
}
