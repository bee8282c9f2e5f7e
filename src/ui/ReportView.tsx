import type { GroupReport, PartitionReport, RecordCounts, Report } from '../engine';
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
  { key: 'consumed', meaning: 'Distinct records each consumer group processed at least once, summed over groups.' },
  { key: 'processedTwice', meaning: 'Processings of a record beyond its first, per group.' },
  { key: 'effectsDuplicated', meaning: 'Repeated processings that had a second effect (none with an idempotent sink).' },
  { key: 'skipped', meaning: 'Records a group committed past without processing them, or that retention deleted before it read them.' },
];

/** Counts that mean something went wrong when above zero. */
const BAD: readonly (keyof RecordCounts)[] = ['lostAcknowledged', 'skipped'];

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
      {report.groups && report.groups.length > 0 && <GroupsTable groups={report.groups} />}
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
          const lost = BAD.includes(key) && value > 0;
          return (
            <tr key={key} className={lost ? 'danger' : undefined} data-count={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="num">
                {value.toLocaleString('en')}
                {lost && <strong className="flag"> ⚠ {key === 'skipped' ? 'records skipped' : 'data lost'}</strong>}
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

const partitionList = (ps: string[]) => (ps.length ? ps.join(', ') : 'idle');
const offsets = (o: Record<string, number>) =>
  Object.keys(o).length
    ? Object.entries(o)
        .map(([p, n]) => `${p}: ${n}`)
        .join(', ')
    : 'none';

function GroupsTable({ groups }: { groups: GroupReport[] }) {
  return (
    <div className="table-scroll">
      <table className="groups">
        <caption>Consumer groups</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Generation
            </th>
            <th scope="col">Assignment</th>
            <th scope="col">Committed</th>
            <th scope="col">Lag</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g['group.id']} data-group={g['group.id']}>
              <th scope="row">{g['group.id']}</th>
              <td>
                {g.state}
                {g.protocol && <span className="muted"> ({g.protocol})</span>}
              </td>
              <td className="num">{g.generation}</td>
              <td>
                {Object.keys(g.assignment).length === 0
                  ? 'no members'
                  : Object.entries(g.assignment).map(([member, ps]) => (
                      <div key={member}>
                        {member}: {partitionList(ps)}
                      </div>
                    ))}
              </td>
              <td>{offsets(g.committed)}</td>
              <td>{offsets(g.lag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
