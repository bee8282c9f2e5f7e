// The settings panel's messages (locales/<lng>/settings.json: the panel's words and a meaning for
// every setting) in their own namespace, added when the panel loads so the first page does not
// carry them. Adding a language is adding its file here too.
import i18next from 'i18next';
import en from './locales/en/settings.json';
import zh from './locales/zh-CN/settings.json';

export const SETTINGS_NS = 'settings';

export const settingsResources = { en, 'zh-CN': zh } as const;

export function addSettingsMessages(): void {
  for (const [lng, messages] of Object.entries(settingsResources)) {
    if (!i18next.hasResourceBundle(lng, SETTINGS_NS)) i18next.addResourceBundle(lng, SETTINGS_NS, messages, true, true);
  }
}
