// The one question about a drawn or placed shape waiting for the planner's
// answer (a self-crossing polygon to split, a position outside the city to
// confirm). A small store of its own, so the editing gestures (useEditing) can
// ask and the dialog (GeometryQuestionDialog) can answer without passing
// callbacks through the map.
import { create } from 'zustand';
import type { LocalizedText } from '../i18n/text';

export interface GeometryQuestion {
  /** What was found and what saving will do. */
  message: LocalizedText;
  confirmLabel: LocalizedText;
  onConfirm(): void;
}

interface GeometryQuestionState {
  question: GeometryQuestion | null;
  ask(question: GeometryQuestion): void;
  close(): void;
}

export const useGeometryQuestion = create<GeometryQuestionState>((set) => ({
  question: null,
  ask: (question) => set({ question }),
  close: () => set({ question: null }),
}));
