// The page's two loops: playback (one store tick per animation frame while playing; none while
// paused or hidden) and the keyboard shortcuts (space, ← →, + −).
import { useEffect, useState } from 'react';
import { sessionStore, useSession } from '../store';

export function usePlaybackLoop(): void {
  const playing = useSession((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function loop(now) {
      sessionStore.getState().tick(now - last);
      last = now;
      frame = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);
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
