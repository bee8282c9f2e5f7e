import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { SANDBOX, groupCatalogue } from '../store/catalogue';
import type { CatalogueEntry } from '../worker/protocol';

/**
 * The built-ins grouped by what they teach; choosing one shows it at t = 0, ready to play. Titles
 * and summaries come from the message catalogue by scenario id; the engine's English is the
 * fallback for an id the catalogue does not know (a new built-in).
 */
export function ScenarioPicker() {
  const { t } = useTranslation();
  const title = (e: CatalogueEntry) => (e.id === SANDBOX.id ? t('picker.sandbox') : t(`scenarios.${e.id}.title`, { defaultValue: e.title }));
  const summary = (e: CatalogueEntry) => (e.id === SANDBOX.id ? t('picker.sandboxSummary') : t(`scenarios.${e.id}.summary`, { defaultValue: e.summary }));
  const { catalogue, scenarioId } = useSessionShallow((s) => ({ catalogue: s.catalogue, scenarioId: s.scenarioId }));
  const groups = groupCatalogue(catalogue);
  const selected = groups.flatMap((g) => g.entries).find((e) => e.id === scenarioId) ?? SANDBOX;

  return (
    <div className="picker">
      <label htmlFor="scenario">{t('picker.label')}</label>
      <select id="scenario" value={scenarioId} aria-describedby="scenario-summary" onChange={(e) => sessionStore.getState().selectScenario(e.target.value)}>
        {groups.map((g) => (
          <optgroup key={g.topic} label={t(`picker.topic.${g.topic}`)}>
            {g.entries.map((e) => (
              <option key={e.id} value={e.id}>
                {title(e)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id="scenario-summary" className="summary">
        {summary(selected)}
      </p>
    </div>
  );
}
