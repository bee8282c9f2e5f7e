import { useTranslation } from 'react-i18next';
import { sessionStore, useSession, useSessionShallow } from '../store';
import { SPEEDS } from '../store/speeds';
import { formatNumber, formatSeconds, formatSpeed } from './format';

/**
 * Play, pause, step, speed, the cluster clock, reset and the seed. The clock is a component of its
 * own: it changes ten times a second while playing, and the whole toolbar (its buttons, labels and
 * the seed's input) re-rendered with it.
 */
export function Transport() {
  const { t, i18n } = useTranslation();
  const { playing, speedIndex, ended, seed, loaded } = useSessionShallow((s) => ({
    playing: s.playing,
    speedIndex: s.speedIndex,
    ended: s.until > 0 && s.clockTime >= s.until,
    seed: s.seed,
    loaded: s.loaded,
  }));
  const s = sessionStore.getState();
  const speed = SPEEDS[speedIndex]!;
  const lng = i18n.language;

  return (
    <div className="transport" role="toolbar" aria-label={t('transport.label')}>
      <button type="button" className="big primary" onClick={s.togglePlay} disabled={!loaded || (ended && !playing)} aria-keyshortcuts="Space">
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? t('transport.pause') : t('transport.play')}
      </button>
      <button type="button" onClick={s.stepBack} disabled={!loaded} aria-label={t('transport.stepBack')} title={t('transport.stepBack')} aria-keyshortcuts="ArrowLeft">
        <span aria-hidden="true">◀|</span>
      </button>
      <button type="button" onClick={s.stepForward} disabled={!loaded} aria-label={t('transport.stepForward')} title={t('transport.stepForward')} aria-keyshortcuts="ArrowRight">
        <span aria-hidden="true">|▶</span>
      </button>
      <div className="speed" role="group" aria-label={t('transport.speed')}>
        <button type="button" onClick={s.slower} disabled={speedIndex === 0} aria-label={t('transport.slower')} aria-keyshortcuts="-">
          −
        </button>
        <output className="speed-value" aria-live="off">
          {formatSpeed(speed, lng)}×
        </output>
        <button type="button" onClick={s.faster} disabled={speedIndex === SPEEDS.length - 1} aria-label={t('transport.faster')} aria-keyshortcuts="+">
          +
        </button>
      </div>
      <div className="clock">
        <ClockTime />
        <span className="clock-scale">{t('transport.scale', { ms: formatNumber(Math.round(1000 * speed * 100) / 100, lng) })}</span>
      </div>
      <button type="button" onClick={s.reset} disabled={!loaded}>
        <span aria-hidden="true">↺</span> {t('transport.reset')}
      </button>
      <label className="seed">
        {t('transport.seed')}
        <input
          type="number"
          inputMode="numeric"
          value={seed}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (e.target.value !== '' && Number.isInteger(n)) s.setSeed(n);
          }}
        />
      </label>
    </div>
  );
}

/** The cluster's clock (`clockTime`: every frame when paused or stepping, ten times a second while playing). */
function ClockTime() {
  const { t, i18n } = useTranslation();
  const time = useSession((s) => s.clockTime);
  return <span className="clock-time">{t('transport.clock', { seconds: formatSeconds(time, i18n.language) })}</span>;
}
