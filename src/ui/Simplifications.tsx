import { simplifications } from '../engine';

/** Where the simulator departs from Kafka, one sentence each (DESIGN.md, quality bars). */
export function Simplifications() {
  return (
    <details className="simplifications">
      <summary>Where this simulator simplifies Kafka ({simplifications.length})</summary>
      <ul>
        {simplifications.map((s) => (
          <li key={s.id}>{s.text}</li>
        ))}
      </ul>
    </details>
  );
}
