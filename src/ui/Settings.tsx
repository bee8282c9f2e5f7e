import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from '../i18n';
import { savePreference } from '../store/persist';
import { THEMES, applyTheme, currentTheme, type Theme } from './theme';
import { useState } from 'react';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const THEME_ICONS: Record<Theme, string> = { light: '☀', dark: '☾', projector: '▣' };

/** The language switch and the theme switch (light, dark, projector: one pressed at a time). */
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
      <div className="theme-switch" role="group" aria-label={t('settings.theme')}>
        {THEMES.map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={theme === choice}
            aria-label={t(`settings.${choice}`)}
            title={t(`settings.${choice}`)}
            onClick={() => {
              applyTheme(choice);
              setTheme(choice);
              savePreference(storage(), 'theme', choice);
            }}
          >
            <span aria-hidden="true">{THEME_ICONS[choice]}</span> <span className="theme-word">{t(`settings.short.${choice}`)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
