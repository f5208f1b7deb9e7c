// Slides for the views tests: a well-formed view, varied by what a test needs.
import type { SavedView } from '../../../src/domain/views';
import { DEFAULT_ANALYSIS_SPEC } from '../../../src/domain/analysisSpec';

export function sampleView(id: string, change: Partial<SavedView> = {}): SavedView {
  return {
    id,
    title: `幻灯片 ${id}`,
    notes: '',
    scenarioId: 'scenario-variant-a',
    camera: { center: [114.02, 32.98], zoom: 9, bearing: 0, pitch: 0 },
    hiddenLayers: [],
    hiddenClasses: [],
    analysis: { enabled: true, spec: { ...DEFAULT_ANALYSIS_SPEC, kind: 'coverage', minutes: 20 } },
    compare: null,
    ...change,
  };
}
