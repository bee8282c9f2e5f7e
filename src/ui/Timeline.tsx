import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Command } from '../engine';
import { sessionStore, useSessionShallow, type SessionState } from '../store';
import { ForkNotice } from './ForkNotice';
import { formatSeconds } from './format';

interface Marker {
  time: number;
  command: Command;
  mine: boolean;
}

/** A command in a few words for a timeline marker ("crash b1", "acks=1 on p1"). */
export function commandWords(command: Command, t: TFunction): string {
  const c = command as unknown as Record<string, unknown>;
  const vars = { ...c, latency: c['latency.ms'], config: c.config ? Object.entries(c.config).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`).join(', ') : '', between: Array.isArray(c.between) ? c.between.join(' ↔ ') : '' };
  return t(`timeline.${command.do}`, { ...vars, defaultValue: command.do });
}

/** The virtual time the scrubber spans: the scenario's end, or a window around now for the long sandbox. */
export function timelineSpan(until: number, time: number): number {
  if (until > 0 && until <= 600_000) return until;
  return Math.max(60_000, Math.ceil((time * 1.25) / 30_000) * 30_000);
}

/**
 * The scrubber, with the scenario's faults and the learner's commands as markers. While a scrub's
 * exact state is on its way the thumb stays where the learner put it, and the view (and the
 * clock) shows the nearest moment the worker kept, with its own time: the line under the
 * scrubber says so.
 */
export function Timeline() {
  const { t, i18n } = useTranslation();
  const { time, until, scenario, commands, loaded, seekTarget } = useSessionShallow((s) => ({
    time: s.clockTime,
    until: s.until,
    scenario: s.scenario,
    commands: s.commands,
    loaded: s.loaded,
    seekTarget: s.seekTarget,
  }));
  const thumb = seekTarget ?? time;
  const previewing = seekTarget !== null && seekTarget !== time;
  const span = timelineSpan(until, time);
  const lng = i18n.language;

  return (
    <div className="timeline">
      <label htmlFor="scrubber" className="visually-hidden">
        {t('timeline.label')}
      </label>
      <input
        id="scrubber"
        type="range"
        min={0}
        max={span}
        step={1}
        value={Math.min(thumb, span)}
        disabled={!loaded}
        data-seeking={seekTarget !== null ? '' : undefined}
        aria-valuetext={t('transport.clock', { seconds: formatSeconds(thumb, lng) })}
        onChange={(e) => sessionStore.getState().seek(Number(e.target.value))}
      />
      <Markers scenario={scenario} commands={commands} span={span} />
      <div className="timeline-ends">
        <span aria-hidden="true">0</span>
        {previewing && (
          <span className="timeline-preview" aria-hidden="true">
            {t('timeline.preview', { shown: formatSeconds(time, lng), target: formatSeconds(seekTarget, lng) })}
          </span>
        )}
        <ForkNotice />
        <span aria-hidden="true">{t('transport.seconds', { seconds: formatSeconds(span, lng) })}</span>
      </div>
    </div>
  );
}

/**
 * The markers, rendered again only when the scenario, the commands or the span change: the thumb
 * moves ten times a second while playing, and each move re-rendered every marker's words.
 */
const Markers = memo(function Markers({ scenario, commands, span }: { scenario: unknown; commands: SessionState['commands']; span: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const script = ((scenario as { script?: ({ at: number } & Command)[] })?.script ?? []).filter((a) => a.do !== 'produce');
  const markers: Marker[] = [
    ...script.map(({ at, ...command }) => ({ time: at, command: command as Command, mine: false })),
    ...commands.map((c) => ({ time: c.time, command: c.command, mine: true })),
  ].filter((m) => m.time <= span);
  return (
    <div className="markers">
      {markers.map((m, i) => {
        const words = commandWords(m.command, t);
        const label = t('timeline.marker', { what: words, seconds: formatSeconds(m.time, lng) });
        return (
          <button
            key={i}
            type="button"
            className={`marker ${m.mine ? 'mine' : ''}`}
            style={{ left: `${(m.time / span) * 100}%` }}
            aria-label={label}
            title={label}
            onClick={() => sessionStore.getState().seek(m.time)}
          >
            <span aria-hidden="true">{m.mine ? '◆' : '▲'}</span>
          </button>
        );
      })}
    </div>
  );
});
