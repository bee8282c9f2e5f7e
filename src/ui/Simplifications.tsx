import { useTranslation } from 'react-i18next';
import { useSession } from '../store';

/** Where the simulator departs from Kafka, one sentence each (DESIGN.md, quality bars). */
export function Simplifications() {
  const { t, i18n } = useTranslation();
  const simplifications = useSession((s) => s.simplifications);
  return (
    <section className="simplifications">
      <h3>{t('about.summary', { count: simplifications.length })}</h3>
      {i18n.language !== 'en' && <p className="muted">{t('about.english')}</p>}
      <ul lang="en">
        {simplifications.map((s) => (
          <li key={s.id}>{s.text}</li>
        ))}
      </ul>
    </section>
  );
}
