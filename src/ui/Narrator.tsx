import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../store';
import { NARRATED, NARRATED_QUIETLY, describeEvent } from './eventWords';

/**
 * A polite live region that speaks significant events (a leader elected, the ISR shrinking, a
 * broker crashing) — at most one sentence a second, the latest winning, so a fast run is not a
 * torrent; a dropped message (with its reason) is spoken only when nothing weightier happened:
 * in the same second, or in the next one (a cut link is said first, then what it dropped). A new
 * run of events (another scenario, a seek, a fork) silences what was said before it.
 */
export function Narrator() {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const latest = useRef<{ text: string; quiet: boolean } | null>(null);
  /** A quiet sentence a weightier one outranked, said at the next quiet tick (ticks waited so far). */
  const deferred = useRef<{ text: string; waited: number } | null>(null);

  useEffect(() => {
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.eventsEpoch !== prev.eventsEpoch) {
        // Another scenario, a jump in time, a fork: what was said belongs to a moment no longer on
        // screen (the sandbox's rebalance went on showing over a scenario without a group).
        deferred.current = null;
        latest.current = null;
        setMessage('');
        return;
      }
      if (s.events === prev.events) return;
      // The store keeps the latest events only: once full, its length stays the same, so what is
      // new is what follows the previous last event (the same object), not a count.
      const lastSeen = prev.events[prev.events.length - 1];
      const fresh = s.events.slice(lastSeen === undefined ? 0 : s.events.lastIndexOf(lastSeen) + 1);
      const significant = fresh.filter((e) => NARRATED.has(e.type));
      const weighty = significant.filter((e) => !NARRATED_QUIETLY.has(e.type));
      const lastQuiet = significant.filter((e) => NARRATED_QUIETLY.has(e.type)).pop();
      const last = weighty[weighty.length - 1] ?? lastQuiet;
      if (!last) return;
      const quiet = NARRATED_QUIETLY.has(last.type);
      if (quiet && latest.current && !latest.current.quiet) {
        deferred.current = { text: describeEvent(last, t), waited: 0 };
        return;
      }
      // A weighty sentence keeps the quiet one for later; a newer quiet one replaces it.
      deferred.current = quiet ? null : lastQuiet ? { text: describeEvent(lastQuiet, t), waited: 0 } : deferred.current;
      latest.current = { text: describeEvent(last, t), quiet };
    });
    const timer = window.setInterval(() => {
      if (latest.current) {
        setMessage(latest.current.text);
        latest.current = null;
        // Outranked a second time, the quiet sentence is stale: dropped.
        if (deferred.current && ++deferred.current.waited > 1) deferred.current = null;
      } else if (deferred.current) {
        setMessage(deferred.current.text);
        deferred.current = null;
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
