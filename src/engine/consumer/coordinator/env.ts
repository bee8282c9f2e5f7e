/** What the coordinator's rule functions share: the host broker, its store, its random stream. */
import type { Random } from '../../core/random';
import type { TraceEvent } from '../../core/trace';
import type { BrokerHost } from '../../sim/hostedServices';
import type { CoordinatorStore } from './store';
import { partitionFor } from '../offsetsTopic';
import { registerClass } from '../../core/graphRegistry';

export interface CoordinatorEnv {
  readonly host: BrokerHost;
  readonly store: CoordinatorStore;
  /** For member ids (Kafka: client id + "-" + a random UUID). */
  readonly random: Random;
  partitionOf(groupId: string): number;
}

/** The environment of one broker's coordinator. */
export class GroupCoordinatorEnv implements CoordinatorEnv {
  constructor(
    readonly host: BrokerHost,
    readonly store: CoordinatorStore,
    readonly random: Random,
  ) {}

  /** The group's `__consumer_offsets` partition. */
  partitionOf(groupId: string): number {
    return partitionFor(groupId, this.host.ctx.config.broker['offsets.topic.num.partitions']);
  }
}

export const nowOf = (env: CoordinatorEnv): number => env.host.ctx.queue.now;
export const emitOf = (env: CoordinatorEnv, event: TraceEvent): void => env.host.ctx.emit(event);

/** `<client name>-<8 hex digits>`: sorts by client name first, as Kafka's `<client.id>-<UUID>` does. */
export function newMemberId(env: CoordinatorEnv, clientName: string): string {
  const hex = env.random.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return `${clientName}-${hex}`;
}

registerClass('GroupCoordinatorEnv', GroupCoordinatorEnv, { blank: () => new GroupCoordinatorEnv(null as never, null as never, null as never) });
