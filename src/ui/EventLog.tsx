import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceEvent, Traced } from '../engine';
import { sessionStore, useSession } from '../store';
import { CATEGORIES, ROUTINE, categoryOf, describeEvent, type EventCategory } from './eventWords';
import { formatSeconds } from './format';

/** Events on Kafka's internal offsets topic: the coordinator's bookkeeping, shown only on request. */
function isInternal(e: TraceEvent): boolean {
  return 'topic' in e && e.topic === '__consumer_offsets';
}

/** Lines the log shows at most (newest first). */
const MAX_LINES = 120;

type Translate = Parameters<typeof describeEvent>[1];

/**
 * Words per event, kept per translation function (one per language): a playing cluster publishes a
 * new window of events a few times a second, and most of them were described the time before.
 */
const describedBy = new WeakMap<Translate, WeakMap<TraceEvent, string>>();
function wordsOf(e: TraceEvent, t: Translate): string {
  let described = describedBy.get(t);
  if (!described) describedBy.set(t, (described = new WeakMap()));
  let words = described.get(e);
  if (words === undefined) described.set(e, (words = describeEvent(e, t)));
  return words;
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
    const shown: { e: TraceEvent; key: string; words: string }[] = [];
    // Newest first, and only as many as are shown: describing the whole window was most of a frame.
    for (let i = events.length - 1; i >= 0 && shown.length < MAX_LINES; i--) {
      const e = events[i]!;
      if (!routine && (ROUTINE.has(e.type) || isInternal(e))) continue;
      if (category !== 'all' && categoryOf(e) !== category) continue;
      const words = wordsOf(e, t);
      if (needle && !words.toLowerCase().includes(needle)) continue;
      // The event's own id when it has one: a line keeps its element as the window slides.
      const id = (e as Partial<Traced>).id;
      shown.push({ e, key: id ? `id${id}` : `t${e.t}-${i}`, words });
    }
    return shown;
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
          {lines.map(({ e, key, words }) => (
            <EventLine key={key} e={e} words={words} lng={lng} t={t} />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * One line, rendered again only when its event, words or language change: a playing cluster
 * publishes a new window a few times a second and most lines were there the time before (each
 * line's label is an i18next lookup with a formatted time).
 */
const EventLine = memo(function EventLine({ e, words, lng, t }: { e: TraceEvent; words: string; lng: string; t: Translate }) {
  return (
    <li>
      <button type="button" className="link" onClick={() => sessionStore.getState().seek(e.t)} aria-label={t('log.goTo', { seconds: formatSeconds(e.t, lng) })}>
        {formatSeconds(e.t, lng)} s
      </button>{' '}
      <span>{words}</span>
    </li>
  );
});
