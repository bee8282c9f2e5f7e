// One message catalogue per language, keyed by id (i18next). The app's strings live in
// locales/<lng>/app.json; the cluster view's in locales/<lng>/view.json (the view's own file).
// Adding a language is adding its folder here and its loaders to LAZY.
import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enApp from './locales/en/app.json';
import enView from './locales/en/view.json';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** English is in the first page's bundle (it is also every language's fallback). */
const bundled = { en: { app: enApp, view: enView } } as const;

/**
 * Every other language is its own chunk, fetched when it is chosen (the first page stays within
 * its size budget however many languages there are). i18next asks this backend for a language's
 * namespace and waits for it before switching, so the page never shows a half-loaded language.
 */
const LAZY: Record<string, Record<string, () => Promise<{ default: object }>>> = {
  'zh-CN': {
    app: () => import('./locales/zh-CN/app.json'),
    view: () => import('./locales/zh-CN/view.json'),
  },
};

const lazyLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = LAZY[language]?.[namespace];
    // Nothing to fetch (English, or a namespace another module adds itself, like the settings'):
    // null adds no bundle.
    if (!load) return callback(null, null);
    load().then(
      (m) => callback(null, m.default as Parameters<ReadCallback>[1]),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), null),
    );
  },
};

/** The language to start in: a `?lang=` link, then the saved choice, then the browser's. */
export function pickLanguage(query: string | null, saved: string | null, browser: readonly string[]): LanguageCode {
  for (const candidate of [query, saved, ...browser]) {
    const code = candidate ? languageOf(candidate) : null;
    if (code) return code;
  }
  return 'en';
}

/** The language a code ("zh", "zh-TW", "en-GB" …) falls to here, or null when there is none. */
export function languageOf(candidate: string): LanguageCode | null {
  if (candidate.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (candidate.toLowerCase().startsWith('en')) return 'en';
  return null;
}

let ready: Promise<unknown> = Promise.resolve();

/** Resolves once the starting language's messages are there (at once for English). */
export const whenI18nReady = (): Promise<unknown> => ready;

export function initI18n(language: LanguageCode) {
  ready = i18next.use(lazyLanguages).use(initReactI18next).init({
    resources: bundled,
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    ns: ['app', 'view'],
    defaultNS: 'app',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export { i18next };
