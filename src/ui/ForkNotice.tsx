import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSession } from '../store';

/**
 * "You acted in the past", with Undo, in the line under the timeline (between its two ends): it
 * is about the timeline, and a row of its own took its height from the cluster view, which at
 * 1280×720 pushed the view's legend out of sight.
 */
export const ForkNotice = memo(function ForkNotice() {
  const { t } = useTranslation();
  const forked = useSession((s) => s.forked);
  if (forked === 0) return null;
  return (
    <div className="notice fork-notice" role="status">
      <span>{t('status.forked', { count: forked })}</span>
      <button type="button" onClick={() => sessionStore.getState().undoFork()}>
        {t('status.undoFork')}
      </button>
      <button type="button" onClick={() => sessionStore.getState().dismissFork()}>
        {t('status.ok')}
      </button>
    </div>
  );
});
