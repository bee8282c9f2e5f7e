import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineDefinition } from '../engine';
import { readEntity, stepsBetween, targetKey, targetsOf, type EntityReading, type MachineTarget, type Step } from '../diagram/entities';
import { bestLayout } from '../diagram/layout';
import { sessionStore, useSession } from '../store';
import { formatSeconds, groupStateWord } from './format';
import { useReducedMotion } from './hooks';
import { MachineDiagram, type Flash } from './MachineDiagram';

/** At most this many flashes drawn at once (a fast replay fires many). */
const MAX_FLASHES = 6;
/** Between the flashes of steps that one frame brought together. */
const STEP_DELAY_MS = 500;
/** The smallest scale a diagram is drawn at (labels of 14 px stay above 9 px). */
const MIN_SCALE = 0.65;
/** Narrower than this (px), the panel is a phone's: the diagram may be as tall as it needs. */
const NARROW = 600;

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The entity's name as the page words it ("Broker 1", "Partition orders-0", …). */
function useEntityName() {
  const { t } = useTranslation();
  return useCallback(
    (target: MachineTarget): string => {
      switch (target.kind) {
        case 'broker':
          return t('machines.entity.broker', { broker: target.broker });
        case 'registration':
          return t('machines.entity.registration', { broker: target.broker });
        case 'partition':
          return t('machines.entity.partition', { partition: `${target.topic}-${target.partition}` });
        case 'group':
          return t('machines.entity.group', { group: target.group });
        case 'member':
          return t('machines.entity.member', { member: `${target.group}/${target.member}` });
      }
    },
    [t],
  );
}

/**
 * The entity's reading, kept up to date from the store's subscribe (React renders only when the
 * reading changes), and the steps seen between readings: flashes for the diagram, the last step
 * for the text. A seek (the store replaces its events) relights without a flash. Its caller keys
 * it by entity, so a new entity starts afresh.
 */
function useMachineReading(target: MachineTarget, def: MachineDefinition, reducedMotion: boolean) {
  const [first] = useState(() => ({ state: sessionStore.getState(), reading: readEntity(sessionStore.getState().snapshot, target) }));
  const [reading, setReading] = useState<EntityReading | null>(first.reading);
  const [last, setLast] = useState<{ time: number; steps: Step[] } | null>(null);
  const [flashes, setFlashes] = useState<Flash[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    let s0 = first.state;
    let prev = first.reading;
    return sessionStore.subscribe((s) => {
      if (s.snapshot === s0.snapshot) return;
      const next = readEntity(s.snapshot, target);
      const same = next?.state === prev?.state && next?.raw === prev?.raw && next?.leaderEpoch === prev?.leaderEpoch && next?.isr === prev?.isr;
      const forward = s.eventsEpoch === s0.eventsEpoch && s.time >= s0.time;
      if (!same) {
        const from = s0.time;
        const steps = forward ? stepsBetween(def, target, prev, next, s.events.filter((e) => e.t > from && e.t <= s.time)) : [];
        setReading(next);
        if (steps.length) {
          setLast({ time: s.time, steps });
          if (!reducedMotion) {
            const fired = steps
              .filter((st) => st.transitions.length)
              .map((st, i): Flash => ({ seq: ++seq.current, transitions: st.transitions, to: st.to, delayMs: i * STEP_DELAY_MS }));
            setFlashes((f) => [...f, ...fired].slice(-MAX_FLASHES));
          }
        } else if (!forward) setLast(null);
        prev = next;
      }
      s0 = s;
    });
  }, [first, target, def, reducedMotion]);
  const endFlash = useCallback((n: number) => setFlashes((f) => f.filter((x) => x.seq !== n)), []);
  return { reading, last, flashes, endFlash };
}

/** Issue 9 item 8: pick a broker (or its registration at the controller), partition, group or member and see its xstate machine, live. */
export function MachinePanel() {
  const { t } = useTranslation();
  const reducedMotion = useReducedMotion();
  const name = useEntityName();
  const base = useId();
  const machines = useSession((s) => s.machines);
  const chosen = useSession((s) => s.machineTarget);
  // The list of entities as one string, so a playing cluster does not re-render the panel.
  const keys = useSession((s) => targetsOf(s.snapshot).map(targetKey).join('\n'));
  const targets = useMemo(() => (keys ? targetsOf(sessionStore.getState().snapshot) : []), [keys]);
  const chosenKey = chosen ? targetKey(chosen) : null;
  const target = useMemo(() => targets.find((x) => targetKey(x) === chosenKey) ?? targets[0] ?? null, [targets, chosenKey]);
  const def = machines.find((m) => m.kind === target?.kind);
  const group = (kind: MachineTarget['kind']) => targets.filter((x) => x.kind === kind);

  return (
    <section className="machines" aria-labelledby={`${base}-heading`}>
      <h2 id={`${base}-heading`} className="visually-hidden">
        {t('machines.title')}
      </h2>
      <div className="machines-head">
        <label>
          {t('machines.pick')}{' '}
          <select value={target ? targetKey(target) : ''} onChange={(e) => sessionStore.getState().selectMachine(targets.find((x) => targetKey(x) === e.target.value) ?? null)} disabled={!targets.length}>
            {(['broker', 'registration', 'partition', 'group', 'member'] as const).map((kind) =>
              group(kind).length ? (
                <optgroup key={kind} label={t(`machines.kinds.${kind}`)}>
                  {group(kind).map((x) => (
                    <option key={targetKey(x)} value={targetKey(x)}>
                      {name(x)}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </label>
        <p className="hint">{t('machines.help')}</p>
      </div>
      {target && def ? (
        <MachineView key={`${targetKey(target)}|${def.id}|${reducedMotion}`} target={target} def={def} reducedMotion={reducedMotion} entity={name(target)} />
      ) : (
        <p className="muted">{t('machines.loading')}</p>
      )}
    </section>
  );
}

/** One entity's machine: where it is, what changed last, the diagram, and the transitions as a table. */
function MachineView({ target, def, reducedMotion, entity }: { target: MachineTarget; def: MachineDefinition; reducedMotion: boolean; entity: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const base = useId();
  const { reading, last, flashes, endFlash } = useMachineReading(target, def, reducedMotion);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  // Short enough to see whole beside the text at 1280×720; a wide layout is preferred to a tall one.
  // A phone's narrow panel: the page scrolls down anyway, so only the width limits the diagram.
  const maxHeight = width < NARROW ? Infinity : Math.max(360, Math.round(window.innerHeight * 0.6));
  const layout = useMemo(
    () => (width > 0 ? bestLayout(def, width, maxHeight, { anyStateLabel: (c) => (c ? t('machines.anyStateIn', { state: c }) : t('machines.anyState')) }) : null),
    // `lng`: the "any state" label is re-measured in the new language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [def, width, maxHeight, t, lng],
  );
  // Never so small the labels cannot be read: below this, the figure scrolls instead.
  const scale = layout ? Math.max(layout.scale, MIN_SCALE) : 1;
  const overflows = !!layout && Math.ceil(layout.width * scale) > width;
  const stateWord = reading?.state ?? (reading?.raw !== undefined ? groupStateWord(reading.raw, t) : '—');
  const words = (st: Step) => {
    const events = def.transitions.filter((x) => st.transitions.includes(x.id)).map((x) => x.event);
    return `${st.from} → ${st.to}${events.length ? ` (${[...new Set(events)].join(' / ')})` : ''}`;
  };
  const tableId = `${base}-table`;

  return (
    <>
      <p className="machines-about">{t(`machines.about.${target.kind}`)}</p>
      <p className="machines-now" role="status" data-state={reading?.state ?? ''}>
        {reading === null
          ? t('machines.gone', { entity })
          : reading.state === null
            ? t('machines.noMachine', { entity, state: groupStateWord(reading.raw, t) })
            : t('machines.now', { entity, state: stateWord })}
      </p>
      <p className="machines-last">
        {last ? t('machines.last', { time: formatSeconds(last.time, lng), steps: last.steps.map(words).join(', ') }) : t('machines.noChange')}
      </p>
      <div
        className="machine-figure"
        ref={box}
        // Scrolls sideways when the diagram is wider than the panel (a phone): then it is a focusable region.
        {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': t('machines.scrollLabel') } : {})}
      >
        {layout && (
          <MachineDiagram
            layout={layout}
            scale={scale}
            lit={reading?.state ?? null}
            flashes={flashes}
            onFlashEnd={endFlash}
            label={t('machines.diagramLabel', { entity, machine: def.id, state: stateWord })}
            describedBy={tableId}
          />
        )}
      </div>
      <details className="machines-table">
        <summary>{t('machines.tableSummary', { count: def.transitions.length, machine: def.id })}</summary>
        <table id={tableId}>
          <caption className="visually-hidden">{t('machines.tableCaption', { machine: def.id })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('machines.col.from')}</th>
              <th scope="col">{t('machines.col.event')}</th>
              <th scope="col">{t('machines.col.guard')}</th>
              <th scope="col">{t('machines.col.to')}</th>
            </tr>
          </thead>
          <tbody>
            {def.transitions.map((x) => (
              <tr key={x.id} className={x.from === reading?.state ? 'here' : undefined}>
                <td>
                  {x.from === '' ? t('machines.anyState') : x.from}
                  {x.from === reading?.state && <span className="now-mark"> {t('machines.nowMark')}</span>}
                </td>
                <td>
                  <code>{x.event || 'always'}</code>
                </td>
                <td>{x.guard ? <code>{x.guard}</code> : '—'}</td>
                <td>{x.to ?? t('machines.stays')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
