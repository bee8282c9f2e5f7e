/**
 * Services a broker process hosts beside its own work: today the consumer side's (consumer fetch,
 * ListOffsets, FindCoordinator and the group coordinator, consumer/broker/services.ts). The wiring
 * (sim/simulation.ts) plugs them into each broker; the broker knows them only through
 * `HostedServices`, and they know the broker only through `BrokerHost`: its replicas, its metadata
 * cache, its timers (which die with the process), the network, and one way to write through the
 * replication path (no closures: a checkpoint holds the graph).
 */
import type { ScheduledTask } from '../core/eventQueue';
import type { LazyTimer } from '../core/lazyTimer';
import type { TaskKind } from '../core/tasks';
import type { GroupErrorCode } from '../core/trace';
import type { Batch, RecordData } from '../model/batch';
import type { SimContext } from './context';
import type { Message } from './messages';
import type { Replica } from './replica';

export interface BrokerHost {
  readonly id: number;
  readonly ctx: SimContext;
  replica(topic: string, partition: number): Replica | undefined;
  /** The leader this broker's metadata cache names for a partition (-1: none or unknown). */
  cachedLeader(topic: string, partition: number): number;
  /**
   * Queues `task(target, arg)` after `delayMs`; it runs only if this incarnation of the process is
   * still up.
   */
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask;
  /** A reusable timeout, armed with `arm`, whose runs die with the process as `later`'s do (core/lazyTimer.ts). */
  timer<T, A>(task: TaskKind<T, A>, target: T): LazyTimer;
  arm(timer: LazyTimer, delayMs: number, arg: unknown): void;
  send(to: string, message: Message): void;
  /**
   * Appends records as the partition's leader, replicated like a producer's acks=all write:
   * refused when the ISR is below min.insync.replicas. The caller waits for the HW to pass it.
   */
  appendAsLeader(replica: Replica, records: readonly RecordData[]): Batch | GroupErrorCode;
}

/** What a broker asks of the services it hosts: requests in, and three notifications. */
export interface HostedServices {
  /** Handles the message if it is one of the services' requests; false when it is not theirs. */
  receive(message: Message, from: string): boolean;
  /** A replica's high watermark moved. */
  onHighWatermark(r: Replica): void;
  /** This broker started or stopped leading the replica's partition. */
  onLeadershipChange(r: Replica): void;
  /** The process died: whatever the services held in memory is gone. */
  reset(): void;
}
