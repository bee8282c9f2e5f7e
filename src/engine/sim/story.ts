/**
 * `story(recordId)`: the chain of events that explains one record's fate — its own steps (sent,
 * request, append, commit, ack, removal, verdict) and, through `cause`, what led to each (a crash,
 * the fencing, the election, the truncation …), oldest first, ending in its last verdict when it
 * has one. Works from the per-record index and the event log, not from a recorded trace: a
 * verdict pins its story as it stands, and a step the ring no longer holds is rebuilt from the
 * index for this record alone (its `recordIds` list just this record).
 */
import { VERDICT_TYPES, type Traced } from '../core/trace';
import type { EventLog } from './eventLog';
import type { RecordEvents, RecordFacts } from './recordEvents';
import { registerClass } from '../core/graphRegistry';

const VERDICTS: ReadonlySet<string> = new Set(VERDICT_TYPES);

export class StoryBook {
  /** recordId → ids of its verdicts (a record may be duplicated and reordered, skipped by two groups …). */
  private readonly verdicts = new Map<number, number[]>();

  constructor(
    private readonly index: RecordEvents,
    private readonly log: EventLog,
    private readonly ledger: { facts(recordId: number): RecordFacts | null },
  ) {}

  /** Called once a verdict event is in the log: pins the story as it stands. */
  onVerdict(e: Traced & { recordId: number }): void {
    const list = this.verdicts.get(e.recordId);
    if (list) list.push(e.id);
    else this.verdicts.set(e.recordId, [e.id]);
    this.log.pin(this.story(e.recordId));
  }

  story(recordId: number): Traced[] {
    const facts = this.ledger.facts(recordId);
    const start = [...this.index.eventIds(recordId), ...(this.verdicts.get(recordId) ?? [])];
    const seen = new Set<number>();
    const out: Traced[] = [];
    while (start.length > 0) {
      const id = start.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      // The ring moved on: the record's own routine steps are rebuilt from the index.
      const e = this.log.get(id) ?? (facts ? this.index.rebuild(recordId, id, facts) : undefined);
      if (!e) continue;
      // Another record's own step, reached through a shared cause (a batch's request is caused by
      // the send of its first record): not part of this record's story ("p1 sent record #56" in
      // the story of #151 reads as if #151 were #56).
      if (isOtherRecords(e, recordId)) continue;
      out.push(e);
      if (e.cause) start.push(e.cause);
      if (e.type === 'RecordLost') {
        if (e.election) start.push(e.election);
        // Why the new leader lacked it: the slowed or cut link it was under (acks=0 and acks=1).
        if (e.heldBackBy) start.push(e.heldBackBy);
      }
      // A member stopped holding records its group had committed past: that commit.
      if (e.type === 'RecordSkipped' && e.commit) start.push(e.commit);
    }
    out.sort((a, b) => a.id - b.id);
    // End at the last verdict: what happened to other copies afterwards is another story.
    let end = out.length;
    for (let i = out.length - 1; i >= 0; i--) {
      const e = out[i]!;
      if (VERDICTS.has(e.type) && (e as { recordId?: number }).recordId === recordId) {
        end = i + 1;
        break;
      }
    }
    return out.slice(0, end);
  }
}

function isOtherRecords(e: Traced, recordId: number): boolean {
  const own = (e as { recordId?: number }).recordId;
  return own !== undefined && own !== recordId;
}

registerClass('StoryBook', StoryBook, { blank: () => new StoryBook(null as never, null as never, null as never) });
