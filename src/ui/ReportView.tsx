import type { PartitionReport, RecordCounts, Report } from '../engine';
import { ProducersTable } from './ProducersTable';

/** What each count means, in a learner's words. */
const COUNTS: { key: keyof RecordCounts; meaning: string }[] = [
  { key: 'sent', meaning: 'Records the producers handed to send().' },
  { key: 'acknowledged', meaning: 'Sends the cluster confirmed (with acks=0: once written to the socket).' },
  { key: 'failed', meaning: 'Sends that ended with an error.' },
  { key: 'failedUnnoticed', meaning: 'Failed sends of fire-and-forget producers: the application never knew.' },
  { key: 'pending', meaning: 'Sends with no answer yet when the run ended.' },
  {
    key: 'lostAcknowledged',
    meaning: "Acknowledged, yet missing from the partition leader's log below the high watermark.",
  },
  { key: 'unavailable', meaning: 'Acknowledged records in partitions left with no leader.' },
  { key: 'duplicated', meaning: 'Extra copies of a record in a final log.' },
  { key: 'reordered', meaning: 'Records stored after a record the same producer sent later.' },
];

export function ReportView({ report }: { report: Report }) {
  return (
    <section className="report" aria-labelledby="report-heading">
      <h2 id="report-heading">Report: {report.name}</h2>
      <p className="muted">
        Seed {report.seed}, run to {report.until.toLocaleString('en')} ms of virtual time.
      </p>
      <RecordCountsTable records={report.records} />
      <PartitionsTable partitions={report.partitions} />
      <ProducersTable producers={report.producers} />
    </section>
  );
}

function RecordCountsTable({ records }: { records: RecordCounts }) {
  return (
    <table className="counts">
      <caption>Records</caption>
      <thead>
        <tr>
          <th scope="col">Count</th>
          <th scope="col" className="num">
            Records
          </th>
          <th scope="col">What it means</th>
        </tr>
      </thead>
      <tbody>
        {COUNTS.map(({ key, meaning }) => {
          const value = records[key];
          const lost = key === 'lostAcknowledged' && value > 0;
          return (
            <tr key={key} className={lost ? 'danger' : undefined} data-count={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="num">
                {value.toLocaleString('en')}
                {lost && <strong className="flag"> ⚠ data lost</strong>}
              </td>
              <td>{meaning}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Broker ids that appear in any partition's log end offsets, in order. */
function brokersOf(partitions: PartitionReport[]): string[] {
  const ids = new Set(partitions.flatMap((p) => Object.keys(p.logEndOffsets)));
  return [...ids].sort((a, b) => brokerNumber(a) - brokerNumber(b) || a.localeCompare(b));
}

const brokerNumber = (id: string) => Number(id.replace(/^b/, ''));
const brokerLabel = (id: string) => id.replace(/^b/, '');
const list = (ids: number[]) => (ids.length ? ids.join(', ') : 'none');

function PartitionsTable({ partitions }: { partitions: PartitionReport[] }) {
  const brokers = brokersOf(partitions);
  return (
    <div className="table-scroll">
      <table className="partitions">
        <caption>Partitions</caption>
        <thead>
          <tr>
            <th scope="col">Partition</th>
            <th scope="col">Leader</th>
            <th scope="col" className="num">
              Leader epoch
            </th>
            <th scope="col">Replicas</th>
            <th scope="col">ISR</th>
            <th scope="col" className="num">
              <abbr title="High watermark">HW</abbr>
            </th>
            <th scope="col" className="num">
              Log start offset
            </th>
            {brokers.map((b) => (
              <th scope="col" className="num" key={b}>
                <abbr title={`Log end offset on broker ${brokerLabel(b)}`}>LEO</abbr> on broker {brokerLabel(b)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => {
            const name = `${p.topic}-${p.partition}`;
            return (
              <tr key={name} data-partition={name}>
                <th scope="row">{name}</th>
                <td className={p.leader === -1 ? 'danger' : undefined}>
                  {p.leader === -1 ? <strong>none</strong> : p.leader}
                </td>
                <td className="num">{p.leaderEpoch}</td>
                <td>{list(p.replicas)}</td>
                <td>{list(p.isr)}</td>
                <td className="num">{p.highWatermark}</td>
                <td className="num">{p.logStartOffset}</td>
                {brokers.map((b) => (
                  <td className="num" key={b}>
                    {p.logEndOffsets[b] ?? '—'}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
