/**
 * Offset commits (ConsumerCoordinator): commitSync retries retriable errors and fails with
 * CommitFailedException once the consumer is no longer a member; commitAsync sends once and only
 * reports. Auto commit runs inside poll(), before fetching: when auto.commit.interval.ms has
 * passed it commits asynchronously the positions — the records returned by earlier polls
 * (`maybeAutoCommitOffsetsAsync`); it also commits synchronously before a rebalance and on close.
 */
import type { GroupErrorCode } from '../../core/trace';
import type { OffsetCommitResponse } from '../../sim/groupMessages';
import { allows, emit, generationOf, isCoordinatorError, memberIdOf, nowOf, send, type MemberCore } from './core';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';
import type { RequestFailure, RequestOwner } from './requests';
import type { AfterCommit, Commit, CommitterPart } from './parts';

/** Kafka's default.api.timeout.ms: how long commitSync keeps retrying. */
const DEFAULT_API_TIMEOUT_MS = 60000;

type Result = GroupErrorCode | null;

const ATTEMPT = defineTask('consumer.commit.attempt', (c: Committer, commit: Commit) => c.send(commit));

export class Committer implements CommitterPart, RequestOwner<Commit, OffsetCommitResponse> {
  private nextAutoCommitAt: number;

  constructor(private readonly m: MemberCore) {
    this.nextAutoCommitAt = nowOf(m) + m.spec['auto.commit.interval.ms'];
  }

  /** Inside poll, before fetching. */
  maybeAutoCommit(): void {
    if (!this.m.spec['enable.auto.commit'] || nowOf(this.m) < this.nextAutoCommitAt) return;
    this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['auto.commit.interval.ms'];
    this.commitPositions(false, { do: 'auto-commit' });
  }

  /** onJoinComplete: the auto commit is rescheduled to one interval from the new assignment. */
  rescheduleAutoCommit(): void {
    this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['auto.commit.interval.ms'];
  }

  /** Before a rebalance and on close: with auto commit on, commit the positions and wait. */
  autoCommitSync(then: AfterCommit): void {
    if (!this.m.spec['enable.auto.commit'] || !allows(this.m, 'committing')) return this.settle(then, null);
    this.commitPositions(true, then);
  }

  /**
   * Offsets the application names (no leader epochs: `new OffsetAndMetadata(offset)`), or the
   * consumer's own positions with theirs (commitPositions).
   */
  commitSync(offsets: Record<string, number>, then: AfterCommit, leaderEpochs: Record<string, number> = {}): void {
    this.send({ offsets, leaderEpochs, sync: true, deadline: nowOf(this.m) + DEFAULT_API_TIMEOUT_MS, then });
  }

  commitAsync(offsets: Record<string, number>, then: AfterCommit = { do: 'nothing' }, leaderEpochs: Record<string, number> = {}): void {
    this.send({ offsets, leaderEpochs, sync: false, deadline: 0, then });
  }

  commitPositions(sync: boolean, then: AfterCommit): void {
    if (sync) this.commitSync(this.m.subs.positions(), then, this.m.subs.positionEpochs());
    else this.commitAsync(this.m.subs.positions(), then, this.m.subs.positionEpochs());
  }

  /** What follows a commit, with its result. */
  private settle(then: AfterCommit, error: Result): void {
    switch (then.do) {
      case 'nothing':
        return;
      case 'auto-commit':
        // A retriable failure retries after retry.backoff.ms instead of a whole interval.
        if (error !== null && isCoordinatorError(error)) this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['retry.backoff.ms'];
        return;
      case 'join-prepared':
        return this.m.rebalancer.joinPrepared(then.flow);
      case 'closed':
        return this.m.self.closed();
      case 'process':
        return this.m.app.committedBeforeProcessing(then.batch, error);
      case 'next-poll':
        return this.m.app.nextPoll();
    }
  }

  /** The commit's OffsetCommit answered (or failed): commitSync retries retriable errors. */
  private sent(commit: Commit, error: Result): void {
    if (commit.sync) {
      const retriable = error !== null && isCoordinatorError(error) && nowOf(this.m) < commit.deadline;
      if (retriable) return void this.m.process.later(this.m.spec['retry.backoff.ms'], ATTEMPT, this, commit);
    }
    if (error !== null) this.report(commit.offsets, commit.sync, error);
    this.settle(commit.then, error);
  }

  /** @internal One OffsetCommit (waiting for the coordinator if it is unknown); also the ATTEMPT task. */
  send(commit: Commit): void {
    if (Object.keys(commit.offsets).length === 0) return this.sent(commit, null);
    // generationIfStable(): only a stable member commits with its generation (the machine's tags).
    if (!allows(this.m, 'committing')) return this.failed(allows(this.m, 'rebalancing') ? 'REBALANCE_IN_PROGRESS' : 'NOT_A_MEMBER', commit);
    if (!this.m.coordination.ensure({ kind: 'commit', commit })) return;
    const coordinator = this.m.coordination.coordinator!;
    const correlationId = this.m.requests.add(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], this, commit);
    send(this.m, coordinator, {
      kind: 'offsetCommit',
      correlationId,
      group: this.m.group,
      memberId: memberIdOf(this.m),
      groupInstanceId: this.m.instanceId,
      generation: generationOf(this.m),
      offsets: commit.offsets,
      leaderEpochs: commit.leaderEpochs,
    });
  }

  /** @internal */
  onResponse(commit: Commit, res: OffsetCommitResponse): void {
    if (res.error === null) {
      this.m.coordination.answered();
      return this.sent(commit, null);
    }
    this.failed(res.error, commit);
  }

  /** @internal */
  onFailure(commit: Commit, failure: RequestFailure): void {
    this.failed(failure, commit);
  }

  private report(offsets: Record<string, number>, sync: boolean, error: GroupErrorCode): void {
    emit(this.m, { t: nowOf(this.m), type: 'CommitFailed', group: this.m.group, member: this.m.name, error, offsets, sync });
  }

  private failed(error: GroupErrorCode, commit: Commit): void {
    if (isCoordinatorError(error)) this.m.coordination.markUnknown();
    else if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') this.m.rebalancer.resetGeneration(error);
    else if (error === 'REBALANCE_IN_PROGRESS') this.m.rebalancer.requestRejoin(error);
    else if (error === 'FENCED_INSTANCE_ID') this.m.self.fail(error);
    this.sent(commit, error);
  }
}

registerClass('Committer', Committer, { blank: () => new Committer({ spec: { 'auto.commit.interval.ms': 0 }, ctx: { queue: { now: 0 } } } as never) });
