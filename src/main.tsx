import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { sessionStore } from './store';
import { initI18n, languageOf, pickLanguage, whenI18nReady } from './i18n';
import { lookProblems } from './store/linkParams';
import { loadPreference } from './store/persist';
import { applyTheme, initialTheme, isTheme } from './ui/theme';
import './ui/app.css';

const params = new URLSearchParams(window.location.search);
const storage = ((): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const language = pickLanguage(params.get('lang'), loadPreference(storage, 'lang'), navigator.languages ?? []);
initI18n(language);
document.documentElement.lang = language;
applyTheme(initialTheme(params.get('theme'), loadPreference(storage, 'theme')));

// `?scenario=ID&t=MS` opens a scenario at a time; no scenario: the sandbox, playing. What of the
// link cannot be followed is said on the page.
sessionStore.getState().open({
  scenario: params.get('scenario'),
  t: params.get('t'),
  problems: lookProblems(params, (code) => languageOf(code) !== null, isTheme),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A language other than English is its own chunk: render once its messages are there.
void whenI18nReady().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
