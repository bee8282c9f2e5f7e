import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../store';
import { NARRATED, describeEvent } from './eventWords';

/**
 * A polite live region that speaks significant events (a leader elected, the ISR shrinking, a
 * broker crashing) — at most one sentence a second, the latest winning, so a fast run is not a
 * torrent.
 */
export function Narrator() {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const latest = useRef<string | null>(null);

  useEffect(() => {
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.events === prev.events || s.eventsEpoch !== prev.eventsEpoch) return;
      const fresh = s.events.slice(Math.max(0, s.events.length - (s.events.length - prev.events.length)));
      const significant = fresh.filter((e) => NARRATED.has(e.type));
      const last = significant[significant.length - 1];
      if (last) latest.current = describeEvent(last, t);
    });
    const timer = window.setInterval(() => {
      if (latest.current) {
        setMessage(latest.current);
        latest.current = null;
      }
    }, 1000);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [t]);

  return (
    <div className="narrator" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
