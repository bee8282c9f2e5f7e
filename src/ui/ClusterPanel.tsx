import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { sessionStore, type SessionState } from '../store';
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
  const menuRef = useRef(onContextMenu);
  useEffect(() => {
    menuRef.current = onContextMenu;
  }, [onContextMenu]);

  useEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const view = createClusterView(svg, {
      t: (key, vars) => i18next.t(key, { ns: 'view', ...vars }),
      onSelect: (target) => {
        if (target.kind === 'record') sessionStore.getState().highlight(target.recordId);
      },
      onContextMenu: (target, at) => menuRef.current(target, at),
    });
    const push = (s: SessionState) => {
      if (!s.snapshot) return;
      view.update({
        snapshot: s.snapshot,
        time: s.time,
        inFlight: s.inFlight,
        hiddenTokenKinds: s.hiddenTokenKinds,
        highlightRecord: s.highlightRecord,
        reducedMotion,
        wire: s.wire,
        speed: SPEEDS[s.speedIndex] ?? 1,
      });
    };
    const box = svg.getBoundingClientRect();
    view.resize(Math.max(1, box.width), Math.max(1, box.height));
    push(sessionStore.getState());
    const observer = new ResizeObserver((entries) => {
      const r = entries[0]?.contentRect;
      if (r && r.width > 0 && r.height > 0) {
        view.resize(r.width, r.height);
        push(sessionStore.getState());
      }
    });
    observer.observe(svg);
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (
        s.snapshot !== prev.snapshot ||
        s.time !== prev.time ||
        s.inFlight !== prev.inFlight ||
        s.highlightRecord !== prev.highlightRecord ||
        s.hiddenTokenKinds !== prev.hiddenTokenKinds ||
        s.wire !== prev.wire
      )
        push(s);
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
      observer.disconnect();
      view.destroy();
    };
  }, [reducedMotion]);

  return <svg ref={ref} className="cluster-svg" role="group" aria-label={t('view.label')} aria-describedby="view-help" />;
}
