import { useTranslation } from 'react-i18next';
import { useSession } from '../store';

/**
 * Where the simulator departs from Kafka, one sentence each (DESIGN.md, quality bars): the
 * engine's English, or the catalogue's translation by the note's id (`simplificationText.<id>`);
 * a note not translated yet shows in English, marked as such.
 */
export function Simplifications() {
  const { t, i18n } = useTranslation();
  const simplifications = useSession((s) => s.simplifications);
  return (
    <section className="simplifications">
      <h3>{t('about.summary', { count: simplifications.length })}</h3>
      <ul>
        {simplifications.map((s) => {
          const key = `simplificationText.${s.id}`;
          const translated = i18n.language !== 'en' && i18n.exists(key);
          return (
            <li key={s.id} lang={translated ? i18n.language : 'en'}>
              {translated ? t(key) : s.text}
              {!translated && i18n.language !== 'en' && <span className="muted" lang={i18n.language}> {t('aboutNotes.untranslated')}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
