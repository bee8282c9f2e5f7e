import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';

/** The path the store gives a text that does not parse as JSON (its message is the browser's, in English). */
const JSON_ISSUE = '(JSON)';

/**
 * A syntax error in the learner's language, with where it is ("line 3, column 7"); the browser's
 * own words follow in brackets (they are English whatever the page's language).
 */
function JsonIssue({ message }: { message: string }) {
  const { t } = useTranslation();
  const at = /line (\d+) column (\d+)/.exec(message);
  return (
    <>
      {at ? t('advanced.jsonAt', { line: at[1], column: at[2] }) : t('advanced.jsonBad')}{' '}
      <span className="muted" lang="en">
        ({message})
      </span>
    </>
  );
}

/** The scenario JSON editor: every problem listed with its path; the last good cluster keeps running. */
export function Advanced() {
  const { t } = useTranslation();
  const { text, issues, edited } = useSessionShallow((s) => ({ text: s.scenarioText, issues: s.issues, edited: s.edited }));
  const s = sessionStore.getState();
  return (
    <section className="advanced">
      <label htmlFor="scenario-json">{t('advanced.label')}</label>
      <p id="scenario-json-hint" className="hint">
        {t('advanced.hint')}
      </p>
      <textarea
        id="scenario-json"
        aria-describedby="scenario-json-hint"
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        rows={16}
        onChange={(e) => s.editText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            s.applyText();
          }
        }}
      />
      {issues.length > 0 && (
        <div role="alert" className="alert">
          <p>
            <strong>{t('advanced.notRun', { count: issues.length })}</strong> {t('advanced.kept')}
          </p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>{i.path === JSON_ISSUE ? <JsonIssue message={i.message} /> : <><code>{i.path || '—'}</code>: {i.message}</>}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={s.applyText}>
          {t('advanced.apply')}
        </button>
        <button type="button" onClick={s.revertText} disabled={!edited}>
          {t('advanced.revert')}
        </button>
        {edited && <span className="muted">{t('advanced.edited')}</span>}
      </div>
    </section>
  );
}
