import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from '../i18n';
import { savePreference } from '../store/persist';
import { applyTheme, currentTheme, type Theme } from './theme';
import { useState } from 'react';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The language and theme switches. */
export function Settings() {
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useState<Theme>(currentTheme);
  return (
    <div className="settings">
      <label>
        <span className="visually-hidden">{t('settings.language')}</span>
        <select
          value={i18n.language}
          aria-label={t('settings.language')}
          onChange={(e) => {
            const lng = e.target.value as LanguageCode;
            void i18n.changeLanguage(lng);
            document.documentElement.lang = lng;
            savePreference(storage(), 'lang', lng);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-pressed={theme === 'dark'}
        onClick={() => {
          const next: Theme = theme === 'dark' ? 'light' : 'dark';
          applyTheme(next);
          setTheme(next);
          savePreference(storage(), 'theme', next);
        }}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span> {t('settings.dark')}
      </button>
    </div>
  );
}
