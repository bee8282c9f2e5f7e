import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { SANDBOX, groupCatalogue } from '../store/catalogue';
import type { CatalogueEntry } from '../worker/protocol';
import { ownDescription } from './ownDescription';

/**
 * Whether the clamped paragraph hides some of its text (measured after layout, again when the
 * window's size changes): only then is there a "Read all" button.
 */
function useClipped(ref: React.RefObject<HTMLElement | null>, text: string, open: boolean): boolean {
  const [clipped, setClipped] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setClipped(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, text, open]);
  return clipped;
}

/**
 * The built-ins grouped by what they teach; choosing one shows it at t = 0, ready to play. Titles
 * and summaries come from the message catalogue by scenario id; the engine's English is the
 * fallback for an id the catalogue does not know (a new built-in). The summary is clamped to a line
 * or two so the cluster keeps its room; "Read all" opens it whole.
 */
export function ScenarioPicker() {
  const { t } = useTranslation();
  const title = (e: CatalogueEntry) => (e.id === SANDBOX.id ? t('picker.sandbox') : t(`scenarios.${e.id}.title`, { defaultValue: e.title }));
  const summary = (e: CatalogueEntry) => (e.id === SANDBOX.id ? t('picker.sandboxSummary') : t(`scenarios.${e.id}.summary`, { defaultValue: e.summary }));
  // What to keep an eye on while it plays; a scenario the catalogue does not know has none.
  const watch = (e: CatalogueEntry) => (e.id === SANDBOX.id ? t('picker.sandboxWatch') : t(`scenarios.${e.id}.watch`, { defaultValue: '' }));
  const { catalogue, scenarioId, scenario } = useSessionShallow((s) => ({ catalogue: s.catalogue, scenarioId: s.scenarioId, scenario: s.scenario }));
  const groups = groupCatalogue(catalogue);
  const selected = groups.flatMap((g) => g.entries).find((e) => e.id === scenarioId) ?? SANDBOX;
  // An edit with a description of its own is described by it (and has no built-in "what to watch").
  const own = ownDescription(selected.scenario, scenario);
  const text = own ?? summary(selected);
  const [open, setOpen] = useState(false);
  const watchText = own !== null ? '' : watch(selected);
  const box = useRef<HTMLParagraphElement>(null);
  const watchBox = useRef<HTMLParagraphElement>(null);
  const clipped = useClipped(box, text, open);
  const watchClipped = useClipped(watchBox, watchText, open);

  return (
    <div className="picker">
      <label htmlFor="scenario">{t('picker.label')}</label>
      <select
        id="scenario"
        value={scenarioId}
        aria-describedby={watchText ? 'scenario-summary scenario-watch' : 'scenario-summary'}
        onChange={(e) => {
          setOpen(false);
          // What the opening link asked for is no longer what the page shows.
          sessionStore.getState().dismissLinkProblems();
          sessionStore.getState().selectScenario(e.target.value);
        }}
      >
        {groups.map((g) => (
          <optgroup key={g.topic} label={t(`picker.topic.${g.topic}`)}>
            {g.entries.map((e) => (
              <option key={e.id} value={e.id}>
                {title(e)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <div className="summary-row">
        <p id="scenario-summary" ref={box} className={`summary${open ? ' open' : ''}`}>
          {text}
        </p>
        {(clipped || watchClipped || open) && (
          <button type="button" className="link summary-toggle" aria-expanded={open} aria-controls={watchText ? 'scenario-summary scenario-watch' : 'scenario-summary'} onClick={() => setOpen(!open)}>
            {open ? t('picker.less') : t('picker.more')}
          </button>
        )}
      </div>
      {watchText && (
        <p id="scenario-watch" ref={watchBox} className={`watch${open ? ' open' : ''}`}>
          <strong>{t('picker.watch')}</strong>
          {watchText}
        </p>
      )}
    </div>
  );
}
