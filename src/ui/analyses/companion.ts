// What the UI adds to an analysis the engine registers (src/analysis/registry.ts):
// how its result is drawn, tabled and announced. One companion per analysis,
// registered once in ./index.ts.
import type { Layer } from '@deck.gl/core';
import type { ComponentType } from 'react';
import type { AnalysisResult } from '../../analysis/registry';
import type { AnalysisSpec } from '../../domain/analysisSpec';
import type { Language } from '../../i18n/dictionary';
import type { ResultTable } from '../analysisTables';
import type { Translate } from '../context';

export interface Wording {
  t: Translate;
  language: Language;
  /** The analysis's title in the current language. */
  title: string;
}

export interface AnalysisCompanion<Result extends AnalysisResult> {
  id: Result['kind'];
  /** deck.gl layers for the result, beneath the plan symbols. */
  layers(result: Result): Layer[];
  /** The result as tables: what the panel shows and what CSV export writes. */
  tables(result: Result, names: Map<string, string>, wording: Wording): ResultTable[];
  /** False when the panel shows the result its own way (Summary) and the tables only go to CSV. */
  showsTables: boolean;
  /** One figure for the presenter's title bar (the panel with the tables is hidden there). */
  headline(result: Result, wording: Wording): { text: string; value: number };
  /** What the panel shows about the result above the tables. */
  Summary?: ComponentType<{ result: Result }>;
  /** The panel's controls for parameters only this analysis reads. */
  Controls?: ComponentType<{ spec: AnalysisSpec; updateSpec: (change: Partial<AnalysisSpec>) => void }>;
}
