import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceEvent } from '../engine';
import { sessionStore, useSession } from '../store';
import { CATEGORIES, ROUTINE, categoryOf, describeEvent, type EventCategory } from './eventWords';
import { formatSeconds } from './format';

/** Events on Kafka's internal offsets topic: the coordinator's bookkeeping, shown only on request. */
function isInternal(e: TraceEvent): boolean {
  return 'topic' in e && e.topic === '__consumer_offsets';
}

/** The trace in words, newest first, filterable; each time is a link to that moment. */
export function EventLog() {
  const { t, i18n } = useTranslation();
  const events = useSession((s) => s.events);
  const [category, setCategory] = useState<EventCategory | 'all'>('all');
  const [text, setText] = useState('');
  const [routine, setRoutine] = useState(false);
  const lng = i18n.language;

  const lines = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return events
      .filter((e) => routine || (!ROUTINE.has(e.type) && !isInternal(e)))
      .filter((e) => category === 'all' || categoryOf(e) === category)
      .map((e, i) => ({ e, i, words: describeEvent(e, t) }))
      .filter(({ words }) => !needle || words.toLowerCase().includes(needle))
      .reverse()
      .slice(0, 120);
  }, [events, category, text, routine, t]);

  return (
    <section className="event-log" aria-label={t('log.title')}>
      <div className="log-filters">
        <label>
          {t('log.kind')}
          <select value={category} onChange={(e) => setCategory(e.target.value as EventCategory | 'all')}>
            <option value="all">{t('log.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`log.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={routine} onChange={(e) => setRoutine(e.target.checked)} />
          {t('log.routine')}
        </label>
      </div>
      {lines.length === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <ol className="log-lines">
          {lines.map(({ e, i, words }) => (
            <li key={`${e.t}-${i}`}>
              <button type="button" className="link" onClick={() => sessionStore.getState().seek(e.t)} aria-label={t('log.goTo', { seconds: formatSeconds(e.t, lng) })}>
                {formatSeconds(e.t, lng)} s
              </button>{' '}
              <span>{words}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
