import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { SANDBOX, groupCatalogue } from '../store/catalogue';

/** The built-ins grouped by what they teach; choosing one shows it at t = 0, ready to play. */
export function ScenarioPicker() {
  const { t } = useTranslation();
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
                {e.id === SANDBOX.id ? t('picker.sandbox') : e.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id="scenario-summary" className="summary">
        {selected.id === SANDBOX.id ? t('picker.sandboxSummary') : selected.summary}
      </p>
    </div>
  );
}
