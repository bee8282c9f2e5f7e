// The page's themes: `data-theme` on <html>. Light and dark share every mark; the projector theme
// is a light one with the contrast, the type and the marks raised for the back of a classroom.
// The first visit follows the system's light or dark choice; `?theme=` and a saved choice win.
export const THEMES = ['light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: string | null | undefined): value is Theme {
  return (THEMES as readonly string[]).includes(value ?? '');
}

export function initialTheme(query: string | null, saved: string | null): Theme {
  if (isTheme(query)) return query;
  if (isTheme(saved)) return saved;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function currentTheme(): Theme {
  const theme = document.documentElement.dataset.theme;
  return isTheme(theme) ? theme : 'light';
}

/** How much bigger the cluster view's text is in a theme (the projector's: a fifth). */
export function viewTextScale(theme: Theme): number {
  return theme === 'projector' ? 1.2 : 1;
}
