import { builtInScenarios } from '../engine';
import { playgroundStore, usePlayground } from '../store';

/** The built-in scenario picker, the scenario JSON editor and the Run button. */
export function ScenarioForm() {
  const scenarioId = usePlayground((s) => s.scenarioId);
  const scenarioText = usePlayground((s) => s.scenarioText);
  const { selectScenario, editScenarioText, resetScenarioText, run } = playgroundStore.getState();
  const selected = builtInScenarios.find((s) => s.id === scenarioId);

  return (
    <form
      className="scenario-form"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <div className="field">
        <label htmlFor="scenario">Scenario</label>
        <select
          id="scenario"
          value={scenarioId}
          aria-describedby="scenario-summary"
          onChange={(e) => selectScenario(e.target.value)}
        >
          {builtInScenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        <p id="scenario-summary" className="summary">
          {selected?.summary}
        </p>
      </div>

      <details className="editor">
        <summary>Edit the scenario JSON</summary>
        <div className="field">
          <label htmlFor="scenario-json">Scenario JSON</label>
          <textarea
            id="scenario-json"
            aria-describedby="scenario-json-hint"
            value={scenarioText}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            rows={18}
            onChange={(e) => editScenarioText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                run();
              }
            }}
          />
          <p id="scenario-json-hint" className="hint">
            Change anything and press Run (or Ctrl+Enter). The format is described in the README.
          </p>
          <button type="button" className="secondary" onClick={resetScenarioText}>
            Reset to the built-in scenario
          </button>
        </div>
      </details>

      <div className="actions">
        <button type="submit">Run</button>
      </div>
    </form>
  );
}
