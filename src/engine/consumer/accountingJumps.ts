/**
 * Where a group's consumers jumped over records without reading them: an OffsetReset that moved a
 * position past offsets the group had not polled (auto.offset.reset=latest for a group with no
 * committed offset, or for a position out of range). When the group later commits past such a
 * record, the reset is why it was skipped, and its RecordSkipped names it as the cause: the commit
 * only settles it (consumer/accounting.ts). And where each member was last placed on a partition
 * (assigned it, its position then read from the committed offset; or reset): when it processes a
 * record again, that placement is why.
 */
import type { Traced } from '../core/trace';
import { registerClass } from '../core/graphRegistry';

interface Jump {
  /** Offsets from..to-1 were jumped over. */
  readonly from: number;
  readonly to: number;
  /** The OffsetReset. */
  readonly id: number;
}

export class OffsetJumps {
  /** group → "topic-N" → the jumps, oldest first (a few per partition: resets are rare). */
  private readonly jumps = new Map<string, Map<string, Jump[]>>();
  /** "group/member/topic-N" → the MemberAssigned or OffsetReset that last placed the member there. */
  private readonly placed = new Map<string, number>();

  /** The member was given `key` (MemberAssigned, added) or reset on it (OffsetReset). */
  place(group: string, member: string, key: string, event: Traced): void {
    this.placed.set(`${group}/${member}/${key}`, event.id);
  }

  /** The id of the event that last placed the member on `key` (0: none). */
  placement(group: string, member: string, key: string): number {
    return this.placed.get(`${group}/${member}/${key}`) ?? 0;
  }

  /** A member of `group` reset `key` to `reset.offset`; the group had polled up to `polledTo`. */
  note(group: string, key: string, polledTo: number, reset: Traced & { type: 'OffsetReset' }): void {
    if (reset.offset <= polledTo) return;
    let byKey = this.jumps.get(group);
    if (!byKey) this.jumps.set(group, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ from: polledTo, to: reset.offset, id: reset.id });
  }

  /** The id of the latest reset that jumped over `offset` (0: none). */
  over(group: string, key: string, offset: number): number {
    const list = this.jumps.get(group)?.get(key);
    if (!list) return 0;
    for (let i = list.length - 1; i >= 0; i--) if (offset >= list[i]!.from && offset < list[i]!.to) return list[i]!.id;
    return 0;
  }
}

registerClass('OffsetJumps', OffsetJumps, { blank: () => new OffsetJumps() });
