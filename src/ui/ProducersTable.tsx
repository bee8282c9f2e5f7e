import type { ProducerReport } from '../engine';

const fmt = (n: number) => n.toLocaleString('en');

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} × ${fmt(n)}`).join(', ');
}

/** One row per producer: how it batched, retried and fared (the report's `producers`). */
export function ProducersTable({ producers }: { producers: ProducerReport[] }) {
  if (producers.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="producers">
        <caption>Producers</caption>
        <thead>
          <tr>
            <th scope="col">Producer</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Batches
            </th>
            <th scope="col" className="num">
              Records per batch
            </th>
            <th scope="col" className="num">
              Retries
            </th>
            <th scope="col">Errors</th>
            <th scope="col" className="num">
              Throughput <span className="muted">(records/s, virtual)</span>
            </th>
            <th scope="col" className="num">
              Latency p50 / p99 <span className="muted">(ms)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {producers.map((p) => (
            <tr key={p.id} data-producer={p.id}>
              <th scope="row">{p.id}</th>
              <td className="num">{fmt(p.requests)}</td>
              <td className="num">{fmt(p.batches)}</td>
              <td className="num">{fmt(p.recordsPerBatch)}</td>
              <td className="num">{fmt(p.retries)}</td>
              <td>{errorsText(p.errors)}</td>
              <td className="num">{fmt(p.throughput)}</td>
              <td className="num">
                {fmt(p.latencyMs.p50)} / {fmt(p.latencyMs.p99)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
