// Light and dark themes: `data-theme` on <html>; the first visit follows the system's choice.
export type Theme = 'light' | 'dark';

export function initialTheme(query: string | null, saved: string | null): Theme {
  if (query === 'light' || query === 'dark') return query;
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
