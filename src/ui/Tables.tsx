import { useTranslation } from 'react-i18next';
import { useSessionShallow } from '../store';
import { groupStateWord } from './format';

/** The state as `kafka-topics --describe` and `kafka-consumer-groups --describe` print it. */
export function Tables() {
  const { t } = useTranslation();
  const { snapshot, report } = useSessionShallow((s) => ({ snapshot: s.snapshot, report: s.report }));
  const partitions = snapshot?.partitions ?? [];
  const hw = new Map((report?.partitions ?? []).map((p) => [`${p.topic}-${p.partition}`, p.highWatermark]));
  const groups = report?.groups ?? [];

  return (
    // Focusable: on a phone the consumer groups' table is wider than the screen and scrolls sideways (by keyboard too).
    <section className="tables" tabIndex={0} aria-label={t('tabs.tables')}>
      <table>
        <caption>
          <code>kafka-topics --describe</code>
        </caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Partition</th>
            <th scope="col">Leader</th>
            <th scope="col">LeaderEpoch</th>
            <th scope="col">Replicas</th>
            <th scope="col">Isr</th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`}>
              <td>{p.topic}</td>
              <td>{p.partition}</td>
              <td>{p.leader < 0 ? t('tables.none') : p.leader}</td>
              <td>{p.leaderEpoch}</td>
              <td>{p.replicas.join(',')}</td>
              <td>{p.isr.join(',')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length > 0 && (
        <table>
          <caption>
            <code>kafka-consumer-groups --describe</code>
          </caption>
          <thead>
            <tr>
              {['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID'].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((g) => {
              const owner = new Map(Object.entries(g.assignment).flatMap(([m, parts]) => parts.map((p) => [p, m] as const)));
              const parts = [...new Set([...Object.keys(g.committed), ...owner.keys()])].sort();
              return parts.map((part) => {
                const i = part.lastIndexOf('-');
                const committed = g.committed[part];
                const end = hw.get(part);
                return (
                  <tr key={`${g['group.id']}-${part}`}>
                    <td>{g['group.id']}</td>
                    <td>{part.slice(0, i)}</td>
                    <td>{part.slice(i + 1)}</td>
                    <td>{committed ?? '-'}</td>
                    <td>{end ?? '-'}</td>
                    <td>{committed !== undefined && end !== undefined ? end - committed : '-'}</td>
                    <td>{owner.get(part) ?? '-'}</td>
                  </tr>
                );
              });
            })}
          </tbody>
        </table>
      )}
      {groups.map((g) => (
        <p key={g['group.id']} className="muted">
          {t('tables.groupState', { group: g['group.id'], state: groupStateWord(g.state, t), generation: g.generation })}
        </p>
      ))}
    </section>
  );
}
