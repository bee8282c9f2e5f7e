// The page's two loops: playback (one store tick per animation frame while playing; none while
// paused or hidden) and the keyboard shortcuts (space, ← →, + −).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { sessionStore, useSession } from '../store';

/**
 * While playing and visible, one tick per animation frame. A hidden tab requests no frames and
 * asks the engine for nothing, so the worker sends nothing either (it answers only the ticks'
 * advances). The cluster keeps its place while hidden and goes on from there when the tab is
 * back: a teacher who switches to the slides and returns finds the moment they left, not a
 * cluster that ran on unseen. `playing` stays true meanwhile, so the controls still say Pause.
 */
export function usePlaybackLoop(): void {
  const playing = useSession((s) => s.playing);
  const visible = usePageVisible();
  useEffect(() => {
    if (!playing || !visible) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function loop(now) {
      sessionStore.getState().tick(now - last);
      last = now;
      frame = requestAnimationFrame(loop);
    });
    // Stop at the event itself: React runs this effect's cleanup only after its next commit, and
    // the frame already requested would run (and ask for another) in between.
    const onHidden = () => {
      if (document.visibilityState === 'hidden') cancelAnimationFrame(frame);
    };
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      cancelAnimationFrame(frame);
    };
  }, [playing, visible]);
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** False while the page is hidden (another tab in front, the window minimised). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
}

/** Shortcuts act only when focus is not in a control that uses those keys itself. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return true;
  return !!target.closest('[role="menu"], [role="radiogroup"]');
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
      const s = sessionStore.getState();
      const onButton = e.target instanceof HTMLElement && !!e.target.closest('button, summary, a');
      switch (e.key) {
        case ' ':
          if (onButton) return; // Space presses the focused button.
          e.preventDefault();
          s.togglePlay();
          return;
        case 'ArrowRight':
          e.preventDefault();
          s.stepForward();
          return;
        case 'ArrowLeft':
          e.preventDefault();
          s.stepBack();
          return;
        case '+':
        case '=':
          s.faster();
          return;
        case '-':
        case '_':
          s.slower();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(query);
    if (!mq) return;
    const on = () => setReduced(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return reduced;
}
