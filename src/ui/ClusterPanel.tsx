import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { sessionStore, type LiveFrame, type SessionState } from '../store';
import { SPEEDS } from '../store/speeds';
import { createClusterView, type ViewTarget } from '../view/clusterView';
import { useReducedMotion } from './hooks';
import { currentTheme, viewTextScale } from './theme';

/**
 * The cluster view's mount: d3 owns the <svg> (DESIGN.md rule 6). Fed from the store's subscribe,
 * so a playing cluster causes no React render per frame.
 */
export function ClusterPanel({ onContextMenu }: { onContextMenu(target: ViewTarget, at: { x: number; y: number }): void }) {
  const { t } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const reducedMotion = useReducedMotion();
  // Wider than its panel (many brokers on a phone): the panel scrolls sideways, and says so.
  const [overflows, setOverflows] = useState(false);
  const menuRef = useRef(onContextMenu);
  useEffect(() => {
    menuRef.current = onContextMenu;
  }, [onContextMenu]);

  useEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const view = createClusterView(svg, {
      t: viewT(),
      onSelect: (target) => {
        if (target.kind === 'record') sessionStore.getState().highlight(target.recordId);
      },
      onContextMenu: (target, at) => menuRef.current(target, at),
    });
    // Every engine frame arrives on the live channel; the store adds what the learner chose.
    const push = (live: LiveFrame = sessionStore.getState().live(), s: SessionState = sessionStore.getState()) => {
      if (!live.snapshot) return;
      view.update({
        snapshot: live.snapshot,
        time: live.time,
        inFlight: live.inFlight,
        hiddenTokenKinds: s.hiddenTokenKinds,
        highlightRecord: s.highlightRecord,
        reducedMotion,
        wire: live.wire,
        speed: SPEEDS[s.speedIndex] ?? 1,
      });
    };
    // The width is the panel's, not the svg's: on a phone the svg may keep a least width wider
    // than its panel (layout.ts), and sizing by its own width would flip the layout back and forth.
    const panel = svg.parentElement;
    const size = () => {
      const box = svg.getBoundingClientRect();
      return { width: Math.max(1, panel?.clientWidth ?? box.width), height: Math.max(1, box.height) };
    };
    const first = size();
    view.resize(first.width, first.height);
    push();
    let last = first;
    const observer = new ResizeObserver(() => {
      const next = size();
      if (svg.getBoundingClientRect().width === 0) return;
      // resize draws the last frame at the new size (a push after it drew everything twice).
      if (next.width !== last.width || next.height !== last.height) view.resize(next.width, next.height);
      last = next;
      if (panel) setOverflows(svg.getBoundingClientRect().width > panel.clientWidth + 1);
    });
    observer.observe(svg);
    if (panel) observer.observe(panel);
    const unsubscribeLive = sessionStore.getState().subscribeLive((live) => push(live));
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.highlightRecord !== prev.highlightRecord || s.hiddenTokenKinds !== prev.hiddenTokenKinds) push(undefined, s);
    });
    const relabel = () => push(sessionStore.getState());
    i18next.on('languageChanged', relabel);
    // The projector theme raises the view's text: follow `data-theme` on <html>.
    const rescale = () => view.setTextScale(viewTextScale(currentTheme()));
    rescale();
    const themeObserver = new MutationObserver(rescale);
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      themeObserver.disconnect();
      i18next.off('languageChanged', relabel);
      unsubscribe();
      unsubscribeLive();
      observer.disconnect();
      view.destroy();
    };
  }, [reducedMotion]);

  return (
    <>
      {overflows && (
        <p className="view-scroll-cue" aria-hidden="true">
          {t('view.scrollCue')}
        </p>
      )}
      <svg ref={ref} className="cluster-svg" role="group" aria-label={t('view.label')} aria-describedby="view-help" />
    </>
  );
}

/**
 * The view's i18n lookup, remembered: a strip asks for the same few labels with the same numbers
 * many times a second, and i18next resolves each from scratch. Forgotten on a language change.
 */
function viewT(): (key: string, vars?: Record<string, unknown>) => string {
  const cache = new Map<string, string>();
  let language = i18next.language;
  return (key, vars) => {
    if (i18next.language !== language) {
      cache.clear();
      language = i18next.language;
    }
    const id = vars ? `${key}\u0000${JSON.stringify(vars)}` : key;
    let text = cache.get(id);
    if (text === undefined) {
      text = i18next.t(key, { ns: 'view', ...vars });
      if (cache.size > 5000) cache.clear();
      cache.set(id, text);
    }
    return text;
  };
}
