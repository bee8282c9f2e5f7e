// The cluster view's targets as machines to show: a broker its broker machine, a replica its
// partition's leadership machine, a member its member machine (the view marks what a click or a
// right-click hits with `data-target`, the JSON of a ViewTarget).
import type { MachineTarget } from '../diagram/entities';
import type { ViewTarget } from '../view/clusterView';

export function machineOfViewTarget(target: ViewTarget): MachineTarget | null {
  switch (target.kind) {
    case 'broker':
      return { kind: 'broker', broker: target.broker };
    case 'replica':
      return { kind: 'partition', topic: target.topic, partition: target.partition };
    case 'member':
      return { kind: 'member', group: target.group, member: target.member };
    default:
      return null;
  }
}

/** The machine of whatever the event hit in the cluster view, if anything. */
export function machineOfViewEvent(event: { target: EventTarget | null }): MachineTarget | null {
  const el = event.target instanceof Element ? event.target.closest('[data-target]') : null;
  if (!el) return null;
  try {
    return machineOfViewTarget(JSON.parse(el.getAttribute('data-target') ?? '') as ViewTarget);
  } catch {
    return null;
  }
}
