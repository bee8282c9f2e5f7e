/**
 * What every part of a broker shares: its id and name, the simulation context, the replicas it
 * hosts, and timers and sends that belong to the current incarnation of its process. The parts
 * (broker*.ts, followerFetcher.ts, partitionLeader.ts, producePurgatory.ts) each do one job and
 * take this core instead of reaching into each other.
 */
import type { ScheduledTask } from '../core/eventQueue';
import type { LazyTimer } from '../core/lazyTimer';
import type { TaskKind } from '../core/tasks';
import type { SimContext } from './context';
import type { Message } from './messages';
import type { Replica } from './replica';

export interface BrokerCore {
  readonly id: number;
  readonly name: string;
  readonly ctx: SimContext;
  readonly replicas: Map<string, Replica>;
  /**
   * Queues `task(target, arg)` after `delayMs`; it runs only if this incarnation of the process is
   * still up.
   */
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask;
  /** A reusable timeout whose runs, as `later`'s, die with the process (core/lazyTimer.ts): arm it with `arm`. */
  timer<T, A>(task: TaskKind<T, A>, target: T): LazyTimer;
  /** Arms `timer` (from `timer`) `delayMs` from now with `arg`, for this incarnation of the process. */
  arm(timer: LazyTimer, delayMs: number, arg: unknown): void;
  send(to: string, message: Message): void;
}
