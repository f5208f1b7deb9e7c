// Asks the planner about a drawn or placed shape before it is saved (see
// src/domain/drawnGeometry.ts): the in-app AskDialog, in the interface language.
import { useGeometryQuestion } from '../state/geometryQuestion';
import { AskDialog } from './AskDialog';
import { useView } from './context';

export function GeometryQuestionDialog() {
  const question = useGeometryQuestion((state) => state.question);
  const close = useGeometryQuestion((state) => state.close);
  const language = useView((state) => state.language);
  if (!question) return null;
  return (
    <AskDialog
      key={question.message.en}
      question={{
        kind: 'confirm',
        title: question.message[language],
        confirmLabel: question.confirmLabel[language],
        // Closed before answering: the answer may ask the next question (split first, then outside the city).
        onAnswer: () => {
          close();
          question.onConfirm();
        },
      }}
      onClose={() => {
        if (useGeometryQuestion.getState().question === question) close();
      }}
    />
  );
}
