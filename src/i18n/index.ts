// One message catalogue per language, keyed by id (i18next). The app's strings live in
// locales/<lng>/app.json; the cluster view's in locales/<lng>/view.json (the view's own file).
// Adding a language is adding its folder here.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enApp from './locales/en/app.json';
import enView from './locales/en/view.json';
import zhApp from './locales/zh-CN/app.json';
import zhView from './locales/zh-CN/view.json';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const resources = {
  en: { app: enApp, view: enView },
  'zh-CN': { app: zhApp, view: zhView },
} as const;

/** The language to start in: a `?lang=` link, then the saved choice, then the browser's. */
export function pickLanguage(query: string | null, saved: string | null, browser: readonly string[]): LanguageCode {
  for (const candidate of [query, saved, ...browser]) {
    if (!candidate) continue;
    if (candidate.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (candidate.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export function initI18n(language: LanguageCode) {
  void i18next.use(initReactI18next).init({
    resources,
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
