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
import type { Job } from './process';
import { emit, nowOf, stateOf, type MemberCore } from './core';
import type { GroupErrorCode } from '../../core/trace';
import type { AfterCommit, ApplicationPart, PolledBatch as Batch, Waiter } from './parts';
import type { PolledRecord } from './subscriptions';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';

/** The application's poll(Duration): how long one poll waits for records. */
export const POLL_TIMEOUT_MS = 100;

type AppState = 'in-poll' | 'busy' | 'stopped';

/** What waits for the coordinator on the poll's behalf (data, never changed: one for every wait). */
const APP_WAKE: Waiter = { kind: 'app-wake' };
/** A batch's own offsets when nobody reads them (in the poll loop): never changed. */
const NO_OFFSETS: Record<string, number> = {};

const POLL_DEADLINE = defineTask('consumer.app.pollDeadline', (a: Application) => a.pollDeadlinePassed());
const POLL_INTERVAL_EXPIRED = defineTask('consumer.app.pollIntervalExpired', (a: Application) => a.pollIntervalExpired());
const POLL = defineTask('consumer.app.poll', (a: Application) => a.poll());
const RECORD_PROCESSED = defineTask('consumer.app.recordProcessed', (a: Application) => a.recordProcessed());

export class Application implements ApplicationPart {
  private state: AppState = 'busy';
  /** poll(100 ms)'s deadline and max.poll.interval.ms: re-armed on every poll, they seldom fire. */
  private readonly pollDeadline: LazyTimer;
  private readonly pollTimer: LazyTimer;
  /**
   * The next poll and the next record's end: set once per batch or record and always fired, so a
   * reusable timer each (no task per poll or record), with their work made once (no object per arm).
   */
  private readonly pollSoon: LazyTimer;
  private readonly recordTimer: LazyTimer;
  private readonly jobs: { deadline: Job; interval: Job; poll: Job; record: Job };
  private closeRequested = false;
  private current: Batch | null = null;
  private readonly workQueue: Batch[] = [];
  private working: Batch | null = null;

  constructor(private readonly m: MemberCore) {
    // (A checkpoint's blank is made without a core: its timers are read back from the checkpoint.)
    this.pollDeadline = m?.process.timer();
    this.pollTimer = m?.process.timer();
    this.pollSoon = m?.process.timer();
    this.recordTimer = m?.process.timer();
    const process = m?.process;
    this.jobs = process && {
      deadline: process.job(POLL_DEADLINE, this),
      interval: process.job(POLL_INTERVAL_EXPIRED, this),
      poll: process.job(POLL, this),
      record: process.job(RECORD_PROCESSED, this),
    };
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
    this.m.process.armJob(this.pollDeadline, POLL_TIMEOUT_MS, this.jobs.deadline);
    this.pollStep();
  }

  /** @internal The POLL_DEADLINE task. */
  pollDeadlinePassed(): void {
    // poll() returned nothing in time; the loop calls it again.
    if (this.state === 'in-poll') this.poll();
  }

  private pollStep(): void {
    if (!this.m.coordination.ensure(APP_WAKE) || !this.m.rebalancer.ensureActiveGroup()) return;
    this.m.committer.maybeAutoCommit();
    if (!this.m.fetcher.ensurePositions()) return;
    const records = this.m.subs.drain(this.m.spec['max.poll.records']);
    // Fetches go out before poll returns, so the next batch arrives while this one is processed.
    this.m.fetcher.sendFetches();
    if (records.length > 0) this.returned(records);
  }

  /** max.poll.interval.ms after a poll() call, the heartbeat thread gives up on the application. */
  private armPollTimeout(): void {
    this.m.process.armJob(this.pollTimer, this.m.spec['max.poll.interval.ms'], this.jobs.interval);
  }

  /** @internal The POLL_INTERVAL_EXPIRED task. */
  pollIntervalExpired(): void {
    if (this.state === 'busy') this.m.rebalancer.pollTimeout();
  }

  private returned(records: PolledRecord[]): void {
    this.pollDeadline.disarm();
    this.state = 'busy';
    const ranges: Record<string, [number, number]> = {};
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const range = ranges[r.partition];
      if (range) range[1] = r.offset;
      else ranges[r.partition] = [r.offset, r.offset];
    }
    const generation = this.m.machine.getSnapshot().context.generation;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsPolled', group: this.m.group, member: this.m.name, generation, count: records.length, ranges });
    // Only the async worker commits a batch's own offsets (one past each partition's last record).
    let next = NO_OFFSETS;
    if (this.m.spec.processing === 'async') {
      next = {};
      for (const key in ranges) next[key] = ranges[key]![1] + 1;
    }
    const batch: Batch = { records, next, done: 0 };
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
    // Only a commit after processing reads the positions: no offsets gathered for nothing.
    const style = this.m.spec.commit;
    if (style === 'sync-after-processing' || style === 'async-after-processing') this.afterProcessing(this.m.subs.positions(), { do: 'next-poll' }, this.m.subs.positionEpochs());
    else this.nextPoll();
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
    // (Already armed: this poll is a task of its own, as every poll was.)
    if (this.pollSoon.armed) this.m.process.later(0, POLL, this);
    else this.m.process.armJob(this.pollSoon, 0, this.jobs.poll);
  }

  /** Processes the batch's records one after another, processing.ms each. */
  private processNext(batch: Batch): void {
    if (batch.done === batch.records.length) {
      this.report(batch);
      return this.processed(batch);
    }
    if (this.m.spec['processing.ms'] === 0) {
      batch.done = batch.records.length;
      return this.processNext(batch);
    }
    // The batch in hand is `current` (in the poll loop) or `working` (the worker) until it is done.
    if (this.recordTimer.armed) this.m.process.later(this.m.spec['processing.ms'], RECORD_PROCESSED, this);
    else this.m.process.armJob(this.recordTimer, this.m.spec['processing.ms'], this.jobs.record);
  }

  /** @internal The RECORD_PROCESSED task: one more record of the batch in hand is done. */
  recordProcessed(): void {
    const batch = (this.current ?? this.working)!;
    batch.done++;
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
    if (batch.done === 0) return;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsProcessed', group: this.m.group, member: this.m.name, recordIds: doneIds(batch) });
    batch.done = 0;
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
    if (batch.done === 0) return;
    emit(this.m, { t: nowOf(this.m), type: 'RecordsProcessed', group: this.m.group, member: this.m.name, recordIds: doneIds(batch) });
    batch.done = 0;
  }

  get isStopped(): boolean {
    return this.state === 'stopped' || stateOf(this.m) === 'dead';
  }
}

/** The ids of the batch's records processed so far (its first `done`). */
function doneIds(batch: Batch): number[] {
  const ids = new Array<number>(batch.done);
  for (let i = 0; i < batch.done; i++) ids[i] = batch.records[i]!.record.id;
  return ids;
}

registerClass('Application', Application, { blank: () => new Application(null as never) });
