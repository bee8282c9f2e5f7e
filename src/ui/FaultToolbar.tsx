import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { actionKey, brokerActions, groupActions, healAllAction, linkActions, memberActions, producerActions, type FaultAction } from './actions';
import { brokerIds, groupMembers, networkNodes, producerIds } from './nodes';

/** The toolbar shows a short label ("Crash") beside its target picker; the accessible name is the whole phrase. */
function ActionButtons({ actions, short = false }: { actions: FaultAction[]; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {actions.map((a) => (
        <button
          key={actionKey(a)}
          type="button"
          className={a.danger ? 'danger' : ''}
          aria-label={short ? t(a.label, a.vars) : undefined}
          title={short ? t(a.label, a.vars) : undefined}
          onClick={() => sessionStore.getState().dispatch(a.command)}
        >
          {short ? t(`actions.short.${a.id}`, a.vars) : t(a.label, a.vars)}
        </button>
      ))}
    </>
  );
}

/** One row of the toolbar: a legend, an optional target picker, then buttons. */
function FaultRow({ legend, disabled, children }: { legend: string; disabled: boolean; children: ReactNode }) {
  return (
    <fieldset className="fault-row" disabled={disabled}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A target picker: a select with an accessible name, its options' labels optional. */
function Picker<V extends string | number>({ label, value, options, onChange, text }: { label: string; value: V; options: readonly V[]; onChange(v: string): void; text?: (v: V) => string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      {options.map((o) => (
        <option key={o} value={o}>
          {text ? text(o) : o}
        </option>
      ))}
    </select>
  );
}

/** Every script action by click: brokers, links, members, producers. */
export function FaultToolbar() {
  const { t } = useTranslation();
  // Only what the pickers list, as text: a new snapshot or report with the same brokers, nodes and
  // members (every frame, and a fork's fresh objects) re-renders nothing here.
  const { brokersKey, nodesKey, groupsKey, scenario, loaded } = useSessionShallow((s) => ({
    brokersKey: brokerIds(s.snapshot, s.scenario).join(','),
    nodesKey: networkNodes(s.snapshot, s.scenario, s.report).join('\n'),
    groupsKey: JSON.stringify(groupMembers(s.scenario, s.report)),
    scenario: s.scenario,
    loaded: s.loaded,
  }));
  const brokers = useMemo(() => (brokersKey ? brokersKey.split(',').map(Number) : []), [brokersKey]);
  const nodes = useMemo(() => nodesKey.split('\n'), [nodesKey]);
  const groups = useMemo(() => JSON.parse(groupsKey) as ReturnType<typeof groupMembers>, [groupsKey]);
  const producers = producerIds(scenario);
  const topic = ((scenario as { topics?: { name: string }[] })?.topics ?? [])[0]?.name ?? '';

  const [broker, setBroker] = useState(1);
  const [linkA, setLinkA] = useState('b1');
  const [linkB, setLinkB] = useState('b2');
  const [member, setMember] = useState('');
  const memberChoices = groups.flatMap((g) => g.members.map((m) => `${g.group}/${m}`));
  const chosenMember = memberChoices.includes(member) ? member : (memberChoices[0] ?? '');
  const [group, name] = chosenMember.split('/') as [string, string];
  const chosenBroker = brokers.includes(broker) ? broker : (brokers[0] ?? 1);

  return (
    <section className="faults" aria-label={t('faults.label')}>
      <FaultRow legend={t('faults.broker')} disabled={!loaded || brokers.length === 0}>
        <Picker label={t('faults.whichBroker')} value={chosenBroker} options={brokers} onChange={(v) => setBroker(Number(v))} text={(b) => t('faults.brokerOption', { broker: b })} />
        <ActionButtons actions={brokerActions(chosenBroker)} short />
      </FaultRow>

      <FaultRow legend={t('faults.link')} disabled={!loaded}>
        <Picker label={t('faults.linkFrom')} value={linkA} options={nodes} onChange={setLinkA} />
        <span aria-hidden="true">↔</span>
        <Picker label={t('faults.linkTo')} value={linkB} options={nodes} onChange={setLinkB} />
        <ActionButtons actions={linkA === linkB ? [] : linkActions(linkA, linkB)} short />
        <ActionButtons actions={[healAllAction()]} />
      </FaultRow>

      {groups.length > 0 && (
        <FaultRow legend={t('faults.consumers')} disabled={!loaded}>
          <Picker label={t('faults.whichMember')} value={chosenMember} options={memberChoices} onChange={setMember} />
          {chosenMember && <ActionButtons actions={memberActions(group, name)} short />}
          <ActionButtons actions={groups.flatMap((g) => groupActions(g.group))} />
        </FaultRow>
      )}

      {producers.length > 0 && topic && (
        <FaultRow legend={t('faults.producers')} disabled={!loaded}>
          <ActionButtons actions={producers.flatMap((p) => producerActions(p, topic))} />
        </FaultRow>
      )}
    </section>
  );
}
