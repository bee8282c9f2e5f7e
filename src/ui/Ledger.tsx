import { memo, useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import type { BadRecord } from '../worker/protocol';
import { describeEvent } from './eventWords';
import { formatNumber, formatSeconds } from './format';

/** Counters from the report, in the order a learner reads them; the bad ones carry a glyph. */
const COUNTERS = [
  { key: 'acknowledged', bad: false },
  { key: 'atRisk', bad: true },
  { key: 'lostAcknowledged', bad: true },
  { key: 'unavailable', bad: true },
  { key: 'duplicated', bad: true },
  { key: 'reordered', bad: true },
  { key: 'consumed', bad: false },
  { key: 'processedTwice', bad: true },
  { key: 'skipped', bad: true },
] as const;

const GLYPH = { lost: '✕', duplicated: '⧉', reordered: '⇅', skipped: '↷', processedTwice: '↺' } as const;

/** One bad record's line after its fate: where it sits and who sent it, or which group it failed. */
function badRecordWords(r: BadRecord, t: TFunction, seconds: string): string {
  if ('group' in r) {
    if (r.fate === 'skipped') return t('ledger.badRecordSkipped', { id: r.recordId, group: r.group, part: `${r.topic}-${r.partition}`, offset: r.offset, seconds });
    return t('ledger.badRecordTwice', { id: r.recordId, group: r.group, member: r.member, seconds });
  }
  return t('ledger.badRecordFound', { id: r.recordId, part: `${r.topic}-${r.partition}`, offset: r.offset, producer: r.producer, seconds });
}

/**
 * What each counter means. The meanings were only tooltips: out of reach on a touch screen and for
 * most learners. Rendered once per language (memo): the ledger itself renders with every report,
 * a few times a second while playing, and these eighteen lookups were half of its render.
 */
const LedgerMeanings = memo(function LedgerMeanings() {
  const { t } = useTranslation();
  return (
    <details className="ledger-meanings">
      <summary>{t('ledger.meaningsSummary')}</summary>
      <dl>
        {COUNTERS.map(({ key }) => (
          <div key={key}>
            <dt>{t(`ledger.counter.${key}`)}</dt>
            <dd>{t(`ledger.meaning.${key}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
});

/** The ledger: live counters and every record with a bad fate, each one a button that highlights it. */
export function Ledger() {
  const { t, i18n } = useTranslation();
  const { report, reportPending, badRecords, highlightRecord, story, seekTarget } = useSessionShallow((s) => ({
    report: s.report,
    // A fork's or an undo's cluster is drawn before its ledger is counted.
    reportPending: s.reportPending,
    badRecords: s.badRecords,
    highlightRecord: s.highlightRecord,
    story: s.story,
    // While a scrub waits for its exact state, the view shows a kept frame near the target and the
    // counters may be of another moment: the ledger says so instead of passing them off as exact.
    seekTarget: s.seekTarget,
  }));
  const provisional = seekTarget !== null;
  const lng = i18n.language;
  const storyBox = useRef<HTMLDivElement>(null);
  // A record's story starts where the eye is: its first lines are brought into the side column's view.
  const storyId = story?.recordId;
  useEffect(() => {
    if (storyId !== undefined) storyBox.current?.scrollIntoView?.({ block: 'nearest' });
  }, [storyId]);
  const records = report?.records as unknown as Record<string, number | undefined> | undefined;

  return (
    <section className="ledger" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{t('ledger.title')}</h2>
      {provisional && (
        <p className="ledger-provisional" role="status">
          <span aria-hidden="true">◷ </span>
          {t('ledger.provisional', { seconds: formatSeconds(seekTarget, lng) })}
        </p>
      )}
      <dl className={`counters${provisional ? ' provisional' : reportPending ? ' catching-up' : ''}`} aria-busy={provisional || reportPending}>
        {COUNTERS.map(({ key, bad }) => {
          const value = records?.[key];
          const alarm = bad && (value ?? 0) > 0;
          return (
            <div key={key} className={`counter ${alarm ? 'alarm' : ''}`} title={t(`ledger.meaning.${key}`)}>
              <dt>{t(`ledger.counter.${key}`)}</dt>
              <dd data-counter={key}>
                {alarm && <span aria-hidden="true">⚠ </span>}
                {value === undefined ? '—' : formatNumber(value, lng)}
              </dd>
            </div>
          );
        })}
      </dl>
      <LedgerMeanings />
      <h3>{t('ledger.badTitle')}</h3>
      {badRecords.length === 0 ? (
        <p className="muted">{t('ledger.noBad')}</p>
      ) : (
        <>
          <p className="hint bad-hint">{t('ledger.badHint')}</p>
          <ul className="bad-records">
            {badRecords.map((r) => (
              <li key={'group' in r ? `${r.recordId}-${r.fate}-${r.group}` : `${r.recordId}-${r.fate}`}>
                <button
                  type="button"
                  aria-pressed={highlightRecord === r.recordId}
                  onClick={() => sessionStore.getState().highlight(highlightRecord === r.recordId ? null : r.recordId)}
                >
                  <span className={`fate fate-${r.fate}`}>
                    <span aria-hidden="true">{GLYPH[r.fate]} </span>
                    {t(`ledger.fate.${r.fate}`)}
                  </span>{' '}
                  {badRecordWords(r, t, formatSeconds(r.at, lng))}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {story && (
        <div className="story" aria-live="polite" ref={storyBox}>
          <h3>{t('ledger.storyTitle', { id: story.recordId })}</h3>
          {story.events === null ? (
            <p className="muted">{t('ledger.storyNone')}</p>
          ) : story.events.length === 0 ? (
            <p className="muted">{t('ledger.storyEmpty')}</p>
          ) : (
            <ol>
              {story.events.map((e, i) => (
                <li key={i}>
                  <span className="muted">{t('transport.seconds', { seconds: formatSeconds(e.t, lng) })}</span> {describeEvent(e, t)}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
