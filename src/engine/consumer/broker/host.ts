/**
 * What the consumer side needs from the broker process that hosts it: its replicas, its metadata
 * cache, its timers (which die with the process), the network, and one way to write through the
 * replication path. The broker hands itself over through this interface (no closures: a checkpoint holds the graph).
 */
import type { ScheduledTask } from '../../core/eventQueue';
import type { TaskKind } from '../../core/tasks';
import type { GroupErrorCode } from '../../core/trace';
import type { Batch, RecordData } from '../../model/batch';
import type { SimContext } from '../../sim/context';
import type { Message } from '../../sim/messages';
import type { Replica } from '../../sim/replica';

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
  send(to: string, message: Message): void;
  /**
   * Appends records as the partition's leader, replicated like a producer's acks=all write:
   * refused when the ISR is below min.insync.replicas. The caller waits for the HW to pass it.
   */
  appendAsLeader(replica: Replica, records: readonly RecordData[]): Batch | GroupErrorCode;
}
