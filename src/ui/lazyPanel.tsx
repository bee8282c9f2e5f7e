import { createElement, useEffect, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A panel whose code loads the first time it is shown (nothing of it weighs on the first paint),
 * without Suspense. React shows a suspended panel again only in a low-priority retry render, and
 * while the cluster plays the store changes every frame at a higher priority: on a slow machine
 * (and always under the dev server) the retry never finished and the panel stayed on its
 * fallback. Here the loaded code arrives as an ordinary state update, and once loaded the panel
 * renders at once wherever it is shown again.
 */
export function lazyPanel(load: () => Promise<ComponentType>): ComponentType<{ fallback?: ReactNode }> {
  let loaded: ComponentType | null = null;
  let failed: unknown = null;
  let loading: Promise<void> | null = null;
  const start = (): Promise<void> =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        failed = error;
      },
    ));

  function LazyPanel({ fallback = null }: { fallback?: ReactNode }) {
    const [, settled] = useState(0);
    useEffect(() => {
      if (loaded || failed) return;
      let mounted = true;
      void start().then(() => mounted && settled((n) => n + 1));
      return () => {
        mounted = false;
      };
    }, []);
    // A chunk that did not load (offline, a new deploy) goes to the nearest error boundary.
    if (failed) throw failed;
    return loaded ? createElement(loaded) : <>{fallback}</>;
  }
  return LazyPanel;
}
