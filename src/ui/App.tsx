import { ErrorBoundary } from './ErrorBoundary';
import { ReportView } from './ReportView';
import { ScenarioForm } from './ScenarioForm';
import { Simplifications } from './Simplifications';
import { usePlayground } from '../store';

/** The shell: pick or edit a scenario, run it, read the report. */
export function App() {
  const error = usePlayground((s) => s.error);
  const report = usePlayground((s) => s.report);

  return (
    <main>
      <header>
        <h1>Kafka Playground</h1>
        <p className="lede">
          A simulated Kafka cluster that runs a scenario — producers, broker crashes, network
          faults — and reports which acknowledged records it kept, lost, duplicated or reordered.
          Every run is deterministic: the same scenario gives the same report.
        </p>
      </header>

      <ScenarioForm />

      {error && (
        <div role="alert" className="alert">
          <p>
            <strong>Not run.</strong> {error}
          </p>
          {report && <p className="kept">The report below is from the last run that worked.</p>}
        </div>
      )}

      <ErrorBoundary resetKey={report}>
        {report ? <ReportView report={report} /> : <p className="muted">No report yet: press Run.</p>}
      </ErrorBoundary>

      <Simplifications />
    </main>
  );
}
