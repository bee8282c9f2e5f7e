/**
 * Offset commits (ConsumerCoordinator): commitSync retries retriable errors and fails with
 * CommitFailedException once the consumer is no longer a member; commitAsync sends once and only
 * reports. Auto commit runs inside poll(), before fetching: when auto.commit.interval.ms has
 * passed it commits asynchronously the positions — the records returned by earlier polls
 * (`maybeAutoCommitOffsetsAsync`); it also commits synchronously before a rebalance and on close.
 */
import type { GroupErrorCode } from '../../core/trace';
import type { OffsetCommitResponse } from '../messages';
import { emit, generationOf, isCoordinatorError, memberIdOf, nowOf, send, stateOf, type MemberCore } from './core';
import { registerClass } from '../../core/graphRegistry';

/** Kafka's default.api.timeout.ms: how long commitSync keeps retrying. */
const DEFAULT_API_TIMEOUT_MS = 60000;

type Result = GroupErrorCode | null;

export class Committer {
  private nextAutoCommitAt: number;

  constructor(private readonly m: MemberCore) {
    this.nextAutoCommitAt = nowOf(m) + m.spec['auto.commit.interval.ms'];
  }

  /** Inside poll, before fetching. */
  maybeAutoCommit(): void {
    if (!this.m.spec['enable.auto.commit'] || nowOf(this.m) < this.nextAutoCommitAt) return;
    this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['auto.commit.interval.ms'];
    this.commitAsync(this.m.subs.positions(), (error) => {
      // A retriable failure retries after retry.backoff.ms instead of a whole interval.
      if (error !== null && isCoordinatorError(error)) this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['retry.backoff.ms'];
    });
  }

  /** onJoinComplete: the auto commit is rescheduled to one interval from the new assignment. */
  rescheduleAutoCommit(): void {
    this.nextAutoCommitAt = nowOf(this.m) + this.m.spec['auto.commit.interval.ms'];
  }

  /** Before a rebalance and on close: with auto commit on, commit the positions and wait. */
  autoCommitSync(then: () => void): void {
    if (!this.m.spec['enable.auto.commit'] || stateOf(this.m) !== 'stable') return then();
    this.commitSync(this.m.subs.positions(), () => then());
  }

  commitSync(offsets: Record<string, number>, then: (error: Result) => void): void {
    const deadline = nowOf(this.m) + DEFAULT_API_TIMEOUT_MS;
    const attempt = (): void => {
      this.send(offsets, (error) => {
        const retriable = error !== null && isCoordinatorError(error) && nowOf(this.m) < deadline;
        if (retriable) return void this.m.process.later(this.m.spec['retry.backoff.ms'], attempt);
        if (error !== null) this.report(offsets, true, error);
        then(error);
      });
    };
    attempt();
  }

  commitAsync(offsets: Record<string, number>, then?: (error: Result) => void): void {
    this.send(offsets, (error) => {
      if (error !== null) this.report(offsets, false, error);
      then?.(error);
    });
  }

  /** One OffsetCommit (waiting for the coordinator if it is unknown). */
  private send(offsets: Record<string, number>, then: (error: Result) => void): void {
    if (Object.keys(offsets).length === 0) return then(null);
    const state = stateOf(this.m);
    // generationIfStable(): only a stable member commits with its generation.
    if (state !== 'stable') return this.failed(state === 'unjoined' || state === 'dead' ? 'NOT_A_MEMBER' : 'REBALANCE_IN_PROGRESS', then);
    if (!this.m.coordination.ensure(() => this.send(offsets, then))) return;
    const coordinator = this.m.coordination.coordinator!;
    const correlationId = this.m.requests.add<OffsetCommitResponse>(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], (res) => {
      if (res.error === null) {
        this.m.coordination.answered();
        return then(null);
      }
      this.failed(res.error, then);
    }, (failure) => this.failed(failure, then));
    send(this.m, coordinator, {
      kind: 'offsetCommit',
      correlationId,
      group: this.m.group,
      memberId: memberIdOf(this.m),
      groupInstanceId: this.m.instanceId,
      generation: generationOf(this.m),
      offsets,
    });
  }

  private report(offsets: Record<string, number>, sync: boolean, error: GroupErrorCode): void {
    emit(this.m, { t: nowOf(this.m), type: 'CommitFailed', group: this.m.group, member: this.m.name, error, offsets, sync });
  }

  private failed(error: GroupErrorCode, then: (error: Result) => void): void {
    if (isCoordinatorError(error)) this.m.coordination.markUnknown();
    else if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') this.m.rebalancer.resetGeneration(error);
    else if (error === 'REBALANCE_IN_PROGRESS') this.m.rebalancer.requestRejoin(error);
    else if (error === 'FENCED_INSTANCE_ID') this.m.self.fail(error);
    then(error);
  }
}

registerClass('Committer', Committer);
