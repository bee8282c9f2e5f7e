import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { sessionStore } from './store';
import { initI18n, pickLanguage } from './i18n';
import { loadPreference } from './store/persist';
import { applyTheme, initialTheme } from './ui/theme';
import './ui/app.css';

const params = new URLSearchParams(window.location.search);
const storage = ((): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const i18n = initI18n(pickLanguage(params.get('lang'), loadPreference(storage, 'lang'), navigator.languages ?? []));
document.documentElement.lang = i18n.language;
applyTheme(initialTheme(params.get('theme'), loadPreference(storage, 'theme')));

// `?scenario=ID&t=MS` opens a scenario at a time; no scenario: the sandbox, playing.
const t = params.get('t');
sessionStore.getState().open({ scenario: params.get('scenario'), t: t === null ? null : Number(t) });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
