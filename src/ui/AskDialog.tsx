// In-app questions instead of the browser's prompt()/confirm(): they speak the
// interface language, show names as text, can be styled for a projector, and
// do not block the page (autosave and workers keep running while they are open).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslate } from './context';

export type Question =
  | { kind: 'name'; title: string; initial: string; confirmLabel: string; onAnswer: (name: string) => void }
  | { kind: 'confirm'; title: string; confirmLabel: string; danger?: boolean; onAnswer: () => void };

/** A modal <dialog>: Esc or 取消 closes it without an answer. */
export function AskDialog({ question, onClose }: { question: Question; onClose: () => void }) {
  const t = useTranslate();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [name, setName] = useState(question.kind === 'name' ? question.initial : '');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    return () => dialog.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.kind === 'name') {
      if (!name.trim()) return;
      question.onAnswer(name.trim());
    } else question.onAnswer();
    onClose();
  };

  return (
    <dialog ref={ref} className="ask-dialog" aria-labelledby={titleId} onCancel={onClose} data-testid="ask-dialog">
      <form onSubmit={submit}>
        <h2 id={titleId}>{question.title}</h2>
        {question.kind === 'name' && (
          <input type="text" value={name} maxLength={120} autoFocus aria-labelledby={titleId} onChange={(event) => setName(event.currentTarget.value)} />
        )}
        <div className="ask-actions">
          <button type="button" onClick={onClose}>
            {t('askCancel')}
          </button>
          <button type="submit" className={question.kind === 'confirm' && question.danger ? 'danger' : 'primary'} disabled={question.kind === 'name' && !name.trim()}>
            {question.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
