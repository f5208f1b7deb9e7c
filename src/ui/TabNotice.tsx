import { useStore } from 'zustand';
import type { TabSessionStore } from '../state/tabSession';
import { useTranslate } from './context';

/** Says, in the top bar, that this tab is read-only because another tab edits the project. */
export function TabNotice({ session }: { session: TabSessionStore }) {
  const t = useTranslate();
  const { role, readerReason, takingOver, takeOver } = useStore(session);
  if (role === 'editor') return null;
  const message = readerReason === 'handed-over' ? t('tabHandedOver') : t('tabReadOnly');
  return (
    <div className="tab-notice" role="status" data-testid="tab-notice" data-reason={readerReason ?? ''}>
      <span title={message}>{message}</span>
      <button type="button" onClick={() => void takeOver()} disabled={takingOver}>
        {takingOver ? t('tabTakingOver') : t('tabTakeOver')}
      </button>
    </div>
  );
}
