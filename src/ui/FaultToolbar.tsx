import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSessionShallow } from '../store';
import { brokerActions, groupActions, healAllAction, linkActions, memberActions, producerActions, type FaultAction } from './actions';
import { brokerIds, groupMembers, networkNodes, producerIds } from './nodes';

/** The toolbar shows a short label ("Crash") beside its target picker; the accessible name is the whole phrase. */
function ActionButtons({ actions, short = false }: { actions: FaultAction[]; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {actions.map((a) => (
        <button
          key={a.id}
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

/** Every script action by click: brokers, links, members, producers. */
export function FaultToolbar() {
  const { t } = useTranslation();
  const { snapshot, scenario, report, loaded } = useSessionShallow((s) => ({ snapshot: s.snapshot, scenario: s.scenario, report: s.report, loaded: s.loaded }));
  const brokers = brokerIds(snapshot, scenario);
  const nodes = networkNodes(snapshot, scenario, report);
  const groups = groupMembers(scenario, report);
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
      <fieldset className="fault-row" disabled={!loaded || brokers.length === 0}>
        <legend>{t('faults.broker')}</legend>
        <label>
          <span className="visually-hidden">{t('faults.whichBroker')}</span>
          <select value={chosenBroker} onChange={(e) => setBroker(Number(e.target.value))} aria-label={t('faults.whichBroker')}>
            {brokers.map((b) => (
              <option key={b} value={b}>
                {t('faults.brokerOption', { broker: b })}
              </option>
            ))}
          </select>
        </label>
        <ActionButtons actions={brokerActions(chosenBroker)} short />
      </fieldset>

      <fieldset className="fault-row" disabled={!loaded}>
        <legend>{t('faults.link')}</legend>
        <select value={linkA} onChange={(e) => setLinkA(e.target.value)} aria-label={t('faults.linkFrom')}>
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <span aria-hidden="true">↔</span>
        <select value={linkB} onChange={(e) => setLinkB(e.target.value)} aria-label={t('faults.linkTo')}>
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <ActionButtons actions={linkA === linkB ? [] : linkActions(linkA, linkB)} short />
        <ActionButtons actions={[healAllAction()]} />
      </fieldset>

      {groups.length > 0 && (
        <fieldset className="fault-row" disabled={!loaded}>
          <legend>{t('faults.consumers')}</legend>
          <select value={chosenMember} onChange={(e) => setMember(e.target.value)} aria-label={t('faults.whichMember')}>
            {memberChoices.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          {chosenMember && <ActionButtons actions={memberActions(group, name)} short />}
          <ActionButtons actions={groups.flatMap((g) => groupActions(g.group))} />
        </fieldset>
      )}

      {producers.length > 0 && topic && (
        <fieldset className="fault-row" disabled={!loaded}>
          <legend>{t('faults.producers')}</legend>
          <ActionButtons actions={producers.flatMap((p) => producerActions(p, topic))} />
        </fieldset>
      )}
    </section>
  );
}
