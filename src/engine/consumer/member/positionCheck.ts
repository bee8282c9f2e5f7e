/**
 * KIP-320: a consumer checks its position against a new leader before fetching from it. When the
 * leader epoch of a partition changes (a new leader), the position is validated with
 * OffsetForLeaderEpoch: the leader says where the epoch of the last record the consumer read ends
 * in its log. If it ends below the position, the log was truncated under the consumer (an unclean
 * election, a lost page cache): the consumer moves back to that offset, the first one known to
 * diverge, and reads the new leader's records from there instead of skipping them. Kafka's
 * `SubscriptionState.maybeValidatePositionForCurrentLeader` and `maybeCompleteValidation`.
 */
import type { OffsetForLeaderEpochResponse } from '../../sim/groupMessages';
import { registerClass } from '../../core/graphRegistry';
import { emit, nowOf, send, type MemberCore } from './core';
import type { RequestFailure, RequestOwner } from './requests';
import type { OwnedPartition } from './subscriptions';

/** What the check needs of the fetcher that owns it. */
export interface CheckedFetcher {
  forgetLeader(key: string): void;
  /** The position is unknown: find it by auto.offset.reset (Kafka's `requestOffsetReset`). */
  resetPosition(p: OwnedPartition, reason: 'out-of-range'): void;
}

interface CheckRequest {
  p: OwnedPartition;
  /** The position as it was when asked: a position moved since makes the answer stale. */
  position: number;
  leaderEpoch: number;
}

export class PositionCheck implements RequestOwner<CheckRequest, OffsetForLeaderEpochResponse> {
  constructor(
    private readonly m: MemberCore,
    private readonly fetcher: CheckedFetcher,
  ) {}

  /**
   * Whether `p` may be fetched from a leader on `leaderEpoch`: yes when the position was checked
   * against that epoch, or has no epoch to check (Kafka skips validation then); otherwise a check
   * starts (once) and the partition waits for it. Asked only with nothing buffered (the fetcher
   * fetches only then), so no record from the old leader is returned past a truncation.
   */
  fetchable(p: OwnedPartition, leader: number, leaderEpoch: number): boolean {
    if (p.validating) return false;
    if (p.checkedEpoch === leaderEpoch) return true;
    if (p.offsetEpoch === null || p.position === null) {
      p.checkedEpoch = leaderEpoch;
      return true;
    }
    p.validating = true;
    const correlationId = this.m.requests.add(leader, 'data', this.m.spec['request.timeout.ms'], this, { p, position: p.position, leaderEpoch });
    send(this.m, leader, { kind: 'offsetForLeaderEpoch', correlationId, topic: p.topic, partition: p.partition, currentLeaderEpoch: leaderEpoch, leaderEpoch: p.offsetEpoch });
    return false;
  }

  /** @internal */
  onResponse({ p, position, leaderEpoch }: CheckRequest, res: OffsetForLeaderEpochResponse): void {
    p.validating = false;
    if (this.m.subs.owned.get(p.key) !== p || p.position !== position) return this.m.app.wake();
    if (res.error !== null) {
      // A stale or unknown leader epoch, or no longer the leader: new metadata, then check again.
      this.fetcher.forgetLeader(p.key);
      return this.m.app.wake();
    }
    if (res.endOffset < 0 || res.leaderEpoch < 0) {
      // The leader knows nothing of the consumer's epoch: reset by auto.offset.reset.
      this.fetcher.resetPosition(p, 'out-of-range');
    } else if (res.endOffset < position) {
      // Truncated below the position (with no reset policy Kafka throws LogTruncationException,
      // an OffsetOutOfRangeException).
      const policy = this.m.spec['auto.offset.reset'];
      if (policy === 'none') return this.m.self.fail('OFFSET_OUT_OF_RANGE');
      this.m.subs.seek(p, res.endOffset, res.leaderEpoch);
      p.checkedEpoch = leaderEpoch;
      emit(this.m, { t: nowOf(this.m), type: 'OffsetReset', group: this.m.group, member: this.m.name, topic: p.topic, partition: p.partition, offset: res.endOffset, reason: 'truncation', policy });
    } else p.checkedEpoch = leaderEpoch;
    this.m.app.wake();
  }

  /** @internal */
  onFailure({ p }: CheckRequest, _failure: RequestFailure): void {
    p.validating = false;
    this.fetcher.forgetLeader(p.key);
    this.m.app.wake();
  }
}

registerClass('PositionCheck', PositionCheck, { blank: () => new PositionCheck(null as never, null as never) });
