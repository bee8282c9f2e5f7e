// When a panel may skip its re-renders: while the cluster plays, a panel scrolled out of sight
// (the event log sits below the fold on a desktop) re-rendered a few times a second for nobody,
// and its new lines' style, layout and paint landed in the cluster view's frames.
import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element is within (or near) the visible part of the page. True until the
 * browser says otherwise, and always true without IntersectionObserver.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) setOnScreen(entry.isIntersecting);
      },
      // A little ahead of the viewport: a panel scrolled towards is fresh when it arrives.
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}

/**
 * A store selection held while `live` is false: `pick` returns the store's value when live (or
 * before anything was shown) and the value shown last otherwise, so a selector built on it makes
 * no re-render while the panel is out of sight. One per component (useState's initialiser).
 */
export class HeldSelection<T> {
  private last: T | undefined;
  private has = false;

  pick(live: boolean, fresh: () => T): T {
    if (live || !this.has) {
      this.last = fresh();
      this.has = true;
    }
    return this.last as T;
  }
}
