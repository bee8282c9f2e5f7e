import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceEvent, Traced } from '../engine';
import { sessionStore, useSession, useSessionShallow } from '../store';
import { CATEGORIES, ROUTINE, categoryOf, type EventCategory } from './eventWords';
import { wordsOf, type Translate } from './eventLogWords';
import { formatSeconds } from './format';
import { HeldSelection, useOnScreen } from './onScreen';

/** Events on Kafka's internal offsets topic: the coordinator's bookkeeping, shown only on request. */
function isInternal(e: TraceEvent): boolean {
  return 'topic' in e && e.topic === '__consumer_offsets';
}

/** Lines the log shows at most (newest first). */
const MAX_LINES = 120;

/** The trace in words, newest first, filterable; each time is a link to that moment. */
export function EventLog() {
  const { t, i18n } = useTranslation();
  // A new window of events (a seek, a fork: the whole list replaced) is drawn as a transition,
  // in slices, after the urgent panels: the clock and the fork notice do not wait for 200 lines.
  // The window and its epoch deferred together: words cached for one epoch's ids never label another's.
  // While playing and scrolled out of sight, the log keeps the window it shows (the panels'
  // publications replace most of its lines each time): brought back into view, it shows the store's.
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const playing = useSession((s) => s.playing);
  const [held] = useState(() => new HeldSelection<{ events: TraceEvent[]; epoch: number }>());
  const live = onScreen || !playing;
  const { events, epoch } = useDeferredValue(useSessionShallow((s) => held.pick(live, () => ({ events: s.events, epoch: s.eventsEpoch }))));
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
      const words = wordsOf(e, t, epoch);
      if (needle && !words.toLowerCase().includes(needle)) continue;
      // The event's own id when it has one: a line keeps its element as the window slides.
      const id = (e as Partial<Traced>).id;
      shown.push({ e, key: id ? `id${id}` : `t${e.t}-${i}`, words });
    }
    return shown;
  }, [events, epoch, category, text, routine, t]);

  return (
    <section ref={ref} className="event-log" aria-label={t('log.title')}>
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
          {t('log.routineAll')}
        </label>
      </div>
      {lines.length === 0 ? (
        <p className="muted">{events.length === 0 ? t('log.empty') : t('log.noneShown')}</p>
      ) : (
        <ol className="log-lines">
          {lines.map(({ e, key, words }) => (
            <EventLine key={key} at={e.t} words={words} lng={lng} t={t} />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * One line, rendered again only when its event, words or language change: a playing cluster
 * publishes a new window a few times a second and most lines were there the time before (each
 * line's label is an i18next lookup with a formatted time). Its time and words, not the event
 * object, are its props: after a fork or a seek the events before that moment are new objects with
 * the same content, and their lines stay as they were.
 */
const EventLine = memo(function EventLine({ at, words, lng, t }: { at: number; words: string; lng: string; t: Translate }) {
  return (
    <li>
      <button type="button" className="link" onClick={() => sessionStore.getState().seek(at)} aria-label={t('log.goTo', { seconds: formatSeconds(at, lng) })}>
        {t('transport.seconds', { seconds: formatSeconds(at, lng) })}
      </button>{' '}
      <span>{words}</span>
    </li>
  );
});
