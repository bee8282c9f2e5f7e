/**
 * The application around the consumer — the playground's `commit` and `processing` settings:
 *
 *   while (running) {
 *     records = consumer.poll(100 ms)          // joins, auto-commits, fetches
 *     [commitSync()]                           // commit: sync-before-processing
 *     for (r of records) process(r)            // processing.ms each; or hand them to a worker
 *     [commitSync() | commitAsync()]           // commit: sync- / async-after-processing
 *   }
 *   consumer.close()                           // auto commit, LeaveGroup
 *
 * Processing is reported per batch (RecordsProcessed), and on a crash for the part of the batch
 * already done. With async processing, poll returns at once and a worker works through batches in
 * order, committing after each (never blocking the poll loop) if the commit style says so.
 */
import type { LazyTimer } from '../../core/lazyTimer';
import { emit, nowOf, stateOf, type MemberCore } from './core';
import type { GroupErrorCode } from '../../core/trace';
import type { AfterCommit, ApplicationPart, PolledBatch as Batch } from './parts';
import type { PolledRecord } from './subscriptions';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';

/** The application's poll(Duration): how long one poll waits for records. */
export const POLL_TIMEOUT_MS = 100;

type AppState = 'in-poll' | 'busy' | 'stopped';

const POLL_DEADLINE = defineTask('consumer.app.pollDeadline', (a: Application) => a.pollDeadlinePassed());
const POLL_INTERVAL_EXPIRED = defineTask('consumer.app.pollIntervalExpired', (a: Application) => a.pollIntervalExpired());
const POLL = defineTask('consumer.app.poll', (a: Application) => a.poll());
const RECORD_PROCESSED = defineTask('consumer.app.recordProcessed', (a: Application, batch: Batch) => a.recordProcessed(batch));

export class Application implements ApplicationPart {
  private state: AppState = 'busy';
  /** poll(100 ms)'s deadline and max.poll.interval.ms: re-armed on every poll, they seldom fire. */
  private readonly pollDeadline: LazyTimer;
  private readonly pollTimer: LazyTimer;
  private closeRequested = false;
  private current: Batch | null = null;
  private readonly workQueue: Batch[] = [];
  private working: Batch | null = null;

  constructor(private readonly m: MemberCore) {
    // (A checkpoint's blank is made without a core: its timers are read back from the checkpoint.)
    this.pollDeadline = m?.process.timer();
    this.pollTimer = m?.process.timer();
  }

  start(): void {
    this.poll();
  }

  /** Continues a poll that waits on something (the coordinator, a join, positions, records). */
  wake(): void {
    if (this.state === 'in-poll') this.pollStep();
  }

  /** @internal Also the POLL task. */
  poll(): void {
    if (this.state === 'stopped') return;
    if (this.closeRequested) return this.m.self.close();
    this.state = 'in-poll';
    this.armPollTimeout();
    this.m.process.arm(this.pollDeadline, POLL_TIMEOUT_MS, POLL_DEADLINE, this);
    this.pollStep();
  }

  /** @internal The POLL_DEADLINE task. */
  pollDeadlinePassed(): void {
    // poll() returned nothing in time; the loop calls it again.
    if (this.state === 'in-poll') this.poll();
  }

  private pollStep(): void {
    if (!this.m.coordination.ensure({ kind: 'app-wake' }) || !this.m.rebalancer.ensureActiveGroup()) return;
    this.m.committer.maybeAutoCommit();
    if (!this.m.fetcher.ensurePositions()) return;
    const records = this.m.subs.drain(this.m.spec['max.poll.records']);
    // Fetches go out before poll returns, so the next batch arrives while this one is processed.
    this.m.fetcher.sendFetches();
    if (records.length > 0) this.returned(records);
  }

  /** max.poll.interval.ms after a poll() call, the heartbeat thread gives up on the application. */
  private armPollTimeout(): void {
    this.m.process.arm(this.pollTimer, this.m.spec['max.poll.interval.ms'], POLL_INTERVAL_EXPIRED, this);
  }

  /** @internal The POLL_INTERVAL_EXPIRED task. */
  pollIntervalExpired(): void {
    if (this.state === 'busy') this.m.rebalancer.pollTimeout();
  }

  private returned(records: PolledRecord[]): void {
    this.pollDeadline.disarm();
    this.state = 'busy';
    const ranges: Record<string, [number, number]> = {};
    const next: Record<string, number> = {};
    for (const r of records) {
      const range = ranges[r.partition];
      if (range) range[1] = r.offset;
      else ranges[r.partition] = [r.offset, r.offset];
      next[r.partition] = r.offset + 1;
    }
    const generation = this.m.machine.getSnapshot().context.generation;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsPolled', group: this.m.group, member: this.m.name, generation, count: records.length, ranges });
    const batch: Batch = { records, next, done: [] };
    const style = this.m.spec.commit;
    // commitSync throws (CommitFailedException, RebalanceInProgressException) before the records
    // are processed: the loop body is aborted and the batch is left to whoever owns it next.
    if (style === 'sync-before-processing') this.m.committer.commitPositions(true, { do: 'process', batch });
    else this.handle(batch);
  }

  /** @internal sync-before-processing: the commit before processing `batch` finished. */
  committedBeforeProcessing(batch: Batch, error: GroupErrorCode | null): void {
    if (error === null) this.handle(batch);
    else this.nextPoll();
  }

  private handle(batch: Batch): void {
    if (this.m.spec.processing === 'async') {
      this.workQueue.push(batch);
      this.work();
      this.nextPoll();
      return;
    }
    this.current = batch;
    this.processNext(batch);
  }

  /** The batch is processed (and reported): commit as the style says, then go on. */
  private processed(batch: Batch): void {
    if (this.m.spec.processing === 'async') {
      this.working = null;
      this.afterProcessing(batch.next, { do: 'nothing' });
      this.work();
      return;
    }
    this.current = null;
    this.afterProcessing(this.m.subs.positions(), { do: 'next-poll' }, this.m.subs.positionEpochs());
  }

  /** `leaderEpochs`: the offsets are the positions (commitSync() with no arguments), with their epochs. */
  private afterProcessing(offsets: Record<string, number>, then: AfterCommit, leaderEpochs: Record<string, number> = {}): void {
    const style = this.m.spec.commit;
    if (style === 'sync-after-processing' && this.m.spec.processing === 'in-poll-loop') this.m.committer.commitSync(offsets, then, leaderEpochs);
    else if (style === 'sync-after-processing' || style === 'async-after-processing') {
      this.m.committer.commitAsync(offsets, { do: 'nothing' }, leaderEpochs);
      if (then.do === 'next-poll') this.nextPoll();
    } else if (then.do === 'next-poll') this.nextPoll();
  }

  /** @internal */
  nextPoll(): void {
    this.m.process.later(0, POLL, this);
  }

  /** Processes the batch's records one after another, processing.ms each. */
  private processNext(batch: Batch): void {
    if (batch.done.length === batch.records.length) {
      this.report(batch);
      return this.processed(batch);
    }
    if (this.m.spec['processing.ms'] === 0) {
      for (const r of batch.records.slice(batch.done.length)) batch.done.push(r.record.id);
      return this.processNext(batch);
    }
    this.m.process.later(this.m.spec['processing.ms'], RECORD_PROCESSED, this, batch);
  }

  /** @internal The RECORD_PROCESSED task: one more record of the batch is done. */
  recordProcessed(batch: Batch): void {
    batch.done.push(batch.records[batch.done.length]!.record.id);
    this.processNext(batch);
  }

  /** The async worker: one batch at a time, in order. */
  private work(): void {
    if (this.working || this.workQueue.length === 0) return;
    const batch = this.workQueue.shift()!;
    this.working = batch;
    this.processNext(batch);
  }

  private report(batch: Batch): void {
    if (batch.done.length === 0) return;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsProcessed', group: this.m.group, member: this.m.name, recordIds: batch.done });
    batch.done = [];
    batch.records = [];
  }

  /** removeMember: the loop finishes the batch in hand (and its commit), then closes. */
  requestClose(): void {
    this.closeRequested = true;
    if (this.state === 'in-poll') this.m.self.close();
  }

  /** The process stops: records already processed are reported, the rest never will be. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const b of [this.current, this.working]) if (b) this.reportPartial(b);
  }

  private reportPartial(batch: Batch): void {
    if (batch.done.length === 0) return;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsProcessed', group: this.m.group, member: this.m.name, recordIds: batch.done });
    batch.done = [];
  }

  get isStopped(): boolean {
    return this.state === 'stopped' || stateOf(this.m) === 'dead';
  }
}

registerClass('Application', Application, { blank: () => new Application(null as never) });
