/**
 * Everything a broker does for consumers, behind one small face the broker calls: requests in,
 * and three notifications (a high watermark moved, leadership of a partition changed, the process
 * died). Any broker answers FindCoordinator from its metadata cache; the coordinator itself serves
 * only the groups whose `__consumer_offsets` partition this broker leads. The wiring plugs one into
 * each broker (sim/hostedServices.ts).
 */
import type { Replica } from '../../sim/replica';
import { GroupCoordinator, type GroupDescription } from '../coordinator/coordinator';
import { CoordinatorStore } from '../coordinator/store';
import { GroupCoordinatorEnv } from '../coordinator/env';
import { isConsumerRequest, type FindCoordinatorRequest } from '../../sim/groupMessages';
import { OFFSETS_TOPIC, partitionFor } from '../offsetsTopic';
import { ConsumerFetchHandler } from './fetch';
import type { BrokerHost, HostedServices } from '../../sim/hostedServices';
import type { Message } from '../../sim/messages';
import { registerClass } from '../../core/graphRegistry';

export class GroupServices implements HostedServices {
  private readonly fetch: ConsumerFetchHandler;
  readonly coordinator: GroupCoordinator;

  constructor(private readonly host: BrokerHost) {
    this.fetch = new ConsumerFetchHandler(host);
    const store = new CoordinatorStore(host);
    this.coordinator = new GroupCoordinator(new GroupCoordinatorEnv(host, store, host.ctx.random.fork(`group-coordinator/b${host.id}`)));
    store.answerTo(this.coordinator);
    this.store = store;
  }

  private readonly store: CoordinatorStore;

  private partitionOf(groupId: string): number {
    return partitionFor(groupId, this.host.ctx.config.broker['offsets.topic.num.partitions']);
  }

  receive(req: Message, from: string): boolean {
    if (!isConsumerRequest(req)) return false;
    switch (req.kind) {
      case 'findCoordinator':
        this.findCoordinator(req, from);
        break;
      case 'consumerFetch':
        this.fetch.handleFetch(req, from);
        break;
      case 'listOffsets':
        this.fetch.handleListOffsets(req, from);
        break;
      case 'offsetForLeaderEpoch':
        this.fetch.handleOffsetForLeaderEpoch(req, from);
        break;
      default:
        this.coordinator.receive(req, from);
    }
    return true;
  }

  /** The leader of the group's offsets partition, as this broker's metadata cache knows it. */
  private findCoordinator(req: FindCoordinatorRequest, from: string): void {
    const leader = this.host.cachedLeader(OFFSETS_TOPIC, this.partitionOf(req.group));
    this.host.send(from, {
      kind: 'findCoordinatorResponse',
      correlationId: req.correlationId,
      error: leader < 0 ? 'COORDINATOR_NOT_AVAILABLE' : null,
      broker: leader,
    });
  }

  onHighWatermark(r: Replica): void {
    this.fetch.wake(r);
    if (r.topic === OFFSETS_TOPIC) this.store.onHighWatermark(r);
  }

  onLeadershipChange(r: Replica): void {
    this.fetch.wake(r);
    this.coordinator.onLeadershipChange(r);
  }

  /** The process died: parked fetches, pending writes and loaded groups are gone. */
  reset(): void {
    this.fetch.reset();
    this.coordinator.reset();
  }

  describe(groupId: string): GroupDescription | null {
    return this.coordinator.describe(groupId);
  }
}

registerClass('GroupServices', GroupServices, { blank: () => new GroupServices({ id: 0, ctx: { random: { fork: () => null } } } as never) });
