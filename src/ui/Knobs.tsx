import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { acksAt, acksCommand, commitOf, flushAt, flushCommand, knobProducer, type AcksKnob, type CommitKnob, type FlushKnob } from '../store/knobs';

interface SegmentedProps<T extends string> {
  name: string;
  legend: string;
  hint: string;
  value: T | null;
  options: { value: T; label: string }[];
  onChange(value: T): void;
}

/** A one-click choice: native radios (arrow keys, one tab stop) drawn as a segmented control. */
function Segmented<T extends string>({ name, legend, hint, value, options, onChange }: SegmentedProps<T>) {
  return (
    <fieldset className="segmented" disabled={value === null}>
      <legend>{legend}</legend>
      <div className="segments">
        {options.map((o) => (
          <label key={o.value} className={value === o.value ? 'on' : ''}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>
              {value === o.value && <span aria-hidden="true">✓ </span>}
              {o.label}
            </span>
          </label>
        ))}
      </div>
      <p className="hint">{hint}</p>
    </fieldset>
  );
}

/** The three knobs: the producer's acks, the consumer's commit mode, the flush policy. */
export function Knobs() {
  const { t } = useTranslation();
  // The knobs' values, not the clock: selecting the time re-rendered all three every frame.
  const { scenario, acks, flush } = useSessionShallow((s) => ({ scenario: s.scenario, acks: acksAt(s.scenario, s.commands, s.clockTime), flush: flushAt(s.scenario, s.commands, s.clockTime) }));
  const producer = knobProducer(scenario);
  const commit = commitOf(scenario);
  const s = sessionStore.getState();

  return (
    <section className="knobs" aria-label={t('knobs.label')}>
      <Segmented<AcksKnob>
        name="acks"
        legend={t('knobs.acks', { producer: producer ?? '—' })}
        hint={t(`knobs.acksHint.${acks ?? 'all'}`)}
        value={acks}
        options={[
          { value: '0', label: '0' },
          { value: '1', label: '1' },
          { value: 'all', label: 'all' },
        ]}
        onChange={(v) => producer && s.dispatch(acksCommand(producer, v))}
      />
      <Segmented<CommitKnob>
        name="commit"
        legend={t('knobs.commit')}
        hint={t(`knobs.commitHint.${commit ?? 'none'}`)}
        value={commit}
        options={[
          { value: 'auto', label: t('knobs.commitAuto') },
          { value: 'after', label: t('knobs.commitAfter') },
          { value: 'before', label: t('knobs.commitBefore') },
        ]}
        onChange={(v) => s.setCommit(v)}
      />
      <Segmented<FlushKnob>
        name="flush"
        legend={t('knobs.flush')}
        hint={t(`knobs.flushHint.${flush}`)}
        value={flush}
        options={[
          { value: 'os', label: t('knobs.flushOs') },
          { value: 'every', label: t('knobs.flushEvery') },
        ]}
        onChange={(v) => s.dispatch(flushCommand(v))}
      />
    </section>
  );
}
